import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/core/auth/roles";
import type { SecretBox } from "@/lib/core/crypto/secret-box";

export type Db = PrismaClient;

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

// How core reaches the job runner of this process, when there is one (the CLI has none: its
// jobs are picked up by the server's runner at its next tick).
export interface JobControl {
  wake(): void;
  abort(jobId: string): void;
}

// What a core verb may touch. Tests pass their own; nothing in lib/core reaches for a global.
export interface CoreContext {
  db: Db;
  actor: Actor;
  now: () => Date;
  secrets: SecretBox;
  log: Logger;
  jobs?: JobControl;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

export function jsonLogger(stream: NodeJS.WritableStream = process.stderr): Logger {
  const write = (level: string) => (message: string, fields: Record<string, unknown> = {}) =>
    stream.write(JSON.stringify({ t: new Date().toISOString(), level, message, ...fields }) + "\n");
  return { info: write("info"), warn: write("warn"), error: write("error") };
}
