import type { Severity } from "@/lib/core/checks/audit-rules";
import { Badge, type Tone } from "@/components/ui/badge";

const TONE: Record<Severity, Tone> = { critical: "red", high: "red", warning: "yellow", info: "blue" };

// A security audit finding's severity, the same on the audit page and the overview.
export function SeverityBadge({ severity }: { severity: Severity }) {
  return <Badge tone={TONE[severity]}>{severity}</Badge>;
}
