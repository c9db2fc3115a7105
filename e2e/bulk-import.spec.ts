import { expect, test } from "@playwright/test";
import { createCluster, hostNames } from "./fixtures/api";

// Spec 2: a bulk import with one bad row is rejected as a whole and says which row and field.
test("bulk import with one bad row shows the row error and adds nothing", async ({ page }) => {
  await createCluster(page.request, "import-cl", "prefer-tls");
  const csv = [
    "name,address,sshPort,sshUser,cluster,names,ips,migrationAddress,tags",
    "imp-a,198.18.0.201,22,root,import-cl,imp-a.lab,198.18.0.201,,bulk",
    "imp-b,198.18.0.202,70000,root,import-cl,,,,bulk",
    "imp-c,198.18.0.203,22,root,import-cl,,,,bulk",
  ].join("\n");

  await page.goto("/hosts");
  const form = page.getByRole("form", { name: "Import hosts" });
  await form.getByLabel("CSV or JSON").fill(csv);
  await form.getByRole("button", { name: "Import hosts" }).click();
  await expect(form.getByRole("alert")).toContainText("Import rejected, nothing was written");
  const errors = form.getByRole("list", { name: "Import errors" });
  await expect(errors.getByRole("listitem")).toHaveCount(1);
  await expect(errors.getByRole("listitem")).toHaveText(/^line 3 sshPort: /);
  // The pasted text is kept so the operator can fix the row.
  await expect(form.getByLabel("CSV or JSON")).toHaveValue(csv);
  expect((await hostNames(page.request)).filter((n) => n.startsWith("imp-"))).toEqual([]);

  await form.getByLabel("CSV or JSON").fill(csv.replace("70000", "2222"));
  await form.getByRole("button", { name: "Import hosts" }).click();
  await expect(form.getByRole("status")).toHaveText("Imported 3 host(s).");
  expect((await hostNames(page.request)).filter((n) => n.startsWith("imp-")).sort()).toEqual(["imp-a", "imp-b", "imp-c"]);

  const exported = await page.request.get("/api/v1/hosts/export?format=csv");
  expect(exported.status()).toBe(200);
  expect(await exported.text()).toContain("imp-b,198.18.0.202,2222,root,import-cl");
});

test("bulk import accepts an uploaded JSON file", async ({ page }) => {
  await createCluster(page.request, "upload-cl");
  await page.goto("/hosts");
  const form = page.getByRole("form", { name: "Import hosts" });
  await form.getByLabel("…or upload a file").setInputFiles({
    name: "hosts.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify([{ name: "up-a", address: "198.18.0.211", cluster: "upload-cl", tags: ["json"] }])),
  });
  await form.getByRole("button", { name: "Import hosts" }).click();
  await expect(form.getByRole("status")).toHaveText("Imported 1 host(s).");
  await page.goto("/hosts?tag=json");
  await expect(page.getByRole("table", { name: "Hosts" }).getByRole("link", { name: "up-a" })).toBeVisible();
});
