import { Client } from "ssh2";
import { DomainError } from "@/lib/core/errors";
import type { Network } from "@/lib/core/inventory/address-policy";
import { Ssh2HostConnection } from "./connection";
import { isSha256Fingerprint, sha256Fingerprint } from "./fingerprint";
import { classifySshError } from "./ssh-errors";
import { resolveAllowedAddress } from "./resolve-address";
import type { HostConnection, PinnedSshTarget } from "./types";

export interface ConnectOptions {
  readyTimeoutMs?: number;
  keepaliveIntervalMs?: number;
  /** The admin's allowed host networks: the address is resolved and checked before connecting. */
  allowedNetworks?: readonly Network[];
}

const DEFAULTS = { readyTimeoutMs: 15_000, keepaliveIntervalMs: 10_000 };

function mismatch(target: PinnedSshTarget, offered: string, cause: unknown): DomainError {
  return new DomainError(
    "HOST_KEY_MISMATCH",
    `Host key of ${target.address}:${target.port} changed: pinned ${target.pinnedFingerprint}, offered ${offered}. ` +
      "Refusing to connect; re-pin only if the change is expected.",
    { cause },
  );
}

// Resolves once authenticated. The verifier refuses any key that does not hash to the pin,
// so nothing (not even the username) is sent to an impostor.
function handshake(client: Client, target: PinnedSshTarget, ip: string, opts: { readyTimeoutMs: number; keepaliveIntervalMs: number }): Promise<void> {
  let offered: string | undefined;
  return new Promise<void>((resolve, reject) => {
    const fail = (err: unknown) => {
      client.removeListener("ready", onReady);
      client.destroy();
      reject(offered !== undefined && offered !== target.pinnedFingerprint ? mismatch(target, offered, err) : classifySshError(err, target));
    };
    const onReady = () => {
      client.removeListener("close", onEarlyClose);
      resolve();
    };
    const onEarlyClose = () => fail(new Error("closed before ready"));
    client.once("ready", onReady);
    client.once("close", onEarlyClose);
    // After ready an error means the transport is gone: calls in flight see the close.
    client.on("error", fail);
    try {
      client.connect({
        host: ip,
        port: target.port,
        username: target.username,
        privateKey: target.privateKey,
        readyTimeout: opts.readyTimeoutMs,
        keepaliveInterval: opts.keepaliveIntervalMs,
        keepaliveCountMax: 3,
        hostVerifier: (key: Buffer) => {
          offered = sha256Fingerprint(key);
          return offered === target.pinnedFingerprint;
        },
      });
      // Every command is a few small packets each way: with Nagle on, each exec waits ~40 ms for
      // the host's delayed ACK. ssh2 leaves the socket at Node's default (Nagle on).
      client.setNoDelay(true);
    } catch (e) {
      // ssh2 throws synchronously on an unparsable private key.
      client.removeAllListeners();
      reject(new DomainError("VALIDATION", "SSH private key is not valid", { cause: e }));
    }
  });
}

// Strict host key checking: no pin, no connection; a different key is refused, never accepted.
export async function openConnection(target: PinnedSshTarget, opts: ConnectOptions = {}): Promise<HostConnection> {
  if (!target.pinnedFingerprint) {
    throw new DomainError("PRECONDITION_FAILED", `Host key of ${target.address} not pinned: confirm its fingerprint first`);
  }
  if (!isSha256Fingerprint(target.pinnedFingerprint)) {
    throw new DomainError("VALIDATION", "Pinned fingerprint must look like SHA256:<43 base64 characters>");
  }
  const ip = opts.allowedNetworks ? await resolveAllowedAddress(target.address, opts.allowedNetworks) : target.address;
  const client = new Client();
  await handshake(client, target, ip, {
    readyTimeoutMs: opts.readyTimeoutMs ?? DEFAULTS.readyTimeoutMs,
    keepaliveIntervalMs: opts.keepaliveIntervalMs ?? DEFAULTS.keepaliveIntervalMs,
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
