import crypto from "node:crypto";
import type { HostFacts } from "@/lib/core/facts/facts";
import { planConfigs, type ConfigOptions } from "@/lib/core/provision/plan-config";
import { planDirs, planFiles, type PkiMaterial } from "@/lib/core/provision/plan-files";
import { FIREWALL_MARKER, planFirewall } from "@/lib/core/provision/plan-firewall";
import { planArgsFile, planServices } from "@/lib/core/provision/plan-services";
import { STRAY_MIGRATE_DIR } from "@/lib/core/provision/pki-files";
import type { ObservedState, ProvisionMode, ProvisionPlan } from "@/lib/core/provision/types";

export interface PlanInput {
  host: { id: string; name: string };
  facts: HostFacts;
  mode: ProvisionMode;
  material: PkiMaterial;
  fleet: { clientDns: string[]; addresses: string[] };
  observed: ObservedState;
  options?: ConfigOptions & { migrationPorts?: [number, number] };
}

function migrationPorts(facts: HostFacts, override?: [number, number]): [number, number] {
  if (override) return override;
  const min = Number(facts.qemuConf.migration_port_min ?? 49152);
  const max = Number(facts.qemuConf.migration_port_max ?? 49215);
  return [Number.isInteger(min) ? min : 49152, Number.isInteger(max) ? max : 49215];
}

function summarise(p: Omit<ProvisionPlan, "summary" | "hash" | "changed">, changed: boolean): string {
  if (!changed) return "Nothing to do: the host already matches the plan.";
  const files = p.files.filter((f) => f.action !== "none").length;
  const keys = p.configs.reduce((n, c) => n + Object.keys(c.changes).length, 0);
  const parts = [`${files} file(s)`, `${keys} config key(s)`];
  if (p.services.length) parts.push(p.services.map((s) => (s.kind === "update-tls" ? `reload TLS of ${s.daemon}` : `${s.kind} ${s.unit}`)).join(", "));
  if (p.firewall.commands.length) parts.push(`firewall (${p.firewall.manager})`);
  return `To change: ${parts.join("; ")}.`;
}

// The desired state of one host as data: what the dry-run shows and what apply executes.
export function planProvision(input: PlanInput): ProvisionPlan {
  const { facts, observed, mode } = input;
  const dirs = planDirs(observed, facts.qemuGroup);
  const files = planFiles(observed, input.material, facts.qemuGroup);
  const args = planArgsFile(facts, observed);
  const configs = [...planConfigs(facts, observed, mode, input.fleet.clientDns, input.options), ...(args ? [args] : [])];
  const filesChanged = files.some((f) => f.action !== "none") || dirs.some((d) => d.action !== "none");
  const configsChanged = configs.some((c) => c.action !== "none");
  const services = planServices(facts, mode, { files: filesChanged, configs: configsChanged });
  const allowed = [...new Set([...input.fleet.addresses, ...(observed.dashboardAddress ? [observed.dashboardAddress] : [])])].sort();
  const firewall = planFirewall({
    manager: facts.firewall, mode, fleetAddresses: allowed, migrationPorts: migrationPorts(facts, input.options?.migrationPorts),
    applied: observed.texts[FIREWALL_MARKER] ?? null,
  });
  const warnings: string[] = [];
  if (facts.libvirtMigrateDirExists) warnings.push(`${STRAY_MIGRATE_DIR} exists: it silently replaces /etc/pki/qemu for migrations. Remove it (or make it match).`);
  if (!facts.nativeTlsSupported) warnings.push(`libvirt ${facts.libvirtVersion ?? "?"} / QEMU ${facts.qemuVersion ?? "?"} are too old for native TLS migration (libvirt >= 4.4.0, QEMU >= 2.11).`);
  if (mode === "tls-alongside") warnings.push("Plain TCP keeps listening in tls-alongside mode: switch to tls-only once every peer speaks TLS.");
  if (mode === "tls-only" && !facts.migrateTlsForceSupported) warnings.push("libvirt < 6.10 has no migrate_tls_force: a migration without --tls would still go plain.");
  const base = { hostId: input.host.id, hostName: input.host.name, mode, daemon: facts.tlsDaemon, dirs, files, configs, services, firewall, warnings };
  const changed = filesChanged || configsChanged || services.length > 0 || firewall.commands.length > 0;
  const hash = crypto
    .createHash("sha256")
    .update(JSON.stringify({ mode, files: files.map((f) => [f.path, f.sha256, f.mode, f.group]), configs: configs.map((c) => [c.path, c.after]), fw: firewall.hash }))
    .digest("hex");
  return { ...base, changed, hash, summary: summarise(base, changed) };
}

// The dry-run answer: everything but the contents (private keys among them).
export function planView(plan: ProvisionPlan): ProvisionPlan {
  return { ...plan, files: plan.files.map(({ content: _content, ...f }) => f) };
}
