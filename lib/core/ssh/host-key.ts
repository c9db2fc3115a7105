import { Client } from "ssh2";
import { keyTypeOfBlob, sha256Fingerprint } from "./fingerprint";
import { classifySshError } from "./ssh-errors";
import type { HostKeyInfo } from "./types";

// Trust on first use, step one: learn the key the host offers without authenticating.
// The verifier refuses the key, so the handshake stops before any credential is sent.
export function fetchHostKeyFingerprint(input: { address: string; port: number; timeoutMs?: number }): Promise<HostKeyInfo> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    let seen: HostKeyInfo | undefined;
    let settled = false;
    const settle = (err: unknown) => {
      if (settled) return;
      settled = true;
      client.destroy();
      if (seen) resolve(seen);
      else reject(classifySshError(err, input));
    };
    client.on("error", settle);
    client.on("close", () => settle(new Error("closed before a host key was offered")));
    client.on("ready", () => settle(new Error("unexpected authentication")));
    client.connect({
      host: input.address,
      port: input.port,
      username: "virtshield-probe",
      readyTimeout: input.timeoutMs ?? 10_000,
      hostVerifier: (key: Buffer) => {
        seen = { fingerprint: sha256Fingerprint(key), keyType: keyTypeOfBlob(key) };
        return false;
      },
    });
  });
}
