#!/bin/bash
# PID 1 of one lab host: runs inside its own net, mount, uts and pid namespaces.
# Gives the host its private files, then starts virtlogd, libvirtd and sshd like a boot would.
set -u
name=$1 hd=$2 lab=$3
log() { printf '%s init[%s]: %s\n' "$(date -u +%H:%M:%S)" "$name" "$*"; }
fail() { log "FAILED: $*"; echo "$*" > "$hd/failed"; exit 1; }

mount --make-rprivate / || fail "make-rprivate"
# A private /run: libvirtd's and sshd's pid files and sockets would collide otherwise.
mount -t tmpfs -o mode=0755,nosuid,nodev tmpfs /run || fail "tmpfs /run"
mkdir -p /run/sshd /run/lock /run/virtshield-lab/auth /run/virtshield-lab/units
chmod 0755 /run/sshd
bind() { mount --bind "$1" "$2" || fail "bind $1 -> $2"; }
bind "$lab/auth" /run/virtshield-lab/auth
mount -t overlay overlay -o "lowerdir=/etc,upperdir=$hd/etc,workdir=$hd/etc-work" /etc || fail "overlay /etc"
bind "$hd/root" /root
bind "$hd/var-lib-libvirt" /var/lib/libvirt
bind "$hd/var-log-libvirt" /var/log/libvirt
bind "$hd/var-cache-libvirt" /var/cache/libvirt
bind "$lab/bin/systemctl" /usr/bin/systemctl
# Guests are TCG. A root-only /dev/kvm makes libvirt re-probe QEMU (seconds) on every define:
# probing sees KVM, the qemu user cannot. Hiding it keeps hosts alike on machines with and without KVM.
[ -e /dev/kvm ] && bind "$lab/bin/no-kvm" /dev/kvm
hostname "$name" || fail "hostname"
printf 'LAB_HOST=%q\nLAB_HOST_DIR=%q\nLAB_DIR=%q\n' "$name" "$hd" "$lab" > /run/virtshield-lab/host.env
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8

systemctl start virtlogd || fail "virtlogd"
systemctl start libvirtd || fail "libvirtd (see $hd/var-log-libvirt)"
if ! virsh -q -c qemu:///system pool-info default >/dev/null 2>&1; then
  virsh -q -c qemu:///system pool-define-as default dir --target /var/lib/libvirt/images >/dev/null &&
    virsh -q -c qemu:///system pool-autostart default >/dev/null &&
    virsh -q -c qemu:///system pool-start default >/dev/null || fail "storage pool default"
fi
systemctl start sshd || fail "sshd"
log "up"
touch "$hd/ready"

# Stay alive as PID 1 and reap orphans (QEMU and daemons are reparented here).
trap 'exit 0' TERM INT
while :; do sleep 3600 & wait $!; done
