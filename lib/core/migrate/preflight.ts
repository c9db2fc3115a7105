import { X509Certificate } from "node:crypto";
import { isIP } from "node:net";
import { atLeast, compareVersions } from "@/lib/core/facts/detect";
import { decideTransport } from "./policy";
import { bytesToCopy, poolOf } from "./storage";
import type { PreflightCheck, PreflightHost, PreflightInput, PreflightResult, Severity } from "./preflight-types";

export type { PreflightCheck, PreflightInput, PreflightResult } from "./preflight-types";

const check = (name: string, ok: boolean, severity: Severity, detail: string, fix: string | null = null): PreflightCheck => ({ name, ok, severity: ok ? "info" : severity, detail, fix: ok ? null : fix });
const both = (i: PreflightInput, f: (h: PreflightHost) => boolean) => [i.source, i.dest].filter((h) => !f(h)).map((h) => h.name);
const gib = (b: number) => `${(b / 1024 ** 3).toFixed(2)} GiB`;

export function certCovers(pem: string, target: string): boolean {
  const cert = new X509Certificate(pem);
  return isIP(target) ? cert.checkIP(target) !== undefined : cert.checkHost(target, { subject: "default" }) !== undefined;
}

function versionsOk(h: PreflightHost): boolean {
  return atLeast(h.libvirtVersion, "4.4.0") && atLeast(h.qemuVersion, "2.11.0");
}

// The TLS-side checks; their severity depends on whether TLS is what will run.
function tlsChecks(i: PreflightInput, sev: Severity): PreflightCheck[] {
  const out: PreflightCheck[] = [];
  const noTls = both(i, (h) => h.tlsEnabled);
  out.push(check("TLS enabled", noTls.length === 0, sev, noTls.length ? `no TLS listener or provisioning on ${noTls.join(", ")}` : "both hosts serve libvirt over TLS", "provision the host(s) for TLS"));
  const bad = [i.source, i.dest].filter((h) => h.validation && h.validation.errors > 0);
  const never = [i.source, i.dest].filter((h) => !h.validation).map((h) => h.name);
  out.push(bad.length
    ? check("PKI validation", false, sev, bad.map((h) => `${h.name}: ${h.validation!.errors} error(s)${h.validation!.firstError ? ` (${h.validation!.firstError})` : ""}`).join("; "), "fix the findings of the validation, then validate again")
    : check("PKI validation", never.length === 0, "warning", never.length ? `not validated yet: ${never.join(", ")}` : "both hosts validated without errors", "run the PKI validation of the host(s)"));
  if (!i.destServerCertPem) {
    out.push(check("destination certificate", false, "warning", `no current server certificate issued for ${i.dest.name}: cannot tell whether it covers ${i.target}`, "issue the destination's certificates"));
  } else {
    let covers = false;
    try {
      covers = certCovers(i.destServerCertPem, i.target);
    } catch {
      covers = false;
    }
    out.push(check("destination certificate", covers, sev, covers ? `${i.dest.name}'s server certificate covers ${i.target}` : `${i.dest.name}'s server certificate does not list ${i.target} (the name the migration uses)`, `re-issue ${i.dest.name}'s certificates with ${i.target} among its names or IPs, then provision it`));
  }
  const tls = i.tlsProbe;
  out.push(tls
    ? check("TLS handshake", tls.state === "ok", sev, tls.state === "ok" ? `${i.source.name} → ${i.target}:16514 over TLS` : `${tls.state}: ${tls.error ?? ""}`.trim(), "see the TLS matrix for the fix")
    : check("TLS handshake", false, "warning", "not probed", "run the port and TLS checks"));
  const old = both(i, versionsOk);
  out.push(check("versions", old.length === 0, sev, old.length ? `libvirt >= 4.4.0 and QEMU >= 2.11 needed for TLS migration: ${old.join(", ")}` : `libvirt ${i.source.libvirtVersion}/${i.dest.libvirtVersion}, QEMU ${i.source.qemuVersion}/${i.dest.qemuVersion}`, "upgrade libvirt and QEMU"));
  return out;
}

function portChecks(i: PreflightInput, transport: "tls" | "plain"): PreflightCheck[] {
  const control = transport === "tls" ? 16514 : 16509;
  const where = `${i.source.name} → ${i.dest.name} (${i.probeSource} probe${i.probedAt ? ` at ${i.probedAt}` : ""})`;
  const c = i.ports.find((p) => p.port === control);
  const range = i.ports.filter((p) => p.port >= 1024 && p.port !== 16509 && p.port !== 16514);
  const closed = range.filter((p) => p.state !== "open" && p.state !== "refused");
  return [
    c ? check(`port ${control}`, c.state === "open", "error", `${control}/tcp ${c.state} from ${where}${c.error ? `: ${c.error}` : ""}`, `open ${control}/tcp on ${i.dest.name} to ${i.source.name}: provisioning does this`)
      : check(`port ${control}`, false, "warning", `${control}/tcp not probed from ${i.source.name}`, "run the port checks"),
    // Nothing listens on the range until a migration starts, so "refused" is the healthy answer.
    range.length
      ? check("migration ports", closed.length === 0, "error", closed.length ? `${closed.map((p) => `${p.port} ${p.state}`).join(", ")} from ${where}` : `${range.map((p) => p.port).join(", ")} reachable from ${i.source.name}`, `open the migration range on ${i.dest.name} to ${i.source.name}: provisioning does this`)
      : check("migration ports", false, "warning", "the migration range was not probed", "run the port checks"),
  ];
}

