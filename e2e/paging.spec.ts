import { expect, test } from "@playwright/test";
import { apiPost, createCluster } from "./fixtures/api";
import { E2E } from "./fixtures/env";

// Issue 8: lists are paged, filtered, sorted and searched on the server; the view is in the URL;
// the API keeps answering a JSON array and reports the total and the neighbours in headers.
// The hosts are named zz-page-* so they sort after every other spec's hosts, and are removed at the end.
const N = 55;
const name = (i: number) => `zz-page-${String(i).padStart(3, "0")}`;

test("hosts, audit log and certificates page on the server, with the view in the URL", async ({ page }) => {
  await createCluster(page.request, "paging-cl");
  const csv = ["name,address,cluster,tags", ...Array.from({ length: N }, (_, i) => `${name(i)},198.18.1.${i + 1},paging-cl,paging`)].join("\n");
  expect(await apiPost(page.request, "/api/v1/hosts/import", { format: "csv", content: csv })).toEqual({ created: N });

  const api = await page.request.get("/api/v1/hosts?tag=paging&limit=20&page=2");
  expect(api.status()).toBe(200);
  expect(api.headers()["x-total-count"]).toBe(String(N));
  expect(((await api.json()) as { name: string }[]).map((h) => h.name)).toEqual(Array.from({ length: 20 }, (_, i) => name(20 + i)));
  const links = Object.fromEntries(api.headers()["link"].split(", ").map((l) => {
    const [, href, rel] = /^<([^>]+)>; rel="(\w+)"$/.exec(l)!;
    return [rel, Object.fromEntries(new URL(href, E2E.baseURL).searchParams)];
  }));
  expect(links).toEqual({ next: { tag: "paging", limit: "20", page: "3" }, prev: { tag: "paging", limit: "20", page: "1" } });
  const desc = await (await page.request.get("/api/v1/hosts?tag=paging&sort=name&dir=desc&limit=1")).json();
  expect(desc.map((h: { name: string }) => h.name)).toEqual([name(N - 1)]);
  const bad = await page.request.get("/api/v1/hosts?limit=0");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.code).toBe("VALIDATION");
  const audit = await page.request.get("/api/v1/audit-log?action=host.import&limit=1");
  expect(await audit.json()).toHaveLength(1);
  expect(Number(audit.headers()["x-total-count"])).toBeGreaterThanOrEqual(1);
  const certs = await page.request.get("/api/v1/certificates?limit=1");
  expect(Array.isArray(await certs.json())).toBe(true);
  expect(certs.headers()["x-total-count"]).toMatch(/^\d+$/);

  // The hosts page: one page of rows, the pager keeps the filter, a header sorts, the search is a GET form.
  await page.goto("/hosts?tag=paging");
  const rows = page.getByRole("table", { name: "Hosts" }).getByRole("row");
  await expect(rows).toHaveCount(50 + 1);
  const pager = page.getByRole("navigation", { name: "Pages" });
  await expect(pager).toContainText(`rows 1–50 of ${N}`);
  await pager.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/[?&]tag=paging(&|$)/);
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);
  await expect(rows).toHaveCount(N - 50 + 1);
  await expect(pager).toContainText(`rows 51–${N} of ${N}`);
  await page.getByRole("link", { name: "Name", exact: true }).click();
  await expect(page).toHaveURL(/sort=name/);
  await expect(page).toHaveURL(/dir=desc/);
  await expect(page).not.toHaveURL(/page=2/);
  await expect(rows.nth(1)).toContainText(name(N - 1));
  await page.getByLabel("Name or address").fill("zz-page-01");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/q=zz-page-01/);
  await expect(page).toHaveURL(/tag=paging/);
  await expect(rows).toHaveCount(10 + 1);
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveAttribute("href", /tag=paging.*q=zz-page-01|q=zz-page-01.*tag=paging/);

  // The audit log: search box and result tabs together, in the URL.
  await page.goto("/audit?result=ok");
  await page.getByRole("searchbox", { name: "Search" }).fill("host.import");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=host\.import/);
  await expect(page).toHaveURL(/result=ok/);
  await expect(page.getByRole("table", { name: "Audit log" }).getByRole("row", { name: /host\.import/ }).first()).toBeVisible();

  // A page past the end says so and leads back.
  await page.goto("/certificates?page=999");
  await expect(page.getByRole("heading", { level: 1, name: "Certificates" })).toBeVisible();

  const all = (await (await page.request.get("/api/v1/hosts?tag=paging&limit=500")).json()) as { id: string }[];
  for (const h of all) expect((await page.request.delete(`/api/v1/hosts/${h.id}`, { headers: { origin: E2E.baseURL } })).status()).toBe(204);
});
