"use client";
import { useActionState } from "react";
import type { HostKeyState } from "@/lib/core/inventory/host-key";
import { observeHostKeyAction, pinHostKeyAction } from "./actions";
import { Badge } from "@/components/ui/badge";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

// Trust on first use, made explicit: fetch what the host offers, compare, pin only on confirmation.
export function HostKeyPanel({ hostId, pinned, canWrite, isAdmin }: { hostId: string; pinned: string | null; canWrite: boolean; isAdmin: boolean }) {
  const [seen, observe] = useActionState(observeHostKeyAction, null);
  const [pin, pinAction] = useActionState(pinHostKeyAction, null);
  const pinnedNow = pin?.ok ? (pin.data as HostKeyState).pinned : pinned;
  const offered = seen?.ok ? (seen.data as HostKeyState) : null;
  const mismatch = offered && pinnedNow && offered.fingerprint !== pinnedNow;
  const canPin = canWrite && offered && (!pinnedNow || (mismatch && isAdmin)) && !(pin?.ok && (pin.data as HostKeyState).fingerprint === offered.fingerprint);
  return (
    <div className="space-y-3 text-sm">
      <div className="flex items-center gap-2">
        <span className="text-slate-600">State:</span>
        {pinnedNow ? <Badge tone="green">Pinned</Badge> : <Badge tone="yellow">Not pinned</Badge>}
      </div>
      {pinnedNow && (
        <div>
          <div className="text-xs text-slate-500">Pinned fingerprint</div>
          <code aria-label="Pinned fingerprint" className="font-mono text-xs break-all">{pinnedNow}</code>
        </div>
      )}
      {!pinnedNow && !canWrite && <p className="text-slate-500">An operator must confirm this host&apos;s SSH key before the dashboard can connect.</p>}
      {canWrite && (
        <form action={observe} aria-label="Fetch host key">
          <input type="hidden" name="id" value={hostId} />
          <SubmitButton variant="secondary" pendingText="Connecting…">Fetch host key</SubmitButton>
        </form>
      )}
      <FormMessage state={seen} />
      {offered && (
        <div>
          <div className="text-xs text-slate-500">The host offers ({offered.keyType})</div>
          <code aria-label="Offered fingerprint" className="font-mono text-xs break-all">{offered.fingerprint}</code>
        </div>
      )}
      {mismatch && (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          <strong>Host key changed.</strong> The host offers a different key than the pinned one. The dashboard refuses to connect until this is explained (a reinstalled host, or someone in the middle).{isAdmin ? " An admin may replace the pin." : ""}
        </div>
      )}
      {offered && pinnedNow && !mismatch && <p className="text-emerald-700">The host offers the pinned key.</p>}
      {canPin && (
        <form action={pinAction} aria-label="Pin host key">
          <input type="hidden" name="id" value={hostId} />
          <input type="hidden" name="fingerprint" value={offered.fingerprint} />
          <p className="mb-2 text-slate-600">Compare this fingerprint with the one on the host (<code className="font-mono text-xs">ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub</code>) before pinning.</p>
          <SubmitButton pendingText="Pinning…" variant={mismatch ? "danger" : "primary"}>{mismatch ? "Replace the pinned key" : "Pin this key"}</SubmitButton>
        </form>
      )}
      <FormMessage state={pin} success={pin?.ok ? "Pinned: the dashboard will only accept this key from now on." : undefined} />
    </div>
  );
}
