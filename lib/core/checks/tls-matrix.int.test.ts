// The TLS matrix against provisioned lab hosts: every pair ok; a destination whose server
// certificate lacks the address used shows the hostname reason; one from a foreign CA, the issuer reason.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoreContext } from "@/lib/core/context";
import { enqueue } from "@/lib/core/jobs/enqueue";
import { waitForJob, type JobView } from "@/lib/core/jobs/job-store";
import type { JobRunner } from "@/lib/core/jobs/runner";
import type { HostConnection } from "@/lib/core/ssh/types";
import { signingCa } from "@/lib/core/pki/active-ca";
import { generateCa, issueHostCertificates } from "@/lib/core/x509";
import { labFleet } from "@/testing/lab-inventory";
import { labRootConnections, restoreFirstBackups } from "@/testing/lab-restore";
import { testRunner } from "@/testing/job-runner";
import { listTlsMatrix } from "./matrix-store";

let t: Awaited<ReturnType<typeof labFleet>>["t"];
let ctx: CoreContext;
let ids: Record<string, string>;
let clusterId: string;
let runner: JobRunner;
let hv2: HostConnection;

const run = async (kind: string, input: unknown): Promise<JobView> => waitForJob(t.db, (await enqueue(ctx, kind, input)).id, 170_000, 100);

async function matrix() {
  const job = await run("port-checks", { clusterId });
  expect(job.state, job.error).toBe("succeeded");
  const byPair = new Map((await listTlsMatrix(t.db, { clusterId })).map((c) => [`${c.sourceId}>${c.destId}`, c]));
  return (from: string, to: string) => byPair.get(`${ids[from]}>${ids[to]}`);
}

// Swap hv2's libvirt server pair for another one and restart, the way a drifted host would look.
async function serveOnHv2(pair: { certificatePem: string; privateKeyPem: string }, caPem?: string) {
  // libvirtd will not even start with a server certificate its own CA file does not sign.
  if (caPem) await hv2.writeFileAtomic("/etc/pki/CA/cacert.pem", caPem, { mode: 0o644 });
  await hv2.writeFileAtomic("/etc/pki/libvirt/servercert.pem", pair.certificatePem, { mode: 0o644 });
  await hv2.writeFileAtomic("/etc/pki/libvirt/private/serverkey.pem", pair.privateKeyPem, { mode: 0o600 });
  await hv2.run(["systemctl", "restart", "libvirtd"], { timeoutMs: 60_000 });
}

beforeAll(async () => {
  ({ t, ctx, ids, clusterId } = await labFleet([{ name: "hv1" }, { name: "hv2" }]));
  runner = testRunner(t.db, { ctx });
  ctx = { ...ctx, jobs: runner };
  await runner.start();
  const job = await run("provision-fleet", { hostIds: [ids.hv1, ids.hv2] });
  expect(job.state, job.error).toBe("succeeded");
  ({ hv2 } = await labRootConnections(["hv2"]));
}, 400_000);

afterAll(async () => {
  if (t) await restoreFirstBackups(t.db, ids ?? {}, run);
  await hv2?.close();
  await runner?.stop();
  await t?.cleanup();
}, 300_000);

describe("the TLS matrix", () => {
  it("is ok for every pair of provisioned hosts", async () => {
    const cell = await matrix();
    expect(cell("hv1", "hv2")).toMatchObject({ state: "ok" });
    expect(cell("hv2", "hv1")).toMatchObject({ state: "ok" });
  });

  it("names the hostname reason when the destination's certificate lacks the address used", async () => {
    const { material } = await signingCa(ctx);
    await serveOnHv2((await issueHostCertificates({ ca: material, host: { name: "somewhere-else", dnsNames: [], ips: ["198.18.0.250"] }, now: new Date() })).server);
    const cell = await matrix();
    expect(cell("hv1", "hv2")?.state).toBe("hostname-mismatch");
    expect(cell("hv1", "hv2")?.error).toMatch(/does not match the hostname|owner does not match/i);
  });

  it("names the issuer reason when the destination belongs to a foreign CA", async () => {
    const foreign = await generateCa({ commonName: "Foreign CA", now: new Date() });
    await serveOnHv2((await issueHostCertificates({ ca: foreign, host: { name: "hv2", dnsNames: [], ips: ["198.18.0.12"] }, now: new Date() })).server, foreign.certificatePem);
    const cell = await matrix();
    expect(cell("hv1", "hv2")?.state).toBe("unknown-issuer");
  });
});
