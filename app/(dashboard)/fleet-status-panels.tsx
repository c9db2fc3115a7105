import Link from "next/link";
import type { FleetStatus } from "@/lib/core/checks/fleet-status";
import type { HostTlsState } from "@/lib/core/checks/host-tls-state";
import { Card, EmptyState } from "@/components/ui/card";
import { Badge, type Tone } from "@/components/ui/badge";
import { SeverityBadge } from "@/components/severity-badge";
import { formatTime } from "@/components/format";

const STATE_LABEL: Record<HostTlsState, string> = {
  "tls-only": "TLS only", "tls-alongside": "TLS alongside TCP", insecure: "Insecure", "no-tls": "No TLS", unreachable: "Unreachable", unknown: "Not gathered",
};
const STATE_TONE: Record<HostTlsState, string> = {
  "tls-only": "text-emerald-700", "tls-alongside": "text-emerald-700", insecure: "text-red-700", "no-tls": "text-amber-700", unreachable: "text-red-700", unknown: "text-slate-600",
};
const STATE_HINT: Partial<Record<HostTlsState, string>> = {
  insecure: "libvirt on plain TCP without auth (OSSN-0007)",
  "tls-alongside": "plain TCP still open beside TLS",
  unreachable: "the last SSH attempt failed",
  unknown: "gather facts to classify",
};

function Count({ label, value, href, tone = "text-slate-900", hint }: { label: string; value: number; href: string; tone?: string; hint?: string }) {
  return (
    <Link href={href} className="rounded-lg border border-slate-200 bg-white px-4 py-3 hover:border-slate-300">
      <div className="text-xs font-medium text-slate-500">{label}</div>
      <div className={`mt-1 text-2xl font-semibold ${value > 0 ? tone : "text-slate-900"}`} aria-label={label}>{value}</div>
      {hint && value > 0 && <div className="mt-0.5 text-xs text-slate-500">{hint}</div>}
    </Link>
  );
}

// The overview's TLS part: hosts by state, blocked pairs, then the worst findings and the
// certificates that expire soonest.
export function FleetStatusPanels({ status }: { status: FleetStatus }) {
  const order: HostTlsState[] = ["tls-only", "tls-alongside", "insecure", "no-tls", "unreachable", "unknown"];
  const daysTone = (d: number): Tone => (d < 7 ? "red" : "yellow");
  return (
    <>
      <section aria-label="TLS readiness" className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-7">
        {order.map((s) => <Count key={s} label={STATE_LABEL[s]} value={status.states[s]} href="/hosts" tone={STATE_TONE[s]} hint={STATE_HINT[s]} />)}
        <Count label="Blocked pairs" value={status.blockedPairs} href="/ports" tone="text-red-700" hint="a TLS migration cannot get through" />
      </section>
      <div className="grid gap-5 xl:grid-cols-2">
        <Card title="Worst findings" actions={<Link className="text-xs text-sky-700 hover:underline" href="/security">Security audit</Link>}
          description={`${status.findings.critical} critical, ${status.findings.high} high, ${status.findings.warning} warnings`}>
          {status.worstFindings.length === 0 ? (
            <EmptyState title="No findings above info" />
          ) : (
            <ul aria-label="Worst findings" className="-m-4 divide-y divide-slate-100">
              {status.worstFindings.map((f, i) => (
                <li key={i} className="px-4 py-2 text-sm">
                  <div className="flex items-center gap-2"><SeverityBadge severity={f.severity} /><span className="font-medium">{f.hostName}</span></div>
                  <p className="mt-0.5 text-slate-700">{f.message}</p>
                  <p className="text-xs"><span className="font-medium">Fix:</span> {f.fix} <Link href={f.action} className="text-sky-700 underline">Go to the fix</Link></p>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Certificates expiring soon" actions={<Link className="text-xs text-sky-700 hover:underline" href="/certificates">All certificates</Link>}
          description={`${status.certificates.within7Days} within 7 days, ${status.certificates.within30Days} within 30 days (expired included)`}>
          {status.certificates.soonest.length === 0 ? (
            <EmptyState title="Nothing expires within 30 days" />
          ) : (
            <ul aria-label="Certificates expiring soon" className="-m-4 divide-y divide-slate-100">
              {status.certificates.soonest.map((c) => (
                <li key={c.id} className="flex items-center justify-between gap-3 px-4 py-2 text-sm">
                  <span>{c.hostId ? <Link href={`/hosts/${encodeURIComponent(c.hostId)}`} className="font-medium hover:underline">{c.hostName}</Link> : <span className="font-medium">{c.hostName ?? "CA"}</span>} <span className="text-slate-500">{c.kind}</span></span>
                  <span className="flex items-center gap-2"><span className="text-xs text-slate-500">{formatTime(c.notAfter)}</span><Badge tone={daysTone(c.daysLeft)}>{c.daysLeft < 0 ? `expired ${-c.daysLeft}d ago` : `${c.daysLeft}d left`}</Badge></span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
