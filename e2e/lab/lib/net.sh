# Bridge, network namespaces and veth pairs. Sourced by lab.sh.
# shellcheck shell=bash

net_up_bridge() {
  assert_lab_address "$LAB_BRIDGE_ADDR"
  if ! ip link show "$LAB_BRIDGE" >/dev/null 2>&1; then
    ip link add "$LAB_BRIDGE" type bridge || die "cannot create bridge $LAB_BRIDGE"
    touch "$LAB_DIR/created-bridge"
  fi
  [ -e "$LAB_DIR/created-bridge" ] || die "bridge $LAB_BRIDGE exists but the lab did not create it; refusing to use it"
  ip addr show dev "$LAB_BRIDGE" | grep -q "inet $LAB_BRIDGE_ADDR/24" ||
    ip addr add "$LAB_BRIDGE_ADDR/24" dev "$LAB_BRIDGE"
  ip link set "$LAB_BRIDGE" up
}

# One namespace per host, eth0 inside, the other end on the bridge. No default route:
# lab hosts can reach 198.18.0.0/24 and nothing else.
net_up_host() {
  local name=$1 addr ns veth hd
  addr=$(host_address "$name") ns=$(host_netns "$name") veth=$(host_veth "$name") hd=$(host_dir "$name")
  if ip netns list | awk '{print $1}' | grep -qx "$ns"; then
    [ -e "$hd/created-netns" ] || die "network namespace $ns exists but the lab did not create it; refusing to use it"
  else
    ip netns add "$ns" || die "cannot create network namespace $ns"
  fi
  touch "$hd/created-netns"
  if ! ip link show "$veth" >/dev/null 2>&1; then
    ip link add "$veth" type veth peer name eth0 netns "$ns" || die "cannot create veth $veth"
  fi
  touch "$hd/created-veth"
  ip link set "$veth" master "$LAB_BRIDGE" up
  ip -n "$ns" link set lo up
  # A fixed MAC per host: a relaunched host keeps it, so neighbours' ARP caches stay right.
  ip -n "$ns" link set eth0 address "$(printf '02:76:73:00:00:%02x' "$(host_index "$name")")"
  ip -n "$ns" addr flush dev eth0
  ip -n "$ns" addr add "$addr/24" dev eth0
  ip -n "$ns" link set eth0 up
}

net_down_host() {
  local name=$1 hd ns veth
  hd=$(host_dir "$name") ns=$(host_netns "$name") veth=$(host_veth "$name")
  if [ -e "$hd/created-veth" ] && ip link show "$veth" >/dev/null 2>&1; then ip link del "$veth"; fi
  if [ -e "$hd/created-netns" ] && ip netns list | awk '{print $1}' | grep -qx "$ns"; then ip netns del "$ns"; fi
  rm -f "$hd/created-veth" "$hd/created-netns"
}

net_down_bridge() {
  if [ -e "$LAB_DIR/created-bridge" ] && ip link show "$LAB_BRIDGE" >/dev/null 2>&1; then ip link del "$LAB_BRIDGE"; fi
  rm -f "$LAB_DIR/created-bridge"
}

# Inbound 49152-49215 (migration and NBD ports) refused inside one host: the seeds'
# "No route to host". --drop makes it a silent drop (connect timeouts) instead.
net_firewall() {
  local name=$1 action=$2 mode=${3:-reject} ns verdict
  ns=$(host_netns "$name")
  host_is_up "$name" || die "host $name is not up"
  ip netns exec "$ns" nft delete table inet virtshield_lab 2>/dev/null
  case $action in
    open) note "$name: migration ports 49152-49215 open"; return 0 ;;
    block) ;;
    *) die "firewall: expected block or open, got '$action'" ;;
  esac
  case $mode in
    reject) verdict="reject with icmpx type host-unreachable" ;;
    drop) verdict="drop" ;;
    *) die "firewall: unknown mode '$mode'" ;;
  esac
  ip netns exec "$ns" nft -f - <<NFT || die "nft failed in $ns"
table inet virtshield_lab {
  chain input {
    type filter hook input priority 0; policy accept;
    tcp dport 49152-49215 $verdict
  }
}
NFT
  note "$name: inbound tcp 49152-49215 blocked ($mode)"
}
