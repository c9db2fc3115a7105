import { z } from "zod";

// What the source QEMU said about its migration channel (shared/reference/libvirt-tls.md §10):
// a non-empty tls-creds object id is the proof that the stream is TLS; empty means plain.
export const TlsEvidence = z.object({
  tlsCreds: z.string(),
  tlsHostname: z.string(),
  tlsAuthz: z.string().nullable(),
  multifdChannels: z.number().nullable(),
  sampledAt: z.string(),
});
export type TlsEvidence = z.infer<typeof TlsEvidence>;

const Reply = z.object({
  return: z.object({
    "tls-creds": z.string().optional(),
    "tls-hostname": z.string().optional(),
    "tls-authz": z.string().optional(),
    "multifd-channels": z.number().optional(),
  }).loose(),
}).loose();

export const QUERY_MIGRATE_PARAMETERS = JSON.stringify({ execute: "query-migrate-parameters" });

// null when the reply is not a query-migrate-parameters answer (an error, a missing domain).
export function parseMigrateParameters(stdout: string, at: Date): TlsEvidence | null {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    return null;
  }
  const r = Reply.safeParse(json);
  if (!r.success) return null;
  const p = r.data.return;
  return { tlsCreds: p["tls-creds"] ?? "", tlsHostname: p["tls-hostname"] ?? "", tlsAuthz: p["tls-authz"] ?? null, multifdChannels: p["multifd-channels"] ?? null, sampledAt: at.toISOString() };
}

export type Transport = "tls" | "plain" | "unproven";

// The transport the history records: TLS only with evidence of credentials in use.
export function provenTransport(requested: "tls" | "plain", evidence: TlsEvidence | null): Transport {
  if (requested === "plain") return evidence && evidence.tlsCreds !== "" ? "tls" : "plain";
  return evidence && evidence.tlsCreds !== "" ? "tls" : "unproven";
}
