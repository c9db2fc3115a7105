import crypto from "node:crypto";
import http from "node:http";

// Next gives route handlers and server actions no socket, and fills X-Forwarded-For only when the
// client did not send one (so a client can pick its own). This hook, installed at server start,
// stamps each request with its socket's address, signed by a per-process secret so a client
// cannot send a forged stamp; the header is overwritten on every request.
export const PEER_HEADER = "x-virtshield-peer";

const state = globalThis as unknown as { virtshieldPeerSecret?: string };

export function installPeerAddressHook(): void {
  if (state.virtshieldPeerSecret) return;
  const secret = crypto.randomBytes(16).toString("hex");
  state.virtshieldPeerSecret = secret;
  const emit = http.Server.prototype.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      req.headers[PEER_HEADER] = `${secret} ${req.socket?.remoteAddress ?? "unknown"}`;
    }
    return emit.call(this, event, ...args);
  } as typeof http.Server.prototype.emit;
}

// The socket address stamped by the hook, or null (hook not installed, or a forged header).
export function stampedPeer(headers: Headers): string | null {
  const secret = state.virtshieldPeerSecret;
  const value = headers.get(PEER_HEADER);
  if (!secret || !value?.startsWith(`${secret} `)) return null;
  return value.slice(secret.length + 1);
}
