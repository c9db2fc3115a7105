import { Badge, type Tone } from "@/components/ui/badge";

const TONE: Record<string, Tone> = { queued: "gray", running: "blue", succeeded: "green", failed: "red", interrupted: "yellow", cancelled: "yellow", skipped: "gray" };

export function JobStateBadge({ state }: { state: string }) {
  return <Badge tone={TONE[state] ?? "gray"}>{state}</Badge>;
}