function storageChecks(i: PreflightInput): PreflightCheck[] {
  const copy = i.disks.filter((d) => d.placement === "copy");
  if (i.disks.length === 0) return [check("storage", true, "info", "no disks")];
  if (copy.length === 0) return [check("storage", true, "info", `${i.disks.length} disk(s) on shared storage`)];
  if (!i.copyStorage) return [check("storage", false, "error", `${copy.map((d) => `${d.path} (${d.why})`).join(", ")} must be copied`, "migrate with copyStorage (--copy-storage-all)")];
  const out: PreflightCheck[] = [];
  const need = bytesToCopy(i.disks);
  const pools = new Map<string, number | null>();
  const orphan: string[] = [];
  for (const d of copy) {
    const p = poolOf(d.path, i.destPools);
    if (p) pools.set(p.name, p.availableBytes);
    else orphan.push(d.path);
  }
  out.push(check("storage", orphan.length === 0, "warning", orphan.length ? `no pool on ${i.dest.name} holds ${orphan.join(", ")}: libvirt pre-creates images only inside a pool` : `${copy.length} disk(s) to copy into ${[...pools.keys()].join(", ")} on ${i.dest.name}`, `create the image(s) at the same path on ${i.dest.name}, or define a pool there`));
  const free = [...pools.values()].reduce<number | null>((n, v) => (v === null || n === null ? null : n + v), pools.size ? 0 : null);
  out.push(free === null
    ? check("free space", false, "warning", `free space on ${i.dest.name} unknown; ${gib(need)} to copy`, `check the pool on ${i.dest.name}`)
    : check("free space", free >= need, "error", `${gib(need)} to copy, ${gib(free)} free on ${i.dest.name}`, `free space in the pool on ${i.dest.name}`));
  return out;
}

// Multifd + TLS: QEMU >= 6 and libvirt >= 5.2 on both; not across QEMU's 9.2 → 10.0 change.
type Versions = Pick<PreflightHost, "libvirtVersion" | "qemuVersion">;

export function parallelSupport(a: Versions, b: Versions): { supported: boolean; why: string } {
  if (![a, b].every((h) => atLeast(h.qemuVersion, "6.0.0") && atLeast(h.libvirtVersion, "5.2.0"))) return { supported: false, why: "needs QEMU >= 6.0 and libvirt >= 5.2 on both hosts" };
  const [qa, qb] = [a.qemuVersion!, b.qemuVersion!];
  const mixed = (compareVersions(qa, "9.2.99") <= 0) !== (compareVersions(qb, "9.2.99") <= 0);
  return mixed ? { supported: false, why: `QEMU ${qa} and ${qb} disagree on how multifd TLS streams end (9.2 → 10.0)` } : { supported: true, why: `QEMU ${qa}/${qb}` };
}

export function preflight(i: PreflightInput): PreflightResult {
  const unpinned = both(i, (h) => h.pinned);
  const down = [i.source, i.dest].filter((h) => !h.reachable);
  const checks: PreflightCheck[] = [
    check("distinct hosts", i.source.id !== i.dest.id, "error", i.source.id === i.dest.id ? "source and destination are the same host" : `${i.source.name} → ${i.dest.name}`, "pick another destination"),
    check("host keys pinned", unpinned.length === 0, "error", unpinned.length ? `not pinned: ${unpinned.join(", ")}` : "both pinned", "confirm the SSH host key fingerprint(s)"),
    check("hosts reachable", down.length === 0, "error", down.length ? down.map((h) => `${h.name}: ${h.reachError ?? "no answer"}`).join("; ") : "both answer over SSH", "check SSH to the host(s)"),
  ];
  const tlsProbe = tlsChecks(i, "error");
  const tlsPorts = portChecks(i, "tls");
  const tlsReady = [...tlsProbe, ...tlsPorts].every((c) => c.ok || c.severity !== "error");
  const decision = decideTransport(i.policy, tlsReady, i.allowPlain);
  checks.push({ name: "policy", ok: decision.ok, severity: decision.ok ? decision.severity : "error", detail: decision.detail, fix: decision.fix });
  if (decision.transport === "plain") {
    checks.push(...tlsChecks(i, "info").map((c) => ({ ...c, ok: true, severity: "info" as const, detail: `(not needed for plain) ${c.detail}` })), ...portChecks(i, "plain"));
  } else {
    checks.push(...tlsProbe, ...tlsPorts);
  }
  const g = i.guest;
  checks.push(check("guest", g !== null && g.state === "running", "error", g ? `${g.name} is ${g.state} on ${i.source.name}` : `no such domain on ${i.source.name}`, g ? "start the guest first (only running guests migrate live)" : "pick a guest of the source host"));
  checks.push(...storageChecks(i));
  const cpuFix = i.cpu.result === "incompatible" ? "use a CPU model both hosts provide (host-model or a named baseline)" : null;
  checks.push(check("CPU", i.cpu.result === "compatible", i.cpu.result === "incompatible" ? "error" : "warning", i.cpu.detail, cpuFix));
  const par = parallelSupport(i.source, i.dest);
  const parallel = i.parallel !== false && i.clusterParallel && par.supported && decision.transport !== null;
  const off = i.parallel === false ? "off as asked" : !i.clusterParallel ? "off for the cluster" : `off: ${par.why}`;
  checks.push(i.parallel === true && !par.supported ? check("parallel connections", false, "warning", `off: ${par.why}`, null) : check("parallel connections", true, "info", parallel ? `on (${par.why})` : off));
  const ok = checks.every((c) => c.ok || c.severity !== "error") && decision.transport !== null;
  return { ok, transport: decision.transport, parallel, plainConfirmed: decision.audit, checks };
}
