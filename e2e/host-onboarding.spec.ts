import { expect, test } from "@playwright/test";
import { authorizeDashboardKey, labHost } from "./fixtures/lab";

// Spec 1: an admin onboards lab host hv1 through the UI: cluster, host, host key, facts.
test.describe.configure({ mode: "serial" });

let hostUrl = "";

test("admin creates a cluster and adds a host pointing at lab host hv1", async ({ page }) => {
  await page.goto("/clusters");
  const create = page.getByRole("form", { name: "Create cluster" });
  await create.getByLabel("Cluster name").fill("lab");
  await create.getByLabel("Security policy").selectOption("tls");
  await create.getByRole("button", { name: "Create cluster" }).click();
  await expect(create.getByRole("status")).toHaveText("Cluster created.");
  await expect(page.getByRole("table", { name: "Clusters" }).getByRole("cell", { name: "lab", exact: true })).toBeVisible();

  await page.goto("/hosts");
  const add = page.getByRole("form", { name: "Add host" });
  await add.getByLabel("Name", { exact: true }).fill("hv1");
  await add.getByLabel("Address", { exact: true }).fill("198.18.0.11");
  await add.getByLabel("Cluster", { exact: true }).selectOption({ label: "lab" });
  await add.getByLabel("DNS names").fill("hv1.lab, hv1");
  await add.getByLabel("IP addresses").fill("198.18.0.11");
  await add.getByLabel("Tags").fill("lab rack1");
  await add.getByRole("button", { name: "Add host" }).click();
  await expect(add.getByRole("status")).toContainText("Host hv1 added");
  const row = page.getByRole("table", { name: "Hosts" }).getByRole("row", { name: /hv1/ });
  await expect(row.getByText("unpinned")).toBeVisible();

  await add.getByRole("link", { name: "open hv1" }).click();
  await expect(page.getByRole("heading", { name: "hv1", level: 1 })).toBeVisible();
  hostUrl = new URL(page.url()).pathname;
});

test("admin fetches hv1's host key, pins it and gathers its facts", async ({ page }) => {
  await authorizeDashboardKey(page.request);
  const lab = labHost("hv1");
  expect(hostUrl).toMatch(/^\/hosts\/.+/);
  await page.goto(hostUrl);

  const keyPanel = page.getByRole("region", { name: "SSH host key" });
  await expect(keyPanel.getByText("Not pinned")).toBeVisible();
  await keyPanel.getByRole("button", { name: "Fetch host key" }).click();
  const offered = keyPanel.getByLabel("Offered fingerprint");
  await expect(offered).toHaveText(/^SHA256:[A-Za-z0-9+/]{43}$/);
  await expect(offered).toHaveText(lab.hostKeyFingerprint);

  await keyPanel.getByRole("button", { name: "Pin this key" }).click();
  await expect(keyPanel.getByText("Pinned", { exact: true })).toBeVisible();
  await expect(keyPanel.getByLabel("Pinned fingerprint")).toHaveText(lab.hostKeyFingerprint);

  const facts = page.getByRole("region", { name: "Facts" });
  await facts.getByRole("button", { name: "Gather facts" }).click();
  await expect(facts.getByRole("progressbar", { name: "Job progress" })).toBeVisible();
  await expect(facts.getByRole("list", { name: "Job steps" }).getByText("gather facts")).toBeVisible({ timeout: 60_000 });
  const factList = facts.getByLabel("Host facts");
  await expect(factList).toBeVisible({ timeout: 90_000 });
  await expect(factList).toContainText(/libvirt version\s*9\./);
  await expect(factList).toContainText("libvirt-qemu:libvirt-qemu");

  await page.goto("/hosts");
  await expect(page.getByRole("table", { name: "Hosts" }).getByRole("row", { name: /hv1/ }).getByText("pinned", { exact: true })).toBeVisible();
  if (process.env.VS_SCREENSHOTS) {
    await page.screenshot({ path: "docs/screenshot-hosts.png", fullPage: true });
    await page.goto(hostUrl);
    await page.screenshot({ path: "docs/screenshot-host.png", fullPage: true });
  }
});
