# Shared helpers for lab.sh: constants, checks, pid records. Sourced, never run.
# shellcheck shell=bash

LAB_DIR="${VIRTSHIELD_LAB_DIR:-/var/tmp/virtshield-lab}"
LAB_BRIDGE=vsbr0
LAB_BRIDGE_ADDR=198.18.0.1
LAB_PREFIX=198.18.0
LAB_FIRST_OCTET=11 # hv1 = 198.18.0.11, hv2 = .12, ...
LAB_MAX_HOSTS=40
LAB_USER=vsops
LAB_MARKER=.virtshield-lab
LAB_SSH_OPTS=(-o BatchMode=yes -o ConnectTimeout=5 -o LogLevel=ERROR)

die() { printf 'lab: %s\n' "$*" >&2; exit 1; }
note() { printf 'lab: %s\n' "$*" >&2; }

require_root() {
  [ "$(id -u)" = 0 ] || die "must run as root (network namespaces, bridges and libvirtd need it): try 'sudo bash e2e/lab/lab.sh $*'"
}

# binary:debian-package pairs; a missing binary names the package to install.
LAB_BINARIES=(
  libvirtd:libvirt-daemon-system virtlogd:libvirt-daemon-system virsh:libvirt-clients
  qemu-system-x86_64:qemu-system-x86 qemu-img:qemu-utils sshd:openssh-server
  ssh:openssh-client ssh-keygen:openssh-client certtool:gnutls-bin nft:nftables ip:iproute2
  unshare:util-linux nsenter:util-linux setsid:util-linux flock:util-linux sudo:sudo useradd:passwd
)

require_binaries() {
  local pair bin pkg missing=()
  for pair in "${LAB_BINARIES[@]}"; do
    bin=${pair%%:*} pkg=${pair#*:}
    PATH="$PATH:/usr/sbin:/sbin" command -v "$bin" >/dev/null 2>&1 || missing+=("$bin (Debian package: $pkg)")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  note "missing programs:"
  printf '  %s\n' "${missing[@]}" >&2
  die "install them with: apt-get install --no-install-recommends libvirt-daemon-system libvirt-clients qemu-system-x86 qemu-utils openssh-server gnutls-bin nftables iproute2 sudo"
}

# Every address the lab configures goes through here: 198.18.0.0/24 only.
assert_lab_address() {
  local a=$1 last
  [[ $a =~ ^198\.18\.0\.([0-9]{1,3})$ ]] || die "refusing address '$a': the lab only uses 198.18.0.0/24"
  last=${BASH_REMATCH[1]}
  { [ "$last" -ge 1 ] && [ "$last" -le 254 ]; } || die "refusing address '$a': not a host address in 198.18.0.0/24"
}

host_index() { # hv3 -> 3
  [[ $1 =~ ^hv([1-9][0-9]*)$ ]] || die "unknown host '$1' (expected hv1, hv2, ...)"
  [ "${BASH_REMATCH[1]}" -le "$LAB_MAX_HOSTS" ] || die "host '$1' is beyond the lab's $LAB_MAX_HOSTS hosts"
  printf '%s\n' "${BASH_REMATCH[1]}"
}
host_address() { local a="$LAB_PREFIX.$(( LAB_FIRST_OCTET + $(host_index "$1") - 1 ))"; assert_lab_address "$a"; printf '%s\n' "$a"; }
host_dir() { printf '%s/hosts/%s\n' "$LAB_DIR" "$1"; }
host_netns() { printf 'vs-%s\n' "$1"; }
host_veth() { printf 'vsl-%s\n' "$1"; }

# A pid record is "pid starttime" so a recycled pid is never mistaken for ours.
proc_starttime() { [ -r "/proc/$1/stat" ] && awk '{print $22}' "/proc/$1/stat" 2>/dev/null; }
proc_running() { local st; st=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) && [ -n "$st" ] && [ "$st" != Z ]; }
record_pid() { printf '%s %s\n' "$1" "$(proc_starttime "$1")" > "$2"; }
recorded_pid_alive() { # file -> prints pid if that exact process still runs
  local pid start
  [ -r "$1" ] || return 1
  read -r pid start < "$1" || return 1
  [ -n "$pid" ] && [ -n "$start" ] && [ "$(proc_starttime "$pid")" = "$start" ] || return 1
  printf '%s\n' "$pid"
}

host_init_pid() { recorded_pid_alive "$(host_dir "$1")/init.pid"; }
host_is_up() { host_init_pid "$1" >/dev/null; }

# Runs a command inside a running host's namespaces (net, mount, uts, pid).
host_exec() {
  local name=$1 pid; shift
  pid=$(host_init_pid "$name") || die "host $name is not up (run: bash e2e/lab/lab.sh up)"
  nsenter -t "$pid" -n -m -u -p --wd=/ 9<&- -- env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root LANG=C.UTF-8 TERM="${TERM:-dumb}" "$@"
}

lab_hosts_present() { # names of hosts with a state dir, in index order
  local d
  [ -d "$LAB_DIR/hosts" ] || return 0
  for d in "$LAB_DIR"/hosts/hv*; do [ -d "$d" ] && basename "$d"; done | sort -V
}

lab_lock() { # lab_lock [--create]: only `up` may create the state directory
  if [ "${1:-}" = "--create" ] && [ ! -e "$LAB_DIR" ]; then mkdir -p "$LAB_DIR" && touch "$LAB_DIR/$LAB_MARKER"; fi
  [ -e "$LAB_DIR/$LAB_MARKER" ] || die "$LAB_DIR is not a lab directory (is the lab up? run: bash e2e/lab/lab.sh up)"
  exec 9<"$LAB_DIR"
  flock -w 300 9 || die "another lab.sh is running on $LAB_DIR"
}
