import type { Db } from "@/lib/core/context";
import { SEVERITIES } from "./audit-rules";
import { listAuditFindings } from "./audit-findings";
import { DASHBOARD_SOURCE, listPortMatrix, listTlsMatrix } from "./matrix-store";

export interface MetricFamily {
  name: string;
  type: "gauge";
  help: string;
  samples: [Record<string, string>, number][];
}

// The checks' families for /metrics, labelled by host name ("dashboard" for the dashboard's own probe).
export async function checkMetricFamilies(db: Db, now: Date): Promise<MetricFamily[]> {
  const hosts = new Map((await db.host.findMany({ select: { id: true, name: true } })).map((h) => [h.id, h.name]));
  const name = (id: string) => (id === DASHBOARD_SOURCE ? DASHBOARD_SOURCE : (hosts.get(id) ?? id));
  const findings = await listAuditFindings(db, now);
  const ports = await listPortMatrix(db);
  const tls = await listTlsMatrix(db);
  return [
    {
      name: "virtshield_audit_findings", type: "gauge", help: "Security audit findings by severity",
      samples: SEVERITIES.map((s) => [{ severity: s }, findings.filter((f) => f.severity === s).length]),
    },
    {
      name: "virtshield_port_reachable", type: "gauge",
      help: "1 when the last probe got through to the port (open, or refused: nothing listens), 0 when blocked (timeout, unreachable) or not probed",
      samples: ports.map((p) => [{ source: name(p.sourceId), dest: name(p.destId), port: String(p.port) }, p.state === "open" || p.state === "refused" ? 1 : 0]),
    },
    {
      name: "virtshield_tls_pair_ok", type: "gauge", help: "1 when virsh -c qemu+tls:// from source to dest succeeded at the last check",
      samples: tls.map((t) => [{ source: name(t.sourceId), dest: name(t.destId) }, t.state === "ok" ? 1 : 0]),
    },
  ];
}
