// Every route module of the API, by its OpenAPI path. A new route.ts is one line here; the
// coverage test in openapi.test.ts walks app/ and fails when a route file or a method is missing.
import * as auditLog from "@/app/api/v1/audit-log/route";
import * as auditFindings from "@/app/api/v1/audit/findings/route";
import * as portChecks from "@/app/api/v1/port-checks/route";
import * as portMatrix from "@/app/api/v1/port-matrix/route";
import * as tlsMatrix from "@/app/api/v1/tls-matrix/route";
import * as ca from "@/app/api/v1/ca/route";
import * as caCrl from "@/app/api/v1/ca/crl/route";
import * as caExternal from "@/app/api/v1/ca/external/route";
import * as caImport from "@/app/api/v1/ca/import/route";
import * as caSettings from "@/app/api/v1/ca/settings/route";
import * as certificates from "@/app/api/v1/certificates/route";
import * as clusters from "@/app/api/v1/clusters/route";
import * as clustersId from "@/app/api/v1/clusters/[id]/route";
import * as hosts from "@/app/api/v1/hosts/route";
import * as hostsExport from "@/app/api/v1/hosts/export/route";
import * as hostsImport from "@/app/api/v1/hosts/import/route";
import * as hostsId from "@/app/api/v1/hosts/[id]/route";
import * as hostsIdCertificates from "@/app/api/v1/hosts/[id]/certificates/route";
import * as hostsIdCertificatesRevoke from "@/app/api/v1/hosts/[id]/certificates/revoke/route";
import * as hostsIdFacts from "@/app/api/v1/hosts/[id]/facts/route";
import * as hostsIdHostKey from "@/app/api/v1/hosts/[id]/host-key/route";
import * as hostsIdScan from "@/app/api/v1/hosts/[id]/scan/route";
import * as hostsIdValidation from "@/app/api/v1/hosts/[id]/validation/route";
import * as jobs from "@/app/api/v1/jobs/route";
import * as jobsId from "@/app/api/v1/jobs/[id]/route";
import * as jobsIdCancel from "@/app/api/v1/jobs/[id]/cancel/route";
import * as jobsIdEvents from "@/app/api/v1/jobs/[id]/events/route";
import * as openapiJson from "@/app/api/v1/openapi.json/route";
import * as renewals from "@/app/api/v1/renewals/route";
import * as settingsNetwork from "@/app/api/v1/settings/network/route";
import * as sshKey from "@/app/api/v1/ssh-key/route";
import * as tokens from "@/app/api/v1/tokens/route";
import * as users from "@/app/api/v1/users/route";
import * as hostsIdProvision from "@/app/api/v1/hosts/[id]/provision/route";
import * as hostsIdBackups from "@/app/api/v1/hosts/[id]/backups/route";
import * as hostsIdRollback from "@/app/api/v1/hosts/[id]/rollback/route";
import * as provision from "@/app/api/v1/provision/route";
import * as sessions from "@/app/api/v1/sessions/route";
import * as sessionsId from "@/app/api/v1/sessions/[id]/route";
import * as tokensId from "@/app/api/v1/tokens/[id]/route";
import * as usersId from "@/app/api/v1/users/[id]/route";
import * as usersIdPassword from "@/app/api/v1/users/[id]/password/route";
import * as usersIdTotp from "@/app/api/v1/users/[id]/totp/route";
import * as hostsIdDomains from "@/app/api/v1/hosts/[id]/domains/route";
import * as migrations from "@/app/api/v1/migrations/route";
import * as migrationsPreflight from "@/app/api/v1/migrations/preflight/route";
import * as metrics from "@/app/metrics/route";

export const ROUTE_MODULES: Record<string, object> = {
  "/api/v1/clusters": clusters,
  "/api/v1/clusters/{id}": clustersId,
  "/api/v1/hosts": hosts,
  "/api/v1/hosts/import": hostsImport,
  "/api/v1/hosts/export": hostsExport,
  "/api/v1/hosts/{id}": hostsId,
  "/api/v1/hosts/{id}/host-key": hostsIdHostKey,
  "/api/v1/hosts/{id}/facts": hostsIdFacts,
  "/api/v1/hosts/{id}/certificates": hostsIdCertificates,
  "/api/v1/hosts/{id}/certificates/revoke": hostsIdCertificatesRevoke,
  "/api/v1/hosts/{id}/scan": hostsIdScan,
  "/api/v1/hosts/{id}/validation": hostsIdValidation,
  "/api/v1/ssh-key": sshKey,
  "/api/v1/jobs": jobs,
  "/api/v1/jobs/{id}": jobsId,
  "/api/v1/jobs/{id}/events": jobsIdEvents,
  "/api/v1/jobs/{id}/cancel": jobsIdCancel,
  "/api/v1/ca": ca,
  "/api/v1/ca/import": caImport,
  "/api/v1/ca/external": caExternal,
  "/api/v1/ca/crl": caCrl,
  "/api/v1/ca/settings": caSettings,
  "/api/v1/certificates": certificates,
  "/api/v1/renewals": renewals,
  "/api/v1/audit-log": auditLog,
  "/api/v1/audit/findings": auditFindings,
  "/api/v1/port-checks": portChecks,
  "/api/v1/port-matrix": portMatrix,
  "/api/v1/tls-matrix": tlsMatrix,
  "/api/v1/settings/network": settingsNetwork,
  "/api/v1/tokens": tokens,
  "/api/v1/users": users,
  "/api/v1/hosts/{id}/provision": hostsIdProvision,
  "/api/v1/hosts/{id}/backups": hostsIdBackups,
  "/api/v1/hosts/{id}/rollback": hostsIdRollback,
  "/api/v1/provision": provision,
  "/api/v1/tokens/{id}": tokensId,
  "/api/v1/users/{id}": usersId,
  "/api/v1/users/{id}/password": usersIdPassword,
  "/api/v1/users/{id}/totp": usersIdTotp,
  "/api/v1/sessions": sessions,
  "/api/v1/sessions/{id}": sessionsId,
  "/api/v1/openapi.json": openapiJson,
  "/api/v1/hosts/{id}/domains": hostsIdDomains,
  "/api/v1/migrations": migrations,
  "/api/v1/migrations/preflight": migrationsPreflight,
  "/metrics": metrics,
};
