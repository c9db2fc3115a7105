import { expect, test, type Browser, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { E2E } from "./fixtures/env";

// Issue 13, accounts an admin can manage: users, tokens, passwords, sessions, TOTP.
const ORIGIN = { origin: E2E.baseURL };
const OP = { name: "acct-op", password: "juniper cobalt harbor fiddle" };
const ADMIN2 = { name: "acct-admin2", password: "walnut glacier ribbon sphinx" };

async function loginAs(browser: Browser, user: { name: string; password: string }): Promise<Page> {
  const context = await browser.newContext({ baseURL: E2E.baseURL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("User name").fill(user.name);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Log in" }).click();
  // The login action redirects (to the overview, the code prompt or the enrolment page).
  await page.waitForURL((u) => u.pathname !== "/login");
  return page;
}

test("weak passwords are refused with a reason, in the API and the form", async ({ page }) => {
  for (const password of ["password1234", "            ", "abc\u0001defghijklmnop"]) {
    const res = await page.request.post("/api/v1/users", { data: { name: "weakling", password, role: "viewer" }, headers: ORIGIN });
    expect(res.status()).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "VALIDATION", fields: { password: [expect.any(String)] } } });
  }
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Create user" });
  await form.getByLabel("User name").fill("weakling");
  await form.getByLabel("Password").fill("Password123!");
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(form.getByText(/too easy to guess/).first()).toBeVisible();
});

test("disabling a user ends their session and tokens at once; tokens expire, list and revoke over the API", async ({ page, browser }) => {
  for (const u of [{ ...OP, role: "operator" }, { ...ADMIN2, role: "admin" }]) {
    expect((await page.request.post("/api/v1/users", { data: u, headers: ORIGIN })).status()).toBe(201);
  }
  const op = await loginAs(browser, OP);
  await expect(op.getByRole("heading", { name: "Overview" })).toBeVisible();
  const admin2 = await loginAs(browser, ADMIN2);
  await expect(admin2.getByRole("heading", { name: "Overview" })).toBeVisible();
  const minted = await admin2.request.post("/api/v1/tokens", { data: { name: "admin2-script", role: "viewer", expiresInDays: 7 }, headers: ORIGIN });
  expect(minted.status()).toBe(201);
  const { id, token, expiresAt } = (await minted.json()) as { id: string; token: string; expiresAt: string };
  expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(6 * 86_400_000);
  const bearer = { authorization: `Bearer ${token}` };
  expect((await page.request.get("/api/v1/hosts", { headers: bearer })).status()).toBe(200);
  const listed = ((await (await page.request.get("/api/v1/tokens")).json()) as { id: string; lastUsedAt: string | null; expiresAt: string | null }[]).find((t) => t.id === id);
  expect(listed).toMatchObject({ expiresAt, lastUsedAt: expect.any(String) });

  await page.goto("/settings");
  const users = page.getByRole("table", { name: "Users" });
  for (const name of [OP.name, ADMIN2.name]) {
    page.once("dialog", (d) => void d.accept());
    await users.getByRole("row", { name: new RegExp(name) }).getByRole("button", { name: "Disable" }).click();
    await expect(users.getByRole("row", { name: new RegExp(name) }).getByText("disabled")).toBeVisible();
  }
  await op.goto("/hosts");
  await expect(op).toHaveURL(/\/login$/);
  expect((await page.request.get("/api/v1/hosts", { headers: bearer })).status()).toBe(401);
  await users.getByRole("row", { name: new RegExp(OP.name) }).getByRole("button", { name: "Enable" }).click();
  await expect(users.getByRole("row", { name: new RegExp(OP.name) }).getByText("enabled")).toBeVisible();

  const other = await page.request.post("/api/v1/tokens", { data: { name: "to-revoke", role: "viewer" }, headers: ORIGIN });
  const revocable = (await other.json()) as { id: string; token: string };
  expect((await page.request.delete(`/api/v1/tokens/${revocable.id}`, { headers: ORIGIN })).status()).toBe(204);
  expect((await page.request.get("/api/v1/hosts", { headers: { authorization: `Bearer ${revocable.token}` } })).status()).toBe(401);
  expect((await page.request.delete(`/api/v1/tokens/${revocable.id}`, { headers: ORIGIN })).status()).toBe(404);
  await op.context().close();
  await admin2.context().close();
});

