import clsx from "clsx";

export function ProgressBar({ value, label, tone = "blue" }: { value: number; label: string; tone?: "blue" | "green" | "red" }) {
  const pct = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div role="progressbar" aria-label={label} aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} className="h-1.5 w-full min-w-16 overflow-hidden rounded bg-slate-100">
      <div className={clsx("h-full transition-all", tone === "green" ? "bg-emerald-500" : tone === "red" ? "bg-red-500" : "bg-sky-500")} style={{ width: `${pct}%` }} />
    </div>
  );
}
