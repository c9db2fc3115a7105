# The lab's state directory, keys, hosts.json and the vsops account. Sourced by lab.sh.
# shellcheck shell=bash

state_init() {
  mkdir -p "$LAB_DIR/ssh" "$LAB_DIR/auth" "$LAB_DIR/bin" "$LAB_DIR/hosts"
  touch "$LAB_DIR/$LAB_MARKER"
  chmod 0755 "$LAB_DIR" "$LAB_DIR/auth" "$LAB_DIR/hosts"
  chmod 0700 "$LAB_DIR/ssh"
  [ -e "$LAB_DIR/ssh/id_ed25519" ] ||
    ssh-keygen -q -t ed25519 -N '' -C virtshield-lab -f "$LAB_DIR/ssh/id_ed25519" || die "ssh-keygen failed"
  touch "$LAB_DIR/auth/authorized_keys"
  chmod 0644 "$LAB_DIR/auth/authorized_keys"
  state_add_key_line "$(cat "$LAB_DIR/ssh/id_ed25519.pub")"
  # Running hosts bind-mount these: replace them only when they changed.
  cmp -s "$HERE/host/init.sh" "$LAB_DIR/bin/init.sh" || install -m 0755 "$HERE/host/init.sh" "$LAB_DIR/bin/init.sh"
  cmp -s "$HERE/host/systemctl" "$LAB_DIR/bin/systemctl" || install -m 0755 "$HERE/host/systemctl" "$LAB_DIR/bin/systemctl"
  [ -e "$LAB_DIR/bin/no-kvm" ] || install -m 0000 /dev/null "$LAB_DIR/bin/no-kvm"
  state_ensure_user
}

# vsops lives in this machine's /etc/passwd (shared by every mount namespace); created once, and
# removed by `down` only if the lab created it. It has no password, only the lab's keys.
state_ensure_user() {
  if ! id "$LAB_USER" >/dev/null 2>&1; then
    useradd --create-home --shell /bin/bash --comment "virtshield lab operator" "$LAB_USER" || die "useradd $LAB_USER failed"
    touch "$LAB_DIR/created-user"
  fi
  # "*" instead of "!": no password, but not locked, so sshd (UsePAM no) accepts key logins.
  [ -e "$LAB_DIR/created-user" ] && usermod -p '*' "$LAB_USER"
  return 0
}

state_remove_user() {
  [ -e "$LAB_DIR/created-user" ] || return 0
  if id "$LAB_USER" >/dev/null 2>&1; then userdel --remove "$LAB_USER" 2>/dev/null || userdel "$LAB_USER"; fi
  rm -f "$LAB_DIR/created-user"
}

state_add_key_line() {
  local line=$1
  grep -qxF -- "$line" "$LAB_DIR/auth/authorized_keys" || printf '%s\n' "$line" >> "$LAB_DIR/auth/authorized_keys"
}

state_authorize_key() {
  local file=$1 line
  [ -r "$file" ] || die "cannot read public key file '$file'"
  grep -q "PRIVATE KEY" "$file" && die "'$file' is a private key; pass the .pub file"
  [ "$(grep -c . "$file")" = 1 ] || die "'$file' must hold exactly one public key line"
  ssh-keygen -lf "$file" >/dev/null 2>&1 || die "'$file' is not an OpenSSH public key"
  line=$(grep . "$file")
  [ -d "$LAB_DIR/auth" ] || die "the lab is not set up; run 'lab.sh up' first"
  state_add_key_line "$line"
  note "authorised on every lab host: $(ssh-keygen -lf "$file" | awk '{print $2, $NF}')"
}

# hosts.json and known_hosts list the hosts that are up, in index order.
state_write_hosts_json() {
  local name first=1 addr fp tmp="$LAB_DIR/hosts.json.tmp"
  : > "$LAB_DIR/ssh/known_hosts"
  { echo "["
    for name in $(lab_hosts_present); do
      host_is_up "$name" || continue
      addr=$(host_address "$name") fp=$(host_fingerprint "$name")
      [ $first = 1 ] || echo ","
      first=0
      printf '  {"name":"%s","address":"%s","sshPort":22,"sshUser":"root","sudoUser":"%s","hostKeyFingerprint":"%s"}' \
        "$name" "$addr" "$LAB_USER" "$fp"
      printf '%s,%s %s\n' "$addr" "$name" "$(cut -d' ' -f1,2 "$(host_dir "$name")/sshd/ssh_host_ed25519_key.pub")" >> "$LAB_DIR/ssh/known_hosts"
    done
    echo; echo "]"; } > "$tmp"
  mv "$tmp" "$LAB_DIR/hosts.json"
}

lab_ssh() { # lab_ssh USER HOST CMD...
  local user=$1 name=$2; shift 2
  ssh "${LAB_SSH_OPTS[@]}" -i "$LAB_DIR/ssh/id_ed25519" -o UserKnownHostsFile="$LAB_DIR/ssh/known_hosts" \
    -o StrictHostKeyChecking=yes "$user@$(host_address "$name")" "$@"
}

state_check_ssh() {
  local name=$1 out
  out=$(lab_ssh root "$name" hostname 2>&1) || die "$name: ssh as root failed: $out"
  [ "$out" = "$name" ] || die "$name: ssh reached '$out' instead"
}

state_print_setup() {
  local addrs="" name
  for name in "$@"; do addrs+="${addrs:+, }$name=$(host_address "$name")"; done
  echo "Dashboard setup: authorise the dashboard's public key with 'bash e2e/lab/lab.sh authorize-key FILE.pub' (already authorised: $(ssh-keygen -lf "$LAB_DIR/ssh/id_ed25519.pub" | awk '{print $2}') $LAB_DIR/ssh/id_ed25519.pub, plus $(( $(grep -c . "$LAB_DIR/auth/authorized_keys") - 1 )) other key(s)), then add hosts $addrs (SSH port 22, user root or $LAB_USER with sudo; fingerprints in $LAB_DIR/hosts.json)."
}
