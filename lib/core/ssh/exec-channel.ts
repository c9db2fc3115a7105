import { constants } from "node:os";
import type { Client, ClientChannel } from "ssh2";
import { DomainError } from "@/lib/core/errors";

export interface RawExecResult {
  code: number;
  stdout: Buffer;
  stderr: Buffer;
}

export interface RawExecOptions {
  stdin?: string | Buffer;
  timeoutMs?: number;
  /** Short name for error messages; never the full command line. */
  label: string;
}

function signalExitCode(signal: string | undefined): number {
  const n = signal ? (constants.signals as Record<string, number | undefined>)[signal] : undefined;
  return n ? 128 + n : 255;
}

// Backoff for "open failed" answers (reason code set): sshd at MaxSessions, or still freeing one.
const OPEN_RETRY_DELAYS_MS = [50, 100, 200, 400, 800, 1600];

const isOpenRefusal = (err: unknown): boolean =>
  typeof err === "object" && err !== null && typeof (err as { reason?: unknown }).reason === "number";

// One exec channel: collects stdout/stderr as bytes, feeds stdin then EOF, and enforces the timeout.
export function execOnChannel(client: Client, command: string, opts: RawExecOptions): Promise<RawExecResult> {
  return new Promise((resolve, reject) => {
    const unreachable = (cause: unknown) =>
      reject(new DomainError("HOST_UNREACHABLE", `Could not open an SSH channel for ${opts.label}`, { cause }));
    const attempt = (n: number) => {
      try {
        client.exec(command, (err, channel) => {
          if (!err) return collect(channel, opts, resolve, reject);
          if (isOpenRefusal(err) && n < OPEN_RETRY_DELAYS_MS.length) {
            setTimeout(() => attempt(n + 1), OPEN_RETRY_DELAYS_MS[n]);
          } else {
            unreachable(err);
          }
        });
      } catch (e) {
        // ssh2 throws when the socket is already gone.
        unreachable(e);
      }
    };
    attempt(0);
  });
}

function collect(
  channel: ClientChannel,
  opts: RawExecOptions,
  resolve: (r: RawExecResult) => void,
  reject: (e: Error) => void,
): void {
  const out: Buffer[] = [];
  const errOut: Buffer[] = [];
  let code: number | undefined;
  let settled = false;
  const finish = (fn: () => void) => {
    if (settled) return;
    settled = true;
    if (timer) clearTimeout(timer);
    fn();
  };
  const timer = opts.timeoutMs
    ? setTimeout(() => {
        finish(() =>
          reject(new DomainError("REMOTE_COMMAND_FAILED", `${opts.label} timed out after ${opts.timeoutMs} ms`)),
        );
        channel.close();
      }, opts.timeoutMs)
    : undefined;

  channel.on("data", (d: Buffer) => out.push(d));
  channel.stderr.on("data", (d: Buffer) => errOut.push(d));
  channel.on("exit", (c: number | null, signal?: string) => {
    code = c ?? signalExitCode(signal);
  });
  channel.on("close", () => {
    finish(() => {
      if (code === undefined) {
        reject(new DomainError("HOST_UNREACHABLE", `SSH connection lost while running ${opts.label}`));
        return;
      }
      resolve({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(errOut) });
    });
  });
  channel.on("error", (e: Error) =>
    finish(() => reject(new DomainError("HOST_UNREACHABLE", `SSH channel failed while running ${opts.label}`, { cause: e }))),
  );
  if (opts.stdin !== undefined) channel.end(opts.stdin);
  else channel.end();
}
