import { expect, test } from "@playwright/test";
import { createCluster, createHost } from "./fixtures/api";
import { E2E } from "./fixtures/env";
import { authorizeDashboardKey, labHost } from "./fixtures/lab";

// The PKI validation card and API. The all-green case needs a provisioned host: the provisioning
// spec covers it; here a never-validated host, and an insecure lab host validated as it is.
const ORIGIN = { origin: E2E.baseURL };

test("a host never validated: the card says so, the API answers 404, and validating needs a pinned key", async ({ page }) => {
  const cluster = await createCluster(page.request, "pki-val-cl");
  const host = await createHost(page.request, { name: "pki-val-unpinned", address: "198.18.0.231", clusterId: cluster.id });

  const get = await page.request.get(`/api/v1/hosts/${host.id}/validation`);
  expect(get.status()).toBe(404);
  expect(await get.json()).toEqual({ error: { code: "NOT_FOUND", message: expect.stringContaining("not been validated yet") } });
  const post = await page.request.post(`/api/v1/hosts/${host.id}/validation`, { headers: ORIGIN });
  expect(post.status()).toBe(422);
  expect(await post.json()).toMatchObject({ error: { code: "PRECONDITION_FAILED" } });

  await page.goto(`/hosts/${host.id}`);
  const card = page.getByRole("region", { name: "PKI validation" });
  await expect(card.getByText("Not validated yet")).toBeVisible();
  await card.getByRole("button", { name: "Validate now" }).click();
  await expect(card.getByRole("alert")).toContainText("not pinned yet");
});

test("an operator validates an insecure lab host and sees what is missing, worst first, with the fix", async ({ page }) => {
  await authorizeDashboardKey(page.request);
  const lab = labHost("hv3");
  const cluster = await createCluster(page.request, "pki-val-lab");
  const host = await createHost(page.request, { name: "pki-val-hv3", address: lab.address, clusterId: cluster.id });
  const seen = await page.request.post(`/api/v1/hosts/${host.id}/host-key`, { data: {}, headers: ORIGIN });
  expect(seen.status()).toBe(200);
  expect(((await seen.json()) as { fingerprint: string }).fingerprint).toBe(lab.hostKeyFingerprint);
  const pin = await page.request.post(`/api/v1/hosts/${host.id}/host-key`, { data: { fingerprint: lab.hostKeyFingerprint }, headers: ORIGIN });
  expect(pin.status(), await pin.text()).toBe(200);

  await page.goto(`/hosts/${host.id}`);
  const card = page.getByRole("region", { name: "PKI validation" });
  await card.getByRole("button", { name: "Validate now" }).click();
  await expect(card.getByRole("list", { name: "Job steps" }).getByText("read PKI files")).toBeVisible({ timeout: 90_000 });
  const problems = card.getByRole("table", { name: "Validation problems" });
  await expect(problems).toBeVisible({ timeout: 90_000 });
  await expect(problems.getByRole("row").nth(1)).toContainText("Error");
  await expect(problems).toContainText("File missing");
  await expect(problems).toContainText("tls-listener");
  await expect(problems).toContainText("Provision the host");
  await expect(card.getByLabel("Validation summary")).toContainText(/\d+ error/);

  const res = await page.request.get(`/api/v1/hosts/${host.id}/validation`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { counts: Record<string, number>; findings: { severity: string }[]; checkedAt: string };
  expect(body.counts.error).toBeGreaterThan(0);
  expect(body.findings[0].severity).toBe("error");
  expect(Date.parse(body.checkedAt)).not.toBeNaN();
});
