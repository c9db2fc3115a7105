"use client";
import { useActionState } from "react";
import { issueCertificatesAction, revokeCertificatesAction } from "./certificate-actions";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

export function IssueCertificatesForm({ hostId, reissue }: { hostId: string; reissue: boolean }) {
  const [state, action] = useActionState(issueCertificatesAction, null);
  const issued = state?.ok ? (state.data as { server: { serial: string }; client: { serial: string } }) : null;
  return (
    <form action={action} aria-label="Issue certificates" className="space-y-2">
      <input type="hidden" name="id" value={hostId} />
      <SubmitButton pendingText="Signing…">{reissue ? "Re-issue certificates" : "Issue certificates"}</SubmitButton>
      <FormMessage state={state} success={issued ? `Issued server ${issued.server.serial.slice(0, 10)}… and client ${issued.client.serial.slice(0, 10)}…; provisioning deploys them.` : undefined} />
    </form>
  );
}

// The reasons come from the server (lib/core/pki/revoke) so the client bundle stays free of the CA code.
export function RevokeCertificatesForm({ hostId, hostName, reasons }: { hostId: string; hostName: string; reasons: readonly string[] }) {
  const [state, action] = useActionState(revokeCertificatesAction, null);
  const done = state?.ok ? (state.data as { revoked: number; crlNumber: number }) : null;
  return (
    <form
      action={action}
      aria-label="Revoke certificates"
      className="flex flex-wrap items-center gap-2"
      onSubmit={(e) => { if (!window.confirm(`Revoke the current certificates of ${hostName}? Migrations to and from it fail until it gets new ones.`)) e.preventDefault(); }}
    >
      <input type="hidden" name="id" value={hostId} />
      <label htmlFor={`revoke-reason-${hostId}`} className="text-xs text-slate-600">Reason</label>
      <select id={`revoke-reason-${hostId}`} name="reason" defaultValue="unspecified" className="rounded-md px-2 py-1 text-sm ring-1 ring-slate-300 ring-inset">
        {reasons.map((r) => <option key={r} value={r}>{r}</option>)}
      </select>
      <SubmitButton variant="danger" pendingText="Revoking…">Revoke</SubmitButton>
      <div className="w-full"><FormMessage state={state} success={done ? `${done.revoked} certificate(s) revoked; CRL #${done.crlNumber} published.` : undefined} /></div>
    </form>
  );
}
