import { z } from "zod";
import { DnsName, Id, IpAddress, NetworkAddress } from "@/lib/core/validation";

export const POLICIES = ["tls", "prefer-tls", "legacy"] as const;
export type Policy = (typeof POLICIES)[number];

export const ClusterName = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9 ._-]{0,63}$/, "1-64 letters, digits, spaces, '.', '_' or '-'");
export const NewCluster = z.strictObject({ name: ClusterName, policy: z.enum(POLICIES).default("tls"), migrationParallel: z.boolean().default(true) });
export type NewCluster = z.infer<typeof NewCluster>;
export const ClusterPatch = z.strictObject({ name: ClusterName.optional(), policy: z.enum(POLICIES).optional(), migrationParallel: z.boolean().optional() });
export type ClusterPatch = z.infer<typeof ClusterPatch>;

// Unix user names as useradd accepts them; goes into `ssh user@host`, so nothing else is allowed.
export const SshUser = z.string().regex(/^[a-z_][a-z0-9_-]{0,31}$/, "a Unix user name");
export const Tag = z.string().regex(/^[a-zA-Z0-9_.:-]{1,40}$/, "1-40 letters, digits, '_', '.', ':' or '-'");

// Canonical forms, applied by the schema itself so that every way in (one host, a bulk import,
// an edit) stores the same row: surrounding blanks dropped, DNS names and addresses lower-cased
// (DNS is case-insensitive, and "HV1" beside "hv1" would be one certificate name), lists deduplicated.
const canonical = <S extends z.ZodType<string, string>>(schema: S) => z.string().trim().toLowerCase().pipe(schema);
const uniqueList = <S extends z.ZodType>(item: S, max: number) => z.array(item).max(max).overwrite((list) => [...new Set(list)]);

const hostFields = {
  name: canonical(DnsName),
  address: canonical(NetworkAddress),
  sshPort: z.number().int().min(1).max(65535),
  sshUser: z.string().trim().pipe(SshUser),
  clusterId: Id,
  names: uniqueList(canonical(DnsName), 32),
  ips: uniqueList(canonical(IpAddress), 32),
  tags: uniqueList(z.string().trim().pipe(Tag), 16),
  migrationAddress: canonical(NetworkAddress).nullable(),
};

export const NewHost = z.strictObject({
  ...hostFields,
  sshPort: hostFields.sshPort.default(22),
  sshUser: hostFields.sshUser.default("root"),
  names: hostFields.names.default([]),
  ips: hostFields.ips.default([]),
  tags: hostFields.tags.default([]),
  migrationAddress: hostFields.migrationAddress.optional(),
});
export type NewHost = z.input<typeof NewHost>;
export type CanonicalHost = z.output<typeof NewHost>;

export const HostPatch = z.strictObject({
  name: hostFields.name.optional(),
  address: hostFields.address.optional(),
  sshPort: hostFields.sshPort.optional(),
  sshUser: hostFields.sshUser.optional(),
  clusterId: hostFields.clusterId.optional(),
  names: hostFields.names.optional(),
  ips: hostFields.ips.optional(),
  tags: hostFields.tags.optional(),
  migrationAddress: hostFields.migrationAddress.optional(),
});
export type HostPatch = z.infer<typeof HostPatch>;
