import { DomainError } from "@/lib/core/errors";
import type { HostConnection } from "@/lib/core/ssh/types";
import type { BackupManifest } from "@/lib/core/provision/backup";
import { NFT_TABLE } from "@/lib/core/provision/plan-firewall";
import { waitActive } from "@/lib/core/provision/verify";

// "E:path" puts the saved copy back (atomically: copy beside, then rename); "N:path" removes a
// file the apply created. Fixed script, product paths as arguments.
const RESTORE_SCRIPT = `dir=$1; shift; rc=0
for e in "$@"; do
  p=\${e#?:}
  case $e in
    E:*) cp -a "$dir$p" "$p.vs-restore" && mv -f "$p.vs-restore" "$p" || rc=1 ;;
    N:*) rm -f "$p" || rc=1 ;;
  esac
done
exit $rc`;

// Puts the host back as the backup found it and proves libvirtd answers again.
export async function restoreBackup(conn: HostConnection, manifest: BackupManifest, daemon: string): Promise<void> {
  const args = manifest.entries.map((e) => `${e.existed ? "E" : "N"}:${e.path}`);
  const r = await conn.exec(["sh", "-c", RESTORE_SCRIPT, "virtshield-restore", manifest.dir, ...args], { timeoutMs: 60_000 });
  if (r.code !== 0) throw new DomainError("REMOTE_COMMAND_FAILED", `Restoring the backup ${manifest.dir} failed: ${r.stderr.trim().slice(0, 300)}`);
  for (const s of manifest.sockets.filter((x) => x.unit === `${daemon}-tls.socket` || x.unit === `${daemon}-tcp.socket`)) {
    await conn.exec(["systemctl", s.enabled ? "enable" : "disable", s.unit], { timeoutMs: 30_000 });
    await conn.exec(["systemctl", s.active ? "start" : "stop", s.unit], { timeoutMs: 30_000 });
  }
  if (manifest.nftTable !== null) {
    await conn.exec(["nft", "delete", "table", "inet", NFT_TABLE], { timeoutMs: 15_000 });
    if (manifest.nftTable) await conn.exec(["nft", "-f", "-"], { stdin: manifest.nftTable, timeoutMs: 15_000 });
  }
  await conn.run(["systemctl", "restart", `${daemon}.service`], { timeoutMs: 90_000 });
  await waitActive(conn, daemon);
  const v = await conn.exec(["virsh", "-c", "qemu:///system", "version"], { timeoutMs: 30_000 });
  if (v.code !== 0) throw new DomainError("REMOTE_COMMAND_FAILED", `After the rollback ${daemon} does not answer: ${v.stderr.trim().slice(0, 300)}`);
}
