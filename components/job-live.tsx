"use client";
import { useEffect, useRef, useState } from "react";
import Link from "next/link";
import { JobStateBadge } from "@/components/job-state-badge";
import { ProgressBar } from "@/components/ui/progress-bar";

export interface LiveStep {
  name: string;
  state: string;
  detail: string;
}

interface Snapshot {
  state: string;
  progress: number;
  steps: LiveStep[];
  error?: string | null;
}

interface EventData {
  id?: number;
  type?: string;
  step?: string | null;
  state?: string | null;
  message?: string;
  progress?: number | null;
  at?: string;
  error?: string | null;
}

const FINAL = new Set(["succeeded", "failed", "cancelled", "interrupted"]);

function applyEvent(s: Snapshot, type: string, e: EventData): Snapshot {
  if (type === "step" && e.step) {
    const i = s.steps.findIndex((x) => x.name === e.step);
    const prev = i >= 0 ? s.steps[i] : undefined;
    const next = { name: e.step, state: e.state ?? prev?.state ?? "running", detail: e.message || prev?.detail || "" };
    return { ...s, steps: i >= 0 ? s.steps.map((x, j) => (j === i ? next : x)) : [...s.steps, next] };
  }
  if (type === "progress" && typeof e.progress === "number") return { ...s, progress: e.progress };
  if ((type === "state" || type === "end") && e.state) {
    return { ...s, state: e.state, progress: e.state === "succeeded" ? 100 : s.progress, error: e.state === "failed" || e.state === "interrupted" || e.state === "cancelled" ? (e.error ?? e.message ?? s.error) : s.error };
  }
  return s;
}

// Follows a job over SSE; the browser resumes with Last-Event-ID by itself after a drop.
export function JobLive({ jobId, initial, onEnd, showLink = false }: { jobId: string; initial?: Snapshot; onEnd?: (state: string) => void; showLink?: boolean }) {
  const [snap, setSnap] = useState<Snapshot>(initial ?? { state: "queued", progress: 0, steps: [] });
  const [logs, setLogs] = useState<{ at: string; message: string }[]>([]);
  const onEndRef = useRef(onEnd);
  // The latest callback, without reopening the stream when the parent passes a new closure.
  useEffect(() => {
    onEndRef.current = onEnd;
  }, [onEnd]);
  useEffect(() => {
    const source = new EventSource(`/api/v1/jobs/${encodeURIComponent(jobId)}/events`);
    const handle = (type: string) => (ev: MessageEvent<string>) => {
      const data = JSON.parse(ev.data) as EventData;
      setSnap((s) => applyEvent(s, type, data));
      if (type === "log") setLogs((l) => [...l, { at: data.at ?? "", message: data.message ?? "" }]);
      if (type === "end") {
        source.close();
        onEndRef.current?.(data.state ?? "");
      }
    };
    for (const type of ["state", "step", "log", "progress", "end"]) source.addEventListener(type, handle(type) as EventListener);
    return () => source.close();
  }, [jobId]);
  const tone = snap.state === "failed" || snap.state === "interrupted" ? "red" : snap.state === "succeeded" ? "green" : "blue";
  return (
    <div className="space-y-3" aria-live="polite">
      <div className="flex items-center gap-3">
        <JobStateBadge state={snap.state} />
        <div className="flex-1"><ProgressBar value={snap.progress} label="Job progress" tone={tone} /></div>
        <span className="w-10 text-right text-xs text-slate-500">{Math.round(snap.progress)}%</span>
        {showLink && <Link className="text-xs text-sky-700 hover:underline" href={`/jobs/${jobId}`}>Details</Link>}
      </div>
      {snap.steps.length > 0 && (
        <ol aria-label="Job steps" className="space-y-1">
          {snap.steps.map((s) => (
            <li key={s.name} className="flex items-start gap-2 text-sm">
              <JobStateBadge state={s.state} />
              <span className="font-medium text-slate-800">{s.name}</span>
              {s.detail && <span className="text-slate-500">{s.detail}</span>}
            </li>
          ))}
        </ol>
      )}
      {snap.error && FINAL.has(snap.state) && <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{snap.error}</div>}
      {logs.length > 0 && (
        <pre aria-label="Job log" className="max-h-64 overflow-y-auto rounded bg-slate-900 p-2 font-mono text-xs text-slate-100">
          {logs.map((l) => `${l.at.slice(11, 19)} ${l.message}`).join("\n")}
        </pre>
      )}
    </div>
  );
}
