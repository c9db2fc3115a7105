import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { Download } from "lucide-react";
import { can } from "@/lib/core/auth/roles";
import { daysLeft, expiryBand } from "@/lib/core/x509";
import { getActiveCa, type CaMode } from "@/lib/core/pki/active-ca";
import { getPkiSettings } from "@/lib/core/pki/settings";
import { requirePageActor } from "@/lib/server/auth";
import { serverContext } from "@/lib/server/context";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { CopyButton } from "@/components/copy-button";
import { CertBandBadge } from "@/components/cert-band-badge";
import { formatTime } from "@/components/format";
import { CreateCaForm, ExternalCaForm, ImportCaForm, PkiSettingsForm, PublishCrlForm } from "./ca-forms";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Certificate authority" };

const MODE_LABEL: Record<CaMode, string> = { generated: "generated here", imported: "imported", external: "external (inspect only)" };

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[10rem_1fr] gap-2 py-1 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </div>
  );
}

function NoCa({ admin }: { admin: boolean }) {
  if (!admin) return <EmptyState title="No certificate authority yet">An admin creates or imports one.</EmptyState>;
  return (
    <div className="grid gap-5 xl:grid-cols-3">
      <Card title="Create CA" description="A new CA whose key never leaves this server.">
        <CreateCaForm />
      </Card>
      <Card title="Import CA" description="Bring your own CA: its certificate and unencrypted private key.">
        <ImportCaForm />
      </Card>
      <Card title="External certificates" description="Certificates come from elsewhere; virtshield only inspects and validates them against this CA.">
        <ExternalCaForm />
      </Card>
    </div>
  );
}

export default async function CaPage() {
  const actor = await requirePageActor("read");
  const ctx = serverContext(actor);
  const admin = can(actor.role, "ca:admin");
  const [ca, settings] = await Promise.all([getActiveCa(ctx.db), getPkiSettings(ctx.db)]);
  const title = "Certificate authority";
  if (!ca) {
    return (
      <div className="space-y-5">
        <PageHeader title={title} description="Signs every host's libvirt and QEMU certificates." />
        <NoCa admin={admin} />
      </div>
    );
  }
  const days = daysLeft(new Date(ca.notAfter), ctx.now());
  const signs = ca.mode !== "external";
  return (
    <div className="space-y-5">
      <PageHeader
        title={title}
        description="Signs every host's libvirt and QEMU certificates."
        actions={signs ? <a className={buttonClass("secondary")} href="/api/v1/ca/crl" download="virtshield.crl.pem"><Download aria-hidden size={14} />Download CRL</a> : undefined}
      />
      <div className="grid gap-5 xl:grid-cols-2">
        <Card title="Details" id="ca-details">
          <dl>
            <Detail label="Subject"><span className="font-mono text-xs break-all">{ca.subject}</span></Detail>
            <Detail label="Mode"><Badge tone={signs ? "blue" : "gray"}>{MODE_LABEL[ca.mode]}</Badge></Detail>
            <Detail label="Serial"><span className="font-mono text-xs break-all">{ca.serial}</span></Detail>
            <Detail label="SHA-256"><span className="font-mono text-xs break-all">{ca.fingerprintSha256}</span></Detail>
            <Detail label="Not before">{formatTime(ca.notBefore)}</Detail>
            <Detail label="Not after">{formatTime(ca.notAfter)}</Detail>
            <Detail label="Days left"><span className="mr-2 tabular-nums">{days}</span><CertBandBadge band={expiryBand(days)} /></Detail>
          </dl>
        </Card>
        <Card title="Revocation" id="ca-crl" description="Hosts read the CRL through libvirt's crl_file; provisioning deploys it.">
          {signs ? (
            <div className="space-y-3">
              <dl>
                <Detail label="CRL number">{ca.crlNumber}</Detail>
                <Detail label="Last published">{ca.crlUpdatedAt ? formatTime(ca.crlUpdatedAt) : "never"}</Detail>
              </dl>
              {admin && <PublishCrlForm />}
            </div>
          ) : (
            <p className="text-sm text-slate-600">The external CA publishes its own CRL.</p>
          )}
        </Card>
      </div>
      <Card title="CA certificate" description="Public: install it as /etc/pki/CA/cacert.pem on anything that must trust the fleet." actions={<CopyButton text={ca.certificatePem} label="Copy CA certificate" targetId="ca-pem" />}>
        <pre id="ca-pem" aria-label="CA certificate PEM" className="overflow-x-auto rounded bg-slate-50 p-3 font-mono text-xs text-slate-800">{ca.certificatePem.trim()}</pre>
      </Card>
      <Card title="PKI settings" id="pki-settings" description="Apply to host certificates issued from now on.">
        {admin ? (
          <PkiSettingsForm settings={settings} />
        ) : (
          <dl>
            <Detail label="Organization">{settings.organization}</Detail>
            <Detail label="Leaf validity">{settings.leafValidityDays} days</Detail>
            <Detail label="Leaf key bits">{settings.leafKeyBits}</Detail>
            <Detail label="Renew before">{settings.renewBeforeDays} days</Detail>
          </dl>
        )}
      </Card>
      <p className="text-sm text-slate-600">Every certificate it signed is on the <Link href="/certificates" className="text-sky-700 hover:underline">Certificates</Link> page.</p>
    </div>
  );
}
