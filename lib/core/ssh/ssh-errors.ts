import { DomainError } from "@/lib/core/errors";

interface Ssh2Error {
  level?: unknown;
  code?: unknown;
}

const SOCKET_REASONS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  EHOSTUNREACH: "no route to host",
  ENETUNREACH: "network unreachable",
  ETIMEDOUT: "connection timed out",
  ECONNRESET: "connection reset by peer",
  EPIPE: "connection closed by peer",
  ENOTFOUND: "host name could not be resolved",
  EAI_AGAIN: "host name could not be resolved",
};

// Classifies by ssh2's `level` and Node's `code`, never by message text.
export function classifySshError(err: unknown, where: { address: string; port: number; username?: string }): DomainError {
  if (err instanceof DomainError) return err;
  const e = (typeof err === "object" && err !== null ? err : {}) as Ssh2Error;
  const level = typeof e.level === "string" ? e.level : "";
  const code = typeof e.code === "string" ? e.code : "";
  const hostPort = `${where.address}:${where.port}`;
  if (level === "client-authentication") {
    return new DomainError(
      "SSH_AUTH_FAILED",
      `SSH authentication as ${where.username ?? "?"} to ${hostPort} failed: is the dashboard's public key installed?`,
      { cause: err },
    );
  }
  if (level === "client-timeout") {
    return new DomainError("HOST_UNREACHABLE", `SSH to ${hostPort} timed out`, { cause: err });
  }
  if (code && SOCKET_REASONS[code]) {
    return new DomainError("HOST_UNREACHABLE", `SSH to ${hostPort} failed: ${SOCKET_REASONS[code]}`, { cause: err });
  }
  if (level === "handshake" || level === "protocol") {
    return new DomainError("HOST_UNREACHABLE", `SSH handshake with ${hostPort} failed`, { cause: err });
  }
  return new DomainError("HOST_UNREACHABLE", `SSH connection to ${hostPort} failed`, { cause: err });
}
