// For integration tests: a throwaway database whose dashboard key is authorised on the lab,
// with one lab host in the inventory, its SSH host key pinned the way an operator would.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { CoreContext } from "@/lib/core/context";
import { createCluster } from "@/lib/core/inventory/clusters";
import { createHost } from "@/lib/core/inventory/hosts";
import { ensureDashboardSshKey } from "@/lib/core/inventory/dashboard-ssh-key";
import { observeHostKey, pinHostKey } from "@/lib/core/inventory/host-key";
import { createTestDb, testContext } from "@/testing/test-db";
import { createCa } from "@/lib/core/pki/authority";
import { issueForHost } from "@/lib/core/pki/issue-for-host";
import { labCommand, labHost } from "@/e2e/lab/lab";

export async function authorizeDashboardOnLab(ctx: CoreContext): Promise<void> {
  const { publicKey } = await ensureDashboardSshKey(ctx);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "vs-key-")), "dashboard.pub");
  fs.writeFileSync(file, publicKey + "\n");
  const r = await labCommand("authorize-key", file);
  if (r.code !== 0) throw new Error(`authorize-key failed: ${r.stderr}`);
}

export async function labInventory(labName: string, opts: { pin?: boolean } = {}) {
  const t = await createTestDb();
  const ctx = testContext(t.db);
  await authorizeDashboardOnLab(ctx);
  const cluster = await createCluster(ctx, { name: "lab" });
  const lab = labHost(labName);
  const host = await createHost(ctx, { name: labName, address: lab.address, clusterId: cluster.id });
  if (opts.pin ?? true) await pinHostKey(ctx, host.id, (await observeHostKey(ctx, host.id)).fingerprint);
  return { t, ctx, hostId: host.id, lab };
}

// Several lab hosts in one cluster of one throwaway database, keys pinned, with a CA and each
// host's certificates issued: the starting point of provisioning tests.
export async function labFleet(hosts: { name: string; sudo?: boolean }[], opts: { policy?: "tls" | "prefer-tls" | "legacy" } = {}) {
  const t = await createTestDb();
  const ctx = testContext(t.db);
  await authorizeDashboardOnLab(ctx);
  const cluster = await createCluster(ctx, { name: "lab", ...(opts.policy ? { policy: opts.policy } : {}) });
  await createCa(ctx, { commonName: "virtshield lab CA" });
  const ids: Record<string, string> = {};
  for (const h of hosts) {
    const lab = labHost(h.name);
    const host = await createHost(ctx, { name: h.name, address: lab.address, clusterId: cluster.id, ...(h.sudo ? { sshUser: lab.sudoUser } : {}) });
    await pinHostKey(ctx, host.id, (await observeHostKey(ctx, host.id)).fingerprint);
    await issueForHost(ctx, host.id);
    ids[h.name] = host.id;
  }
  return { t, ctx, ids, clusterId: cluster.id };
}
