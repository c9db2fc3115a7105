import net from "node:net";
import tls from "node:tls";
import { DomainError } from "@/lib/core/errors";

// A TLS handshake from the dashboard to host:16514 with the host's client certificate: the
// server chain must lead to our CA and its SAN must cover the name the fleet uses.
export function tlsHandshake(opts: { address: string; port?: number; name: string; caPem: string; certPem: string; keyPem: string; timeoutMs?: number }): Promise<{ protocol: string; cipher: string }> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host: opts.address, port: opts.port ?? 16514, ca: opts.caPem, cert: opts.certPem, key: opts.keyPem,
      servername: net.isIP(opts.name) ? undefined : opts.name,
      checkServerIdentity: (_host, cert) => tls.checkServerIdentity(opts.name, cert),
      timeout: opts.timeoutMs ?? 10_000,
    });
    const fail = (why: string) => {
      socket.destroy();
      reject(new DomainError("REMOTE_COMMAND_FAILED", `TLS handshake with ${opts.address}:${opts.port ?? 16514} failed: ${why}`));
    };
    socket.once("secureConnect", () => {
      const info = { protocol: socket.getProtocol() ?? "?", cipher: socket.getCipher().name };
      socket.end();
      resolve(info);
    });
    socket.once("timeout", () => fail("timed out"));
    socket.once("error", (e: NodeJS.ErrnoException) => fail(e.code ? `${e.code}: ${e.message}` : e.message));
  });
}

// Whether anything accepts a TCP connection on address:port ("open"), or why not.
export function probeTcp(address: string, port: number, timeoutMs = 3000): Promise<"open" | "refused" | "timeout" | "unreachable"> {
  return new Promise((resolve) => {
    const s = net.connect({ host: address, port });
    const done = (r: "open" | "refused" | "timeout" | "unreachable") => (s.destroy(), resolve(r));
    s.setTimeout(timeoutMs, () => done("timeout"));
    s.once("connect", () => done("open"));
    s.once("error", (e: NodeJS.ErrnoException) => done(e.code === "ECONNREFUSED" ? "refused" : e.code === "ETIMEDOUT" ? "timeout" : "unreachable"));
  });
}
