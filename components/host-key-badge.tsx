import { Badge } from "@/components/ui/badge";

export function HostKeyBadge({ pinned, seen }: { pinned: string | null; seen?: string | null }) {
  if (!pinned) return <Badge tone="yellow" title="Fetch the host key and pin it before the dashboard can connect">unpinned</Badge>;
  if (seen && seen !== pinned) return <Badge tone="red" title={`Host now offers ${seen}`}>key changed</Badge>;
  return <Badge tone="green" title={pinned}>pinned</Badge>;
}
