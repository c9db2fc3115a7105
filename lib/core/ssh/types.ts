// The product's own SSH vocabulary. Nothing from ssh2 leaks past lib/core/ssh.

export interface SshTarget {
  address: string;
  port: number;
  username: string;
  /** OpenSSH-format private key (never logged). */
  privateKey: string;
}

export interface PinnedSshTarget extends SshTarget {
  /** "SHA256:..." as shown by `ssh-keygen -lf`; empty means not pinned and is refused. */
  pinnedFingerprint: string;
}

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  /** Run through `sudo -n` when the login user is not root. Default true; false runs as the login user. */
  sudo?: boolean;
  stdin?: string | Buffer;
  /** Kill the channel and reject with REMOTE_COMMAND_FAILED after this long. */
  timeoutMs?: number;
}

export interface WriteFileOptions {
  mode: number;
  owner?: string;
  group?: string;
}

export interface HostConnection {
  /** Never throws on a non-zero exit; throws on transport failure or timeout. */
  exec(argv: string[], opts?: ExecOptions): Promise<ExecResult>;
  /** stdout of a successful command; REMOTE_COMMAND_FAILED on a non-zero exit. */
  run(argv: string[], opts?: ExecOptions): Promise<string>;
  /** File content, or null when the file does not exist. */
  readFile(path: string): Promise<Buffer | null>;
  /** Temp file in the same directory, mode/owner set, then renamed over the target. */
  writeFileAtomic(path: string, content: string | Buffer, opts: WriteFileOptions): Promise<void>;
  close(): Promise<void>;
}

export interface HostKeyInfo {
  fingerprint: string;
  keyType: string;
}
