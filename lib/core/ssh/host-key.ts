import { Client } from "ssh2";
import { keyTypeOfBlob, sha256Fingerprint } from "./fingerprint";
import { classifySshError } from "./ssh-errors";
import { resolveAllowedAddress } from "./resolve-address";
import type { HostKeyInfo } from "./types";
import type { Network } from "@/lib/core/inventory/address-policy";

interface FetchInput {
  address: string;
  port: number;
  timeoutMs?: number;
  /** The admin's allowed host networks: the address is resolved and checked before connecting. */
  allowedNetworks?: readonly Network[];
}

// Trust on first use, step one: learn the key the host offers without authenticating.
// The verifier refuses the key, so the handshake stops before any credential is sent.
export async function fetchHostKeyFingerprint(input: FetchInput): Promise<HostKeyInfo> {
  const ip = input.allowedNetworks ? await resolveAllowedAddress(input.address, input.allowedNetworks) : input.address;
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
      host: ip,
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
