"use client";
import { useFormStatus } from "react-dom";
import type { ReactNode } from "react";
import { buttonClass, type Variant } from "@/components/ui/button";

// Disabled while its form's action runs, so a double click does not submit twice.
export function SubmitButton({ children, pendingText, variant = "primary", name, value }: { children: ReactNode; pendingText?: string; variant?: Variant; name?: string; value?: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" name={name} value={value} disabled={pending} aria-disabled={pending} className={buttonClass(variant)}>
      {pending ? (pendingText ?? "Working…") : children}
    </button>
  );
}
