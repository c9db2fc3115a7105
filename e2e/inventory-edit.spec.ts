import { expect, test } from "@playwright/test";
import { createCluster, createHost, hostNames } from "./fixtures/api";
import { E2E } from "./fixtures/env";

// Editing and deleting from the UI: field errors beside the field, confirmations, refusals audited.
test("an admin edits a host, sees a field error next to the field, then deletes it", async ({ page }) => {
  const cluster = await createCluster(page.request, "edit-cl");
  const host = await createHost(page.request, { name: "edit-me", address: "198.18.0.231", clusterId: cluster.id });
  await page.goto(`/hosts/${host.id}`);
  const form = page.getByRole("form", { name: "Edit host" });

  await form.getByLabel("SSH port").fill("99999");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form.getByRole("alert")).toContainText("sshPort");
  await expect(form.getByLabel("SSH port")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("SSH port")).toHaveValue("99999");

  await form.getByLabel("SSH port").fill("2222");
  await form.getByLabel("Tags").fill("edited, blue");
  await form.getByLabel("Migration address").fill("198.18.0.232");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved.");
  const details = page.getByRole("region", { name: "Details" });
  await expect(details).toContainText("root@198.18.0.231:2222");
  await expect(details).toContainText("198.18.0.232");
  await expect(details.getByText("blue", { exact: true })).toBeVisible();

  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Delete host" }).click();
  await expect(page).toHaveURL(/\/hosts$/);
  expect(await hostNames(page.request)).not.toContain("edit-me");
});

test("an admin changes a cluster's policy and cannot delete a cluster that still has hosts", async ({ page }) => {
  const cluster = await createCluster(page.request, "policy-cl");
  await createHost(page.request, { name: "policy-host", address: "198.18.0.241", clusterId: cluster.id });
  await page.goto("/clusters");
  const row = page.getByRole("table", { name: "Clusters" }).getByRole("row", { name: /policy-cl/ });
  await row.getByLabel("Policy for policy-cl").selectOption("prefer-tls");
  await row.getByRole("button", { name: "Save policy" }).click();
  await expect(row.getByText("prefer-tls", { exact: true }).first()).toBeVisible();
  await expect.poll(async () => ((await (await page.request.get(`/api/v1/clusters/${cluster.id}`)).json()) as { policy: string }).policy).toBe("prefer-tls");

  page.once("dialog", (d) => void d.accept());
  await row.getByRole("button", { name: "Delete" }).click();
  await expect(row.getByRole("alert")).toContainText("still has 1 host");
});

test("a wrong password is refused, and the audit log's refused filter shows it", async ({ page, browser }) => {
  const anon = await browser.newContext({ baseURL: E2E.baseURL, storageState: { cookies: [], origins: [] } });
  const login = await anon.newPage();
  await login.goto("/login");
  await login.getByLabel("User name").fill("admin");
  await login.getByLabel("Password").fill("not-the-password-at-all");
  await login.getByRole("button", { name: "Log in" }).click();
  await expect(login.getByRole("form", { name: "Log in" }).getByRole("alert")).toHaveText("Wrong user name or password");
  await expect(login.getByLabel("User name")).toHaveValue("admin");
  await anon.close();

  await page.goto("/audit");
  await page.getByRole("navigation", { name: "Filter by result" }).getByRole("link", { name: "refused" }).click();
  await expect(page).toHaveURL(/result=refused/);
  const table = page.getByRole("table", { name: "Audit log" });
  await expect(table.getByRole("row", { name: /session\.login/ }).first()).toBeVisible();
  await expect(table.getByRole("cell", { name: "ok", exact: true })).toHaveCount(0);
});
