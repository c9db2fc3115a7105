// Figure 4: server + client certificates for 1,000 hosts (50 with --quick) on every core, beside
// the limit RSA key generation alone sets on this machine. Both run interleaved, 3 rounds.
import { generateKeyPair } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Worker } from "node:worker_threads";
import { generateCa, verifyIssuedBy, type CaMaterial } from "@/lib/core/x509";
import { interleave, median, summarize } from "../lib/stats";
import type { FigureResult } from "../lib/report";
import type { CaJob, CaJobDone } from "../lib/ca-worker";
import type { FigureOptions } from "./types";

const generate = promisify(generateKeyPair);
// Two hosts in flight per worker: one signs while the other's keys are generated.
const IN_FLIGHT = 2;

function runWorker(w: Worker, job: CaJob): Promise<CaJobDone> {
  return new Promise((resolve, reject) => {
    w.once("message", resolve);
    w.once("error", reject);
    w.postMessage(job);
  });
}

export async function caFigure(opts: FigureOptions): Promise<FigureResult> {
  const hosts = opts.quick ? 50 : 1000;
  const keys = opts.quick ? 20 : 200;
  const rounds = opts.rounds ?? 3;
  const cores = os.availableParallelism();
  const pool = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
  const ca: CaMaterial = await generateCa({ now: new Date() });
  // A worker does not inherit tsx's loader: it registers it, then loads the TypeScript worker.
  const file = path.join(__dirname, "..", "lib", "ca-worker.ts");
  const boot = `require("tsx/cjs/api").register(); require(${JSON.stringify(file)});`;
  const workers = Array.from({ length: cores }, () => new Worker(boot, { eval: true }));
  let last = "";
  const latencies: number[] = [];
  try {
    const out = await interleave(rounds, {
      issue: async () => {
        const start = performance.now();
        const done = await Promise.all(workers.map((w, k) => runWorker(w, { ca, hosts: [...Array(hosts).keys()].filter((i) => i % cores === k), inFlight: IN_FLIGHT, now: Date.now() })));
        const ms = performance.now() - start;
        for (const d of done) latencies.push(...d.latenciesMs);
        last = done[0].lastServerPem;
        return ms;
      },
      // Keys alone, as many at once as the pool runs: what issuance could reach if signing were free.
      keygen: async () => {
        const start = performance.now();
        let next = 0;
        await Promise.all(Array.from({ length: pool }, async () => {
          while (next++ < keys) await generate("rsa", { modulusLength: 2048, publicExponent: 0x10001 });
        }));
        return performance.now() - start;
      },
    });
    if (!verifyIssuedBy(last, ca.certificatePem)) throw new Error("an issued certificate does not verify against the CA");
    const totalS = summarize(out.issue.map((ms) => ms / 1000));
    const perHost = summarize(out.issue.map((ms) => ms / hosts));
    const hostsPerS = hosts / (median(out.issue) / 1000);
    const limitHostsPerS = keys / 2 / (median(out.keygen) / 1000);
    return {
      id: "4-ca",
      title: `4 CA, ${hosts} hosts`,
      status: "measured",
      measures: [
        { name: "total (server + client each)", unit: "s", summary: totalS, detail: `${cores} worker threads x ${IN_FLIGHT} hosts in flight` },
        { name: "per host, amortised", unit: "ms", summary: perHost, detail: `${hostsPerS.toFixed(1)} hosts/s` },
        { name: "per host, latency", unit: "ms", summary: summarize(latencies), detail: "one host's two key pairs and certificates, queueing included" },
        { name: "key generation limit", unit: "hosts/s", value: limitHostsPerS, detail: `RSA-2048 keygen alone, ${pool} libuv threads: ${(keys / (median(out.keygen) / 1000)).toFixed(1)} keys/s, 2 keys per host` },
        { name: "issuance / keygen limit", unit: "x", value: hostsPerS / limitHostsPerS },
      ],
      context: { hosts, rounds, cores, uvThreadpoolSize: pool, keygenSampleKeys: keys, caKey: "RSA 3072", leafKeys: "RSA 2048" },
    };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
