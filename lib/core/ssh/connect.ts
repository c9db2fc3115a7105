import { Client } from "ssh2";
import { DomainError } from "@/lib/core/errors";
import { Ssh2HostConnection } from "./connection";
import { isSha256Fingerprint, sha256Fingerprint } from "./fingerprint";
import { classifySshError } from "./ssh-errors";
import type { HostConnection, PinnedSshTarget } from "./types";

export interface ConnectOptions {
  readyTimeoutMs?: number;
  keepaliveIntervalMs?: number;
}

const DEFAULTS = { readyTimeoutMs: 15_000, keepaliveIntervalMs: 10_000 };

// Strict host key checking: the offered key must hash to the pinned fingerprint or nothing is sent.
export async function openConnection(target: PinnedSshTarget, opts: ConnectOptions = {}): Promise<HostConnection> {
  if (!target.pinnedFingerprint) {
    throw new DomainError("PRECONDITION_FAILED", `Host key of ${target.address} not pinned: confirm its fingerprint first`);
  }
  if (!isSha256Fingerprint(target.pinnedFingerprint)) {
    throw new DomainError("VALIDATION", "Pinned fingerprint must look like SHA256:<43 base64 characters>");
  }
  const { readyTimeoutMs, keepaliveIntervalMs } = { ...DEFAULTS, ...opts };
  const client = new Client();
  let offered: string | undefined;

  await new Promise<void>((resolve, reject) => {
    const fail = (err: unknown) => {
      client.removeListener("ready", onReady);
      client.destroy();
      if (offered !== undefined && offered !== target.pinnedFingerprint) {
        reject(
          new DomainError(
            "HOST_KEY_MISMATCH",
            `Host key of ${target.address}:${target.port} changed: pinned ${target.pinnedFingerprint}, offered ${offered}. ` +
              "Refusing to connect; re-pin only if the change is expected.",
            { cause: err },
          ),
        );
        return;
      }
      reject(classifySshError(err, target));
    };
    const onReady = () => {
      client.removeListener("close", onEarlyClose);
      resolve();
    };
    const onEarlyClose = () => fail(new Error("closed before ready"));
    client.once("ready", onReady);
    client.once("close", onEarlyClose);
    // Errors after ready are reported through the calls in flight; never leave 'error' unhandled.
    client.on("error", (err) => fail(err));
    try {
      client.connect({
        host: target.address,
        port: target.port,
        username: target.username,
        privateKey: target.privateKey,
        readyTimeout: readyTimeoutMs,
        keepaliveInterval: keepaliveIntervalMs,
        keepaliveCountMax: 3,
        hostVerifier: (key: Buffer) => {
          offered = sha256Fingerprint(key);
          return offered === target.pinnedFingerprint;
        },
      });
    } catch (e) {
      // ssh2 throws synchronously on an unparsable private key.
      client.removeAllListeners();
      reject(new DomainError("VALIDATION", "SSH private key is not valid", { cause: e }));
    }
  });
  return new Ssh2HostConnection(client, target.username);
}

export async function withConnection<T>(
  target: PinnedSshTarget,
  fn: (conn: HostConnection) => Promise<T>,
  opts?: ConnectOptions,
): Promise<T> {
  const conn = await openConnection(target, opts);
  try {
    return await fn(conn);
  } finally {
    await conn.close();
  }
}
