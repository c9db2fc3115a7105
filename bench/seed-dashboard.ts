// Bench-only seed: a fleet at the scale of figure 3 (1,000 hosts, 2,000 certificates, 100,000
// job events, 10,000 audit rows) in a throwaway SQLite file with the real migrations. Raw inserts
// in one transaction per table, so seeding takes seconds, not the minutes Prisma row by row would.
// Run alone: npx tsx bench/seed-dashboard.ts <file.db>   (prints the session and API tokens)
import path from "node:path";
import Database from "better-sqlite3";
import { applyMigrations } from "@/scripts/migrations";
import { hashPassword } from "@/lib/core/auth/password";
import { newOpaqueToken } from "@/lib/core/auth/opaque-token";
import { generateCa, issueHostCertificates } from "@/lib/core/x509";

export interface SeedCounts {
  hosts: number;
  certificates: number;
  jobEvents: number;
  auditRows: number;
}
export const FULL_SEED: SeedCounts = { hosts: 1000, certificates: 2000, jobEvents: 100_000, auditRows: 10_000 };

export interface SeededDashboard {
  counts: SeedCounts & { jobs: number };
  adminName: string;
  adminPassword: string;
  sessionToken: string;
  apiToken: string;
  sampleHostId: string;
  sampleHostName: string;
  seconds: number;
}

const MIGRATIONS = path.resolve(__dirname, "..", "prisma", "migrations");
const DAY = 86_400_000;
// Prisma's SQLite DateTime text: RFC 3339, milliseconds, explicit offset.
const ts = (ms: number) => new Date(ms).toISOString().replace(/Z$/, "+00:00");
const hex = (n: number, seed: number) => (seed.toString(16).padStart(8, "0").repeat(Math.ceil(n / 8))).slice(0, n).toUpperCase();
const KINDS = ["facts", "scan", "validate", "provision"] as const;
const AUDIT_ACTIONS = ["host.create", "host.update", "host.pin-key", "session.login", "job.work", "certificate.revoke", "cluster.update", "token.create"];

function insertAll(db: Database.Database, sql: string, rows: Iterable<unknown[]>): void {
  const stmt = db.prepare(sql);
  db.transaction(() => {
    for (const r of rows) stmt.run(...r);
  })();
}

function* range(n: number): Generator<number> {
  for (let i = 0; i < n; i++) yield i;
}

export async function seedDashboard(file: string, counts: SeedCounts = FULL_SEED, now = Date.now()): Promise<SeededDashboard> {
  const started = performance.now();
  applyMigrations(file, MIGRATIONS);
  // One real CA and leaf: every row carries a PEM of real size; the product parses some of them.
  const ca = await generateCa({ now: new Date(now) });
  const leaf = await issueHostCertificates({ ca, host: { name: "hv-bench", dnsNames: ["hv-bench.bench.example"], ips: ["198.18.0.1"] }, now: new Date(now) });
  const adminPassword = "bench-admin-password-7d2e";
  const passwordHash = await hashPassword(adminPassword);
  const session = newOpaqueToken("vss");
  const api = newOpaqueToken("vst");
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  try {
    const userId = "benchadmin0000000000000000";
    insertAll(db, `INSERT INTO "User" (id, name, passwordHash, role, disabled, createdAt) VALUES (?, 'admin', ?, 'admin', 0, ?)`, [[userId, passwordHash, ts(now)]]);
    insertAll(db, `INSERT INTO "Session" (id, tokenHash, userId, createdAt, expiresAt, lastSeenAt, address) VALUES ('benchsession', ?, ?, ?, ?, ?, '127.0.0.1')`, [[session.hash, userId, ts(now), ts(now + DAY), ts(now)]]);
    insertAll(db, `INSERT INTO "ApiToken" (id, name, tokenHash, role, createdBy, createdAt, userId) VALUES ('benchtoken', 'bench', ?, 'admin', 'admin', ?, ?)`, [[api.hash, ts(now), userId]]);
    const clusters = Math.max(1, Math.ceil(counts.hosts / 100));
    insertAll(db, `INSERT INTO "Cluster" (id, name, policy, createdAt, updatedAt) VALUES (?, ?, 'tls', ?, ?)`, [...range(clusters)].map((c) => [`benchcluster${c}`, `rack-${c}`, ts(now - 90 * DAY), ts(now)]));
    const hostId = (i: number) => `benchhost${String(i).padStart(5, "0")}`;
    const hostName = (i: number) => `hv-${String(i).padStart(4, "0")}`;
    const ip = (i: number) => `198.18.${i >> 8}.${i & 255}`;
    insertAll(
      db,
      `INSERT INTO "Host" (id, name, address, sshPort, sshUser, names, ips, tags, clusterId, hostKeyFingerprint, createdAt, updatedAt) VALUES (?, ?, ?, 22, 'root', ?, ?, ?, ?, ?, ?, ?)`,
      [...range(counts.hosts)].map((i) => [hostId(i), hostName(i), ip(i), JSON.stringify([`${hostName(i)}.bench.example`]), JSON.stringify([ip(i)]), JSON.stringify([`rack-${i % clusters}`]), `benchcluster${i % clusters}`, `SHA256:${hex(43, i)}`, ts(now - 60 * DAY), ts(now - (i % 30) * DAY)]),
    );
    insertAll(db, `INSERT INTO "HostProvision" (hostId, mode, planHash, appliedAt) VALUES (?, 'tls-only', ?, ?)`, [...range(counts.hosts)].filter((i) => i % 5 !== 0).map((i) => [hostId(i), hex(64, i), ts(now - (i % 20) * DAY)]));
    insertAll(db, `INSERT INTO "CertificateAuthority" (id, mode, active, subject, serial, fingerprint, certificatePem, notBefore, notAfter, createdAt) VALUES ('benchca', 'external', 1, 'CN=virtshield bench CA', ?, ?, ?, ?, ?, ?)`, [[hex(32, 1), hex(64, 2), ca.certificatePem, ts(now - 90 * DAY), ts(now + 3650 * DAY), ts(now - 90 * DAY)]]);
    // Expiry spread over the next year and a few weeks past: every band of the expiry page has rows.
    insertAll(
      db,
      `INSERT INTO "Certificate" (id, hostId, hostName, caId, kind, source, serial, fingerprintSha256, subject, issuer, sans, notBefore, notAfter, certificatePem, current, createdAt) VALUES (?, ?, ?, 'benchca', ?, 'issued', ?, ?, ?, 'CN=virtshield bench CA', ?, ?, ?, ?, 1, ?)`,
      [...range(counts.certificates)].map((c) => {
        const i = c % counts.hosts;
        const kind = c < counts.hosts ? "server" : "client";
        const notAfter = now + (((i * 7) % 400) - 20) * DAY;
        return [`benchcert${String(c).padStart(6, "0")}`, hostId(i), hostName(i), kind, hex(32, c + 7), hex(64, c + 11), `CN=${hostName(i)},O=virtshield`, JSON.stringify([`${hostName(i)}.bench.example`, ip(i)]), ts(notAfter - 365 * DAY), ts(notAfter), leaf.server.certificatePem, ts(notAfter - 365 * DAY)];
      }),
    );
    const jobs = seedJobs(db, counts, now, hostId);
    insertAll(
      db,
      `INSERT INTO "AuditLog" (id, at, actorType, actorId, actorName, action, targetType, targetId, result, detail) VALUES (?, ?, 'user', ?, 'admin', ?, 'host', ?, ?, ?)`,
      [...range(counts.auditRows)].map((a) => [`benchaudit${String(a).padStart(6, "0")}`, ts(now - Math.floor((a * 300 * DAY) / counts.auditRows)), userId, AUDIT_ACTIONS[a % AUDIT_ACTIONS.length], hostId(a % counts.hosts), a % 17 === 0 ? "refused" : "ok", JSON.stringify({ name: hostName(a % counts.hosts) })]),
    );
    return { counts: { ...counts, jobs }, adminName: "admin", adminPassword, sessionToken: session.token, apiToken: api.token, sampleHostId: hostId(Math.floor(counts.hosts / 2)), sampleHostName: hostName(Math.floor(counts.hosts / 2)), seconds: (performance.now() - started) / 1000 };
  } finally {
    db.close();
  }
}

