// A worker thread of figure 4: issues server + client certificates for the hosts it is given,
// a few at a time, so key generation (libuv pool) overlaps signing (node-forge, this thread).
import { parentPort } from "node:worker_threads";
import { issueHostCertificates, type CaMaterial } from "@/lib/core/x509";

export interface CaJob {
  ca: CaMaterial;
  hosts: number[];
  inFlight: number;
  now: number;
}
export interface CaJobDone {
  latenciesMs: number[];
  lastServerPem: string;
}

parentPort?.on("message", async (job: CaJob) => {
  const latenciesMs: number[] = [];
  let lastServerPem = "";
  let next = 0;
  const now = new Date(job.now);
  const lane = async () => {
    while (next < job.hosts.length) {
      const i = job.hosts[next++];
      const t = performance.now();
      const issued = await issueHostCertificates({ ca: job.ca, host: { name: `hv${i}`, dnsNames: [`hv${i}.bench.example`], ips: [`198.18.${i >> 8}.${i & 255}`] }, now });
      latenciesMs.push(performance.now() - t);
      lastServerPem = issued.server.certificatePem;
    }
  };
  await Promise.all(Array.from({ length: job.inFlight }, lane));
  parentPort!.postMessage({ latenciesMs, lastServerPem } satisfies CaJobDone);
});
