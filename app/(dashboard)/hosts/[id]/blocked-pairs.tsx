import Link from "next/link";
import { listBlockedPairs } from "@/lib/core/checks/blocked-pairs";
import { db } from "@/lib/server/db";
import { Card } from "@/components/ui/card";
import { formatAge, formatTime } from "@/components/format";

// The pairs involving this host (either end) that a TLS migration cannot cross, from the last
// port and TLS check, with the fix. Nothing at all when none is blocked.
export async function BlockedPairs({ hostId }: { hostId: string }) {
  const pairs = await listBlockedPairs(db(), { hostId });
  if (pairs.length === 0) return null;
  const now = new Date();
  return (
    <Card title="Migration blocked" id="blocked-pairs" className="border-red-200" description={<>{pairs.length} {pairs.length === 1 ? "pair" : "pairs"} with this host cannot carry a TLS live migration. <Link href="/ports" className="text-sky-700 underline">Ports and TLS</Link></>}>
      <ul aria-label="Blocked pairs" className="-m-4 divide-y divide-slate-100">
        {pairs.map((p) => (
          <li key={`${p.sourceId} ${p.destId}`} className="px-4 py-3 text-sm">
            <div className="font-medium">
              <Link href={`/hosts/${encodeURIComponent(p.sourceId)}`} className="hover:underline">{p.sourceName}</Link> → <Link href={`/hosts/${encodeURIComponent(p.destId)}`} className="hover:underline">{p.destName}</Link>
            </div>
            <ul className="mt-1 space-y-1">
              {p.problems.map((x) => (
                <li key={x.layer}>
                  <span className="font-medium text-red-700">{x.label}</span>{" "}
                  <span className="text-xs text-slate-500" title={formatTime(x.checkedAt)}>checked {formatAge(x.checkedAt, now)}</span>
                  <p className="text-slate-700">{x.explanation}</p>
                  {x.fix && <p><span className="font-medium">Fix:</span> {x.fix}</p>}
                  {x.error && <p className="font-mono text-xs break-all text-slate-500">{x.error}</p>}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </Card>
  );
}
