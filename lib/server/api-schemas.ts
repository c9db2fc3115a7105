// The JSON answers of the API as zod schemas: routes declare them as `response`, and the OpenAPI
// document is generated from them. Enums and rules come from lib/core; the Same<> checks below
// make tsc fail when a core view and its schema drift apart.
import { z } from "zod";
import { ERROR_CODES } from "@/lib/core/errors";
import { ROLES } from "@/lib/core/auth/roles";
import { POLICIES } from "@/lib/core/inventory/schemas";
import type { HostView } from "@/lib/core/inventory/host-view";
import type { ClusterView } from "@/lib/core/inventory/clusters";
import { JOB_STATES, STEP_STATES } from "@/lib/core/jobs/states";
import type { JobView } from "@/lib/core/jobs/job-store";
import type { JobRow } from "@/lib/core/jobs/list-jobs";
import { CERTIFICATE_KINDS, CERTIFICATE_SOURCES, DRIFT_STATUSES, EXPIRY_BANDS } from "@/lib/core/pki/certificate-enums";
import type { CertificateView } from "@/lib/core/pki/certificate-rows";
import { CA_MODES, type CaView } from "@/lib/core/pki/active-ca";

const Timestamp = z.iso.datetime({ offset: true });
const Text = z.string();

export const ApiError = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: Text,
    fields: z.record(Text, z.array(Text)).optional().describe("messages by field name, for VALIDATION and some CONFLICT errors"),
  }),
});

export const Cluster = z.object({ id: Text, name: Text, policy: z.enum(POLICIES), migrationParallel: z.boolean().describe("migrations use parallel connections where both hosts support them"), hostCount: z.number().int(), createdAt: Timestamp });

export const Host = z.object({
  id: Text,
  name: Text,
  address: Text,
  sshPort: z.number().int(),
  sshUser: Text,
  migrationAddress: Text.describe("the address migrations use; the SSH address unless set"),
  names: z.array(Text),
  ips: z.array(Text),
  tags: z.array(Text),
  clusterId: Text,
  clusterName: Text,
  policy: z.enum(POLICIES),
  hostKey: z.object({ pinned: Text.nullable(), seen: Text.nullable(), seenAt: Timestamp.nullable() }),
  factsGatheredAt: Timestamp.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const JobStep = z.object({ name: Text, state: z.enum(STEP_STATES), detail: Text });
const JobChild = z.object({
  id: Text,
  kind: Text,
  state: z.enum(JOB_STATES),
  progress: z.number(),
  hostId: Text.nullable(),
  hostName: Text.nullable(),
  error: Text.optional(),
});

export const Job = z.object({
  id: Text,
  kind: Text,
  state: z.enum(JOB_STATES),
  hostId: Text.nullable(),
  hostName: Text.nullable(),
  locks: z.array(Text).describe("ids of the hosts the job holds while it runs"),
  parentId: Text.nullable(),
  progress: z.number().describe("0-100"),
  steps: z.array(JobStep),
  error: Text.optional(),
  errorCode: z.enum(ERROR_CODES).optional(),
  result: z.unknown().optional(),
  createdBy: Text.nullable(),
  createdAt: Timestamp,
  startedAt: Timestamp.nullable(),
  finishedAt: Timestamp.nullable(),
  cancelRequestedAt: Timestamp.nullable(),
  cancelledBy: Text.nullable(),
  children: z.array(JobChild),
  childCounts: z.partialRecord(z.enum(JOB_STATES), z.number().int()).describe("how many children are in each state"),
});
export const JobSummary = z.object({
  id: Text,
  kind: Text,
  state: z.enum(JOB_STATES),
  progress: z.number(),
  hostId: Text.nullable(),
  hostName: Text.nullable(),
  parentId: Text.nullable(),
  childCount: z.number().int(),
  error: Text.nullable(),
  createdBy: Text.nullable(),
  createdAt: Timestamp,
  finishedAt: Timestamp.nullable(),
});
export const JobAccepted = z.object({ jobId: Text }).describe("the job still runs: follow it at /api/v1/jobs/{jobId}");

export const Certificate = z.object({
  id: Text,
  hostId: Text.nullable(),
  hostName: Text.nullable().describe("null for the CA; the name it had, marked (deleted), once the host is gone"),
  kind: z.enum(CERTIFICATE_KINDS),
  source: z.enum(CERTIFICATE_SOURCES),
  path: Text.nullable(),
  serial: Text,
  fingerprintSha256: Text,
  subject: Text,
  issuer: Text,
  sans: z.array(Text),
  notBefore: Timestamp,
  notAfter: Timestamp,
  daysLeft: z.number().int(),
  band: z.enum(EXPIRY_BANDS),
  current: z.boolean(),
  revokedAt: Timestamp.nullable(),
  certificatePem: Text,
});

export const Ca = z.object({
  id: Text,
  mode: z.enum(CA_MODES),
  subject: Text,
  serial: Text,
  fingerprintSha256: Text,
  notBefore: Timestamp,
  notAfter: Timestamp,
  certificatePem: Text,
  crlNumber: z.number().int(),
  crlUpdatedAt: Timestamp.nullable(),
});
export const Crl = z.object({ crlNumber: z.number().int(), crlPem: Text });
export const Revoked = Crl.extend({ revoked: z.number().int() });
export const IssuedPair = z.object({
  id: Text.describe("the new server certificate"),
  hostId: Text,
  clientDn: Text.describe("the client certificate's DN as libvirt's tls_allowed_dn_list expects it"),
  server: z.object({ id: Text, serial: Text, notAfter: Timestamp, sans: z.array(Text) }),
  client: z.object({ id: Text, serial: Text, notAfter: Timestamp }),
});
export const ScanResult = z.object({
  jobId: Text,
  entries: z.array(z.object({ path: Text, kind: z.enum(CERTIFICATE_KINDS), status: z.enum(DRIFT_STATUSES), serial: Text.optional(), notAfter: Timestamp.optional(), detail: Text.optional() })),
});

export const User = z.object({ id: Text, name: Text, role: z.enum(ROLES), createdAt: z.date() });
export const ApiToken = z.object({
  id: Text,
  name: Text,
  role: Text.describe("admin, operator or viewer"),
  createdBy: Text.nullable(),
  createdAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
  expiresAt: Timestamp.nullable().optional().describe("null: until revoked"),
  revokedAt: Timestamp.nullable(),
});
export const NewApiTokenAnswer = z.object({ id: Text, name: Text, role: Text, token: Text.describe("shown once; store it now") });

// The named shapes of the document's components/schemas, in the order they are listed.
export const COMPONENTS = { Error: ApiError, Host, Cluster, Job, JobSummary, JobAccepted, Certificate, Ca, Crl, User, ApiToken } as const;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type ViewsMatch = [
  Same<z.infer<typeof Host>, HostView>,
  Same<z.infer<typeof Cluster>, ClusterView>,
  Same<z.infer<typeof Job>, JobView>,
  Same<z.infer<typeof JobSummary>, JobRow>,
  Same<z.infer<typeof Certificate>, CertificateView>,
  Same<z.infer<typeof Ca>, CaView>,
] extends [true, true, true, true, true, true] ? true : never;
export const viewsMatch: ViewsMatch = true;
