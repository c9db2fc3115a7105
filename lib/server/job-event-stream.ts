import type { Db } from "@/lib/core/context";
import { eventsAfter } from "@/lib/core/jobs/job-store";
import { isFinal, type JobState } from "@/lib/core/jobs/states";

const POLL_MS = 400;
const HEARTBEAT_MS = 15_000;

// Replays events after `afterId`, then follows new ones until the job ends or the client goes away.
export function jobEventStream(db: Db, jobId: string, afterId: number, signal: AbortSignal): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let last = afterId;
  return new ReadableStream({
    async start(controller) {
      const send = (text: string) => controller.enqueue(enc.encode(text));
      let lastBeat = Date.now();
      send("retry: 2000\n\n");
      try {
        while (!signal.aborted) {
          for (const e of await eventsAfter(db, jobId, last)) {
            last = e.id;
            send(`id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
          }
          const job = await db.job.findUnique({ where: { id: jobId }, select: { state: true, error: true } });
          if (!job) break;
          if (isFinal(job.state as JobState) && (await eventsAfter(db, jobId, last)).length === 0) {
            send(`event: end\ndata: ${JSON.stringify({ state: job.state, error: job.error ?? null })}\n\n`);
            break;
          }
          if (Date.now() - lastBeat > HEARTBEAT_MS) {
            send(": keepalive\n\n");
            lastBeat = Date.now();
          }
          await new Promise((r) => setTimeout(r, POLL_MS));
        }
      } catch {
        // The client went away or the job vanished; either way the stream is over.
      }
      try {
        controller.close();
      } catch {
        /* already closed by a cancelled reader */
      }
    },
  });
}
