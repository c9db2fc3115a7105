import type { Client } from "ssh2";
import { DomainError } from "@/lib/core/errors";
import { ChannelLimiter } from "./channel-limiter";
import { execOnChannel, type RawExecResult } from "./exec-channel";
import { assertAccountName, assertMode, assertRemotePath, modeString } from "./remote-path";
import { shellCommand } from "./shell-quote";
import type { ExecOptions, ExecResult, HostConnection, WriteFileOptions } from "./types";
import { ATOMIC_WRITE_SCRIPT, openSftp, writeViaSftp, type NumericOwner } from "./write-file-atomic";

const READ_SCRIPT = `[ -e "$1" ] || exit 44; exec cat -- "$1"`;
const MISSING = 44;
const STDERR_IN_MESSAGE = 400;
const REMOTE_TIMEOUT_GRACE_MS = 1000;

// A HostConnection over one authenticated ssh2 Client. Non-root users get `sudo -n` on every
// command unless the caller opts out, so callers never build sudo lines themselves.
export class Ssh2HostConnection implements HostConnection {
  private readonly limiter = new ChannelLimiter();
  private closed = false;

  constructor(
    private readonly client: Client,
    private readonly username: string,
  ) {
    client.on("close", () => {
      this.closed = true;
    });
  }

  private async raw(argv: string[], opts: ExecOptions = {}): Promise<RawExecResult> {
    if (this.closed) throw new DomainError("HOST_UNREACHABLE", "SSH connection is closed");
    if (opts.timeoutMs !== undefined && !(Number.isFinite(opts.timeoutMs) && opts.timeoutMs > 0)) {
      throw new DomainError("VALIDATION", "timeoutMs must be a positive number");
    }
    const elevate = this.username !== "root" && opts.sudo !== false;
    // Closing the channel does not stop the remote process (and ssh2 sends no signal after
    // stdin EOF), so the host enforces the limit itself, just after our own timer fires.
    const limited = opts.timeoutMs ? ["timeout", "-s", "KILL", remoteSeconds(opts.timeoutMs), ...argv] : argv;
    const command = shellCommand(elevate ? ["sudo", "-n", "--", ...limited] : limited);
    const label = argv[0] ?? "command";
    return this.limiter.run(() =>
      execOnChannel(this.client, command, { stdin: opts.stdin, timeoutMs: opts.timeoutMs, label }),
    );
  }

  async exec(argv: string[], opts?: ExecOptions): Promise<ExecResult> {
    const r = await this.raw(argv, opts);
    return { code: r.code, stdout: r.stdout.toString("utf8"), stderr: r.stderr.toString("utf8") };
  }

  async run(argv: string[], opts?: ExecOptions): Promise<string> {
    const r = await this.exec(argv, opts);
    if (r.code !== 0) throw commandFailed(argv[0] ?? "command", r.code, r.stderr);
    return r.stdout;
  }

  async readFile(path: string): Promise<Buffer | null> {
    assertRemotePath(path);
    const r = await this.raw(["sh", "-c", READ_SCRIPT, "sh", path]);
    if (r.code === MISSING) return null;
    if (r.code !== 0) throw commandFailed(`reading ${path}`, r.code, r.stderr.toString("utf8"));
    return r.stdout;
  }

  async writeFileAtomic(path: string, content: string | Buffer, opts: WriteFileOptions): Promise<void> {
    assertRemotePath(path);
    assertMode(opts.mode);
    if (opts.owner !== undefined) assertAccountName(opts.owner, "owner");
    if (opts.group !== undefined) assertAccountName(opts.group, "group");
    const data = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    if (this.username === "root") {
      const ids = await this.numericIds(opts);
      const done = await this.limiter.run(async () => {
        const sftp = await openSftp(this.client);
        if (!sftp) return false;
        try {
          await writeViaSftp(sftp, path, data, opts, ids);
        } finally {
          sftp.end();
        }
        return true;
      });
      if (done) return;
    }
    const argv = ["sh", "-c", ATOMIC_WRITE_SCRIPT, "sh", path, modeString(opts.mode), opts.owner ?? "", opts.group ?? ""];
    const r = await this.exec(argv, { stdin: data });
    if (r.code !== 0) throw commandFailed(`writing ${path}`, r.code, r.stderr);
  }

  // SFTP's chown takes numbers: resolve names on the host, not locally.
  private async numericIds(opts: WriteFileOptions): Promise<NumericOwner> {
    const ids: NumericOwner = {};
    if (opts.owner) ids.uid = await this.lookupId(["id", "-u", opts.owner], opts.owner, "user");
    if (opts.group) ids.gid = await this.lookupId(["getent", "group", opts.group], opts.group, "group");
    return ids;
  }

  private async lookupId(argv: string[], name: string, what: string): Promise<number> {
    const r = await this.exec(argv);
    const field = what === "group" ? r.stdout.split(":")[2] : r.stdout;
    const id = Number.parseInt((field ?? "").trim(), 10);
    if (r.code !== 0 || !Number.isInteger(id)) {
      throw new DomainError("PRECONDITION_FAILED", `The ${what} ${name} does not exist on the host`);
    }
    return id;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await new Promise<void>((resolve) => {
      this.client.once("close", () => resolve());
      this.client.end();
      // A dead peer may never answer the disconnect: do not wait forever.
      setTimeout(() => {
        this.client.destroy();
        resolve();
      }, 2000).unref();
    });
    this.closed = true;
  }
}

function remoteSeconds(timeoutMs: number): string {
  return ((timeoutMs + REMOTE_TIMEOUT_GRACE_MS) / 1000).toFixed(3);
}

export function commandFailed(what: string, code: number, stderr: string): DomainError {
  const detail = stderr.trim().slice(0, STDERR_IN_MESSAGE);
  return new DomainError(
    "REMOTE_COMMAND_FAILED",
    `Remote ${what} failed (exit ${code})${detail ? `: ${detail}` : ""}`,
  );
}
