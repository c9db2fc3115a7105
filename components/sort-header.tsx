import Link from "next/link";
import { ArrowDown, ArrowUp } from "lucide-react";
import { Th } from "@/components/ui/table";

export interface SortState<K extends string> {
  key: K;
  dir: "asc" | "desc";
  href: (key: K) => string;
}

// A column header that sorts the list by its column: a link, so the order lives in the URL.
export function SortTh<K extends string>({ label, k, sort }: { label: string; k: K; sort?: SortState<K> }) {
  if (!sort) return <Th>{label}</Th>;
  const active = sort.key === k;
  const Icon = sort.dir === "desc" ? ArrowDown : ArrowUp;
  return (
    <Th className="whitespace-nowrap" aria-sort={active ? (sort.dir === "desc" ? "descending" : "ascending") : "none"}>
      <Link href={sort.href(k)} className="inline-flex items-center gap-1 hover:text-slate-900">
        {label}
        {active && <Icon aria-hidden size={12} />}
      </Link>
    </Th>
  );
}

// Links for the headers: a click on the active column flips its direction, another column starts at `first`.
export function sortState<K extends string>(key: K, dir: "asc" | "desc", hrefFor: (sort: K, dir: "asc" | "desc") => string, first: (k: K) => "asc" | "desc" = () => "asc"): SortState<K> {
  return { key, dir, href: (k) => hrefFor(k, k === key ? (dir === "asc" ? "desc" : "asc") : first(k)) };
}
