// The API contract of SPEC.md §6 as an OpenAPI 3.1 document, served at /api/v1/openapi.json.
type Op = { summary: string; role: "viewer" | "operator" | "admin"; body?: string; ok?: string; status?: number; params?: string[] };

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };

function op(o: Op) {
  const status = String(o.status ?? 200);
  return {
    summary: `${o.summary} (role: ${o.role} or above)`,
    ...(o.params?.includes("id") ? { parameters: [idParam] } : {}),
    ...(o.body ? { requestBody: { required: true, content: { "application/json": { schema: ref(o.body) } } } } : {}),
    responses: {
      [status]: { description: "OK", ...(o.ok ? { content: { "application/json": { schema: ref(o.ok) } } } : {}) },
      "400": { $ref: "#/components/responses/Error" },
      "401": { $ref: "#/components/responses/Error" },
      "403": { $ref: "#/components/responses/Error" },
      "404": { $ref: "#/components/responses/Error" },
      "409": { $ref: "#/components/responses/Error" },
      "422": { $ref: "#/components/responses/Error" },
    },
  };
}

const str = { type: "string" };
const strs = { type: "array", items: str };
const obj = (properties: Record<string, unknown>, required: string[] = []) => ({ type: "object", properties, required });

export const paths: Record<string, Record<string, ReturnType<typeof op>>> = {
  "/api/v1/clusters": {
    get: op({ summary: "List clusters", role: "viewer", ok: "ClusterList" }),
    post: op({ summary: "Create a cluster", role: "admin", body: "NewCluster", ok: "Cluster", status: 201 }),
  },
  "/api/v1/clusters/{id}": {
    get: op({ summary: "Get a cluster", role: "viewer", ok: "Cluster", params: ["id"] }),
    patch: op({ summary: "Rename or change policy", role: "admin", body: "NewCluster", ok: "Cluster", params: ["id"] }),
    delete: op({ summary: "Delete an empty cluster", role: "admin", status: 204, params: ["id"] }),
  },
  "/api/v1/hosts": {
    get: op({ summary: "List hosts (?clusterId, ?tag, ?q)", role: "viewer", ok: "HostList" }),
    post: op({ summary: "Add a host", role: "operator", body: "NewHost", ok: "Host", status: 201 }),
  },
  "/api/v1/hosts/{id}": {
    get: op({ summary: "Get a host", role: "viewer", ok: "Host", params: ["id"] }),
    patch: op({ summary: "Change a host", role: "operator", body: "NewHost", ok: "Host", params: ["id"] }),
    delete: op({ summary: "Delete a host", role: "operator", status: 204, params: ["id"] }),
  },
  "/api/v1/hosts/import": { post: op({ summary: "Bulk import hosts, all or nothing", role: "operator", body: "HostImport", status: 201 }) },
  "/api/v1/hosts/export": { get: op({ summary: "Export hosts (?format=csv|json)", role: "viewer" }) },
  "/api/v1/hosts/{id}/host-key": {
    post: op({ summary: "{} shows the offered SSH host key; {fingerprint} pins it", role: "operator", body: "HostKeyPin", ok: "HostKeyState", params: ["id"] }),
  },
  "/api/v1/hosts/{id}/facts": {
    get: op({ summary: "Stored facts", role: "viewer", params: ["id"] }),
    post: op({ summary: "Gather facts (a job; waits unless ?wait=false)", role: "operator", params: ["id"] }),
  },
  "/api/v1/ssh-key": { get: op({ summary: "The dashboard's SSH public key to install on hosts", role: "viewer", ok: "SshKey" }) },
  "/api/v1/jobs": { get: op({ summary: "Recent jobs", role: "viewer" }) },
  "/api/v1/jobs/{id}": { get: op({ summary: "A job with its steps", role: "viewer", ok: "Job", params: ["id"] }) },
  "/api/v1/jobs/{id}/events": { get: op({ summary: "Server-Sent Events of a job; resumes from Last-Event-ID", role: "viewer", params: ["id"] }) },
  "/api/v1/audit-log": { get: op({ summary: "Audit log (?limit, ?action, ?result)", role: "viewer" }) },
  "/api/v1/tokens": {
    get: op({ summary: "List API tokens (never the secrets)", role: "admin" }),
    post: op({ summary: "Create an API token; the token is shown once", role: "admin", body: "NewToken", status: 201 }),
  },
  "/api/v1/users": {
    get: op({ summary: "List users", role: "admin" }),
    post: op({ summary: "Create a user", role: "admin", body: "NewUser", status: 201 }),
  },
};

export const schemas: Record<string, unknown> = {
  Error: obj({ error: obj({ code: str, message: str, fields: { type: "object", additionalProperties: strs } }, ["code", "message"]) }, ["error"]),
  NewCluster: obj({ name: str, policy: { enum: ["tls", "prefer-tls", "legacy"] } }, ["name"]),
  Cluster: obj({ id: str, name: str, policy: str, hostCount: { type: "integer" }, createdAt: str }),
  ClusterList: { type: "array", items: ref("Cluster") },
  NewHost: obj({ name: str, address: str, sshPort: { type: "integer" }, sshUser: str, clusterId: str, names: strs, ips: strs, tags: strs, migrationAddress: str }, ["name", "address", "clusterId"]),
  Host: obj({ id: str, name: str, address: str, sshPort: { type: "integer" }, sshUser: str, clusterId: str, clusterName: str, policy: str, names: strs, ips: strs, tags: strs, migrationAddress: str, hostKey: obj({ pinned: str, seen: str, seenAt: str }) }),
  HostList: { type: "array", items: ref("Host") },
  HostImport: obj({ format: { enum: ["csv", "json"] }, content: str }, ["format", "content"]),
  HostKeyPin: obj({ fingerprint: { type: "string", pattern: "^SHA256:" } }),
  HostKeyState: obj({ hostId: str, fingerprint: str, keyType: str, pinned: str, matchesPin: { type: "boolean" } }),
  SshKey: obj({ publicKey: str }, ["publicKey"]),
  Job: obj({ id: str, kind: str, state: { enum: ["queued", "running", "succeeded", "failed", "interrupted"] }, steps: { type: "array", items: obj({ name: str, state: str, detail: str }) }, error: str }),
  NewToken: obj({ name: str, role: { enum: ["admin", "operator", "viewer"] } }, ["name", "role"]),
  NewUser: obj({ name: str, password: str, role: { enum: ["admin", "operator", "viewer"] } }, ["name", "password", "role"]),
};

export function openApiDocument(extra: { paths?: typeof paths; schemas?: typeof schemas } = {}) {
  return {
    openapi: "3.1.0",
    info: { title: "virtshield API", version: "1", description: "Every call needs `Authorization: Bearer <token>`. Errors: {\"error\":{\"code\",\"message\"}}." },
    security: [{ bearer: [] }],
    paths: { ...paths, ...extra.paths },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      responses: { Error: { description: "Error", content: { "application/json": { schema: ref("Error") } } } },
      schemas: { ...schemas, ...extra.schemas },
    },
  };
}
