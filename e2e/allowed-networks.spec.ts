// Issue 13, "Addresses the dashboard may reach": the admin's allowed host networks, in the API and
// the settings form, checked at create and at connect time. Each test puts the setting back.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { createCluster, createHost } from "./fixtures/api";
import { E2E } from "./fixtures/env";

const ORIGIN = { origin: E2E.baseURL };
const setNetworks = (request: APIRequestContext, allowedHostNetworks: string[]) =>
  request.patch("/api/v1/settings/network", { data: { allowedHostNetworks }, headers: ORIGIN });

test.afterEach(async ({ request }) => {
  expect((await setNetworks(request, [])).status()).toBe(200);
});

test("loopback and link-local addresses are refused by default, in every spelling", async ({ request }) => {
  const cluster = await createCluster(request, "nets-default");
  for (const address of ["localhost", "127.0.0.1", "127.1", "0", "::1", "::ffff:127.0.0.1", "169.254.169.254", "2130706433"]) {
    const res = await request.post("/api/v1/hosts", { data: { name: "nets-probe", address, clusterId: cluster.id }, headers: ORIGIN });
    expect(res.status(), address).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "VALIDATION", fields: { address: [expect.stringMatching(/outside the networks/)] } } });
  }
  await createHost(request, { name: "nets-lab", address: "198.18.0.248", clusterId: cluster.id });
});

test("an admin's list narrows create and connect; the refusal says nothing of open or closed ports", async ({ request }) => {
  const cluster = await createCluster(request, "nets-list");
  const host = await createHost(request, { name: "nets-inside", address: "198.18.0.247", clusterId: cluster.id });
  const saved = await setNetworks(request, ["198.18.0.9/24", "fd00::/8"]);
  expect(await saved.json()).toEqual({ allowedHostNetworks: ["198.18.0.0/24", "fd00::/8"] });
  const outside = await request.post("/api/v1/hosts", { data: { name: "nets-outside", address: "10.20.30.40", clusterId: cluster.id }, headers: ORIGIN });
  expect(outside.status()).toBe(400);

  // A host already in the inventory whose network is no longer allowed: refused before any packet.
  expect((await setNetworks(request, ["203.0.113.0/24"])).status()).toBe(200);
  const probe = await request.post(`/api/v1/hosts/${host.id}/host-key`, { data: {}, headers: ORIGIN });
  expect(probe.status()).toBe(422);
  expect(await probe.json()).toMatchObject({ error: { code: "PRECONDITION_FAILED", message: expect.stringMatching(/outside the networks/) } });

  const bad = await setNetworks(request, ["127.1/8"]);
  expect(bad.status()).toBe(400);
  expect((await (await request.get("/api/v1/settings/network")).json()).allowedHostNetworks).toEqual(["203.0.113.0/24"]);
});

test("the settings form saves the list, shows it again and explains a bad entry", async ({ page }) => {
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Allowed host networks" });
  const field = form.getByLabel("Networks host addresses may be in");
  await field.fill("198.18.0.0/24\n127.0.0.1");
  await form.getByRole("button", { name: "Save networks" }).click();
  await expect(form.getByRole("status")).toContainText("198.18.0.0/24, 127.0.0.1/32");
  await page.reload();
  await expect(field).toHaveValue("198.18.0.0/24\n127.0.0.1/32");
  await field.fill("not-a-network");
  await form.getByRole("button", { name: "Save networks" }).click();
  await expect(form.getByRole("alert")).toContainText("not-a-network");
  await expect(field).toHaveValue("not-a-network");
  await field.fill("");
  await form.getByRole("button", { name: "Save networks" }).click();
  await expect(form.getByRole("status")).toContainText("any address except loopback and link-local");
});
