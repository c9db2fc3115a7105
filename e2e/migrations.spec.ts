import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { apiPost, createCluster, createHost } from "./fixtures/api";
import { E2E } from "./fixtures/env";
import { authorizeDashboardKey, labHost } from "./fixtures/lab";

const ORIGIN = { origin: E2E.baseURL };
const GUEST = "vs-mig-ui";
const VIEWER = { name: "mig-viewer", role: "viewer", password: "a long viewer passphrase 9m!" };
const lab = (...args: string[]) => execFileSync("bash", [path.resolve(__dirname, "lab", "lab.sh"), ...args], { encoding: "utf8" });
const virsh = (host: string, ...args: string[]) => {
  try {
    return lab("exec", host, "--", "virsh", "-c", "qemu:///system", ...args).trim();
  } catch {
    return "absent";
  }
};

async function finished(request: APIRequestContext, jobId: string, timeoutMs: number) {
  await expect.poll(async () => ((await (await request.get(`/api/v1/jobs/${jobId}`)).json()) as { state: string }).state, { timeout: timeoutMs, intervals: [1000] }).toBe("succeeded");
}

// A lab host in the inventory, pinned, with certificates naming its address (the migration uses it), provisioned.
async function readyHost(request: APIRequestContext, name: string, labName: string, clusterId: string) {
  const l = labHost(labName);
  const host = await createHost(request, { name, address: l.address, clusterId, ips: [l.address], migrationAddress: l.address });
  expect((await request.post(`/api/v1/hosts/${host.id}/host-key`, { data: { fingerprint: l.hostKeyFingerprint }, headers: ORIGIN })).status()).toBe(200);
  expect((await request.post(`/api/v1/hosts/${host.id}/certificates`, { data: {}, headers: ORIGIN })).status()).toBe(201);
  const applied = await request.post(`/api/v1/hosts/${host.id}/provision`, { data: { dryRun: false }, headers: ORIGIN });
  expect(applied.status(), await applied.text()).toBe(202);
  await finished(request, ((await applied.json()) as { jobId: string }).jobId, 240_000);
  return host;
}

// Back to the insecure start for the specs after this one: the first backup of the host.
async function restore(page: Page, hostId: string) {
  await page.goto(`/hosts/${hostId}`);
  const card = page.getByRole("region", { name: "TLS provisioning" });
  await card.getByRole("table", { name: "Backups" }).getByRole("button", { name: "Restore this backup" }).last().click();
  await expect(card).toContainText("Not provisioned by virtshield yet", { timeout: 120_000 });
}

function removeGuest() {
  for (const h of ["hv1", "hv2"]) {
    virsh(h, "destroy", GUEST);
    virsh(h, "undefine", GUEST);
  }
}

test("an operator checks and migrates a guest over TLS and finds it in history; a viewer sees history only", async ({ page, browser }) => {
  test.setTimeout(900_000);
  await authorizeDashboardKey(page.request);
  if ((await page.request.get("/api/v1/ca")).status() === 404) expect((await page.request.post("/api/v1/ca", { data: {}, headers: ORIGIN })).status()).toBe(201);
  const cluster = await createCluster(page.request, "mig-ui");
  const src = await readyHost(page.request, "mig-hv1", "hv1", cluster.id);
  const dst = await readyHost(page.request, "mig-hv2", "hv2", cluster.id);
  removeGuest();
  lab("guest", "hv1", GUEST);
  try {
    await page.goto("/migrations");
    const form = page.getByRole("region", { name: "Migrate a guest" });
    await form.getByLabel("Source host").selectOption({ label: "mig-hv1" });
    await form.getByLabel("Destination host").selectOption({ label: "mig-hv2" });
    await expect(form.getByLabel("Guest").locator("option", { hasText: GUEST })).toHaveCount(1, { timeout: 120_000 });
    await form.getByLabel("Guest").selectOption(GUEST);
    await expect(form.getByRole("table", { name: "Guests" })).toContainText("128 MiB");

    await form.getByRole("button", { name: "Check" }).click();
    const checklist = form.getByRole("list", { name: "Pre-flight checklist" });
    await expect(checklist).toBeVisible({ timeout: 180_000 });
    await expect(checklist).toContainText("port 16514");
    await expect(checklist).toContainText("destination certificate");
    await expect(form).toContainText("Ready: native TLS");

    await form.getByRole("button", { name: "Migrate" }).click();
    await expect(form.getByRole("progressbar", { name: "Job progress" })).toBeVisible({ timeout: 60_000 });
    await expect(form.getByText("100%")).toBeVisible({ timeout: 300_000 });
    await expect(form.getByText("succeeded").first()).toBeVisible();
    expect(virsh("hv2", "domstate", GUEST)).toBe("running");
    expect(virsh("hv1", "domstate", GUEST)).toBe("absent");

    await page.reload();
    const history = page.getByRole("table", { name: "Migration history" });
    const row = history.getByRole("row").filter({ hasText: GUEST }).first();
    await expect(row).toContainText("mig-hv1 → mig-hv2");
    await expect(row).toContainText("succeeded");
    await expect(row).toContainText(/tls-creds \S+/);
    await expect(row).toContainText("--tls");

    const api = await page.request.get("/api/v1/migrations?limit=5");
    expect(api.headers()["x-total-count"]).toBeTruthy();
    const mine = ((await api.json()) as { domain: string; transport: string; tlsEvidence: { tlsCreds: string } | null }[]).find((m) => m.domain === GUEST);
    expect(mine).toMatchObject({ transport: "tls" });
    expect(mine?.tlsEvidence?.tlsCreds).toMatch(/\S/);

    await apiPost(page.request, "/api/v1/users", VIEWER);
    const context = await browser.newContext({ baseURL: E2E.baseURL, storageState: { cookies: [], origins: [] } });
    const viewer = await context.newPage();
    await viewer.goto("/login");
    await viewer.getByLabel("User name").fill(VIEWER.name);
    await viewer.getByLabel("Password").fill(VIEWER.password);
    await viewer.getByRole("button", { name: "Log in" }).click();
    await viewer.waitForURL((u) => !u.pathname.startsWith("/login"));
    await viewer.goto("/migrations");
    await expect(viewer.getByRole("table", { name: "Migration history" })).toContainText(GUEST);
    await expect(viewer.getByRole("region", { name: "Migrate a guest" })).toHaveCount(0);
    await expect(viewer.getByRole("button", { name: "Migrate" })).toHaveCount(0);
    const refused = await context.request.post("/api/v1/migrations", { data: { domain: GUEST, sourceHostId: dst.id, destHostId: src.id }, headers: ORIGIN });
    expect(refused.status()).toBe(403);
    await context.close();
  } finally {
    removeGuest();
    await restore(page, src.id);
    await restore(page, dst.id);
  }
});
