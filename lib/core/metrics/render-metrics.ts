import type { Db } from "@/lib/core/context";
import { listCertificates } from "@/lib/core/pki/certificate-rows";
import { checkMetricFamilies } from "@/lib/core/checks/check-metrics";
import { HOST_TLS_STATES } from "@/lib/core/checks/host-tls-state";
import { loadHostTlsStates } from "@/lib/core/checks/load-host-tls-states";
import { migrationMetricLines } from "@/lib/core/migrate/migration-metrics";

const esc = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
const labels = (l: Record<string, string>) => `{${Object.entries(l).map(([k, v]) => `${k}="${esc(v)}"`).join(",")}}`;

class Exposition {
  private lines: string[] = [];
  family(name: string, type: "gauge" | "counter", help: string, samples: [Record<string, string>, number][]) {
    this.lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [l, v] of samples) this.lines.push(`${name}${Object.keys(l).length ? labels(l) : ""} ${v}`);
  }
  raw(lines: string[]) {
    this.lines.push(...lines);
  }
  text() {
    return this.lines.join("\n") + "\n";
  }
}

// Prometheus text format 0.0.4. Later capabilities add their families here.
export async function renderMetrics(db: Db, now: Date): Promise<string> {
  const out = new Exposition();
  const certs = await listCertificates(db, now);
  out.family("virtshield_certificate_expiry_timestamp_seconds", "gauge", "notAfter of every current certificate, as a Unix time",
    certs.map((c) => [{ host: c.hostName ?? "", kind: c.kind, source: c.source, serial: c.serial }, Math.floor(Date.parse(c.notAfter) / 1000)]));
  out.family("virtshield_certificates_expiring", "gauge", "Current certificates expiring within the window (expired ones included)",
    [7, 30].map((d) => [{ within: `${d}d` }, certs.filter((c) => c.daysLeft < d).length]));
  const hosts = await db.host.findMany({ select: { name: true, hostKeyFingerprint: true, facts: { select: { gatheredAt: true } } } });
  out.family("virtshield_hosts", "gauge", "Hosts in the inventory", [[{}, hosts.length]]);
  out.family("virtshield_host_key_pinned", "gauge", "1 when the host's SSH host key is pinned",
    hosts.map((h) => [{ host: h.name }, h.hostKeyFingerprint ? 1 : 0]));
  const jobs = await db.job.groupBy({ by: ["kind", "state"], _count: { _all: true } });
  out.family("virtshield_jobs", "gauge", "Jobs on record by kind and state",
    jobs.map((j) => [{ kind: j.kind, state: j.state }, j._count._all]));
  const refused = await db.auditLog.count({ where: { result: "refused" } });
  out.family("virtshield_refused_attempts_total", "counter", "Attempts refused (authentication, role, validation of trust)", [[{}, refused]]);
  for (const f of await checkMetricFamilies(db, now)) out.family(f.name, f.type, f.help, f.samples);
  // A state set: every host has every state, 1 for the one it is in, so an alert can watch one series.
  const tls = await loadHostTlsStates(db);
  out.family("virtshield_host_tls_state", "gauge", "1 for the TLS state each host is in (tls-only, tls-alongside, insecure, no-tls, unreachable, unknown), 0 for the others",
    tls.flatMap((h) => HOST_TLS_STATES.map((s): [Record<string, string>, number] => [{ host: h.hostName, state: s }, h.state === s ? 1 : 0])));
  out.raw(await migrationMetricLines(db));
  return out.text();
}
