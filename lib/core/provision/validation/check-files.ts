import { PKI_DIRS, PKI_FILES, STRAY_MIGRATE_DIR, groupOf, type PkiFileSpec } from "@/lib/core/provision/pki-files";
import { FIX, ok, octal, problem, type Finding } from "./findings";
import { statOf, type PkiCheckInput } from "./check-input";

const isKey = (spec: { role?: string }) => spec.role?.endsWith("-key") ?? false;

function ownerMode(input: PkiCheckInput, spec: { path: string; mode: number; group: "root" | "qemu"; set?: PkiFileSpec["set"]; role?: string }): Finding | null {
  const st = statOf(input.snapshot, spec.path);
  if (!st?.exists) return null;
  const where = { set: spec.set, path: spec.path };
  const group = groupOf(spec, input.qemuGroup);
  const expected = `${octal(spec.mode)} root:${group}`;
  const seen = `${st.mode === null ? "?" : octal(st.mode)} ${st.owner ?? "?"}:${st.group ?? "?"}`;
  if (st.mode === spec.mode && st.owner === "root" && st.group === group) return ok("owner-mode", "Owner and mode as expected", seen, where);
  // A private key readable beyond what the layout allows, or not owned by root, is a leak.
  const extraBits = st.mode === null ? 0 : st.mode & ~spec.mode;
  const leak = isKey(spec) && (extraBits !== 0 || st.owner !== "root" || (spec.group === "root" && st.group !== "root"));
  const message = leak ? "The private key is readable by more than it should be" : "Owner or mode differ from the product's layout";
  return problem("owner-mode", leak ? "error" : "warning", message, `${seen}, expected ${expected}`, FIX.provision, where);
}

function presence(input: PkiCheckInput, spec: { path: string; set?: PkiFileSpec["set"]; role?: string }, kind: "file" | "directory"): Finding | null {
  const st = statOf(input.snapshot, spec.path);
  const where = { set: spec.set, path: spec.path };
  if (!st?.exists) return problem("presence", "error", `${kind === "file" ? "File" : "Directory"} missing`, "not found on the host", FIX.provision, where);
  if (st.kind !== kind) return problem("presence", "error", `Not a ${kind}`, `found: ${st.kind ?? "unreadable"}`, FIX.provision, where);
  return kind === "file" ? ok("presence", "Present", "regular file", where) : null;
}

// Only meaningful for the QEMU set: QEMU opens its files as the QEMU user, not as root.
function qemuReadable(input: PkiCheckInput, spec: PkiFileSpec): Finding | null {
  const st = statOf(input.snapshot, spec.path);
  if (spec.set !== "qemu" || !st?.exists) return null;
  const where = { set: spec.set, path: spec.path };
  const who = `${input.qemuUser}:${input.qemuGroup}`;
  const r = input.snapshot.qemuReadable[spec.path] ?? "unknown";
  if (r === "yes") return ok("qemu-readable", `Readable by the QEMU user ${input.qemuUser}`, `test -r as ${input.qemuUser} (${input.snapshot.readCheckTool})`, where);
  if (r === "no") {
    return problem("qemu-readable", "error", `The QEMU user ${input.qemuUser} cannot read it: migrations fail with "Unable to access credentials"`, `test -r as ${input.qemuUser} failed`, FIX.provision, where);
  }
  if (r === "no-such-user") return problem("qemu-readable", "error", `The QEMU user ${input.qemuUser} does not exist on the host`, `id ${input.qemuUser} failed`, "Gather facts again, then provision the host", where);
  // No tool to switch user: judge by the mode bits.
  const mode = st.mode ?? 0;
  const byBits = (mode & 0o004) !== 0 || (st.group === input.qemuGroup && (mode & 0o040) !== 0) || (st.owner === input.qemuUser && (mode & 0o400) !== 0);
  const evidence = `no runuser/setpriv/sudo on the host; ${octal(mode)} ${st.owner}:${st.group}, QEMU runs as ${who}`;
  return byBits
    ? problem("qemu-readable", "info", "Readable by the QEMU user, judged from the mode bits", evidence, null, where)
    : problem("qemu-readable", "error", `The QEMU user ${input.qemuUser} cannot read it, judged from the mode bits`, evidence, FIX.provision, where);
}

function strayDir(input: PkiCheckInput): Finding {
  const st = statOf(input.snapshot, STRAY_MIGRATE_DIR);
  const where = { path: STRAY_MIGRATE_DIR };
  if (!st?.exists) return ok("stray-migrate-dir", `No ${STRAY_MIGRATE_DIR}`, "absent", where);
  const explicit = input.snapshot.conf.qemu.migrate_tls_x509_cert_dir;
  const evidence = `exists, holds: ${input.snapshot.strayDirEntries.join(", ") || "nothing"}`;
  if (typeof explicit === "string") {
    return problem("stray-migrate-dir", "warning", `${STRAY_MIGRATE_DIR} exists; unused while migrate_tls_x509_cert_dir is set`, `${evidence}; migrate_tls_x509_cert_dir = "${explicit}"`, `Remove ${STRAY_MIGRATE_DIR}`, where);
  }
  return problem("stray-migrate-dir", "error", `${STRAY_MIGRATE_DIR} exists: QEMU migrations use it instead of /etc/pki/qemu`, evidence, `Remove or rename ${STRAY_MIGRATE_DIR}, then validate again`, where);
}

// Presence, owner and mode of every directory and file of the layout (the CRL's presence is
// judged with the product's CRL, in check-crl), QEMU's access, and the stray directory.
export function checkFiles(input: PkiCheckInput): Finding[] {
  const out: (Finding | null)[] = [];
  for (const d of PKI_DIRS) out.push(presence(input, d, "directory"), ownerMode(input, d));
  for (const f of PKI_FILES) {
    if (f.role !== "crl") out.push(presence(input, f, "file"));
    out.push(ownerMode(input, f), qemuReadable(input, f));
  }
  out.push(strayDir(input));
  return out.filter((f): f is Finding => f !== null);
}
