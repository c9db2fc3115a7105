// supervise() is what keeps `npm start` and its Next server one unit. These tests run it as start.mjs
// does, around a stand-in server (no `next build` needed): a real HTTP server on a real port, whose
// shutdown, like Next's, waits for open requests to finish.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const SUPERVISE = pathToFileURL(path.resolve(__dirname, "supervise.mjs")).href;

// Like Next's start-server: on SIGINT/SIGTERM stop listening, wait for open requests, exit 130/143.
const SERVER = `
import fs from "node:fs";
import http from "node:http";
const server = http.createServer((req, res) => {
  res.writeHead(200, { "content-type": "text/event-stream" });
  res.write("data: open\\n\\n"); // an event stream: never ends by itself
});
server.listen(0, "127.0.0.1", () => {
  const ready = { pid: process.pid, parent: process.ppid, port: server.address().port };
  fs.writeFileSync(process.env.READY_FILE, JSON.stringify(ready));
});
for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]]) {
  process.on(signal, () => server.close(() => process.exit(code)));
}
if (process.env.EXIT_CODE) setTimeout(() => process.exit(Number(process.env.EXIT_CODE)), 200);
`;

// What start.mjs does for its last step: supervise the server and exit with its code.
const PARENT = `
import { supervise } from ${JSON.stringify(SUPERVISE)};
const followParent = "npm_lifecycle_event" in process.env;
process.exit(await supervise(process.execPath, ["server.mjs"], { followParent, graceMs: Number(process.env.GRACE_MS), pollMs: 50 }));
`;

type Ready = { pid: number; parent: number; port: number };

let dir: string;
const started: number[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "virtshield-supervise-"));
  fs.writeFileSync(path.join(dir, "server.mjs"), SERVER);
  fs.writeFileSync(path.join(dir, "parent.mjs"), PARENT);
  // npm runs this as `sh -c "node parent.mjs"`, exactly as it runs `npm start`.
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "supervise-test", private: true, scripts: { start: "node parent.mjs" } }));
});

afterEach(() => {
  for (const pid of started.splice(0)) if (alive(pid)) process.kill(pid, "SIGKILL");
  fs.rmSync(dir, { recursive: true, force: true });
});

function launch(cmd: string, args: string[], extraEnv: Record<string, string> = {}, { npm = true } = {}): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, READY_FILE: path.join(dir, "ready.json"), GRACE_MS: "10000", npm_config_update_notifier: "false", ...extraEnv };
  // npm sets it for what it runs, and vitest may itself run under npx; start.mjs follows its parent only under npm.
  if (!npm) delete env.npm_lifecycle_event;
  const child = spawn(cmd, args, { cwd: dir, stdio: "ignore", env });
  if (child.pid) started.push(child.pid);
  return child;
}

// Gone means no process, or a zombie waiting for a reaper that is not ours (it holds no port).
function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

async function until<T>(what: string, probe: () => T | undefined | false, ms = 8000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function ready(): Promise<Ready> {
  const file = path.join(dir, "ready.json");
  const r = await until("the server to listen", () => fs.existsSync(file) && (JSON.parse(fs.readFileSync(file, "utf8")) as Ready));
  started.push(r.pid, r.parent);
  return r;
}

const exitCode = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on("exit", (code) => resolve(code))));

// The port is free when we can listen on it ourselves.
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });
}

// An open event stream, as a browser on the jobs page holds one.
function openStream(port: number): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path: "/" }, (res) => res.once("data", () => resolve(req)));
    req.on("error", reject);
  });
}

describe("supervise", () => {
  it("SIGTERM to `npm start` stops the server and frees its port, though npm's sh -c passes nothing on", async () => {
    const npm = launch("npm", ["start", "--silent"]);
    const server = await ready();
    expect(await canListen(server.port)).toBe(false);

    npm.kill("SIGTERM");

    await until("the server to stop", () => !alive(server.pid));
    await until("start's parent process to stop", () => !alive(server.parent));
    expect(await canListen(server.port)).toBe(true);
  }, 20_000);

  it("started without npm, outlives the shell that started it in the background (nohup ... &)", async () => {
    const shell = launch("sh", ["-c", "node parent.mjs & exit 0"], {}, { npm: false });
    await exitCode(shell);
    const server = await ready();
    await new Promise((r) => setTimeout(r, 500)); // ten times the parent poll

    expect(alive(server.parent)).toBe(true);
    expect(alive(server.pid)).toBe(true);
    process.kill(server.parent, "SIGTERM");
    await until("the server to stop", () => !alive(server.pid));
  }, 20_000);

  it("passes SIGINT (Ctrl-C) on and exits with the server's code", async () => {
    const parent = launch(process.execPath, ["parent.mjs"]);
    const server = await ready();

    parent.kill("SIGINT");

    expect(await exitCode(parent)).toBe(130);
    expect(alive(server.pid)).toBe(false);
    expect(await canListen(server.port)).toBe(true);
  }, 20_000);

  it("kills a server that an open event stream keeps from stopping, after the grace period", async () => {
    const parent = launch(process.execPath, ["parent.mjs"], { GRACE_MS: "1000" });
    const server = await ready();
    const stream = await openStream(server.port);
    stream.on("error", () => {}); // the kill resets it
    const t0 = Date.now();

    parent.kill("SIGTERM");

    expect(await exitCode(parent)).toBe(128 + os.constants.signals.SIGKILL);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(alive(server.pid)).toBe(false);
    expect(await canListen(server.port)).toBe(true);
  }, 20_000);

  it("exits with the code of a server that stops by itself", async () => {
    const parent = launch(process.execPath, ["parent.mjs"], { EXIT_CODE: "3" });
    await ready();
    expect(await exitCode(parent)).toBe(3);
  }, 20_000);
});
