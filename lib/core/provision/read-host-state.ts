import { DomainError } from "@/lib/core/errors";
import type { HostFacts } from "@/lib/core/facts/facts";
import type { HostConnection } from "@/lib/core/ssh/types";
import { PKI_DIRS, PKI_FILES } from "@/lib/core/provision/pki-files";
import { QEMU_CONF } from "@/lib/core/provision/plan-config";
import { argsFilePath } from "@/lib/core/provision/plan-services";
import { FIREWALL_MARKER } from "@/lib/core/provision/plan-firewall";
import type { ObservedFile, ObservedState } from "@/lib/core/provision/types";

// Fixed paths only (no inventory values): one line per path, "path|kind|mode|owner|group|sha256".
const STAT_SCRIPT = String.raw`export LC_ALL=C
for p in "$@"; do
  if [ -d "$p" ]; then printf '%s|dir|%s\n' "$p" "$(stat -c '%a|%U|%G' "$p")"
  elif [ -f "$p" ]; then printf '%s|file|%s|%s\n' "$p" "$(stat -c '%a|%U|%G' "$p")" "$(sha256sum < "$p" | cut -d' ' -f1)"
  else printf '%s|missing\n' "$p"; fi
done`;

function parseStat(stdout: string): { files: Record<string, ObservedFile>; dirs: Record<string, ObservedFile> } {
  const files: Record<string, ObservedFile> = {};
  const dirs: Record<string, ObservedFile> = {};
  for (const line of stdout.split("\n").filter(Boolean)) {
    const [path, kind, mode, owner, group, sha] = line.split("|");
    if (kind === "missing") files[path] = dirs[path] = { exists: false };
    else if (kind === "dir") dirs[path] = { exists: true, mode: parseInt(mode, 8), owner, group };
    else if (kind === "file") files[path] = { exists: true, mode: parseInt(mode, 8), owner, group, sha256: sha };
  }
  return { files, dirs };
}

export function configPaths(facts: HostFacts): string[] {
  return [facts.libvirtdConfPath, QEMU_CONF, argsFilePath(facts), FIREWALL_MARKER];
}

// What the host has now, in one stat round trip plus the config files it may change.
export async function readHostState(conn: HostConnection, facts: HostFacts): Promise<ObservedState> {
  const paths = [...PKI_DIRS.map((d) => d.path), ...PKI_FILES.map((f) => f.path), ...configPaths(facts)];
  const r = await conn.exec(["sh", "-c", STAT_SCRIPT, "virtshield-stat", ...paths], { timeoutMs: 30_000 });
  if (r.code !== 0) throw new DomainError("REMOTE_COMMAND_FAILED", `Reading the host's PKI files failed: ${r.stderr.trim().slice(0, 300)}`);
  const { files, dirs } = parseStat(r.stdout);
  // As the login user: sudo drops SSH_CONNECTION from the environment.
  const ssh = (await conn.exec(["sh", "-c", 'echo "${SSH_CONNECTION%% *}"'], { sudo: false, timeoutMs: 15_000 })).stdout.trim() || null;
  const texts: Record<string, string | null> = {};
  for (const p of configPaths(facts)) texts[p] = (await conn.readFile(p))?.toString("utf8") ?? null;
  return { files, dirs, texts, dashboardAddress: ssh };
}
