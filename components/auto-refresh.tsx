"use client";
import { useEffect } from "react";
import { useRouter } from "next/navigation";

// Re-renders the server components of the page every few seconds, keeping scroll and state;
// paused while the tab is hidden.
export function AutoRefresh({ seconds = 15 }: { seconds?: number }) {
  const router = useRouter();
  useEffect(() => {
    const id = window.setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, seconds * 1000);
    return () => window.clearInterval(id);
  }, [router, seconds]);
  return null;
}
