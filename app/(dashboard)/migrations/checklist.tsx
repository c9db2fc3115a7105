import type { PreflightCheck } from "@/lib/core/migrate/preflight-types";
import { Badge, type Tone } from "@/components/ui/badge";

const tone = (c: PreflightCheck): Tone => (c.ok ? "green" : c.severity === "error" ? "red" : "yellow");
const label = (c: PreflightCheck) => (c.ok ? "OK" : c.severity === "error" ? "Fails" : "Warning");

// The pre-flight checklist: every check with what was seen and, where it fails, the fix.
export function Checklist({ checks }: { checks: PreflightCheck[] }) {
  return (
    <ul aria-label="Pre-flight checklist" className="divide-y divide-slate-100 rounded-md border border-slate-200">
      {checks.map((c) => (
        <li key={c.name} className="flex items-start gap-3 px-3 py-2 text-sm">
          <Badge tone={tone(c)}>{label(c)}</Badge>
          <div className="min-w-0">
            <div className="font-medium text-slate-800">{c.name}</div>
            <div className="break-words text-slate-600">{c.detail}</div>
            {c.fix && !c.ok && <div className="text-xs text-slate-500">Fix: {c.fix}</div>}
          </div>
        </li>
      ))}
    </ul>
  );
}
