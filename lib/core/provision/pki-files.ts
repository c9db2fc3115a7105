// Where libvirt (RPC) and QEMU (migration and NBD TLS) read their certificates, with the owner
// and mode each gets: libvirt-tls.md §1. Plans write these; validation checks them.
// Decision: client keys are 0600 (virt-pki-validate >= 10.5 asks 0644, a world-readable private
// key); the QEMU set is 0640 root:<QEMU group> so QEMU, running as that group, can read it.

export type PkiRole = "ca" | "server-cert" | "server-key" | "client-cert" | "client-key" | "crl";
export type PkiSet = "libvirt" | "qemu";

export interface PkiFileSpec {
  path: string;
  set: PkiSet;
  role: PkiRole;
  mode: number;
  owner: "root";
  // "qemu" means the QEMU group of the host (from facts), "root" means root.
  group: "root" | "qemu";
}

export interface PkiDirSpec {
  path: string;
  mode: number;
  group: "root" | "qemu";
}

export const PKI_DIRS: PkiDirSpec[] = [
  { path: "/etc/pki", mode: 0o755, group: "root" },
  { path: "/etc/pki/CA", mode: 0o755, group: "root" },
  { path: "/etc/pki/libvirt", mode: 0o755, group: "root" },
  { path: "/etc/pki/libvirt/private", mode: 0o700, group: "root" },
  { path: "/etc/pki/qemu", mode: 0o750, group: "qemu" },
];

export const PKI_FILES: PkiFileSpec[] = [
  { path: "/etc/pki/CA/cacert.pem", set: "libvirt", role: "ca", mode: 0o644, owner: "root", group: "root" },
  { path: "/etc/pki/CA/cacrl.pem", set: "libvirt", role: "crl", mode: 0o644, owner: "root", group: "root" },
  { path: "/etc/pki/libvirt/servercert.pem", set: "libvirt", role: "server-cert", mode: 0o644, owner: "root", group: "root" },
  { path: "/etc/pki/libvirt/private/serverkey.pem", set: "libvirt", role: "server-key", mode: 0o600, owner: "root", group: "root" },
  { path: "/etc/pki/libvirt/clientcert.pem", set: "libvirt", role: "client-cert", mode: 0o644, owner: "root", group: "root" },
  { path: "/etc/pki/libvirt/private/clientkey.pem", set: "libvirt", role: "client-key", mode: 0o600, owner: "root", group: "root" },
  { path: "/etc/pki/qemu/ca-cert.pem", set: "qemu", role: "ca", mode: 0o640, owner: "root", group: "qemu" },
  { path: "/etc/pki/qemu/ca-crl.pem", set: "qemu", role: "crl", mode: 0o640, owner: "root", group: "qemu" },
  { path: "/etc/pki/qemu/server-cert.pem", set: "qemu", role: "server-cert", mode: 0o640, owner: "root", group: "qemu" },
  { path: "/etc/pki/qemu/server-key.pem", set: "qemu", role: "server-key", mode: 0o640, owner: "root", group: "qemu" },
  { path: "/etc/pki/qemu/client-cert.pem", set: "qemu", role: "client-cert", mode: 0o640, owner: "root", group: "qemu" },
  { path: "/etc/pki/qemu/client-key.pem", set: "qemu", role: "client-key", mode: 0o640, owner: "root", group: "qemu" },
];

// A directory that, when present, silently replaces /etc/pki/qemu for migrations (§1).
export const STRAY_MIGRATE_DIR = "/etc/pki/libvirt-migrate";

export const groupOf = (spec: { group: "root" | "qemu" }, qemuGroup: string) => (spec.group === "qemu" ? qemuGroup : "root");