// Finished jobs only (queued ones would start on the app's runner), within the job retention.
// One job in 25 is a fleet parent with 10 children; events are shared out ~20 per job.
function seedJobs(db: Database.Database, counts: SeedCounts, now: number, hostId: (i: number) => string): number {
  const total = Math.max(1, Math.round(counts.jobEvents / 20));
  const rows: unknown[][] = [];
  let parent: string | null = null;
  for (let j = 0; j < total; j++) {
    const id = `benchjob${String(j).padStart(6, "0")}`;
    const created = now - Math.floor(((total - j) * 30 * DAY) / total);
    const failed = j % 13 === 0;
    if (j % 25 === 0) {
      parent = id;
      rows.push([id, "provision-fleet", failed ? "failed" : "succeeded", null, null, 10, JSON.stringify({ hostIds: [...range(10)].map((k) => hostId((j + 1 + k) % counts.hosts)), parallelism: 8 }), failed ? "1 of 10 host(s) did not converge" : null, ts(created), ts(created + 60_000)]);
      continue;
    }
    const child = parent && j % 25 <= 10;
    const kind = child ? "provision" : KINDS[j % KINDS.length];
    const h = hostId(j % counts.hosts);
    const input = kind === "provision" ? { hostId: h, dryRun: false } : { hostId: h };
    rows.push([id, kind, failed ? "failed" : "succeeded", h, child ? parent : null, null, JSON.stringify(input), failed ? "REMOTE_COMMAND_FAILED: systemctl restart libvirtd exited 1" : null, ts(created), ts(created + 20_000)]);
  }
  insertAll(db, `INSERT INTO "Job" (id, kind, state, hostId, parentId, childLimit, input, error, progress, createdBy, createdAt, startedAt, finishedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 100, 'admin', ?, ?, ?)`, rows.map((r) => [...r.slice(0, 8), r[8], r[8], r[9]]));
  const steps = ["connect", "facts", "backup", "write-files", "restart", "verify-tls"];
  insertAll(
    db,
    `INSERT INTO "JobEvent" (jobId, type, step, state, message, progress, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    (function* () {
      for (let e = 0; e < counts.jobEvents; e++) {
        const r = rows[e % total];
        const n = Math.floor(e / total);
        const step = steps[n % steps.length];
        yield n % 3 === 2
          ? [r[0], "log", step, null, `${step}: ok (${n})`, null, r[8]]
          : [r[0], "step", step, n % 3 === 0 ? "running" : "succeeded", step, Math.min(100, n * 5), r[8]];
      }
    })(),
  );
  return total;
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) throw new Error("usage: npx tsx bench/seed-dashboard.ts <file.db>");
  seedDashboard(path.resolve(file)).then(
    (s) => console.log(JSON.stringify(s, null, 2)),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
