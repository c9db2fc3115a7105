// Benchmark, not a test: issue server+client certificates for N hosts with a fresh CA.
// Run: npx tsx bench/issue-certificates.ts [count=1000] [concurrency=4]
// Key generation runs on libuv's thread pool (UV_THREADPOOL_SIZE, default 4), so a concurrency
// above the pool size only queues; per-host latency below includes that queueing.
import { availableParallelism } from "node:os";
import { generateCa, issueHostCertificates, verifyIssuedBy } from "@/lib/core/x509";

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 1000);
  const concurrency = Number(process.argv[3] ?? 4);
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error("usage: issue-certificates.ts [count>=1] [concurrency>=1]");
  }
  const now = new Date();
  const caStart = performance.now();
  const ca = await generateCa({ now });
  const caMs = performance.now() - caStart;

  const latencies: number[] = [];
  let next = 0;
  let lastServer = "";
  const start = performance.now();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const t = performance.now();
      const host = { name: `hv${i}`, dnsNames: [`hv${i}.bench.example`], ips: [`198.18.${i >> 8}.${i & 255}`] };
      const issued = await issueHostCertificates({ ca, host, now });
      latencies.push(performance.now() - t);
      lastServer = issued.server.certificatePem;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  const totalS = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);

  console.log(`hosts ${count}, concurrency ${concurrency}, CPUs ${availableParallelism()}, node ${process.version}`);
  console.log(`CA (RSA 3072) generated in ${caMs.toFixed(0)} ms`);
  console.log(`total ${totalS.toFixed(2)} s for ${count * 2} certificates (RSA 2048 keys)`);
  console.log(`throughput ${((count * 2) / totalS).toFixed(1)} certs/s, ${(count / totalS).toFixed(1)} hosts/s`);
  console.log(`per host (server+client) p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms, max ${latencies[latencies.length - 1].toFixed(0)} ms`);
  console.log(`last server certificate verifies against the CA: ${verifyIssuedBy(lastServer, ca.certificatePem)}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
