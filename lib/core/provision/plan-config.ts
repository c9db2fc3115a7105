import { createPatch } from "diff";
import type { HostFacts } from "@/lib/core/facts/facts";
import { parseLibvirtConf, type ConfValue } from "@/lib/core/config/libvirt-conf";
import { setConfigValues } from "@/lib/core/config/set-config-values";
import type { ConfigChange, ObservedState, ProvisionMode } from "@/lib/core/provision/types";

export const QEMU_CONF = "/etc/libvirt/qemu.conf";
export const QEMU_CERT_DIR = "/etc/pki/qemu";

export interface ConfigOptions {
  listenAddr?: string;
  migrationAddress?: string;
}

const same = (a: ConfValue | undefined, b: ConfValue | null) =>
  b === null ? a === undefined : JSON.stringify(a) === JSON.stringify(b);

function change(path: string, before: string | null, wanted: Record<string, ConfValue | null>): ConfigChange {
  const text = before ?? "";
  const current = parseLibvirtConf(text);
  // Keys already right are not touched, so a converged host gets an empty diff.
  const changes = Object.fromEntries(Object.entries(wanted).filter(([k, v]) => !same(current[k], v)));
  const after = Object.keys(changes).length ? setConfigValues(text, changes) : text;
  const diff = after === text ? "" : createPatch(path, text, after, "now", "planned", { context: 3 });
  return { path, changes, before: text, after, diff, action: after === text ? "none" : "replace" };
}

// libvirtd.conf (or virtproxyd.conf) and qemu.conf: libvirt-tls.md §3. The DN list is exactly
// the fleet's client DNs; x509 client certificates are the authentication (auth_tls "none").
export function planConfigs(facts: HostFacts, observed: ObservedState, mode: ProvisionMode, clientDns: string[], opts: ConfigOptions = {}): ConfigChange[] {
  const daemon: Record<string, ConfValue | null> = {
    listen_tls: 1,
    auth_tls: "none",
    tls_allowed_dn_list: [...clientDns].sort(),
    tls_no_verify_certificate: null,
    tls_no_sanity_certificate: null,
    ...(mode === "tls-only" ? { listen_tcp: 0 } : {}),
    ...(opts.listenAddr ? { listen_addr: opts.listenAddr } : {}),
  };
  const qemu: Record<string, ConfValue | null> = {
    default_tls_x509_cert_dir: QEMU_CERT_DIR,
    default_tls_x509_verify: 1,
    ...(mode === "tls-only" && facts.migrateTlsForceSupported ? { migrate_tls_force: 1 } : {}),
    ...(opts.migrationAddress ? { migration_address: opts.migrationAddress } : {}),
  };
  return [
    change(facts.libvirtdConfPath, observed.texts[facts.libvirtdConfPath] ?? null, daemon),
    change(QEMU_CONF, observed.texts[QEMU_CONF] ?? null, qemu),
  ];
}
