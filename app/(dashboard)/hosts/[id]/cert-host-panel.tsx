import Link from "next/link";
import { can, type Actor } from "@/lib/core/auth/roles";
import { gnutlsDn } from "@/lib/core/x509";
import { getHost } from "@/lib/core/inventory/hosts";
import { getActiveCa } from "@/lib/core/pki/active-ca";
import { listCertificates } from "@/lib/core/pki/certificate-rows";
import { sanDrift } from "@/lib/core/pki/issue-for-host";
import { REVOCATION_REASONS } from "@/lib/core/pki/revoke";
import { serverContext } from "@/lib/server/context";
import { Card, EmptyState } from "@/components/ui/card";
import { CopyButton } from "@/components/copy-button";
import { CertTable } from "@/components/cert-table";
import { IssueCertificatesForm, RevokeCertificatesForm } from "./cert-host-actions";
import { StartJobForm } from "@/components/start-job-form";
import { scanCertificatesAction } from "./certificate-actions";

function Drift({ drift }: { drift: { missing: string[]; extra: string[] } | null }) {
  if (!drift) return null;
  if (!drift.missing.length && !drift.extra.length) return <p className="text-sm text-emerald-700">The server certificate carries every name of this host.</p>;
  return (
    <div role="alert" aria-label="SAN drift" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <strong>Names changed since issuing:</strong> re-issue the certificates.
      {drift.missing.length > 0 && <div>Missing: <span className="font-mono text-xs">{drift.missing.join(", ")}</span></div>}
      {drift.extra.length > 0 && <div>No longer the host&apos;s: <span className="font-mono text-xs">{drift.extra.join(", ")}</span></div>}
    </div>
  );
}

// A host's certificates for its page: current pair, the DN libvirt peers must allow, drift, actions.
export async function CertHostPanel({ hostId, actor }: { hostId: string; actor: Actor }) {
  const ctx = serverContext(actor);
  const [host, ca, all, drift] = await Promise.all([getHost(ctx.db, hostId), getActiveCa(ctx.db), listCertificates(ctx.db, ctx.now(), { hostId, includeHistory: true }), sanDrift(ctx.db, hostId)]);
  const certs = all.filter((c) => c.current);
  const revoked = all.filter((c) => c.revokedAt).length;
  const issued = certs.filter((c) => c.source === "issued");
  const client = issued.find((c) => c.kind === "client");
  const signs = Boolean(ca && ca.mode !== "external");
  const dn = client ? gnutlsDn(client.certificatePem) : null;
  return (
    <Card title="Certificates" id="host-certificates" description="The host's libvirt/QEMU server and client certificates, as issued here and as found on the host.">
      <div className="space-y-4">
        {!ca && <p className="text-sm text-slate-600">No certificate authority yet: <Link href="/ca" className="text-sky-700 hover:underline">create or import one</Link> first.</p>}
        {certs.length ? <CertTable certs={certs} label={`Certificates of ${host.name}`} showHost={false} /> : <EmptyState title="No certificates for this host yet">{signs ? "Issue them, then provision the host." : "Scan the host to read what is deployed."}</EmptyState>}
        {dn && (
          <div>
            <div className="mb-1 text-xs text-slate-500">tls_allowed_dn_list entry</div>
            <div className="flex items-center gap-2">
              <code id={`client-dn-${hostId}`} aria-label="tls_allowed_dn_list entry" className="rounded bg-slate-50 px-2 py-1 font-mono text-xs break-all">{dn}</code>
              <CopyButton text={dn} label="Copy DN" targetId={`client-dn-${hostId}`} />
            </div>
          </div>
        )}
        <Drift drift={drift} />
        {revoked > 0 && (
          <p className="text-sm text-slate-600">
            {revoked} revoked certificate{revoked === 1 ? "" : "s"} on record{ca ? ` (CRL #${ca.crlNumber})` : ""}:{" "}
            <Link href={`/certificates?history=true&q=${encodeURIComponent(host.name)}`} className="text-sky-700 hover:underline">history</Link>
          </p>
        )}
        <div className="flex flex-wrap items-start gap-4">
          {signs && can(actor.role, "certs:issue") && <IssueCertificatesForm hostId={hostId} reissue={issued.length > 0} />}
          {can(actor.role, "jobs:run") && <StartJobForm action={scanCertificatesAction} label="Scan deployed certificates" fields={{ id: hostId }} hint={host.hostKey.pinned ? undefined : "Pin the host key first."} />}
        </div>
        {signs && issued.length > 0 && can(actor.role, "ca:admin") && <RevokeCertificatesForm hostId={hostId} hostName={host.name} reasons={REVOCATION_REASONS} />}
      </div>
    </Card>
  );
}
