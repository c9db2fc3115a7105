import type { HostConnection } from "@/lib/core/ssh/types";
import { DomainError } from "@/lib/core/errors";
import { shellQuote } from "@/lib/core/ssh/shell-quote";
import { PKI_DIRS, PKI_FILES, STRAY_MIGRATE_DIR } from "@/lib/core/provision/pki-files";
import type { PkiSnapshot } from "./pki-snapshot";
import { parsePkiSnapshot } from "./parse-pki-snapshot";

const words = (paths: string[]) => paths.map(shellQuote).join(" ");
const ALL_PATHS = words([...PKI_DIRS.map((d) => d.path), ...PKI_FILES.map((f) => f.path), STRAY_MIGRATE_DIR]);
const QEMU_FILES = words(PKI_FILES.filter((f) => f.set === "qemu").map((f) => f.path));
const PEM_FILES = words(PKI_FILES.filter((f) => !f.role.endsWith("-key")).map((f) => f.path));
const KEY_FILES = words(PKI_FILES.filter((f) => f.role.endsWith("-key")).map((f) => f.path));

// One fixed script; its only argument ($1) is the QEMU user, passed quoted by exec. Private keys
// stay on the host: only the public key openssl derives from each is printed.
export const PKI_SNAPSHOT_SCRIPT = String.raw`export LC_ALL=C PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
qu=$1
s() { printf '\n::virtshield::%s::\n' "$1"; }
has() { command -v "$1" >/dev/null 2>&1; }
s clock; date +%s
b64() { head -c 65536 "$1" | base64 | tr -d '\n'; }
tool=none
if has runuser; then tool=runuser; elif has setpriv; then tool=setpriv; elif has sudo; then tool=sudo; fi
s read-check; echo "$tool"
s stat
for p in ${ALL_PATHS}; do
  if [ -e "$p" ]; then stat -L -c '%n|%F|%a|%U|%G' "$p" 2>/dev/null || echo "$p|unreadable|||"; else echo "$p|missing|||"; fi
done
s qemu-readable
for p in ${QEMU_FILES}; do
  if ! id -u "$qu" >/dev/null 2>&1; then r=no-such-user
  elif [ "$tool" = runuser ]; then runuser -u "$qu" -- test -r "$p" 2>/dev/null && r=yes || r=no
  elif [ "$tool" = setpriv ]; then setpriv --reuid "$(id -u "$qu")" --regid "$(id -g "$qu")" --init-groups test -r "$p" 2>/dev/null && r=yes || r=no
  elif [ "$tool" = sudo ]; then sudo -n -u "$qu" test -r "$p" 2>/dev/null && r=yes || r=no
  else r=unknown; fi
  echo "$p|$r"
done
s pems
for p in ${PEM_FILES}; do [ -f "$p" ] && echo "$p|$(b64 "$p")"; done
s keys
for p in ${KEY_FILES}; do
  [ -f "$p" ] || continue
  if grep -q ENCRYPTED "$p" 2>/dev/null; then echo "$p|encrypted|"
  elif ! has openssl; then echo "$p|no-openssl|"
  elif pub=$(openssl pkey -in "$p" -pubout -passin pass: 2>/dev/null </dev/null) && [ -n "$pub" ]; then echo "$p|ok|$(printf '%s\n' "$pub" | base64 | tr -d '\n')"
  else echo "$p|unreadable|"; fi
done
s stray-dir; [ -d ${shellQuote(STRAY_MIGRATE_DIR)} ] && ls -A ${shellQuote(STRAY_MIGRATE_DIR)} 2>/dev/null | head -n 50
s libvirtd-conf; cat /etc/libvirt/libvirtd.conf 2>/dev/null
s virtproxyd-conf; cat /etc/libvirt/virtproxyd.conf 2>/dev/null
s qemu-conf; sed -E '/^[[:space:]]*(vnc_password|spice_password)[[:space:]]*=/d' /etc/libvirt/qemu.conf 2>/dev/null
s units
if has systemctl; then
  for u in libvirtd-tls.socket libvirtd-tcp.socket virtproxyd-tls.socket virtproxyd-tcp.socket libvirtd.service virtproxyd.service; do
    printf '%s enabled=%s active=%s\n' "$u" "$(systemctl is-enabled "$u" 2>/dev/null </dev/null | head -n 1)" "$(systemctl is-active "$u" 2>/dev/null </dev/null | head -n 1)"
  done
fi
s libvirtd-args; grep -H -E '^[[:space:]]*LIBVIRTD_ARGS=' /etc/default/libvirtd /etc/sysconfig/libvirtd 2>/dev/null
s listening; ss -Hltn 2>/dev/null || netstat -ltn 2>/dev/null
s end
exit 0`;

// Reads the host's PKI in one remote command. `now` is the dashboard's clock.
export async function readPkiSnapshot(conn: HostConnection, qemuUser: string, now: () => Date, opts: { timeoutMs?: number } = {}): Promise<PkiSnapshot> {
  // `date` is the script's first command: compare it with the dashboard's clock at the start.
  const started = now();
  const r = await conn.exec(["sh", "-c", PKI_SNAPSHOT_SCRIPT, "virtshield-pki", qemuUser], { timeoutMs: opts.timeoutMs ?? 60_000 });
  if (!r.stdout.includes("::virtshield::end::")) {
    const detail = r.stderr.trim().slice(0, 300);
    throw new DomainError("REMOTE_COMMAND_FAILED", `Reading the PKI files failed (exit ${r.code})${detail ? `: ${detail}` : ""}`);
  }
  return parsePkiSnapshot(r.stdout, { qemuUser, readAt: started });
}
