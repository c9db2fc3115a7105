#!/bin/bash
# The hypervisor lab: real sshd + libvirtd + QEMU hosts in Linux namespaces (see README.md).
# usage: lab.sh up [--hosts N] [--authorize-key FILE] [--block-migration hvK]... | down | status
#        | guest HOST NAME [--disk] | exec HOST -- CMD... | firewall HOST block|open [--drop]
#        | authorize-key FILE | rekey HOST
set -u -o pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH"
. "$HERE/lib/common.sh"
. "$HERE/lib/net.sh"
. "$HERE/lib/host.sh"
. "$HERE/lib/state.sh"
. "$HERE/lib/guest.sh"

usage() { sed -n '3,5p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

cmd_up() {
  local n=3 keys=() blocks=() name i t0=$SECONDS launched=() all=()
  while [ $# -gt 0 ]; do
    case $1 in
      --hosts) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] && [ "$2" -le "$LAB_MAX_HOSTS" ] || die "--hosts needs 1..$LAB_MAX_HOSTS"; n=$2; shift 2 ;;
      --authorize-key) [ -n "${2:-}" ] || die "--authorize-key needs a file"; keys+=("$2"); shift 2 ;;
      --block-migration) host_index "${2:-}" >/dev/null; blocks+=("$2"); shift 2 ;;
      *) die "up: unknown option '$1'" ;;
    esac
  done
  require_binaries
  lab_lock --create
  state_init
  for k in "${keys[@]}"; do state_authorize_key "$k"; done
  net_up_bridge
  mapfile -t present < <(lab_hosts_present)
  for i in $(seq 1 "$n"); do all+=("hv$i"); done
  for name in "${present[@]}"; do host_is_up "$name" && [ "$(host_index "$name")" -gt "$n" ] && all+=("$name"); done
  for name in "${present[@]}"; do host_is_up "$name" || host_teardown "$name"; done
  for name in "${all[@]}"; do
    host_is_up "$name" && continue
    host_prepare "$name"
    launched+=("$name")
  done
  host_write_hosts_files "${all[@]}"
  for name in "${launched[@]}"; do net_up_host "$name"; host_launch "$name"; done
  for name in "${launched[@]}"; do host_wait_ready "$name" || die "lab up failed at $name (run 'bash e2e/lab/lab.sh down' to clean up)"; done
  state_write_hosts_json
  for name in "${blocks[@]}"; do net_firewall "$name" block; done
  local pids=()
  for name in "${all[@]}"; do state_check_ssh "$name" & pids+=($!); done
  for i in "${pids[@]}"; do wait "$i" || die "lab up: a host does not answer ssh"; done
  note "${#all[@]} host(s) up (${#launched[@]} started) in $((SECONDS - t0)) s; state in $LAB_DIR"
  state_print_setup "${all[@]}"
}

host_teardown() { host_stop "$1"; net_down_host "$1"; rm -rf "$(host_dir "$1")"; }

cmd_down() {
  local name
  [ -d "$LAB_DIR" ] || { note "nothing to do: $LAB_DIR does not exist"; return 0; }
  [ -e "$LAB_DIR/$LAB_MARKER" ] || die "$LAB_DIR is not a lab directory (no $LAB_MARKER); refusing to touch it"
  lab_lock
  for name in $(lab_hosts_present); do host_stop "$name"; done
  for name in $(lab_hosts_present); do net_down_host "$name"; done
  net_down_bridge
  state_remove_user
  rm -rf "$LAB_DIR"
  note "lab down"
}

cmd_status() {
  local name st addr any=0
  for name in $(lab_hosts_present); do
    any=1 addr=$(host_address "$name")
    if host_is_up "$name"; then
      st="up"
      host_exec "$name" systemctl -q is-active sshd && st+=" sshd=alive" || st+=" sshd=dead"
      host_exec "$name" systemctl -q is-active libvirtd && st+=" libvirtd=alive" || st+=" libvirtd=dead"
      ip netns exec "$(host_netns "$name")" nft list table inet virtshield_lab >/dev/null 2>&1 && st+=" migration-ports=blocked"
    else
      st="down"
    fi
    printf '%-5s %-14s %s\n' "$name" "$addr" "$st"
  done
  [ $any = 1 ] || echo "lab is down (no hosts in $LAB_DIR)"
}

cmd_exec() {
  local name=${1:-}
  [ -n "$name" ] || die "usage: lab.sh exec HOST -- CMD..."
  host_index "$name" >/dev/null
  shift; [ "${1:-}" = "--" ] && shift
  [ $# -gt 0 ] || die "usage: lab.sh exec HOST -- CMD..."
  host_exec "$name" "$@"
}

cmd_firewall() {
  local name=${1:-} action=${2:-} mode=reject
  [ -n "$name" ] && [ -n "$action" ] || die "usage: lab.sh firewall HOST block|open [--drop]"
  host_index "$name" >/dev/null
  [ "${3:-}" = "--drop" ] && mode=drop
  net_firewall "$name" "$action" "$mode"
}

cmd_rekey() {
  local name=${1:-} hd
  [ -n "$name" ] || die "usage: lab.sh rekey HOST"
  host_index "$name" >/dev/null; host_is_up "$name" || die "host $name is not up"
  lab_lock
  hd=$(host_dir "$name")
  rm -f "$hd/sshd/ssh_host_ed25519_key" "$hd/sshd/ssh_host_ed25519_key.pub"
  host_write_sshd "$name"
  host_exec "$name" systemctl restart sshd || die "$name: sshd did not restart"
  state_write_hosts_json
  note "$name: new host key $(host_fingerprint "$name")"
}

main() {
  local cmd=${1:-}
  [ -n "$cmd" ] || usage
  shift
  case $cmd in
    -h|--help|help) usage ;;
  esac
  require_root "$cmd"
  case $cmd in
    up) cmd_up "$@" ;;
    down) cmd_down ;;
    status) cmd_status ;;
    exec) cmd_exec "$@" ;;
    guest) cmd_guest "$@" ;;
    firewall) cmd_firewall "$@" ;;
    authorize-key) [ -n "${1:-}" ] || die "usage: lab.sh authorize-key FILE"; lab_lock; state_authorize_key "$1" ;;
    rekey) cmd_rekey "$@" ;;
    *) usage ;;
  esac
}
main "$@"
