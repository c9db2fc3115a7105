import { expect, test, type Page } from "@playwright/test";
import { createCluster, createHost } from "./fixtures/api";
import { E2E } from "./fixtures/env";

// Spec 3: a viewer sees everything and can change nothing; the API agrees.
const VIEWER = { name: "viewer", password: "viewer-password-e2e-77" };
// Buttons any role may have: navigation and clipboard helpers, the filter, logging out.
const READ_ONLY_BUTTONS = new Set(["Log out", "Filter", "Copy public key", "Copy install command", "Change password", "End"]);
// Every user manages their own account (password, own sessions) on the settings page.
const OTHER_THAN_OWN_ACCOUNT_FORMS = 'form[aria-label]:not([role="search"]):not([aria-label="Change my password"]):not([aria-label^="End session"])';

async function buttonNames(page: Page): Promise<string[]> {
  const names: string[] = [];
  // The app's own landmarks only (next dev adds a dev-tools button outside them).
  const app = page.getByRole("banner").or(page.getByRole("main"));
  for (const b of await app.getByRole("button").all()) names.push(((await b.getAttribute("aria-label")) ?? (await b.innerText())).trim());
  return names;
}

async function expectReadOnly(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  for (const name of await buttonNames(page)) expect(READ_ONLY_BUTTONS, `unexpected button "${name}" on ${path}`).toContain(name);
  await expect(page.locator(OTHER_THAN_OWN_ACCOUNT_FORMS)).toHaveCount(0);
  for (const label of ["Add host", "Import hosts", "Create cluster", "Fetch host key", "Pin this key", "Gather facts", "Save changes", "Delete host", "Delete", "Save policy", "Create user", "Create token", "Revoke"]) {
    await expect(page.getByRole("button", { name: label, exact: true })).toHaveCount(0);
  }
}

test("a viewer finds no create, edit, delete, pin or run controls, and the API refuses writes", async ({ page, browser, playwright }) => {
  const cluster = await createCluster(page.request, "viewer-cl");
  const host = await createHost(page.request, { name: "viewer-host", address: "198.18.0.221", clusterId: cluster.id });

  // The admin creates the viewer account and a viewer token in the settings page.
  await page.goto("/settings");
  const userForm = page.getByRole("form", { name: "Create user" });
  await userForm.getByLabel("User name").fill(VIEWER.name);
  await userForm.getByLabel("Password").fill(VIEWER.password);
  await userForm.getByLabel("Role").selectOption("viewer");
  await userForm.getByRole("button", { name: "Create user" }).click();
  await expect(userForm.getByRole("status")).toHaveText(`User ${VIEWER.name} created.`);
  const tokenForm = page.getByRole("form", { name: "Create API token" });
  await tokenForm.getByLabel("Token name").fill("viewer-script");
  await tokenForm.getByLabel("Token role").selectOption("viewer");
  await tokenForm.getByRole("button", { name: "Create token" }).click();
  const token = (await tokenForm.getByLabel("New API token").innerText()).trim();
  expect(token).toMatch(/^vst_/);

  const context = await browser.newContext({ baseURL: E2E.baseURL, storageState: { cookies: [], origins: [] } });
  const viewer = await context.newPage();
  await viewer.goto("/hosts");
  await expect(viewer).toHaveURL(/\/login$/);
  await viewer.getByLabel("User name").fill(VIEWER.name);
  await viewer.getByLabel("Password").fill(VIEWER.password);
  await viewer.getByRole("button", { name: "Log in" }).click();
  await expect(viewer.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(viewer.getByRole("banner")).toContainText("viewer");

  for (const path of ["/hosts", `/hosts/${host.id}`, "/clusters", "/settings"]) await expectReadOnly(viewer, path);
  await viewer.goto(`/hosts/${host.id}`);
  await expect(viewer.getByRole("region", { name: "SSH host key" })).toContainText("Not pinned");
  await expect(viewer.getByRole("region", { name: "Users" })).toHaveCount(0);
  // Logging out revokes the session: the pages send the viewer back to the login form.
  await viewer.getByRole("button", { name: "Log out" }).click();
  await expect(viewer).toHaveURL(/\/login$/);
  await viewer.goto("/settings");
  await expect(viewer).toHaveURL(/\/login$/);
  await context.close();

  const api = await playwright.request.newContext({ baseURL: E2E.baseURL, storageState: { cookies: [], origins: [] } });
  const body = { name: "viewer-made", address: "198.18.0.222", clusterId: cluster.id };
  const forbidden = await api.post("/api/v1/hosts", { data: body, headers: { authorization: `Bearer ${token}` } });
  expect(forbidden.status()).toBe(403);
  expect(await forbidden.json()).toEqual({ error: { code: "FORBIDDEN", message: expect.any(String) } });
  const anonymous = await api.post("/api/v1/hosts", { data: body });
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
  const read = await api.get("/api/v1/hosts", { headers: { authorization: `Bearer ${token}` } });
  expect(read.status()).toBe(200);
  expect(((await read.json()) as { name: string }[]).map((h) => h.name)).not.toContain("viewer-made");
  await api.dispose();
});
