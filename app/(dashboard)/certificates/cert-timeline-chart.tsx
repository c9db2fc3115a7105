"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { BAND_COLOR, BAND_LABEL } from "@/components/cert-band-badge";
import { EXPIRY_BANDS as BANDS } from "@/lib/core/pki/certificate-enums";

export interface CertTimelineBucket {
  label: string;
  expired: number;
  critical: number;
  warning: number;
  ok: number;
}

// Certificates expiring per month, stacked by band, so the next crunch is visible at a glance.
export function CertTimelineChart({ data }: { data: CertTimelineBucket[] }) {
  const total = data.reduce((n, b) => n + b.expired + b.critical + b.warning + b.ok, 0);
  return (
    <figure aria-label="Expiry timeline" className="m-0">
      <div className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 800, height: 256 }}>
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
            {BANDS.map((b) => (
              <Bar key={b} dataKey={b} name={BAND_LABEL[b]} stackId="expiry" fill={BAND_COLOR[b]} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-1 text-xs text-slate-500">
        {total} certificate{total === 1 ? "" : "s"} by month of expiry (UTC), next 24 months; &quot;later&quot; holds the rest.
      </figcaption>
    </figure>
  );
}
