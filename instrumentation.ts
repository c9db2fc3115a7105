// Runs once per server process. Only in the Node runtime and never during `next build`.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  // First, so login throttling sees each request's socket address (lib/server/peer-address.ts).
  (await import("@/lib/server/peer-address")).installPeerAddressHook();
  const { bootstrap } = await import("@/lib/server/bootstrap");
  await bootstrap();
}
