// The permission each operation of /api/v1/openapi.json shows is the one the server enforces:
// a viewer token is refused exactly where the document says the viewer role may not go.
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { E2E } from "./fixtures/env";
import { apiPost } from "./fixtures/api";

type Operation = { description: string; "x-permission": string };

test("every operation's documented roles match what a viewer token is allowed", async ({ request }) => {
  const { token } = await apiPost<{ token: string }>(request, "/api/v1/tokens", { name: "openapi-viewer", role: "viewer" });
  const viewer = await playwrightRequest.newContext({
    baseURL: E2E.baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${token}` },
    storageState: { cookies: [], origins: [] },
  });
  const doc = (await (await viewer.get("/api/v1/openapi.json")).json()) as { paths: Record<string, Record<string, Operation>> };
  let refused = 0;
  let allowed = 0;
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      expect(op["x-permission"], `${method} ${path}`).toMatch(/^[a-z]+(:[a-z]+)?$/);
      const roles = /\(roles: ([a-z, ]+)\)/.exec(op.description)?.[1].split(", ") ?? [];
      expect(roles.length, `${method} ${path} names its roles`).toBeGreaterThan(0);
      const url = path.replace(/\{\w+\}/g, "doesnotexist");
      if (!roles.includes("viewer")) {
        // The role is checked before the input is read, so nothing runs and the body does not matter.
        const res = await viewer.fetch(url, { method: method.toUpperCase(), ...(method === "get" ? {} : { data: {} }) });
        expect(res.status(), `${method} ${url}`).toBe(403);
        refused++;
      } else if (method === "get" && !path.endsWith("/events")) {
        const res = await viewer.get(url);
        expect([401, 403], `${method} ${url} answered ${res.status()}`).not.toContain(res.status());
        allowed++;
      }
    }
  }
  expect(refused).toBeGreaterThan(10);
  expect(allowed).toBeGreaterThan(10);
  await viewer.dispose();
});
