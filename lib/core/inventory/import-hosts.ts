import type { z } from "zod";
import type { CoreContext, Db } from "@/lib/core/context";
import { DomainError } from "@/lib/core/errors";
import { requirePermission } from "@/lib/core/auth/roles";
import { recordAudit } from "@/lib/core/audit/record";
import { canonicalHost, type HostRecord } from "@/lib/core/inventory/host-record";
import { allowedHostNetworks } from "@/lib/core/inventory/network-settings";
import { parseCsv, toCsv } from "@/lib/core/inventory/csv";
import { HostListQuery, pageHosts, type HostView } from "@/lib/core/inventory/hosts";
import { everyPage, MAX_PAGE_SIZE } from "@/lib/core/paging";
import { parseInput } from "@/lib/core/validation";
import { uniqueConflict } from "@/lib/core/db-errors";

export const IMPORT_MAX_BYTES = 1024 * 1024;
export const IMPORT_MAX_ROWS = 5000;
export const CSV_COLUMNS = ["name", "address", "sshPort", "sshUser", "cluster", "names", "ips", "migrationAddress", "tags"] as const;

export interface ImportRowError {
  line: number;
  field: string;
  message: string;
}

interface RawRow {
  line: number;
  value: Record<string, unknown>;
}

const splitList = (s: string) => s.split(/[\s;]+/).filter(Boolean);

function csvRows(text: string): RawRow[] {
  const [header, ...records] = parseCsv(text);
  if (!header) return [];
  const cols = header.fields.map((f) => f.trim());
  const unknown = cols.filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c));
  if (unknown.length) throw new DomainError("VALIDATION", `Unknown CSV column(s) on line 1: ${unknown.join(", ")}`);
  return records.map(({ line, fields }) => {
    const value: Record<string, unknown> = {};
    cols.forEach((c, i) => {
      const v = (fields[i] ?? "").trim();
      if (v === "") return;
      if (c === "sshPort") value[c] = /^\d+$/.test(v) ? Number(v) : v;
      else if (c === "names" || c === "ips" || c === "tags") value[c] = splitList(v);
      else value[c] = v;
    });
    return { line, value };
  });
}

function jsonRows(text: string): RawRow[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new DomainError("VALIDATION", "The file is not valid JSON");
  }
  const list = Array.isArray(data) ? data : (data as { hosts?: unknown })?.hosts;
  if (!Array.isArray(list)) throw new DomainError("VALIDATION", "JSON import must be an array of hosts (or {\"hosts\": [...]})");
  // For JSON the "line" is the 1-based position in the array.
  return list.map((value, i) => ({ line: i + 1, value: (value ?? {}) as Record<string, unknown> }));
}

export function parseImport(text: string, format: "csv" | "json"): RawRow[] {
  if (Buffer.byteLength(text) > IMPORT_MAX_BYTES) throw new DomainError("PAYLOAD_TOO_LARGE", `Imports are limited to ${IMPORT_MAX_BYTES} bytes`);
  const rows = format === "csv" ? csvRows(text) : jsonRows(text);
  if (rows.length > IMPORT_MAX_ROWS) throw new DomainError("PAYLOAD_TOO_LARGE", `Imports are limited to ${IMPORT_MAX_ROWS} hosts`);
  return rows;
}

async function validateRows(db: Db, rows: RawRow[]) {
  const clusters = await db.cluster.findMany({ select: { id: true, name: true } });
  const allowed = await allowedHostNetworks(db);
  // Names are stored lower-cased; rows written before that rule are compared the same way.
  const existing = new Set((await db.host.findMany({ select: { name: true } })).map((h) => h.name.toLowerCase()));
  const seen = new Map<string, number>();
  const errors: ImportRowError[] = [];
  const valid: HostRecord[] = [];
  for (const { line, value } of rows) {
    const { cluster, ...rest } = value;
    const wanted = cluster ?? rest.clusterId;
    const match = clusters.find((c) => c.id === wanted || c.name === wanted);
    if (!match) errors.push({ line, field: "cluster", message: wanted ? `no cluster ${String(wanted).slice(0, 64)}` : "required" });
    const parsed = canonicalHost({ ...rest, clusterId: match?.id ?? "missing" }, allowed);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ line, field: issue.path.join(".") || "(row)", message: issue.message });
      continue;
    }
    const name = parsed.data.name;
    if (existing.has(name)) errors.push({ line, field: "name", message: `host ${name} already exists` });
    else if (seen.has(name)) errors.push({ line, field: "name", message: `duplicate of line ${seen.get(name)}` });
    seen.set(name, line);
    valid.push(parsed.data);
  }
  return { errors, valid };
}

