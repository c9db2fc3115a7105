// Minimal ssh2 runner for lab tests: pins the host key from hosts.json, runs one command.
import { createHash } from "node:crypto";
import { Client } from "ssh2";
import type { CommandResult, LabHost } from "./lab";

export function sshFingerprint(rawKey: Buffer): string {
  return `SHA256:${createHash("sha256").update(rawKey).digest("base64").replace(/=+$/, "")}`;
}

export interface SshRunOptions {
  host: LabHost;
  user: string;
  privateKey: string;
  command: string;
  /** Fingerprint to pin; defaults to the host's from hosts.json. */
  expectFingerprint?: string;
}

export interface SshRunResult extends CommandResult {
  presentedFingerprint: string;
}

export function sshRun(opts: SshRunOptions): Promise<SshRunResult> {
  const pinned = opts.expectFingerprint ?? opts.host.hostKeyFingerprint;
  let presented = "";
  return new Promise((resolve, reject) => {
    const conn = new Client();
    conn.on("error", reject);
    conn.on("ready", () => {
      conn.exec(opts.command, (err, stream) => {
        if (err) return reject(err);
        let stdout = "";
        let stderr = "";
        stream.on("data", (d: Buffer) => (stdout += d.toString()));
        stream.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        stream.on("close", (code: number | null) => {
          conn.end();
          resolve({ code: code ?? -1, stdout, stderr, presentedFingerprint: presented });
        });
      });
    });
    conn.connect({
      host: opts.host.address,
      port: opts.host.sshPort,
      username: opts.user,
      privateKey: opts.privateKey,
      readyTimeout: 15_000,
      hostVerifier: (key: Buffer) => {
        presented = sshFingerprint(key);
        return presented === pinned;
      },
    });
  });
}

/** Atomic replace as the product does it: write a temp file, then OpenSSH's posix-rename. */
export function sftpReplace(host: LabHost, user: string, privateKey: string, target: string, content: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const conn = new Client();
    const fail = (err: Error) => (conn.end(), reject(err));
    conn.on("error", reject);
    conn.on("ready", () => {
      conn.sftp((err, sftp) => {
        if (err) return fail(err);
        const tmp = `${target}.vs-tmp`;
        sftp.writeFile(tmp, content, (werr) => {
          if (werr) return fail(werr);
          sftp.ext_openssh_rename(tmp, target, (rerr) => (rerr ? fail(rerr) : (conn.end(), resolve())));
        });
      });
    });
    conn.connect({
      host: host.address,
      port: host.sshPort,
      username: user,
      privateKey,
      readyTimeout: 15_000,
      hostVerifier: (key: Buffer) => sshFingerprint(key) === host.hostKeyFingerprint,
    });
  });
}
