import crypto from "node:crypto";
import { PKI_DIRS, PKI_FILES, groupOf, type PkiRole } from "@/lib/core/provision/pki-files";
import type { DirChange, FileChange, ObservedFile, ObservedState } from "@/lib/core/provision/types";

export interface PkiMaterial {
  caPem: string;
  crlPem: string | null;
  server: { certificatePem: string; privateKeyPem: string; serial: string };
  client: { certificatePem: string; privateKeyPem: string; serial: string };
}

export const sha256 = (text: string) => crypto.createHash("sha256").update(text).digest("hex");

function contentFor(role: PkiRole, m: PkiMaterial): { content: string; serial?: string; secret: boolean } | null {
  switch (role) {
    case "ca": return { content: m.caPem, secret: false };
    case "crl": return m.crlPem ? { content: m.crlPem, secret: false } : null;
    case "server-cert": return { content: m.server.certificatePem, serial: m.server.serial, secret: false };
    case "server-key": return { content: m.server.privateKeyPem, serial: m.server.serial, secret: true };
    case "client-cert": return { content: m.client.certificatePem, serial: m.client.serial, secret: false };
    case "client-key": return { content: m.client.privateKeyPem, serial: m.client.serial, secret: true };
  }
}

const sameMeta = (o: ObservedFile, mode: number, owner: string, group: string) => o.mode === mode && o.owner === owner && o.group === group;

export function planDirs(observed: ObservedState, qemuGroup: string): DirChange[] {
  return PKI_DIRS.map((d) => {
    const o = observed.dirs[d.path] ?? { exists: false };
    const group = groupOf(d, qemuGroup);
    const action = !o.exists ? "create" : sameMeta(o, d.mode, "root", group) ? "none" : "chmod";
    return { path: d.path, mode: d.mode, owner: "root", group, action };
  });
}

// Each file of both sets: created, replaced when its content differs, re-moded when only its
// owner or mode does, left alone when it is right.
export function planFiles(observed: ObservedState, material: PkiMaterial, qemuGroup: string): FileChange[] {
  return PKI_FILES.flatMap((spec) => {
    const c = contentFor(spec.role, material);
    if (!c) return [];
    const hash = sha256(c.content);
    const before = observed.files[spec.path] ?? { exists: false };
    const group = groupOf(spec, qemuGroup);
    const action = !before.exists ? "create" : before.sha256 !== hash ? "replace" : sameMeta(before, spec.mode, spec.owner, group) ? "none" : "chmod";
    return [{
      path: spec.path, set: spec.set, role: spec.role, mode: spec.mode, owner: spec.owner, group, sha256: hash, serial: c.serial,
      action, before, secret: c.secret, content: c.content,
    } satisfies FileChange];
  });
}
