"use client";
import { useState, useTransition } from "react";
import Link from "next/link";
import type { GuestList } from "@/lib/core/migrate/domains-job";
import { Card } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { GuestsTable } from "@/components/guests-table";
import { listGuestsAction } from "./guests-actions";

// The host's guests, read over SSH on demand (a job): state, memory, vCPUs, disks.
export function GuestsCard({ hostId, pinned, canRun }: { hostId: string; pinned: boolean; canRun: boolean }) {
  const [list, setList] = useState<GuestList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const read = () => start(async () => {
    const r = await listGuestsAction({ hostId });
    if (r.ok) { setList(r.data); setError(null); } else setError(r.message);
  });
  return (
    <Card title="Guests" id="guests" description="Domains on this host with their disks: on shared storage, or to be copied by a migration." actions={canRun ? <Link href={`/migrations?source=${encodeURIComponent(hostId)}`} className="text-sm text-sky-700 hover:underline">Migrate a guest</Link> : undefined}>
      <div className="space-y-3">
        {canRun ? (
          <Button variant="secondary" onClick={read} disabled={pending || !pinned}>{pending ? "Reading…" : list ? "Read again" : "Read guests"}</Button>
        ) : (
          <p className="text-sm text-slate-500">Reading the guests runs a job over SSH: an operator can do it; the last facts list their names and states.</p>
        )}
        {canRun && !pinned && <p className="text-xs text-slate-500">Pin the host key first.</p>}
        {error && <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{error}</div>}
        {list && <GuestsTable guests={list.guests} />}
      </div>
    </Card>
  );
}
