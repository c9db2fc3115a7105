"use client";
import { useState } from "react";
import { Check, Copy } from "lucide-react";
import { Button } from "@/components/ui/button";

// navigator.clipboard needs a secure context; on plain http we select the text for a manual copy.
export function CopyButton({ text, label, targetId }: { text: string; label: string; targetId?: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      const el = targetId ? document.getElementById(targetId) : null;
      if (el) window.getSelection()?.selectAllChildren(el);
    }
  }
  return (
    <Button variant="secondary" onClick={copy} aria-label={label} className="px-2 py-1 text-xs">
      {copied ? <Check aria-hidden size={14} /> : <Copy aria-hidden size={14} />}
      {copied ? "Copied" : "Copy"}
    </Button>
  );
}
