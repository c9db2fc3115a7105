// The checks' pages in a browser: a viewer sees the overview, the port and TLS matrix, the
// security audit and the wall screen, and finds no way to start a check; a share link opens the
// wall screen without an account and nothing else, and stops working once revoked. Nothing here
// probes a host: no check is started (the hosts are in 198.18.0.0/15, never reached).
import { expect, test, type Browser, type Page } from "@playwright/test";
import { apiPost, createCluster, createHost } from "./fixtures/api";
import { E2E } from "./fixtures/env";

const VIEWER = { name: "checks-ui-viewer", password: "tangerine-orbit-quiet-lamp-58" };
// Buttons any role may have on these pages: logging out and the clipboard helpers of the SSH key panel.
const READ_ONLY_BUTTONS = new Set(["Log out", "Filter", "Copy public key", "Copy install command"]);
const NO_STATE = { cookies: [], origins: [] };

async function expectNoWriteControls(page: Page, path: string) {
  const app = page.getByRole("banner").or(page.getByRole("main"));
  for (const b of await app.getByRole("button").all()) {
    const name = ((await b.getAttribute("aria-label")) ?? (await b.innerText())).trim();
    expect(READ_ONLY_BUTTONS, `unexpected button "${name}" on ${path}`).toContain(name);
  }
  await expect(page.getByRole("button", { name: "Check now" })).toHaveCount(0);
  await expect(page.locator('form[aria-label="Check now"]')).toHaveCount(0);
}

async function logIn(browser: Browser, user: { name: string; password: string }): Promise<Page> {
  const context = await browser.newContext({ baseURL: E2E.baseURL, storageState: NO_STATE });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("User name").fill(user.name);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  return page;
}

test("a viewer sees the overview, the matrix, the security audit and the wall screen, and cannot start a check", async ({ page, request, browser }) => {
  const cluster = await createCluster(request, "checks-ui");
  // The cluster filter shows once there are two clusters to choose from; this spec may run first.
  await createCluster(request, "checks-ui-other");
  const h1 = await createHost(request, { name: "checks-ui-h1", address: "198.18.0.241", clusterId: cluster.id });
  await createHost(request, { name: "checks-ui-h2", address: "198.18.0.242", clusterId: cluster.id });
  await apiPost(request, "/api/v1/users", { ...VIEWER, role: "viewer" });

  // The admin may start a check: the button the viewer must not have is really there for others.
  await page.goto(`/ports?cluster=${cluster.id}`);
  await expect(page.getByRole("button", { name: "Check now" })).toBeVisible();

  const viewer = await logIn(browser, VIEWER);
  await expect(viewer.getByRole("region", { name: "TLS readiness" })).toBeVisible();
  await expect(viewer.getByLabel("Not gathered", { exact: true })).toBeVisible();
  await expect(viewer.getByLabel("Blocked pairs", { exact: true })).toBeVisible();
  await expect(viewer.getByRole("region", { name: "Worst findings" })).toBeVisible();
  await expect(viewer.getByRole("region", { name: "Certificates expiring soon" })).toBeVisible();
  await expectNoWriteControls(viewer, "/");

  await viewer.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Ports and TLS" }).click();
  await expect(viewer.getByRole("heading", { level: 1, name: "Ports and TLS" })).toBeVisible();
  await viewer.getByRole("navigation", { name: "Cluster" }).getByRole("link", { name: "checks-ui", exact: true }).click();
  await expect(viewer).toHaveURL(new RegExp(`[?&]cluster=${cluster.id}`));
  const migration = viewer.getByRole("table", { name: "Migration range matrix" });
  await expect(migration.getByRole("rowheader", { name: "checks-ui-h1" })).toBeVisible();
  await expect(migration.locator('td[title="checks-ui-h1 → checks-ui-h2: not checked"]')).toHaveCount(1);
  await expect(viewer.getByRole("table", { name: "TLS handshake (virsh -c qemu+tls://) matrix" })).toBeVisible();
  await expectNoWriteControls(viewer, "/ports");

  await viewer.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Security audit" }).click();
  await expect(viewer.getByRole("heading", { level: 1, name: "Security audit" })).toBeVisible();
  await viewer.goto(`/security?cluster=${cluster.id}&severity=warning`);
  const warnings = viewer.getByRole("list", { name: "Warning findings" });
  await expect(warnings.getByRole("listitem").filter({ hasText: "checks-ui-h1" }).filter({ hasText: "host-key-unpinned" })).toHaveCount(1);
  await expect(warnings.getByRole("link", { name: "Go to the fix" }).first()).toHaveAttribute("href", `/hosts/${h1.id}#host-key`);
  await expect(viewer.getByRole("list", { name: "Info findings" })).toHaveCount(0);
  await expectNoWriteControls(viewer, "/security");

  await viewer.goto("/wall");
  await expect(viewer).toHaveURL(/\/wall$/);
  await expect(viewer.getByRole("heading", { level: 1, name: "virtshield · fleet status" })).toBeVisible();
  for (const label of ["TLS-ready hosts", "Hosts at risk", "Unreachable hosts", "Critical findings", "Blocked pairs", "Certificates expiring within 7 days"]) {
    await expect(viewer.getByLabel(label, { exact: true })).toBeVisible();
  }
  await expect(viewer.getByRole("button")).toHaveCount(0);
  await viewer.context().close();
});

