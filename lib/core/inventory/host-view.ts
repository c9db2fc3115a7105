import type { Policy } from "@/lib/core/inventory/schemas";

export interface HostRow {
  id: string;
  name: string;
  address: string;
  sshPort: number;
  sshUser: string;
  migrationAddress: string | null;
  names: string;
  ips: string;
  tags: string;
  clusterId: string;
  cluster: { name: string; policy: string };
  hostKeyFingerprint: string | null;
  hostKeySeen: string | null;
  hostKeySeenAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  facts: { gatheredAt: Date } | null;
}

// What the API and pages see of a host. Secrets live elsewhere; nothing here is sensitive.
export interface HostView {
  id: string;
  name: string;
  address: string;
  sshPort: number;
  sshUser: string;
  migrationAddress: string;
  names: string[];
  ips: string[];
  tags: string[];
  clusterId: string;
  clusterName: string;
  policy: Policy;
  hostKey: { pinned: string | null; seen: string | null; seenAt: string | null };
  factsGatheredAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toHostView(r: HostRow): HostView {
  return {
    id: r.id,
    name: r.name,
    address: r.address,
    sshPort: r.sshPort,
    sshUser: r.sshUser,
    migrationAddress: r.migrationAddress ?? r.address,
    names: JSON.parse(r.names) as string[],
    ips: JSON.parse(r.ips) as string[],
    tags: JSON.parse(r.tags) as string[],
    clusterId: r.clusterId,
    clusterName: r.cluster.name,
    policy: r.cluster.policy as Policy,
    hostKey: { pinned: r.hostKeyFingerprint, seen: r.hostKeySeen, seenAt: r.hostKeySeenAt?.toISOString() ?? null },
    factsGatheredAt: r.facts?.gatheredAt.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

// Every DNS name and IP the host's certificate must carry: its name, listed names/IPs, its
// SSH address and its migration address, deduplicated.
export function certificateNames(h: Pick<HostView, "name" | "address" | "migrationAddress" | "names" | "ips">): { dnsNames: string[]; ips: string[] } {
  const isIp = (s: string) => /^[0-9.]+$/.test(s) || s.includes(":");
  const all = [h.name, ...h.names, ...h.ips, h.address, h.migrationAddress];
  return {
    dnsNames: [...new Set(all.filter((s) => !isIp(s)).map((s) => s.toLowerCase()))],
    ips: [...new Set(all.filter(isIp))],
  };
}
