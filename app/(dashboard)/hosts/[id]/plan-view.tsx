import type { ProvisionPlan } from "@/lib/core/provision/types";
import { Badge, type Tone } from "@/components/ui/badge";
import { Table, Td, Th, Tr } from "@/components/ui/table";

const ACTION_TONE: Record<string, Tone> = { create: "green", replace: "yellow", chmod: "blue", none: "gray" };
const octal = (m: number) => m.toString(8).padStart(4, "0");

function DiffText({ diff }: { diff: string }) {
  return (
    <pre className="max-h-96 overflow-auto rounded bg-slate-950 p-2 font-mono text-xs leading-5 text-slate-200">
      {diff.split("\n").slice(2).map((line, i) => (
        <div key={i} className={line.startsWith("+") ? "text-emerald-300" : line.startsWith("-") ? "text-rose-300" : line.startsWith("@@") ? "text-sky-300" : undefined}>{line || " "}</div>
      ))}
    </pre>
  );
}

// The dry-run as a reader wants it: files, config diffs, services, firewall, what to watch.
export function PlanView({ plan }: { plan: ProvisionPlan }) {
  const files = plan.files.filter((f) => f.action !== "none");
  const configs = plan.configs.filter((c) => c.action !== "none");
  return (
    <section aria-label="Provisioning plan" className="space-y-4 text-sm">
      <p className="font-medium">{plan.summary} <span className="text-slate-500">(mode {plan.mode}, daemon {plan.daemon})</span></p>
      {plan.warnings.map((w) => <p key={w} role="note" className="rounded border border-amber-200 bg-amber-50 px-2 py-1 text-amber-900">{w}</p>)}
      {files.length > 0 && (
        <Table label="Files to write">
          <thead><tr><Th>File</Th><Th>Change</Th><Th>Mode</Th><Th>Owner</Th><Th>Content</Th></tr></thead>
          <tbody>
            {files.map((f) => (
              <Tr key={f.path}>
                <Td className="font-mono text-xs">{f.path}</Td>
                <Td><Badge tone={ACTION_TONE[f.action]}>{f.action}</Badge></Td>
                <Td className="font-mono text-xs">{f.before?.exists && f.before.mode !== f.mode ? `${octal(f.before.mode!)} → ` : ""}{octal(f.mode)}</Td>
                <Td className="font-mono text-xs">{f.owner}:{f.group}</Td>
                <Td className="font-mono text-xs">{f.secret ? "private key (never shown)" : f.serial ? `serial ${f.serial}` : f.role} · sha256 {f.sha256.slice(0, 12)}…</Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
      {configs.map((c) => (
        <div key={c.path}>
          <h4 className="mb-1 font-mono text-xs font-semibold">{c.path}</h4>
          <DiffText diff={c.diff} />
        </div>
      ))}
      <div>
        <h4 className="text-xs font-semibold uppercase text-slate-500">Services</h4>
        <ul className="list-disc pl-5">{plan.services.length ? plan.services.map((s, i) => <li key={i}>{s.kind === "update-tls" ? `virt-admin server-update-tls ${s.daemon} (no restart)` : `${s.kind} ${s.unit}`}</li>) : <li>none</li>}</ul>
      </div>
      <div>
        <h4 className="text-xs font-semibold uppercase text-slate-500">Firewall ({plan.firewall.manager})</h4>
        <p>{plan.firewall.note}</p>
        {plan.firewall.rules.length > 0 && <ul className="list-disc pl-5">{plan.firewall.rules.map((r) => <li key={r}>{r}</li>)}</ul>}
      </div>
    </section>
  );
}
