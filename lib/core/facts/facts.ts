import { z } from "zod";

// What the dashboard knows about a hypervisor, read over SSH by gatherFacts.

export const ConfValueSchema = z.union([z.string(), z.number(), z.array(z.string())]);

export const LIBVIRTD_CONF_KEYS = [
  "listen_tls", "listen_tcp", "auth_tcp", "auth_tls", "tls_allowed_dn_list", "listen_addr",
  "tls_port", "tcp_port", "key_file", "cert_file", "ca_file", "crl_file",
  "tls_no_verify_certificate", "tls_no_sanity_certificate", "tls_priority", "sasl_allowed_username_list",
] as const;

export const QEMU_CONF_KEYS = [
  "default_tls_x509_cert_dir", "default_tls_x509_verify", "default_tls_x509_secret_uuid",
  "migrate_tls_x509_cert_dir", "migrate_tls_x509_verify", "migrate_tls_force",
  "nbd_tls", "nbd_tls_x509_cert_dir", "migration_address", "migration_host",
  "migration_port_min", "migration_port_max", "user", "group",
] as const;

const confOf = <K extends readonly string[]>(keys: K) =>
  z.object(Object.fromEntries(keys.map((k) => [k, ConfValueSchema.optional()])) as { [P in K[number]]: z.ZodOptional<typeof ConfValueSchema> });

export const FIREWALLS = ["firewalld", "ufw", "nftables", "iptables", "none"] as const;

export const HostFacts = z.object({
  gatheredAt: z.string(),
  hostname: z.string(),
  os: z.object({ id: z.string(), idLike: z.array(z.string()), versionId: z.string(), prettyName: z.string() }),
  libvirtInstalled: z.boolean(),
  libvirtVersion: z.string().nullable(),
  /** `virsh -c qemu:///system version --daemon` reached the daemon (domains are only known then). */
  libvirtReachable: z.boolean(),
  qemuVersion: z.string().nullable(),
  /** libvirt >= 4.4.0 and QEMU >= 2.11. */
  nativeTlsSupported: z.boolean(),
  /** libvirt >= 6.10.0 knows qemu.conf migrate_tls_force. */
  migrateTlsForceSupported: z.boolean(),
  libvirtMode: z.enum(["socket-activation", "listen-flag", "unknown"]),
  tlsDaemon: z.enum(["libvirtd", "virtproxyd"]),
  /** LIBVIRTD_ARGS from /etc/default/libvirtd or /etc/sysconfig/libvirtd, null when unset. */
  libvirtdArgs: z.string().nullable(),
  /** systemctl is-enabled per unit ("enabled", "disabled", "masked", "" when unknown). */
  units: z.record(z.string(), z.object({ enabled: z.string(), active: z.string() })),
  qemuUser: z.string(),
  qemuGroup: z.string(),
  qemuUserSource: z.enum(["qemu.conf", "distro-default"]),
  /** The firewall that filters input traffic now; "none" when nothing does. */
  firewall: z.enum(FIREWALLS),
  /** Firewall tools installed, whether or not they filter anything. */
  firewallTools: z.array(z.enum(["firewalld", "ufw", "nftables", "iptables"])),
  /** The TLS daemon's config file: libvirtd.conf or virtproxyd.conf. */
  libvirtdConfPath: z.string(),
  libvirtdConf: confOf(LIBVIRTD_CONF_KEYS),
  qemuConf: confOf(QEMU_CONF_KEYS),
  virtAdminTlsUpdate: z.boolean(),
  /** /etc/pki/libvirt-migrate silently overrides /etc/pki/qemu for migrations when it exists. */
  libvirtMigrateDirExists: z.boolean(),
  domains: z.array(z.object({ name: z.string(), state: z.string() })),
  listeningPorts: z.object({ tcp16509: z.boolean(), tls16514: z.boolean() }),
  listeningTcpPorts: z.array(z.number().int()),
  /** nova-compute's live-migration keys when /etc/nova/nova.conf exists (absent from facts gathered before they were read). */
  nova: z.object({ confPresent: z.boolean(), liveMigrationTunnelled: z.boolean().nullable(), liveMigrationWithNativeTls: z.boolean().nullable() }).optional(),
  /**
   * The host's clock at gathering against the dashboard's (skew = host - dashboard, seconds; the SSH
   * round trip makes it a second or so high). Absent from facts gathered before it was read.
   */
  clock: z.object({ hostEpochSeconds: z.number().int(), skewSeconds: z.number() }).optional(),
  /**
   * mech_list of /etc/sasl2/libvirt.conf, lower-cased; [] when the file has no mech_list (SASL then
   * offers every installed plugin). Absent from facts gathered before it was read.
   */
  saslMechanisms: z.array(z.string()).optional(),
  /** Things that went wrong while reading (unparsable config, conflicting settings). */
  warnings: z.array(z.string()),
});
export type HostFacts = z.infer<typeof HostFacts>;
export type Firewall = (typeof FIREWALLS)[number];
