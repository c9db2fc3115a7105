import type { Db } from "@/lib/core/context";
import { needsRenewal } from "@/lib/core/x509";
import { z } from "zod";
import { defineJob } from "@/lib/core/jobs/define-job";
import { issueForHost, namesDrift } from "@/lib/core/pki/issue-for-host";
import { listHosts } from "@/lib/core/inventory/hosts";
import { getPkiSettings } from "@/lib/core/pki/settings";
import { activeCaRow, getActiveCa } from "@/lib/core/pki/active-ca";
import { publishCrl } from "@/lib/core/pki/crl";
import { provisionedHostIds, redeployChildren } from "@/lib/core/provision/redeploy";

const DAY_MS = 86_400_000;
// CRLs are published for 30 days; republishing a week early keeps hosts from ever holding a stale one.
const CRL_REPUBLISH_AFTER_DAYS = 23;

export interface RenewalCandidate {
  hostId: string;
  hostName: string;
  reason: string;
}

// Hosts whose issued certificates expire within the threshold (expired ones included) or whose names changed.
export async function dueForRenewal(db: Db, now: Date): Promise<RenewalCandidate[]> {
  const { renewBeforeDays } = await getPkiSettings(db);
  const current = await db.certificate.findMany({
    where: { source: "issued", current: true, hostId: { not: null } },
    select: { hostId: true, kind: true, notAfter: true, sans: true, host: { select: { name: true } } },
  });
  const names = new Map(current.map((c) => [c.hostId!, c.host!.name]));
  const caNotAfter = (await activeCaRow(db))?.notAfter.getTime() ?? Infinity;
  const due = new Map<string, string>();
  for (const c of current) {
    // A leaf already ends with the CA: re-issuing cannot extend it, only rotating the CA can.
    if (c.notAfter.getTime() >= caNotAfter - 60_000) continue;
    if (needsRenewal(c.notAfter, now, renewBeforeDays)) due.set(c.hostId!, `${c.kind} certificate expires ${c.notAfter.toISOString().slice(0, 10)}`);
  }
  // Names drift for every host at once: one query for the hosts, not two per host (1,000 hosts took seconds).
  const hosts = new Map((await listHosts(db)).map((h) => [h.id, h]));
  const serverSans = new Map(current.filter((c) => c.kind === "server").map((c) => [c.hostId!, JSON.parse(c.sans) as string[]]));
  for (const hostId of new Set(current.map((c) => c.hostId!))) {
    const host = hosts.get(hostId);
    const sans = serverSans.get(hostId);
    if (due.has(hostId) || !host || !sans) continue;
    const drift = namesDrift(host, sans);
    if (drift.missing.length || drift.extra.length) due.set(hostId, `names changed (${[...drift.missing, ...drift.extra.map((e) => `-${e}`)].join(", ")})`);
  }
  return [...due].map(([hostId, reason]) => ({ hostId, hostName: names.get(hostId)!, reason }));
}

// The daily renewal job: re-issue what is due and keep the CRL fresh. Re-deployment to hosts
// belongs to provisioning, which picks up the new current pair.
export const renewJob = defineJob({
  kind: "renew",
  input: z.strictObject({}),
  permission: "certs:issue",
  locks: () => [],
  run: async (ctx, { report, spawn }) => {
    const ca = await getActiveCa(ctx.db);
    if (!ca || ca.mode === "external") {
      await report.skip("renew", ca ? "certificates are managed externally" : "no certificate authority yet");
      return { renewed: [] };
    }
    if (needsRenewal(new Date(ca.notAfter), ctx.now(), (await getPkiSettings(ctx.db)).renewBeforeDays)) {
      await report.log(`The CA itself expires on ${ca.notAfter.slice(0, 10)}: host certificates cannot outlive it; rotate the CA.`);
    }
    const due = await report.step("find certificates due", () => dueForRenewal(ctx.db, ctx.now()), (d) => `${d.length} host(s) due`);
    const renewed = [];
    for (const [i, c] of due.entries()) {
      await report.step(`renew ${c.hostName}`, () => issueForHost(ctx, c.hostId, "renew"), () => c.reason);
      renewed.push(c);
      await report.progress(((i + 1) / Math.max(due.length, 1)) * 90);
    }
    const age = ca.crlUpdatedAt ? (ctx.now().getTime() - Date.parse(ca.crlUpdatedAt)) / DAY_MS : Infinity;
    const republished = age > CRL_REPUBLISH_AFTER_DAYS;
    if (republished) await report.step("republish CRL", () => publishCrl(ctx), (c) => `CRL #${c.crlNumber}`);
    // New pairs (and a new CRL: to every host) go out to the hosts provisioning manages.
    const targets = await provisionedHostIds(ctx.db, republished ? {} : { only: renewed.map((r) => r.hostId) });
    if (!targets.length) return { renewed, redeployed: [] };
    const deployed = await spawn(redeployChildren(targets), { parallelism: 4 });
    return { renewed, redeployed: deployed.children };
  },
});