test("a share link opens the wall screen without logging in and nothing else; a revoked link is refused", async ({ page, request, browser, playwright }) => {
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Create share link" });
  await form.getByLabel("Link name").fill("checks-ui wall");
  await form.getByLabel("Expires in (days)").fill("7");
  await form.getByRole("button", { name: "Create share link" }).click();
  const url = new URL((await form.getByLabel("New share link").innerText()).trim());
  expect(url.pathname).toBe("/wall");
  const key = url.searchParams.get("key") ?? "";
  expect(key).toMatch(/^vsw_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole("table", { name: "Share links" }).getByRole("row").filter({ hasText: "checks-ui wall" })).toContainText("active");

  // A browser that never logged in.
  const context = await browser.newContext({ baseURL: E2E.baseURL, storageState: NO_STATE });
  const anon = await context.newPage();
  const cspErrors: string[] = [];
  anon.on("console", (m) => {
    if (/Content Security Policy|Refused to (load|execute|apply)/i.test(m.text())) cspErrors.push(m.text());
  });
  const wall = await anon.goto(`/wall?key=${key}`);
  expect(wall?.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  await expect(anon).toHaveURL(/\/wall\?key=/);
  await expect(anon.getByRole("heading", { level: 1, name: "virtshield · fleet status" })).toBeVisible();
  // Next's runtime ran under the page's nonce, and nothing was refused.
  await anon.waitForFunction(() => Boolean((window as unknown as { next?: { version?: string } }).next?.version), undefined, { timeout: 15_000 });
  expect(cspErrors).toEqual([]);
  await expect(anon.getByLabel("Critical findings", { exact: true })).toBeVisible();
  expect(await context.cookies(), "the key leaves no cookie behind").toEqual([]);
  // The key opens nothing else: the pages send it to the login form, with or without ?key=.
  for (const path of ["/hosts", `/hosts?key=${key}`, "/", `/ports?key=${key}`, "/settings"]) {
    await anon.goto(path);
    await expect(anon, path).toHaveURL(/\/login$/);
  }
  await anon.goto("/wall");
  await expect(anon).toHaveURL(/\/login$/);
  await anon.goto(`/wall?key=vsw_${"A".repeat(43)}`);
  await expect(anon.getByRole("alert").filter({ hasText: "This link does not open the wall screen" })).toBeVisible();

  const api = await playwright.request.newContext({ baseURL: E2E.baseURL, storageState: NO_STATE });
  expect((await api.get("/api/v1/hosts")).status()).toBe(401);
  for (const path of ["/api/v1/hosts", "/api/v1/port-matrix", "/metrics"]) {
    const res = await api.get(path, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status(), path).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
  }
  expect((await api.get(`/api/v1/hosts?key=${key}`)).status()).toBe(401);
  await api.dispose();

  // Revoked: the same key is refused at once.
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("form", { name: "Revoke share link checks-ui wall" }).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("table", { name: "Share links" }).getByRole("row").filter({ hasText: "checks-ui wall" })).toContainText("revoked");
  await anon.goto(`/wall?key=${key}`);
  await expect(anon.getByRole("alert").filter({ hasText: "This link does not open the wall screen" })).toBeVisible();
  await expect(anon.getByLabel("Critical findings", { exact: true })).toHaveCount(0);
  await context.close();

  // Both changes are on record.
  const audit = await request.get("/api/v1/audit-log?action=share-link.&limit=50");
  expect(audit.status()).toBe(200);
  const actions = ((await audit.json()) as { action: string }[]).map((a) => a.action);
  expect(actions).toEqual(expect.arrayContaining(["share-link.create", "share-link.revoke"]));
});
