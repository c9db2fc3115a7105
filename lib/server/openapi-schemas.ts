// Component schemas of the OpenAPI document (lib/server/openapi.ts); they mirror the zod inputs and views in lib/core.
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const str = { type: "string" };
export const strs = { type: "array", items: str };
export const obj = (properties: Record<string, unknown>, required: string[] = []) => ({ type: "object", properties, required });
const int = { type: "integer" };
const keyBits = { enum: [2048, 3072, 4096] };
const nullableStr = { type: ["string", "null"] };
const listOf = (name: string) => ({ type: "array", items: ref(name) });

const pkiSettings = { organization: { type: "string", pattern: "^[a-zA-Z0-9 ._-]{1,64}$" }, leafValidityDays: { ...int, minimum: 1, maximum: 3650 }, leafKeyBits: keyBits, renewBeforeDays: { ...int, minimum: 1, maximum: 365 } };

const inventory: Record<string, unknown> = {
  Error: obj({ error: obj({ code: str, message: str, fields: { type: "object", additionalProperties: strs } }, ["code", "message"]) }, ["error"]),
  NewCluster: obj({ name: str, policy: { enum: ["tls", "prefer-tls", "legacy"] } }, ["name"]),
  Cluster: obj({ id: str, name: str, policy: str, hostCount: int, createdAt: str }),
  ClusterList: listOf("Cluster"),
  NewHost: obj({ name: str, address: str, sshPort: int, sshUser: str, clusterId: str, names: strs, ips: strs, tags: strs, migrationAddress: str }, ["name", "address", "clusterId"]),
  Host: obj({ id: str, name: str, address: str, sshPort: int, sshUser: str, clusterId: str, clusterName: str, policy: str, names: strs, ips: strs, tags: strs, migrationAddress: str, hostKey: obj({ pinned: str, seen: str, seenAt: str }) }),
  HostList: listOf("Host"),
  HostImport: obj({ format: { enum: ["csv", "json"] }, content: str }, ["format", "content"]),
  HostKeyPin: obj({ fingerprint: { type: "string", pattern: "^SHA256:" } }),
  HostKeyState: obj({ hostId: str, fingerprint: str, keyType: str, pinned: str, matchesPin: { type: "boolean" } }),
  SshKey: obj({ publicKey: str }, ["publicKey"]),
  Job: obj({ id: str, kind: str, state: { enum: ["queued", "running", "succeeded", "failed", "interrupted"] }, steps: { type: "array", items: obj({ name: str, state: str, detail: str }) }, error: str }),
  JobAccepted: obj({ jobId: str }, ["jobId"]),
  NewToken: obj({ name: str, role: { enum: ["admin", "operator", "viewer"] } }, ["name", "role"]),
  NewUser: obj({ name: str, password: str, role: { enum: ["admin", "operator", "viewer"] } }, ["name", "password", "role"]),
};

const pki: Record<string, unknown> = {
  NewCa: obj({ commonName: { type: "string", pattern: "^[a-zA-Z0-9 ._-]{1,64}$" }, validityDays: { ...int, minimum: 30, maximum: 36500 }, keyBits }),
  ImportCa: obj({ certificatePem: str, privateKeyPem: str }, ["certificatePem", "privateKeyPem"]),
  ExternalCa: obj({ certificatePem: str }, ["certificatePem"]),
  Ca: obj({ id: str, mode: { enum: ["generated", "imported", "external"] }, subject: str, serial: str, fingerprintSha256: str, notBefore: str, notAfter: str, certificatePem: str, crlNumber: int, crlUpdatedAt: nullableStr }),
  Crl: obj({ crlNumber: int, crlPem: str }, ["crlNumber", "crlPem"]),
  PkiSettings: obj(pkiSettings, Object.keys(pkiSettings)),
  PkiSettingsPatch: obj(pkiSettings),
  Certificate: obj({
    id: str, hostId: nullableStr, hostName: nullableStr, kind: { enum: ["ca", "server", "client"] }, source: { enum: ["issued", "scanned"] },
    path: nullableStr, serial: str, fingerprintSha256: str, subject: str, issuer: str, sans: strs, notBefore: str, notAfter: str,
    daysLeft: int, band: { enum: ["expired", "critical", "warning", "ok"] }, current: { type: "boolean" }, revokedAt: nullableStr, certificatePem: str,
  }),
  CertificateList: listOf("Certificate"),
  IssuedPair: obj({
    hostId: str, clientDn: { type: "string", description: "the client certificate's DN as libvirt's tls_allowed_dn_list expects it" },
    server: obj({ id: str, serial: str, notAfter: str, sans: strs }), client: obj({ id: str, serial: str, notAfter: str }),
  }),
  Revoke: obj({ reason: { enum: ["unspecified", "keyCompromise", "superseded", "cessationOfOperation"] } }),
  Revoked: obj({ revoked: int, crlNumber: int, crlPem: str }, ["revoked", "crlNumber", "crlPem"]),
  ScanResult: obj({
    jobId: str, hostId: str,
    entries: { type: "array", items: obj({ path: str, kind: str, status: { enum: ["matches-issued", "differs-from-issued", "not-issued-here", "missing", "unreadable"] }, serial: str, notAfter: str, detail: str }, ["path", "kind", "status"]) },
  }),
  RenewalList: { type: "array", items: obj({ hostId: str, hostName: str, reason: str }, ["hostId", "hostName", "reason"]) },
};

export const schemas: Record<string, unknown> = { ...inventory, ...pki };
