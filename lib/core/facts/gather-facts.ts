import type { HostConnection } from "@/lib/core/ssh/types";
import { DomainError } from "@/lib/core/errors";
import type { HostFacts } from "./facts";
import { parseFactsOutput } from "./parse-facts";

// One fixed script, no inventory values in it: each probe prints a marked section and a missing
// tool only leaves its section empty. Config passwords (vnc/spice) are dropped on the host, and
// only mech_list is read from the SASL config (it may name a password database). The clock is
// read first so that the skew against the dashboard's time is not inflated by the slow probes.
export const FACTS_SCRIPT = String.raw`export LC_ALL=C PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
s() { printf '\n::virtshield::%s::\n' "$1"; }
has() { command -v "$1" >/dev/null 2>&1; }
unit() { systemctl "$1" "$2" 2>/dev/null </dev/null | head -n 1; }
s clock; date +%s 2>/dev/null
s hostname; hostname 2>/dev/null || cat /etc/hostname 2>/dev/null
s os-release; cat /etc/os-release 2>/dev/null || cat /usr/lib/os-release 2>/dev/null
s libvirtd-version; has libvirtd && libvirtd --version 2>/dev/null </dev/null
s virtqemud-version; has virtqemud && virtqemud --version 2>/dev/null </dev/null
s virsh-version; has virsh && timeout 20 virsh -c qemu:///system version --daemon 2>/dev/null </dev/null
s qemu-version
for q in qemu-system-x86_64 /usr/libexec/qemu-kvm qemu-kvm qemu-system-aarch64; do
  if has "$q"; then "$q" --version 2>/dev/null </dev/null; break; fi
done
s units
if has systemctl; then
  for u in libvirtd.socket libvirtd-tls.socket libvirtd-tcp.socket libvirtd.service virtqemud.socket virtqemud.service virtproxyd.socket virtproxyd-tls.socket virtproxyd.service; do
    printf '%s enabled=%s active=%s\n' "$u" "$(unit is-enabled "$u")" "$(unit is-active "$u")"
  done
fi
s libvirtd-args; grep -H -E '^[[:space:]]*LIBVIRTD_ARGS=' /etc/default/libvirtd /etc/sysconfig/libvirtd 2>/dev/null
s processes; ps -eo args= 2>/dev/null | grep -E '^(/usr/s?bin/)?(libvirtd|virtproxyd|virtqemud)( |$)'
s tools; for t in virt-admin firewall-cmd ufw nft iptables; do has "$t" && echo "$t"; done
s firewalld-state; has firewall-cmd && firewall-cmd --state 2>&1 </dev/null
s ufw-status; has ufw && ufw status 2>&1 </dev/null | head -n 1
s nft-ruleset; has nft && nft list ruleset 2>/dev/null </dev/null | head -n 2000
s iptables-input; has iptables && iptables -S INPUT 2>/dev/null </dev/null | head -n 200
s libvirtd-conf; cat /etc/libvirt/libvirtd.conf 2>/dev/null
s virtproxyd-conf; cat /etc/libvirt/virtproxyd.conf 2>/dev/null
s qemu-conf; sed -E '/^[[:space:]]*(vnc_password|spice_password)[[:space:]]*=/d' /etc/libvirt/qemu.conf 2>/dev/null
s domains
if has virsh; then
  timeout 20 virsh -c qemu:///system list --all --name 2>/dev/null </dev/null | while IFS= read -r d; do
    [ -n "$d" ] && printf '%s\t%s\n' "$d" "$(timeout 10 virsh -c qemu:///system domstate --domain "$d" 2>/dev/null </dev/null | head -n 1)"
  done
fi
s listening; ss -Hltn 2>/dev/null || netstat -ltn 2>/dev/null
s pki-dirs; for d in /etc/pki/libvirt-migrate /etc/pki/qemu /etc/pki/libvirt /etc/pki/CA; do [ -d "$d" ] && echo "$d"; done
s sasl-mech; grep -E '^[[:space:]]*mech_list' /etc/sasl2/libvirt.conf 2>/dev/null
s nova-conf; [ -f /etc/nova/nova.conf ] && echo present && grep -E '^[[:space:]]*live_migration_(tunnelled|with_native_tls)[[:space:]]*=' /etc/nova/nova.conf 2>/dev/null
s end
exit 0`;

export async function gatherFacts(conn: HostConnection, now: Date, opts: { timeoutMs?: number } = {}): Promise<HostFacts> {
  const r = await conn.exec(["sh", "-c", FACTS_SCRIPT], { timeoutMs: opts.timeoutMs ?? 120_000 });
  if (!r.stdout.includes("::virtshield::end::")) {
    const detail = r.stderr.trim().slice(0, 300);
    throw new DomainError("REMOTE_COMMAND_FAILED", `Gathering facts failed (exit ${r.code})${detail ? `: ${detail}` : ""}`);
  }
  return parseFactsOutput(r.stdout, now);
}
