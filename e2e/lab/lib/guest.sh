# Small TCG guests for migration tests. Sourced by lab.sh.
# shellcheck shell=bash

# q35, 128 MiB, 1 vCPU, no balloon: it sits in firmware, enough to migrate RAM and device state.
guest_xml() {
  local name=$1 disk=${2:-}
  cat <<XML
<domain type='qemu'>
  <name>$name</name>
  <memory unit='MiB'>128</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='q35'>hvm</type></os>
  <on_crash>destroy</on_crash>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
$disk    <memballoon model='none'/>
  </devices>
</domain>
XML
}

cmd_guest() {
  local name=${1:-} guest=${2:-} disk_opt=${3:-} hd disk=""
  [ -n "$name" ] && [ -n "$guest" ] || die "usage: lab.sh guest HOST NAME [--disk]"
  host_index "$name" >/dev/null
  [[ $guest =~ ^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$ ]] || die "guest name '$guest': letters, digits, '.', '_', '-' only"
  host_is_up "$name" || die "host $name is not up"
  hd=$(host_dir "$name")
  host_exec "$name" virsh -q -c qemu:///system domstate "$guest" >/dev/null 2>&1 &&
    die "$name: a domain named $guest already exists (virsh destroy/undefine it first)"
  if [ "$disk_opt" = "--disk" ]; then
    host_exec "$name" virsh -q -c qemu:///system vol-create-as default "$guest.qcow2" 64M --format qcow2 >/dev/null ||
      die "$name: cannot create volume $guest.qcow2 in pool default"
    disk="    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='/var/lib/libvirt/images/$guest.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
"
  elif [ -n "$disk_opt" ]; then
    die "guest: unknown option '$disk_opt'"
  fi
  guest_xml "$guest" "$disk" > "$hd/guests/$guest.xml"
  host_exec "$name" virsh -q -c qemu:///system define "$hd/guests/$guest.xml" >/dev/null || die "$name: define $guest failed"
  host_exec "$name" virsh -q -c qemu:///system start "$guest" >/dev/null || die "$name: start $guest failed"
  note "$name: guest $guest running${disk:+ (disk /var/lib/libvirt/images/$guest.qcow2)}"
}
