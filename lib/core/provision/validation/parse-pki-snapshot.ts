import { parseLibvirtConf, type ConfValue } from "@/lib/core/config/libvirt-conf";
import { splitSections } from "@/lib/core/facts/parse-facts";
import { parseLibvirtdArgs, parseListeningPorts, parseUnits } from "@/lib/core/facts/detect";
import { PkiSnapshot, type KeyProbe, type PathStat } from "./pki-snapshot";

const lines = (text: string) => text.split("\n").map((l) => l.trim()).filter(Boolean);
const fromB64 = (s: string) => Buffer.from(s, "base64").toString("utf8");

function parseStat(line: string): PathStat | null {
  const [path, type, mode, owner, group] = line.split("|");
  if (!path?.startsWith("/")) return null;
  if (type === "missing") return { path, exists: false, kind: null, mode: null, owner: null, group: null };
  if (type === "unreadable") return { path, exists: true, kind: null, mode: null, owner: null, group: null };
  const kind = /regular/.test(type) ? "file" : type === "directory" ? "directory" : "other";
  const m = /^[0-7]{1,4}$/.test(mode ?? "") ? parseInt(mode, 8) : null;
  return { path, exists: true, kind, mode: m, owner: owner || null, group: group || null };
}

function parseKey(line: string): KeyProbe | null {
  const [path, status, pub] = line.split("|");
  if (!path?.startsWith("/")) return null;
  const known = ["ok", "encrypted", "unreadable", "no-openssl"] as const;
  const s = known.find((k) => k === status) ?? "unreadable";
  return { path, status: s, publicKeyPem: s === "ok" && pub ? fromB64(pub) : null };
}

function pairs(text: string): [string, string][] {
  return lines(text).flatMap((l) => {
    const i = l.indexOf("|");
    return i > 0 && l.startsWith("/") ? [[l.slice(0, i), l.slice(i + 1)] as [string, string]] : [];
  });
}

function conf(text: string, file: string, errors: string[]): Record<string, ConfValue> {
  if (text.trim() === "") return {};
  try {
    return parseLibvirtConf(text);
  } catch (e) {
    errors.push(`${file} could not be parsed: ${e instanceof Error ? e.message : String(e)}`);
    return {};
  }
}

// The output of PKI_SNAPSHOT_SCRIPT as data; a section the host could not fill stays empty.
export function parsePkiSnapshot(text: string, meta: { qemuUser: string; readAt: Date }): PkiSnapshot {
  const sec = splitSections(text);
  const get = (k: string) => sec[k] ?? "";
  const clock = get("clock").trim();
  const tool = get("read-check").trim();
  const confErrors: string[] = [];
  return PkiSnapshot.parse({
    readAt: meta.readAt.toISOString(),
    hostClock: /^\d+$/.test(clock) ? Number(clock) : null,
    qemuUser: meta.qemuUser,
    readCheckTool: ["runuser", "setpriv", "sudo"].includes(tool) ? tool : "none",
    stats: lines(get("stat")).map(parseStat).filter((s): s is PathStat => s !== null),
    qemuReadable: Object.fromEntries(pairs(get("qemu-readable")).map(([p, r]) => [p, ["yes", "no", "no-such-user"].includes(r) ? r : "unknown"])),
    pems: Object.fromEntries(pairs(get("pems")).map(([p, b]) => [p, fromB64(b)])),
    keys: lines(get("keys")).map(parseKey).filter((k): k is KeyProbe => k !== null),
    strayDirEntries: lines(get("stray-dir")),
    conf: {
      libvirtd: conf(get("libvirtd-conf"), "libvirtd.conf", confErrors),
      virtproxyd: conf(get("virtproxyd-conf"), "virtproxyd.conf", confErrors),
      qemu: conf(get("qemu-conf"), "qemu.conf", confErrors),
    },
    confErrors,
    units: parseUnits(get("units")),
    libvirtdArgs: parseLibvirtdArgs(get("libvirtd-args")),
    listeningTcpPorts: parseListeningPorts(get("listening")),
  });
}
