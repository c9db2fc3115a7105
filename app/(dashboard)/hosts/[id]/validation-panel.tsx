import { can, type Actor } from "@/lib/core/auth/roles";
import { readValidation } from "@/lib/core/provision/validation/validation-store";
import type { Finding, Severity } from "@/lib/core/provision/validation/findings";
import { db } from "@/lib/server/db";
import { Card, EmptyState } from "@/components/ui/card";
import { Badge, type Tone } from "@/components/ui/badge";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { StartJobForm } from "@/components/start-job-form";
import { formatTime } from "@/components/format";
import { validatePkiAction } from "./validation-actions";

const TONE: Record<Severity, Tone> = { error: "red", warning: "yellow", info: "blue", ok: "green" };
const LABEL: Record<Severity, string> = { error: "Error", warning: "Warning", info: "Info", ok: "OK" };

function Findings({ findings, label }: { findings: Finding[]; label: string }) {
  return (
    <Table label={label}>
      <thead><tr><Th>Severity</Th><Th>Check</Th><Th>Where</Th><Th>Finding</Th><Th>Fix</Th></tr></thead>
      <tbody>
        {findings.map((f, i) => (
          <Tr key={i}>
            <Td><Badge tone={TONE[f.severity]}>{LABEL[f.severity]}</Badge></Td>
            <Td className="font-mono text-xs">{f.check}</Td>
            <Td className="font-mono text-xs break-all">{f.path ?? (f.set ? `${f.set} set` : "host")}</Td>
            <Td>
              <div>{f.message}</div>
              <div className="mt-0.5 font-mono text-xs break-all text-slate-500">{f.evidence}</div>
            </Td>
            <Td className="text-xs">{f.fix ?? "—"}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}

// The host's last PKI validation: problems first with their fix, passing checks folded away.
export async function ValidationPanel({ hostId, pinned, actor }: { hostId: string; pinned: boolean; actor: Actor }) {
  const stored = await readValidation(db(), hostId);
  const runner = can(actor.role, "jobs:run");
  const problems = stored?.findings.filter((f) => f.severity !== "ok") ?? [];
  const passed = stored?.findings.filter((f) => f.severity === "ok") ?? [];
  return (
    <Card title="PKI validation" id="pki-validation" description="A superset of virt-pki-validate over the libvirt and QEMU sets, read from the host over SSH.">
      <div className="space-y-4">
        {runner && <StartJobForm action={validatePkiAction} label="Validate now" fields={{ id: hostId }} hint={pinned ? undefined : "Pin the host key first."} />}
        {!stored ? (
          <EmptyState title="Not validated yet">{runner ? "Validate to check the host's certificates, keys, modes and TLS configuration." : "An operator can validate this host."}</EmptyState>
        ) : (
          <>
            <div className="flex flex-wrap items-center gap-2 text-sm" aria-label="Validation summary">
              <span className="text-slate-500">Checked {formatTime(stored.checkedAt)}:</span>
              {(["error", "warning", "info", "ok"] as const).map((s) => <Badge key={s} tone={TONE[s]}>{stored.counts[s] ?? 0} {LABEL[s].toLowerCase()}</Badge>)}
            </div>
            {problems.length === 0 ? (
              <p role="status" className="text-sm text-emerald-700">All {passed.length} checks passed.</p>
            ) : (
              <Findings findings={problems} label="Validation problems" />
            )}
            {passed.length > 0 && (
              <details>
                <summary className="cursor-pointer text-sm text-slate-600">{passed.length} passed checks</summary>
                <Findings findings={passed} label="Passed checks" />
              </details>
            )}
          </>
        )}
      </div>
    </Card>
  );
}
