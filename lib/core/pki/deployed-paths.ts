import type { CertificateKind } from "@/lib/core/pki/certificate-rows";

// Where libvirt (RPC) and QEMU (migration TLS) look for certificates: libvirt-tls.md §1.
export const DEPLOYED_CERTIFICATES: { path: string; kind: CertificateKind; set: "libvirt" | "qemu" }[] = [
  { path: "/etc/pki/CA/cacert.pem", kind: "ca", set: "libvirt" },
  { path: "/etc/pki/libvirt/servercert.pem", kind: "server", set: "libvirt" },
  { path: "/etc/pki/libvirt/clientcert.pem", kind: "client", set: "libvirt" },
  { path: "/etc/pki/qemu/ca-cert.pem", kind: "ca", set: "qemu" },
  { path: "/etc/pki/qemu/server-cert.pem", kind: "server", set: "qemu" },
  { path: "/etc/pki/qemu/client-cert.pem", kind: "client", set: "qemu" },
];
