// The API contract of SPEC.md §6 as an OpenAPI 3.1 document, served at /api/v1/openapi.json.
import { ref, schemas } from "@/lib/server/openapi-schemas";

export { schemas };

type Op = {
  summary: string;
  role: "viewer" | "operator" | "admin";
  body?: string;
  optionalBody?: boolean; // an empty body reads as {}
  ok?: string;
  text?: string; // a non-JSON media type of the success response (PEM, CSV, Prometheus text)
  status?: number;
  accepted?: boolean; // may answer 202 {jobId} while the job still runs
  params?: string[];
  query?: Record<string, unknown>;
};

const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };
const ERROR_STATUSES = ["400", "401", "403", "404", "409", "413", "422", "500", "502"];

function op(o: Op) {
  const status = String(o.status ?? 200);
  const parameters = [
    ...(o.params?.includes("id") ? [idParam] : []),
    ...Object.entries(o.query ?? {}).map(([name, schema]) => ({ name, in: "query", required: false, schema })),
  ];
  const content = {
    ...(o.ok ? { "application/json": { schema: ref(o.ok) } } : {}),
    ...(o.text ? { [o.text]: { schema: { type: "string" } } } : {}),
  };
  return {
    summary: `${o.summary} (role: ${o.role} or above)`,
    ...(parameters.length ? { parameters } : {}),
    ...(o.body ? { requestBody: { required: !o.optionalBody, content: { "application/json": { schema: ref(o.body) } } } } : {}),
    responses: {
      [status]: { description: "OK", ...(Object.keys(content).length ? { content } : {}) },
      ...(o.accepted ? { "202": { description: "Still running", content: { "application/json": { schema: ref("JobAccepted") } } } } : {}),
      ...Object.fromEntries(ERROR_STATUSES.map((s) => [s, { $ref: "#/components/responses/Error" }])),
    },
  };
}

const qEnum = (values: string[]) => ({ enum: values });
const certificateQuery = {
  hostId: { type: "string" }, kind: qEnum(["ca", "server", "client"]), source: qEnum(["issued", "scanned"]),
  band: qEnum(["expired", "critical", "warning", "ok"]), host: { type: "string", description: "text in the host name" },
  history: qEnum(["true", "false"]), format: qEnum(["json", "csv"]),
};

const inventoryPaths = {
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

const pkiPaths = {
  "/api/v1/ca": {
    get: op({ summary: "The active certificate authority (404 before there is one)", role: "viewer", ok: "Ca" }),
    post: op({ summary: "Generate a new CA", role: "admin", body: "NewCa", optionalBody: true, ok: "Ca", status: 201 }),
  },
  "/api/v1/ca/import": { post: op({ summary: "Import an existing CA with its private key", role: "admin", body: "ImportCa", ok: "Ca", status: 201 }) },
  "/api/v1/ca/external": { post: op({ summary: "Use an external CA (certificate only; hosts are not issued here)", role: "admin", body: "ExternalCa", ok: "Ca", status: 201 }) },
  "/api/v1/ca/crl": {
    get: op({ summary: "The current CRL as PEM", role: "viewer", text: "application/pkix-crl" }),
    post: op({ summary: "Publish a new CRL", role: "admin", ok: "Crl", status: 201 }),
  },
  "/api/v1/ca/settings": {
    get: op({ summary: "Certificate settings", role: "viewer", ok: "PkiSettings" }),
    patch: op({ summary: "Change certificate settings (any subset)", role: "admin", body: "PkiSettingsPatch", ok: "PkiSettings" }),
  },
  "/api/v1/certificates": {
    get: op({ summary: "Certificates of all hosts, current ones unless ?history=true", role: "viewer", ok: "CertificateList", text: "text/csv", query: certificateQuery }),
  },
  "/api/v1/hosts/{id}/certificates": {
    get: op({ summary: "A host's certificates", role: "viewer", ok: "CertificateList", params: ["id"] }),
    post: op({ summary: "Issue (or re-issue) the host's server and client certificates", role: "operator", ok: "IssuedPair", status: 201, params: ["id"] }),
  },
  "/api/v1/hosts/{id}/certificates/revoke": {
    post: op({ summary: "Revoke every certificate issued to the host and publish the CRL", role: "admin", body: "Revoke", optionalBody: true, ok: "Revoked", params: ["id"] }),
  },
  "/api/v1/hosts/{id}/scan": {
    post: op({ summary: "Read the certificates deployed on the host and compare them with the issued ones (a job)", role: "operator", ok: "ScanResult", accepted: true, params: ["id"] }),
  },
  "/api/v1/renewals": {
    get: op({ summary: "Hosts due for certificate renewal", role: "viewer", ok: "RenewalList" }),
    post: op({ summary: "Start a renewal job", role: "operator", ok: "JobAccepted", status: 202 }),
  },
  "/metrics": { get: op({ summary: "Prometheus metrics (scrape with a viewer token)", role: "viewer", text: "text/plain; version=0.0.4" }) },
};

export const paths: Record<string, Record<string, ReturnType<typeof op>>> = { ...inventoryPaths, ...pkiPaths };

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
