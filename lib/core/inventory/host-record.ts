import { z } from "zod";
import { NewHost, type CanonicalHost, type HostPatch } from "@/lib/core/inventory/schemas";
import { refusedHostAddress, type Network } from "@/lib/core/inventory/address-policy";

// A host as the Host table stores it: lists as JSON text, no migration address meaning "the SSH address".
export interface HostRecord {
  name: string;
  address: string;
  sshPort: number;
  sshUser: string;
  clusterId: string;
  migrationAddress: string | null;
  names: string;
  ips: string;
  tags: string;
}

export type CanonicalHostResult = { success: true; data: HostRecord } | { success: false; error: z.ZodError };

// The one road from user input to a new host row: creating one host and every row of a bulk
// import go through it, so both apply the same validation and canonical forms (see schemas.ts),
// and the admin's allowed host networks (network-settings.ts: allowedHostNetworks).
export function canonicalHost(input: unknown, allowedNetworks: readonly Network[]): CanonicalHostResult {
  const parsed = NewHost.safeParse(input);
  if (!parsed.success) return { success: false, error: parsed.error };
  const refused = refusedHostAddress(parsed.data.address, allowedNetworks);
  if (refused) return { success: false, error: new z.ZodError([{ code: "custom", path: ["address"], message: refused, input: parsed.data.address }]) };
  return { success: true, data: hostRecord(parsed.data) };
}

function hostRecord(h: CanonicalHost): HostRecord {
  return {
    name: h.name,
    address: h.address,
    sshPort: h.sshPort,
    sshUser: h.sshUser,
    clusterId: h.clusterId,
    migrationAddress: h.migrationAddress ?? null,
    names: JSON.stringify(h.names),
    ips: JSON.stringify(h.ips),
    tags: JSON.stringify(h.tags),
  };
}

// An edit stores its lists the same way; fields left out stay as they are.
export function hostPatchRecord(p: HostPatch): Omit<HostPatch, "names" | "ips" | "tags"> & Partial<Pick<HostRecord, "names" | "ips" | "tags">> {
  const { names, ips, tags, ...rest } = p;
  return {
    ...rest,
    ...(names && { names: JSON.stringify(names) }),
    ...(ips && { ips: JSON.stringify(ips) }),
    ...(tags && { tags: JSON.stringify(tags) }),
  };
}