// All or nothing: any bad row rejects the whole file, and nothing is written.
export async function importHosts(ctx: CoreContext, text: string, format: "csv" | "json"): Promise<{ created: number }> {
  requirePermission(ctx.actor, "hosts:write");
  const rows = parseImport(text, format);
  if (rows.length === 0) throw new DomainError("VALIDATION", "The file holds no hosts");
  const { errors, valid } = await validateRows(ctx.db, rows);
  if (errors.length) {
    await recordAudit(ctx, { action: "host.import", result: "refused", detail: { rows: rows.length, errors: errors.length } });
    const first = errors.slice(0, 3).map((e) => `line ${e.line} ${e.field}: ${e.message}`).join("; ");
    throw new DomainError("VALIDATION", `Import rejected, nothing was written (${errors.length} error(s)): ${first}`, {
      fieldErrors: Object.fromEntries(errors.map((e) => [`line ${e.line}: ${e.field}`, [e.message]])),
    });
  }
  try {
    await ctx.db.$transaction(valid.map((data) => ctx.db.host.create({ data })));
  } catch (e) {
    throw uniqueConflict(e, "Another change added one of these hosts meanwhile; nothing was written");
  }
  await recordAudit(ctx, { action: "host.import", detail: { created: valid.length, format } });
  return { created: valid.length };
}

type ExportRow = Record<(typeof CSV_COLUMNS)[number], string | number | string[] | null>;

function exportRow(h: HostView): ExportRow {
  return {
    name: h.name, address: h.address, sshPort: h.sshPort, sshUser: h.sshUser, cluster: h.clusterName,
    names: h.names, ips: h.ips, migrationAddress: h.migrationAddress === h.address ? null : h.migrationAddress, tags: h.tags,
  };
}

const csvLine = (r: ExportRow) => CSV_COLUMNS.map((c) => { const v = r[c]; return Array.isArray(v) ? v.join(" ") : (v ?? ""); });
const jsonItem = (r: ExportRow) => JSON.stringify(r, null, 2).replace(/^/gm, "  ");

/**
 * Every host that matches the list filter (HostListQuery without page/limit), in the list's order,
 * as text chunks read a page at a time: a file the import takes back. The filter is checked at once,
 * so a bad one fails before the first byte is sent.
 */
export function exportHostChunks(db: Db, format: "csv" | "json", input: unknown = {}): AsyncGenerator<string> {
  const filter = parseInput(HostListQuery, input);
  return exportChunks(db, format, filter);
}

async function* exportChunks(db: Db, format: "csv" | "json", filter: z.output<typeof HostListQuery>): AsyncGenerator<string> {
  let count = 0;
  if (format === "csv") yield toCsv([[...CSV_COLUMNS]]);
  for await (const hosts of everyPage((page) => pageHosts(db, { ...filter, page, limit: MAX_PAGE_SIZE }))) {
    const rows = hosts.map(exportRow);
    if (format === "csv") yield toCsv(rows.map(csvLine));
    else yield (count ? ",\n" : "[\n") + rows.map(jsonItem).join(",\n");
    count += rows.length;
  }
  if (format === "json") yield count ? "\n]\n" : "[]\n";
}

export async function exportHosts(db: Db, format: "csv" | "json", input: unknown = {}): Promise<string> {
  let text = "";
  for await (const chunk of exportHostChunks(db, format, input)) text += chunk;
  return text;
}
