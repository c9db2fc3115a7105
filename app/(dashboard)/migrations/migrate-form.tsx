"use client";
import { useEffect, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { GuestList } from "@/lib/core/migrate/domains-job";
import type { PreflightResult } from "@/lib/core/migrate/preflight-types";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { GuestsTable } from "@/components/guests-table";
import { JobLive } from "@/components/job-live";
import { Checklist } from "./checklist";
import { checkMigrationAction, guestsForMigrationAction, startMigrationAction } from "./actions";

interface HostOption { id: string; name: string }

function Alert({ children }: { children: string }) {
  return <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{children}</div>;
}

// Pick source, guest and destination, see the pre-flight checklist, then migrate and follow it.
export function MigrateForm({ hosts, initialSource }: { hosts: HostOption[]; initialSource?: string }) {
  const router = useRouter();
  const [source, setSource] = useState(initialSource ?? "");
  const [dest, setDest] = useState("");
  const [guests, setGuests] = useState<GuestList | null>(null);
  const [domain, setDomain] = useState("");
  const [copyStorage, setCopyStorage] = useState(false);
  const [allowPlain, setAllowPlain] = useState(false);
  const [parallel, setParallel] = useState(true);
  const [check, setCheck] = useState<PreflightResult | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  useEffect(() => {
    if (!source) return;
    let live = true;
    start(async () => {
      const r = await guestsForMigrationAction({ hostId: source, ...(dest && dest !== source ? { destHostId: dest } : {}) });
      if (!live) return;
      if (r.ok) { setGuests(r.data); setError(null); } else { setGuests(null); setError(r.message); }
    });
    return () => { live = false; };
  }, [source, dest]);

  const request = { domain, sourceHostId: source, destHostId: dest, copyStorage, allowPlain, parallel };
  const reset = () => { setCheck(null); setJobId(null); };
  const guest = guests?.guests.find((g) => g.name === domain);
  const pickGuest = (name: string) => {
    setDomain(name);
    setCopyStorage(Boolean(guests?.guests.find((g) => g.name === name)?.disks.some((d) => d.placement === "copy")));
    reset();
  };
  const runCheck = () => start(async () => {
    const r = await checkMigrationAction(request);
    if (r.ok) { setCheck(r.data); setError(null); } else setError(r.message);
  });
  const migrate = () => start(async () => {
    const r = await startMigrationAction(request);
    if (!r.ok) return setError(r.message);
    setError(r.data.refused);
    if (r.data.jobId) setJobId(r.data.jobId);
    else setCheck((c) => (c ? { ...c, ok: false, checks: r.data.checks } : c));
  });

  const running = (guests?.guests ?? []).filter((g) => g.state === "running");
  const destName = hosts.find((h) => h.id === dest)?.name;
  return (
    <div className="space-y-4">
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id="mig-source" label="Source host">
          <Select id="mig-source" value={source} onChange={(e) => { setSource(e.target.value); setDomain(""); reset(); }}>
            <option value="">Choose…</option>
            {hosts.map((h) => <option key={h.id} value={h.id}>{h.name}</option>)}
          </Select>
        </Field>
        <Field id="mig-guest" label="Guest" hint={pending && !guests ? "Reading the guests…" : undefined}>
          <Select id="mig-guest" value={domain} onChange={(e) => pickGuest(e.target.value)} disabled={!guests}>
            <option value="">{guests ? (running.length ? "Choose…" : "No running guest") : "Pick a source first"}</option>
            {running.map((g) => <option key={g.name} value={g.name}>{g.name}</option>)}
          </Select>
        </Field>
        <Field id="mig-dest" label="Destination host">
          <Select id="mig-dest" value={dest} onChange={(e) => { setDest(e.target.value); reset(); }}>
            <option value="">Choose…</option>
            {hosts.filter((h) => h.id !== source).map((h) => <option key={h.id} value={h.id}>{h.name}</option>)}
          </Select>
        </Field>
      </div>
      {guest && <GuestsTable guests={[guest]} destName={destName} />}
      <fieldset className="flex flex-wrap gap-4 text-sm">
        <legend className="sr-only">Options</legend>
        <label className="flex items-center gap-1.5"><input type="checkbox" checked={copyStorage} onChange={(e) => { setCopyStorage(e.target.checked); reset(); }} /> Copy storage (--copy-storage-all)</label>
        <label className="flex items-center gap-1.5"><input type="checkbox" checked={parallel} onChange={(e) => { setParallel(e.target.checked); reset(); }} /> Parallel connections where supported</label>
        <label className="flex items-center gap-1.5"><input type="checkbox" checked={allowPlain} onChange={(e) => { setAllowPlain(e.target.checked); reset(); }} /> Allow plain TCP if the pair is not TLS-ready (audited)</label>
      </fieldset>
      <div className="flex gap-2">
        <Button variant="secondary" onClick={runCheck} disabled={pending || !source || !dest || !domain || Boolean(jobId)}>{pending && !check ? "Checking…" : "Check"}</Button>
        <Button onClick={migrate} disabled={pending || !check?.ok || Boolean(jobId)}>Migrate</Button>
      </div>
      {error && <Alert>{error}</Alert>}
      {check && (
        <div className="space-y-2">
          <p className="text-sm text-slate-700">
            {check.ok ? `Ready: ${check.transport === "tls" ? "native TLS" : "plain TCP"}${check.parallel ? " with parallel connections" : ""}.` : "The pre-flight refuses this migration."}
          </p>
          <Checklist checks={check.checks} />
        </div>
      )}
      {jobId && <JobLive jobId={jobId} showLink onEnd={() => router.refresh()} />}
    </div>
  );
}
