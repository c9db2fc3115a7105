import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { apiPost, createCluster, createHost } from "./fixtures/api";
import { E2E } from "./fixtures/env";

// Issue 4: the CA page, issuing for a host, the expiry dashboard with filters and CSV, read-only for viewers.
test.describe.configure({ mode: "serial" });

const HOST = "cert-host-1";
const VIEWER = { name: "cert-viewer", password: "cert-viewer-password-e2e-31", role: "viewer" };

function certRows(page: Page, text: string) {
  return page.getByRole("table", { name: "Certificates" }).getByRole("row").filter({ hasText: text });
}

// Buttons inside the page's main content, by accessible name (the app shell only adds "Log out").
async function mainButtons(page: Page): Promise<string[]> {
  const names: string[] = [];
  for (const b of await page.getByRole("main").getByRole("button").all()) names.push(((await b.getAttribute("aria-label")) ?? (await b.innerText())).trim());
  return names;
}

async function expectNoPrivateKey(page: Page) {
  expect(await page.content()).not.toContain("PRIVATE KEY");
}

test("an admin creates the CA, issues for a host and reads the expiry dashboard", async ({ page }) => {
  await page.goto("/ca");
  await expect(page.getByRole("heading", { level: 1, name: "Certificate authority" })).toBeVisible();
  const create = page.getByRole("form", { name: "Create CA" });
  await expect(page.getByRole("form", { name: "Import CA" })).toBeVisible();
  await expect(page.getByRole("form", { name: "Use external certificates" })).toBeVisible();
  await create.getByLabel("Common name").fill("E2E Test CA");
  await expect(create.getByLabel("Key bits")).toHaveValue("3072");
  await create.getByRole("button", { name: "Create CA" }).click();

  const details = page.getByRole("region", { name: "Details" });
  await expect(details).toContainText("CN=E2E Test CA");
  await expect(details).toContainText(`Not after${new Date().getUTCFullYear() + 10}-`);
  await expect(page.getByLabel("CA certificate PEM")).toContainText("-----BEGIN CERTIFICATE-----");
  await expect(page.getByRole("button", { name: "Publish CRL now" })).toBeVisible();
  await expectNoPrivateKey(page);

  const cluster = await createCluster(page.request, "cert-cl");
  const host = await createHost(page.request, { name: HOST, address: "198.18.0.235", clusterId: cluster.id });
  const issued = await apiPost<{ clientDn: string }>(page.request, `/api/v1/hosts/${host.id}/certificates`, {});
  expect(issued.clientDn).toContain(`CN=${HOST}`);

  await page.goto("/certificates");
  await expect(page.getByRole("figure", { name: "Expiry timeline" })).toBeVisible();
  const rows = certRows(page, HOST);
  await expect(rows).toHaveCount(2);
  for (const row of await rows.all()) {
    await expect(row.getByRole("cell").nth(8)).toHaveText("fine");
    await expect(row.getByRole("cell").nth(7)).toHaveText(/^36[45]$/);
  }
  await expect(certRows(page, "E2E Test CA")).toHaveCount(1);
  await expectNoPrivateKey(page);

  // The band summary links to the filtered list; the URL carries the view.
  await page.getByRole("list", { name: "Certificates per band" }).getByRole("link", { name: /fine/ }).click();
  await expect(page).toHaveURL(/band=ok/);
  await expect(certRows(page, HOST)).toHaveCount(2);
  await page.getByRole("link", { name: "Host", exact: true }).click();
  await expect(page).toHaveURL(/sort=host/);
  await expect(page).toHaveURL(/band=ok/);

  await page.getByLabel("Kind").selectOption("server");
  await page.getByLabel("Host", { exact: true }).fill(HOST);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/kind=server/);
  await expect(certRows(page, HOST)).toHaveCount(1);
  await expect(certRows(page, "E2E Test CA")).toHaveCount(0);
  await expect(certRows(page, HOST).getByRole("cell").nth(1)).toHaveText("server");

  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveAttribute("href", new RegExp(`[?&]host=${HOST}(&|$)`));
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  const csv = fs.readFileSync(await download.path(), "utf8").trim().split(/\r?\n/);
  expect(csv[0]).toBe("host,kind,source,path,serial,sha256,subject,sans,notBefore,notAfter,daysLeft,band,revokedAt");
  expect(csv).toHaveLength(2);
  expect(csv[1]).toMatch(new RegExp(`^${HOST},server,issued,`));
  expect(csv[1]).toMatch(/,36[45],ok,$/);
});

test("the host page issues, shows the DN and drift, and revokes", async ({ page }) => {
  const cluster = await createCluster(page.request, "panel-cl");
  const host = await createHost(page.request, { name: "panel-host", address: "198.18.0.236", clusterId: cluster.id, names: ["panel-host.lab"] });
  await page.goto(`/hosts/${host.id}`);
  const panel = page.getByRole("region", { name: "Certificates" });
  await panel.getByRole("button", { name: "Issue certificates" }).click();
  await expect(panel.getByLabel("tls_allowed_dn_list entry", { exact: true })).toContainText("CN=panel-host");
  await expect(panel.getByRole("button", { name: "Re-issue certificates" })).toBeVisible();
  await page.request.patch(`/api/v1/hosts/${host.id}`, { data: { names: ["panel-host.lab", "new.lab"] }, headers: { origin: E2E.baseURL } });
  await page.reload();
  await expect(panel.getByRole("alert", { name: "SAN drift" })).toContainText("DNS:new.lab");
  page.once("dialog", (d) => d.accept());
  await panel.getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(panel.getByText(/2 revoked certificates on record/)).toBeVisible();
});

test("a viewer sees certificates and the CA without any action", async ({ page, browser }) => {
  await apiPost(page.request, "/api/v1/users", VIEWER);
  const context = await browser.newContext({ baseURL: E2E.baseURL, storageState: { cookies: [], origins: [] } });
  const viewer = await context.newPage();
  await viewer.goto("/login");
  await viewer.getByLabel("User name").fill(VIEWER.name);
  await viewer.getByLabel("Password").fill(VIEWER.password);
  await viewer.getByRole("button", { name: "Log in" }).click();
  await expect(viewer.getByRole("heading", { name: "Overview" })).toBeVisible();

  await viewer.goto("/certificates");
  await expect(certRows(viewer, HOST)).toHaveCount(2);
  await expect(viewer.getByRole("button", { name: "Run renewal now" })).toHaveCount(0);
  await expect(viewer.getByRole("form")).toHaveCount(0);
  expect(await mainButtons(viewer)).toEqual(["Filter"]);

  await viewer.goto("/ca");
  await expect(viewer.getByRole("region", { name: "Details" })).toContainText("CN=E2E Test CA");
  await expect(viewer.getByRole("region", { name: "PKI settings" })).toContainText("365 days");
  await expect(viewer.getByRole("form")).toHaveCount(0);
  for (const name of ["Publish CRL now", "Save settings", "Create CA", "Import CA"]) await expect(viewer.getByRole("button", { name })).toHaveCount(0);
  expect(await mainButtons(viewer)).toEqual(["Copy CA certificate"]);
  await expectNoPrivateKey(viewer);
  await context.close();
});
