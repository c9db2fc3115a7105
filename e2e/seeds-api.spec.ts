import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { E2E } from "./fixtures/env";
import { authorizeOnLab, labHost } from "./fixtures/lab";

// Issue 11's end-to-end proof: the seeds' whole road through the API alone, with a token from the
// CLI. Two lab hosts start insecure; at the end a guest has moved over native TLS (RAM, then a
// qcow2 disk over NBD and back) and the history holds the TLS evidence. The hosts are restored.
const [SRC, DST] = (process.env.VS_SEEDS_HOSTS ?? "hv2,hv3").split(",");
const ROOT = path.resolve(__dirname, "..");
const lab = (...args: string[]) => execFileSync("bash", [path.join(__dirname, "lab", "lab.sh"), ...args], { encoding: "utf8" });
const domstate = (host: string, domain: string) => {
  try {
    // virsh's "failed to get domain" on stderr is the answer "absent", not noise for the log.
    return execFileSync("bash", [path.join(__dirname, "lab", "lab.sh"), "exec", host, "--", "virsh", "-c", "qemu:///system", "domstate", domain], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "absent";
  }
};
function removeGuests() {
  for (const h of [SRC, DST]) {
    for (const g of ["vs-seeds", "vs-seeds-disk"]) {
      if (domstate(h, g) !== "absent") lab("exec", h, "--", "sh", "-c", `virsh destroy ${g} >/dev/null 2>&1; virsh undefine --remove-all-storage ${g} >/dev/null 2>&1; true`);
    }
  }
}

async function json<T>(api: APIRequestContext, method: "get" | "post", url: string, data?: unknown, status = method === "post" ? 201 : 200): Promise<T> {
  const res = method === "get" ? await api.get(url) : await api.post(url, { data: data ?? {} });
  expect(res.status(), `${method.toUpperCase()} ${url}: ${await res.text()}`).toBe(status);
  return (await res.json()) as T;
}

async function finished(api: APIRequestContext, jobId: string, timeoutMs = 240_000) {
  await expect.poll(async () => (await json<{ state: string }>(api, "get", `/api/v1/jobs/${jobId}`)).state, { timeout: timeoutMs, intervals: [1000] }).toMatch(/succeeded|failed|cancelled|interrupted/);
  const job = await json<{ state: string; error?: string }>(api, "get", `/api/v1/jobs/${jobId}`);
  expect(job.state, job.error).toBe("succeeded");
}

test("the seeds end to end through the API with a CLI token: insecure hosts to a live migration over TLS", async () => {
  test.setTimeout(900_000);
  const token = execFileSync("npx", ["virtshield", "token", "create", "--role", "admin", "--name", "seeds-e2e"], { cwd: ROOT, env: { ...process.env, ...E2E.serverEnv }, encoding: "utf8" }).trim();
  expect(token).toMatch(/^\S{20,}$/);
  const api = await playwrightRequest.newContext({ baseURL: E2E.baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  authorizeOnLab((await json<{ publicKey: string }>(api, "get", "/api/v1/ssh-key")).publicKey);

  const cluster = await json<{ id: string }>(api, "post", "/api/v1/clusters", { name: "seeds", policy: "tls" });
  const hosts: Record<string, string> = {};
  for (const name of [SRC, DST]) {
    const l = labHost(name);
    const host = await json<{ id: string }>(api, "post", "/api/v1/hosts", { name: `seeds-${name}`, address: l.address, clusterId: cluster.id, migrationAddress: l.address });
    const seen = await json<{ fingerprint: string }>(api, "post", `/api/v1/hosts/${host.id}/host-key`, {}, 200);
    expect(seen.fingerprint).toBe(l.hostKeyFingerprint);
    await json(api, "post", `/api/v1/hosts/${host.id}/host-key`, { fingerprint: seen.fingerprint }, 200);
    hosts[name] = host.id;
  }
  // The audit sees what OSSN-0007 warns about before anything changes.
  await json(api, "post", `/api/v1/hosts/${hosts[SRC]}/facts`, {}, 200);
  expect((await json<{ rule: string; severity: string }[]>(api, "get", `/api/v1/audit/findings?hostId=${hosts[SRC]}`)).map((f) => f.rule)).toContain("tcp-no-auth");

  if ((await api.get("/api/v1/ca")).status() === 404) await json(api, "post", "/api/v1/ca", {});
  for (const id of Object.values(hosts)) await json(api, "post", `/api/v1/hosts/${id}/certificates`, {});
  const plan = await json<{ changed: boolean; mode: string }>(api, "post", `/api/v1/hosts/${hosts[SRC]}/provision`, { dryRun: true }, 200);
  expect(plan).toMatchObject({ changed: true, mode: "tls-only" });
  const fleet = await json<{ jobId: string }>(api, "post", "/api/v1/provision", { hostIds: Object.values(hosts) }, 202);
  await finished(api, fleet.jobId);
  try {
    expect((await json<{ rule: string }[]>(api, "get", `/api/v1/audit/findings?hostId=${hosts[SRC]}`)).map((f) => f.rule)).not.toContain("tcp-no-auth");
    const check = await json<{ jobId: string }>(api, "post", "/api/v1/port-checks", { hostIds: Object.values(hosts) }, 202);
    await finished(api, check.jobId);
    const tls = await json<{ sourceId: string; destId: string; state: string }[]>(api, "get", `/api/v1/tls-matrix?clusterId=${cluster.id}`);
    expect(tls.filter((c) => c.sourceId === hosts[SRC] && c.destId === hosts[DST]).map((c) => c.state)).toEqual(["ok"]);

    removeGuests();
    lab("guest", SRC, "vs-seeds");
    lab("guest", SRC, "vs-seeds-disk", "--disk");
    const move = async (domain: string, from: string, to: string, copyStorage = false) => {
      const started = await json<{ jobId: string }>(api, "post", "/api/v1/migrations", { domain, sourceHostId: hosts[from], destHostId: hosts[to], copyStorage }, 202);
      await finished(api, started.jobId, 300_000);
      expect(domstate(to, domain)).toBe("running");
      expect(domstate(from, domain)).toBe("absent");
      return started.jobId;
    };
    const ram = await move("vs-seeds", SRC, DST);
    await move("vs-seeds-disk", SRC, DST, true);
    await move("vs-seeds-disk", DST, SRC, true);
    const history = await json<{ jobId: string; transport: string; outcome: string; tlsEvidence: { tlsCreds?: string } | null }[]>(api, "get", "/api/v1/migrations?limit=50");
    const row = history.find((h) => h.jobId === ram);
    expect(row).toMatchObject({ transport: "tls", outcome: "succeeded" });
    expect(row?.tlsEvidence?.tlsCreds).toMatch(/\S/);
    expect(history.filter((h) => h.transport === "tls" && h.outcome === "succeeded").length).toBeGreaterThanOrEqual(3);
  } finally {
    removeGuests();
    for (const id of Object.values(hosts)) {
      const backups = await json<{ id: string }[]>(api, "get", `/api/v1/hosts/${id}/backups`);
      if (!backups.length) continue;
      const restored = await json<{ jobId: string }>(api, "post", `/api/v1/hosts/${id}/rollback`, { backupId: backups.at(-1)!.id }, 202);
      await finished(api, restored.jobId);
    }
    await api.dispose();
  }
});
