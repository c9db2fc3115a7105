import type { HostConnection } from "@/lib/core/ssh/types";
import { DomainError } from "@/lib/core/errors";
import { NFT_TABLE } from "@/lib/core/provision/plan-firewall";
import type { ObservedState, ProvisionPlan } from "@/lib/core/provision/types";

export const BACKUP_ROOT = "/var/lib/virtshield/backup";

export interface BackupManifest {
  dir: string;
  entries: { path: string; existed: boolean; mode?: number; owner?: string; group?: string; sha256?: string }[];
  // Socket units as they were, so a rollback can put them back.
  sockets: { unit: string; enabled: boolean; active: boolean }[];
  // The product's nftables table before the apply ("" when there was none).
  nftTable: string | null;
}

// Fixed script; the paths come from the plan (fixed product paths), passed as arguments.
const BACKUP_SCRIPT = `set -e
dir=$1; shift
mkdir -p -m 0700 "$dir"
for p in "$@"; do
  [ -e "$p" ] || continue
  mkdir -p "$dir$(dirname "$p")" && cp -a "$p" "$dir$p"
done
exit 0`;

export function changedPaths(plan: ProvisionPlan): string[] {
  return [
    ...plan.files.filter((f) => f.action !== "none").map((f) => f.path),
    ...plan.configs.filter((c) => c.action !== "none").map((c) => c.path),
    ...(plan.firewall.commands.length ? ["/var/lib/virtshield/firewall.sha256"] : []),
  ];
}

// Copies of every file the apply will touch, under /var/lib/virtshield (not /etc), with a manifest.
export async function takeBackup(conn: HostConnection, plan: ProvisionPlan, observed: ObservedState, now: Date, units: Record<string, { enabled: string; active: string }>): Promise<BackupManifest> {
  const dir = `${BACKUP_ROOT}/${now.toISOString().replace(/[:.]/g, "-")}`;
  const paths = changedPaths(plan);
  const r = await conn.exec(["sh", "-c", BACKUP_SCRIPT, "virtshield-backup", dir, ...paths], { timeoutMs: 60_000 });
  if (r.code !== 0) throw new DomainError("REMOTE_COMMAND_FAILED", `Backing up the host's files failed: ${r.stderr.trim().slice(0, 300)}`);
  const nft = plan.firewall.manager === "nftables" ? await conn.exec(["nft", "list", "table", "inet", NFT_TABLE], { timeoutMs: 15_000 }) : null;
  const manifest: BackupManifest = {
    dir,
    entries: paths.map((p) => {
      const o = observed.files[p] ?? { exists: false };
      return { path: p, existed: o.exists, mode: o.mode, owner: o.owner, group: o.group, sha256: o.sha256 };
    }),
    sockets: Object.entries(units)
      .filter(([u]) => u.endsWith(".socket"))
      .map(([unit, s]) => ({ unit, enabled: s.enabled === "enabled", active: s.active === "active" })),
    nftTable: nft ? (nft.code === 0 ? nft.stdout : "") : null,
  };
  await conn.writeFileAtomic(`${dir}/manifest.json`, JSON.stringify(manifest, null, 2), { mode: 0o600 });
  return manifest;
}
