import { Badge } from "@/components/ui/badge";

export const POLICY_HELP: Record<string, string> = {
  tls: "Required: migrations only over QEMU-native TLS.",
  "prefer-tls": "TLS when both ends are ready, otherwise plain TCP with a warning and an audit record.",
  legacy: "Nothing enforced: plain TCP migrations are allowed.",
};

export function PolicyBadge({ policy }: { policy: string }) {
  const tone = policy === "tls" ? "green" : policy === "prefer-tls" ? "yellow" : "red";
  return <Badge tone={tone} title={POLICY_HELP[policy]}>{policy}</Badge>;
}
