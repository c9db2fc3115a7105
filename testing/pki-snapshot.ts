// A snapshot of a host whose PKI is exactly what the product deploys (pki-files.ts), built from
// real certificates: the starting point of the validation tests, which then break one thing.
import { createPublicKey } from "node:crypto";
import { PKI_DIRS, PKI_FILES, STRAY_MIGRATE_DIR, groupOf } from "@/lib/core/provision/pki-files";
import type { PkiSnapshot } from "@/lib/core/provision/validation/pki-snapshot";

export interface GreenSnapshotInput {
  caPem: string;
  certs: Record<"server" | "client", { certificatePem: string; privateKeyPem: string }>;
  crlPem: string | null;
  clientDns: string[];
  qemuUser?: string;
  qemuGroup?: string;
  now: Date;
}

export function greenSnapshot(input: GreenSnapshotInput): PkiSnapshot {
  const { certs, qemuUser = "qemu", qemuGroup = "qemu" } = input;
  const content: Record<string, string | null> = { ca: input.caPem, crl: input.crlPem, "server-cert": certs.server.certificatePem, "client-cert": certs.client.certificatePem };
  const keyPem: Record<string, string> = { "server-key": certs.server.privateKeyPem, "client-key": certs.client.privateKeyPem };
  const files = PKI_FILES.filter((f) => f.role !== "crl" || input.crlPem !== null);
  return {
    readAt: input.now.toISOString(),
    hostClock: Math.floor(input.now.getTime() / 1000),
    qemuUser,
    readCheckTool: "runuser",
    stats: [
      ...PKI_DIRS.map((d) => ({ path: d.path, exists: true, kind: "directory" as const, mode: d.mode, owner: "root", group: groupOf(d, qemuGroup) })),
      ...files.map((f) => ({ path: f.path, exists: true, kind: "file" as const, mode: f.mode, owner: "root", group: groupOf(f, qemuGroup) })),
      { path: STRAY_MIGRATE_DIR, exists: false, kind: null, mode: null, owner: null, group: null },
    ],
    qemuReadable: Object.fromEntries(files.filter((f) => f.set === "qemu").map((f) => [f.path, "yes" as const])),
    pems: Object.fromEntries(files.filter((f) => !f.role.endsWith("-key")).map((f) => [f.path, content[f.role]!])),
    keys: files.filter((f) => f.role.endsWith("-key")).map((f) => ({
      path: f.path, status: "ok" as const, publicKeyPem: createPublicKey(keyPem[f.role]).export({ type: "spki", format: "pem" }).toString(),
    })),
    strayDirEntries: [],
    conf: {
      libvirtd: { listen_tls: 1, listen_tcp: 0, auth_tls: "none", tls_allowed_dn_list: input.clientDns },
      virtproxyd: {},
      qemu: { default_tls_x509_cert_dir: "/etc/pki/qemu", default_tls_x509_verify: 1, migrate_tls_force: 1 },
    },
    confErrors: [],
    units: { "libvirtd-tls.socket": { enabled: "enabled", active: "active" }, "libvirtd-tcp.socket": { enabled: "disabled", active: "inactive" } },
    libvirtdArgs: null,
    listeningTcpPorts: [22, 16514],
  };
}
