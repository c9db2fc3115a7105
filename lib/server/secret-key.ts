import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/server/env";

// VIRTSHIELD_SECRET_KEY (32 bytes as 64 hex chars or base64) wins; otherwise a key file created
// once with mode 0600 beside the database. Losing it makes stored private keys unreadable.
export function loadSecretKey(): Buffer {
  const { VIRTSHIELD_SECRET_KEY: fromEnv, VIRTSHIELD_SECRET_KEY_FILE: file } = env();
  if (fromEnv) return decodeKey(fromEnv, "VIRTSHIELD_SECRET_KEY");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, crypto.randomBytes(32).toString("hex") + "\n", { mode: 0o600, flag: "wx" });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  }
  const mode = fs.statSync(file).mode & 0o777;
  if (mode & 0o077) throw new Error(`${file} must not be readable by group or others (mode ${mode.toString(8)})`);
  return decodeKey(fs.readFileSync(file, "utf8").trim(), file);
}

function decodeKey(text: string, source: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, "hex") : Buffer.from(text, "base64");
  if (key.length !== 32) throw new Error(`${source} must hold 32 bytes (64 hex characters or base64)`);
  return key;
}
