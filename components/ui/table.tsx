import clsx from "clsx";
import type { ReactNode, ThHTMLAttributes, TdHTMLAttributes } from "react";

export function Table({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="overflow-x-auto">
      <table aria-label={label} className="min-w-full divide-y divide-slate-200 text-sm">{children}</table>
    </div>
  );
}

export function Th({ className, ...rest }: ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope="col" className={clsx("px-3 py-2 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase", className)} {...rest} />;
}

export function Td({ className, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={clsx("px-3 py-2 align-top text-slate-800", className)} {...rest} />;
}

export function Tr({ children }: { children: ReactNode }) {
  return <tr className="border-t border-slate-100 hover:bg-slate-50">{children}</tr>;
}
