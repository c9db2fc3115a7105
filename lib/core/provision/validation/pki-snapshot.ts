import { z } from "zod";
import { ConfValueSchema } from "@/lib/core/facts/facts";

// What one SSH read of a host's PKI returns: file metadata, certificate and CRL contents, the
// public half of each private key (the key itself never leaves the host), config and clock.

export const PathStat = z.object({
  path: z.string(),
  exists: z.boolean(),
  kind: z.enum(["file", "directory", "other"]).nullable(),
  mode: z.number().int().nullable(),
  owner: z.string().nullable(),
  group: z.string().nullable(),
});
export type PathStat = z.infer<typeof PathStat>;

export const KeyProbe = z.object({
  path: z.string(),
  status: z.enum(["ok", "encrypted", "unreadable", "no-openssl"]),
  /** SubjectPublicKeyInfo PEM derived on the host from the private key. */
  publicKeyPem: z.string().nullable(),
});
export type KeyProbe = z.infer<typeof KeyProbe>;

export const Readability = z.enum(["yes", "no", "unknown", "no-such-user"]);

const Conf = z.record(z.string(), ConfValueSchema);

export const PkiSnapshot = z.object({
  /** The dashboard's clock when the read started, to compare with hostClock. */
  readAt: z.string(),
  /** `date +%s` on the host, null when it printed nothing usable. */
  hostClock: z.number().int().nullable(),
  qemuUser: z.string(),
  /** Which way the host checked the QEMU user's access: runuser, setpriv, sudo or none. */
  readCheckTool: z.enum(["runuser", "setpriv", "sudo", "none"]),
  stats: z.array(PathStat),
  qemuReadable: z.record(z.string(), Readability),
  pems: z.record(z.string(), z.string()),
  keys: z.array(KeyProbe),
  strayDirEntries: z.array(z.string()),
  conf: z.object({ libvirtd: Conf, virtproxyd: Conf, qemu: Conf }),
  confErrors: z.array(z.string()),
  units: z.record(z.string(), z.object({ enabled: z.string(), active: z.string() })),
  libvirtdArgs: z.string().nullable(),
  listeningTcpPorts: z.array(z.number().int()),
});
export type PkiSnapshot = z.infer<typeof PkiSnapshot>;
