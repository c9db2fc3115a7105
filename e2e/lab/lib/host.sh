# One lab host: its files, its PID 1, its teardown. Sourced by lab.sh.
# shellcheck shell=bash

# Each host sees this machine's /etc through an overlay whose upper layer is $hd/etc: what the
# host (or the product) writes there stays per host, and atomic renames work (a bind-mounted
# single file would refuse them with EBUSY). The seeds below are written into that upper layer.
host_prepare() {
  local name=$1 hd
  hd=$(host_dir "$name")
  rm -rf "$hd/etc" "$hd/etc-work" "$hd/root" "$hd/var-lib-libvirt" "$hd/var-log-libvirt" "$hd/var-cache-libvirt" \
    "$hd/ready" "$hd/failed"
  mkdir -p "$hd" "$hd/etc/libvirt" "$hd/etc/default" "$hd/etc/pki" "$hd/etc-work" \
    "$hd/var-log-libvirt" "$hd/var-cache-libvirt" "$hd/sshd" "$hd/guests"
  chmod 0755 "$hd" "$hd/etc" "$hd/etc/pki"
  chmod --reference=/etc/libvirt "$hd/etc/libvirt"
  cp -a /var/lib/libvirt "$hd/var-lib-libvirt"
  # Root's home is per host too: this machine's own dotfiles never run in lab sessions.
  mkdir -m 0700 "$hd/root"
  cp /etc/skel/.bashrc /etc/skel/.profile "$hd/root/" 2>/dev/null
  chmod 0700 "$hd/var-log-libvirt"
  # The seeds' insecure start (CloudStack's setup): plain TCP, no auth, no TLS. Each host needs
  # its own host_uuid, or libvirt refuses migration as "to the same host".
  sed -E \
    -e 's/^#?listen_tls = .*/listen_tls = 0/' \
    -e 's/^#?listen_tcp = .*/listen_tcp = 1/' \
    -e 's/^#?auth_tcp = .*/auth_tcp = "none"/' \
    -e "s/^#?host_uuid = .*/host_uuid = \"$(cat /proc/sys/kernel/random/uuid)\"/" \
    /etc/libvirt/libvirtd.conf > "$hd/etc/libvirt/libvirtd.conf"
  # The hidden /dev/kvm (see host/init.sh) is a bind mount that QEMU's private /dev cannot take over.
  { cat /etc/libvirt/qemu.conf
    printf '\n# virtshield lab: no private /dev per guest (the lab hides /dev/kvm with a bind mount)\nnamespaces = [ ]\n'
  } > "$hd/etc/libvirt/qemu.conf"
  chmod 0644 "$hd/etc/libvirt/libvirtd.conf" "$hd/etc/libvirt/qemu.conf"
  sed -E 's/^#?LIBVIRTD_ARGS=.*--listen.*/LIBVIRTD_ARGS="--listen"/' /etc/default/libvirtd > "$hd/etc/default/libvirtd"
  grep -q '^LIBVIRTD_ARGS="--listen"' "$hd/etc/default/libvirtd" || echo 'LIBVIRTD_ARGS="--listen"' >> "$hd/etc/default/libvirtd"
  echo "$name" > "$hd/etc/hostname"
  { cat /etc/sudoers; echo; echo "# virtshield lab: the non-root operator account"; echo "$LAB_USER ALL=(ALL:ALL) NOPASSWD: ALL"; } > "$hd/etc/sudoers"
  chmod 0440 "$hd/etc/sudoers"
  host_write_sshd "$name"
}

host_write_sshd() {
  local name=$1 hd
  hd=$(host_dir "$name")
  [ -e "$hd/sshd/ssh_host_ed25519_key" ] ||
    ssh-keygen -q -t ed25519 -N '' -C "root@$name" -f "$hd/sshd/ssh_host_ed25519_key" || die "ssh-keygen failed"
  cat > "$hd/sshd/sshd_config" <<CFG
# sshd of lab host $name (written by e2e/lab/lab.sh)
Port 22
ListenAddress $(host_address "$name")
HostKey $hd/sshd/ssh_host_ed25519_key
PidFile /run/sshd.pid
UsePAM no
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
AuthorizedKeysFile /run/virtshield-lab/auth/authorized_keys
Subsystem sftp /usr/lib/openssh/sftp-server
AcceptEnv LANG LC_*
CFG
}

# /etc/hosts of every host lists every host; rewritten in place (it is bind-mounted).
host_write_hosts_files() {
  local n h content="127.0.0.1 localhost"$'\n'
  for h in "$@"; do content+="$(host_address "$h") $h"$'\n'; done
  for n in "$@"; do printf '%s' "$content" > "$(host_dir "$n")/etc/hosts"; done
}

# PID 1 under setsid so it outlives this shell; recorded as "pid starttime".
host_launch() {
  local name=$1 hd upid child i
  hd=$(host_dir "$name")
  setsid ip netns exec "$(host_netns "$name")" \
    unshare --mount --uts --pid --fork --mount-proc --kill-child \
    /bin/bash "$LAB_DIR/bin/init.sh" "$name" "$hd" "$LAB_DIR" </dev/null >"$hd/console.log" 2>&1 9<&- &
  upid=$!
  record_pid "$upid" "$hd/unshare.pid"
  for i in $(seq 1 100); do
    child=$(cat "/proc/$upid/task/$upid/children" 2>/dev/null | awk '{print $1}')
    [ -n "$child" ] && break
    sleep 0.05
  done
  [ -n "$child" ] || die "$name: init did not start (see $hd/console.log)"
  record_pid "$child" "$hd/init.pid"
}

host_wait_ready() {
  local name=$1 hd i
  hd=$(host_dir "$name")
  for i in $(seq 1 600); do
    [ -e "$hd/ready" ] && return 0
    if [ -e "$hd/failed" ] || ! host_is_up "$name"; then break; fi
    sleep 0.1
  done
  note "$name did not come up; its console:"
  tail -n 20 "$hd/console.log" >&2
  return 1
}

# Killing PID 1 of a pid namespace kills every process in it (daemons and guests).
host_stop() {
  local name=$1 hd pid i
  hd=$(host_dir "$name")
  for f in init.pid unshare.pid; do
    pid=$(recorded_pid_alive "$hd/$f") || continue
    kill -KILL "$pid" 2>/dev/null
    for i in $(seq 1 100); do proc_running "$pid" || break; sleep 0.05; done
  done
  rm -f "$hd/init.pid" "$hd/unshare.pid" "$hd/ready"
}

host_fingerprint() { ssh-keygen -lf "$(host_dir "$1")/sshd/ssh_host_ed25519_key.pub" | awk '{print $2}'; }
