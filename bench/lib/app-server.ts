// The real app (`next start` on the production build) on a free loopback port, against a
// throwaway data dir, with the opt-in per-request query counter on (lib/server/query-counter.ts).
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { ROOT } from "./next-build";

const COUNT_LINE = /^virtshield-db-queries (\d+) (\S+) (\S+)$/;

export interface Sample {
  status: number;
  ms: number;
  bytes: number;
  queries: number | null;
  body: string;
}

export interface AppServer {
  baseURL: string;
  /** One request, timed to its last byte, with the SQL statements it made (null: no count line). */
  get(url: string, headers?: Record<string, string>): Promise<Sample>;
  stop(): Promise<void>;
  /** What the server printed besides the count lines (for errors). */
  output(): string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export async function startApp(dir: string, env: Record<string, string>): Promise<AppServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(path.join(ROOT, "node_modules", ".bin", "next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    detached: true, // its own process group, so stop() ends it and nothing else
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      DATABASE_URL: `file:${path.join(dir, "bench.db")}`,
      VIRTSHIELD_SECRET_KEY_FILE: path.join(dir, "secret.key"),
      VIRTSHIELD_COOKIE_SECURE: "false",
      VIRTSHIELD_COUNT_QUERIES: "1",
      ...env,
    },
  });
  const counts = new Map<string, number[]>();
  let output = "";
  let buffered = "";
  child.stdout!.on("data", (d: Buffer) => {
    buffered += d.toString();
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) {
      const m = COUNT_LINE.exec(line);
      if (m) counts.set(m[3], [...(counts.get(m[3]) ?? []), Number(m[1])]);
      else output += line + "\n";
    }
  });
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  const baseURL = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, "SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null && child.pid) process.kill(-child.pid, "SIGKILL");
  };
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${baseURL}/login`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 240) {
      await stop();
      throw new Error(`next start did not answer within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseURL,
    stop,
    output: () => output,
    async get(url, headers = {}) {
      counts.delete(url); // requests are sequential: a line for url from now on is this request's
      const start = performance.now();
      const res = await fetch(baseURL + url, { headers, redirect: "manual" });
      const buf = await res.arrayBuffer();
      const bytes = buf.byteLength;
      const ms = performance.now() - start;
      let queries: number | null = null;
      // The line is printed when the response finishes, which may come just after the last byte.
      for (let i = 0; i < 40 && queries === null; i++) {
        const seen = counts.get(url);
        if (seen?.length) queries = seen[seen.length - 1];
        else await new Promise((r) => setTimeout(r, 25));
      }
      return { status: res.status, ms, bytes, queries, body: Buffer.from(buf).toString("utf8") };
    },
  };
}
