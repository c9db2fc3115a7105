import { randomBytes } from "node:crypto";
import type { Client, SFTPWrapper } from "ssh2";
import { DomainError } from "@/lib/core/errors";
import { splitRemotePath } from "./remote-path";
import type { WriteFileOptions } from "./types";

// Run through `sudo -n sh -c` for non-root users: the content arrives on stdin, the temp file
// is made by mktemp beside the target and removed on any failure before the rename.
export const ATOMIC_WRITE_SCRIPT = `set -eu
target=$1; mode=$2; owner=$3; group=$4
dir=$(dirname -- "$target"); base=$(basename -- "$target")
tmp=$(mktemp "$dir/.$base.vs-XXXXXX")
trap 'rm -f -- "$tmp"' EXIT
trap 'exit 1' HUP INT TERM PIPE
cat > "$tmp"
chmod "$mode" "$tmp"
if [ -n "$owner" ]; then chown "$owner" "$tmp"; fi
if [ -n "$group" ]; then chgrp "$group" "$tmp"; fi
mv -f -- "$tmp" "$target"
trap - EXIT`;

export function openSftp(client: Client): Promise<SFTPWrapper | null> {
  return new Promise((resolve) => {
    // A server without the sftp subsystem answers with an error: callers fall back to the shell.
    client.sftp((err, sftp) => resolve(err ? null : sftp));
  });
}

function call(fn: (cb: (err?: Error | null) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => fn((err) => (err ? reject(err) : resolve())));
}

export interface NumericOwner {
  uid?: number;
  gid?: number;
}

// Root path: SFTP write of a temp file, chmod/chown, then posix-rename over the target.
export async function writeViaSftp(
  sftp: SFTPWrapper,
  path: string,
  content: Buffer,
  opts: WriteFileOptions,
  ids: NumericOwner,
): Promise<void> {
  const { dir, base } = splitRemotePath(path);
  const tmp = `${dir === "/" ? "" : dir}/.${base}.vs-${randomBytes(6).toString("hex")}`;
  let created = false;
  try {
    await call((cb) => sftp.writeFile(tmp, content, { mode: opts.mode, flag: "wx" }, cb));
    created = true;
    await call((cb) => sftp.chmod(tmp, opts.mode, cb));
    if (ids.uid !== undefined || ids.gid !== undefined) {
      const st = await new Promise<{ uid: number; gid: number }>((resolve, reject) =>
        sftp.stat(tmp, (err, s) => (err ? reject(err) : resolve(s))),
      );
      await call((cb) => sftp.chown(tmp, ids.uid ?? st.uid, ids.gid ?? st.gid, cb));
    }
    await call((cb) => sftp.ext_openssh_rename(tmp, path, cb));
    created = false;
  } catch (e) {
    throw new DomainError("REMOTE_COMMAND_FAILED", `Writing ${path} failed`, { cause: e });
  } finally {
    if (created) await call((cb) => sftp.unlink(tmp, cb)).catch(() => undefined);
  }
}