test("TOTP: enrol with a QR code, then login asks for the code; a recovery code works once", async ({ browser }) => {
  const op = await loginAs(browser, OP);
  await expect(op.getByRole("heading", { name: "Overview" })).toBeVisible();
  await op.goto("/two-factor");
  await op.getByRole("button", { name: "Show a QR code" }).click();
  await expect(op.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = (await op.locator("code").first().innerText()).trim();
  const code = () => TOTP.generate({ secret: Secret.fromBase32(secret) });
  await op.getByLabel("The 6-digit code your app shows").fill(code());
  await op.getByRole("button", { name: "Turn on two-factor login" }).click();
  const codeItems = op.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(codeItems).toHaveCount(10);
  const codes = await codeItems.allInnerTexts();
  expect(codes).toHaveLength(10);
  await op.context().close();

  const again = await loginAs(browser, OP);
  await expect(again).toHaveURL(/\/login\/code$/);
  await again.getByLabel("Code from your authenticator app").fill(codes[0]);
  await again.getByRole("button", { name: "Continue" }).click();
  await expect(again.getByRole("heading", { name: "Overview" })).toBeVisible();
  await again.context().close();

  const third = await loginAs(browser, OP);
  await third.getByLabel("Code from your authenticator app").fill(codes[0]);
  await third.getByRole("button", { name: "Continue" }).click();
  await expect(third.getByRole("alert").filter({ hasText: "Wrong code" })).toBeVisible();
  await third.context().close();
});

test("an admin setting requires TOTP for admins: one without it is sent to enrol and the API refuses its cookie", async ({ page, browser }) => {
  const enrolled = { name: "acct-admin4", password: "orchid tundra lantern pixel" };
  const bare = { name: "acct-admin3", password: "tulip canyon marble oyster" };
  for (const u of [enrolled, bare]) expect((await page.request.post("/api/v1/users", { data: { ...u, role: "admin" }, headers: ORIGIN })).status()).toBe(201);
  // An admin with TOTP of their own changes the setting; the main admin's session stays untouched.
  const boss = await loginAs(browser, enrolled);
  await expect(boss.getByRole("heading", { name: "Overview" })).toBeVisible();
  await boss.goto("/two-factor");
  await boss.getByRole("button", { name: "Show a QR code" }).click();
  const secret = (await boss.locator("code").first().innerText()).trim();
  await boss.getByLabel("The 6-digit code your app shows").fill(TOTP.generate({ secret: Secret.fromBase32(secret) }));
  await boss.getByRole("button", { name: "Turn on two-factor login" }).click();
  await expect(boss.getByRole("list", { name: "Recovery codes" })).toBeVisible();

  await boss.goto("/settings");
  const setting = boss.getByRole("form", { name: "Login settings" });
  await setting.getByLabel(/Require two-factor login for admins/).check();
  await setting.getByRole("button", { name: "Save" }).click();
  await expect(setting.getByRole("status")).toHaveText("Saved.");
  try {
    const fresh = await loginAs(browser, bare);
    await expect(fresh).toHaveURL(/\/two-factor$/);
    await expect(fresh.getByRole("alert").filter({ hasText: "Admins must use two-factor login" })).toBeVisible();
    await fresh.goto("/hosts");
    await expect(fresh).toHaveURL(/\/two-factor$/);
    expect((await fresh.request.get("/api/v1/hosts")).status()).toBe(401);
    await fresh.context().close();
  } finally {
    await boss.goto("/settings");
    await setting.getByLabel(/Require two-factor login for admins/).uncheck();
    await setting.getByRole("button", { name: "Save" }).click();
    await expect(setting.getByRole("status")).toHaveText("Saved.");
    await boss.context().close();
  }
});

test("change my password needs the current one and refuses a common one", async ({ page, browser }) => {
  const admin2 = { name: "acct-pw", password: "saddle meteor quartz lilac" };
  expect((await page.request.post("/api/v1/users", { data: { ...admin2, role: "viewer" }, headers: ORIGIN })).status()).toBe(201);
  const me = await loginAs(browser, admin2);
  await me.goto("/settings");
  // The address comes from the socket (the peer-address hook installed by instrumentation.ts).
  await expect(me.getByRole("table", { name: "My sessions" }).getByRole("cell", { name: "127.0.0.1" })).toBeVisible();
  const form = me.getByRole("form", { name: "Change my password" });
  await form.getByLabel("Current password").fill("not the password");
  await form.getByLabel("New password").fill("hazel frigate pepper monsoon");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText("wrong password")).toBeVisible();
  await form.getByLabel("Current password").fill(admin2.password);
  await form.getByLabel("New password").fill("letmein12345");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText(/too easy to guess/).first()).toBeVisible();
  await form.getByLabel("Current password").fill(admin2.password);
  await form.getByLabel("New password").fill("hazel frigate pepper monsoon");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("status")).toContainText("Password changed");
  await me.context().close();
});
