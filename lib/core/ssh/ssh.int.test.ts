import { spawn, spawnSync, execFileSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError, type ErrorCode } from "@/lib/core/errors";
import { openConnection, withConnection } from "./connect";
import { fetchHostKeyFingerprint } from "./host-key";
import { generateSshKeyPair } from "./keypair";
import { shellCommand } from "./shell-quote";
import type { PinnedSshTarget } from "./types";

// A real sshd on 127.0.0.1 with its own host key and authorized_keys, started and killed here.
const dir = mkdtempSync(path.join(tmpdir(), "vs-sshd-"));
const clientKey = generateSshKeyPair("virtshield-test");
let sshd: ChildProcess | undefined;
let port = 0;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

function makeHostKey(name: string): string {
  const file = path.join(dir, name);
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", file]);
  return file;
}

function keygenFingerprint(pubFile: string): string {
  // "256 SHA256:... comment (ED25519)"
  return execFileSync("ssh-keygen", ["-lf", pubFile], { encoding: "utf8" }).split(" ")[1];
}

async function startSshd(hostKey: string): Promise<void> {
  mkdirSync("/run/sshd", { recursive: true, mode: 0o755 });
  const config = path.join(dir, "sshd_config");
  writeFileSync(
    config,
    [
      `Port ${port}`,
      "ListenAddress 127.0.0.1",
      `HostKey ${hostKey}`,
      `PidFile ${path.join(dir, "sshd.pid")}`,
      `AuthorizedKeysFile ${path.join(dir, "authorized_keys")}`,
      "UsePAM no",
      "StrictModes no",
      "PasswordAuthentication no",
      "KbdInteractiveAuthentication no",
      "PermitRootLogin prohibit-password",
      "Subsystem sftp internal-sftp",
      // bash skips ~/.bashrc for ssh commands when SHLVL >= 2: this machine's root .bashrc
      // (pyenv) must not slow or break the test.
      "SetEnv SHLVL=1",
      // Below our own channel limit, so the open-retry path is exercised too.
      "MaxSessions 3",
      "LogLevel ERROR",
      "",
    ].join("\n"),
  );
  sshd = spawn("/usr/sbin/sshd", ["-D", "-e", "-f", config], { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  sshd.stderr?.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  // Ready when it answers with a host key.
  for (let i = 0; i < 100; i++) {
    try {
      await fetchHostKeyFingerprint({ address: "127.0.0.1", port, timeoutMs: 2000 });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`sshd did not come up: ${log}`);
}

async function stopSshd(): Promise<void> {
  const p = sshd;
  sshd = undefined;
  if (!p || p.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    p.once("exit", () => resolve());
    p.kill("SIGTERM");
  });
}

async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<DomainError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  expect((err as DomainError).code).toBe(code);
  return err as DomainError;
}

let hostKeyPub = "";
const target = (): PinnedSshTarget => ({
  address: "127.0.0.1",
  port,
  username: "root",
  privateKey: clientKey.privateKey,
  pinnedFingerprint: keygenFingerprint(hostKeyPub),
});

beforeAll(async () => {
  port = await freePort();
  writeFileSync(path.join(dir, "authorized_keys"), clientKey.publicKey + "\n");
  hostKeyPub = makeHostKey("hostkey") + ".pub";
  await startSshd(hostKeyPub.replace(/\.pub$/, ""));
});

afterAll(async () => {
  await stopSshd();
  rmSync(dir, { recursive: true, force: true });
});

describe("ssh against a real sshd", () => {
  it("fetches the host key fingerprint exactly as ssh-keygen -lf prints it", async () => {
    const seen = await fetchHostKeyFingerprint({ address: "127.0.0.1", port, timeoutMs: 5000 });
    expect(seen.fingerprint).toBe(keygenFingerprint(hostKeyPub));
    expect(seen.keyType).toBe("ssh-ed25519");
  });

  it("refuses to connect without a pinned fingerprint", async () => {
    await expectCode(openConnection({ ...target(), pinnedFingerprint: "" }), "PRECONDITION_FAILED");
  });

  it("runs commands with exit code, stdout and stderr", async () => {
    await withConnection(target(), async (conn) => {
      expect(await conn.exec(["sh", "-c", "echo out; echo err >&2; exit 3"])).toEqual({
        code: 3,
        stdout: "out\n",
        stderr: "err\n",
      });
      expect(await conn.run(["id", "-un"])).toBe("root\n");
      const failed = await expectCode(conn.run(["sh", "-c", "echo nope >&2; exit 7"]), "REMOTE_COMMAND_FAILED");
      expect(failed.message).toContain("exit 7");
      expect(failed.message).toContain("nope");
      expect(await conn.run(["cat"], { stdin: "from stdin\n" })).toBe("from stdin\n");
      expect(await conn.run(["sh", "-c", "echo ${PYENV_ROOT:-clean}"])).toBe("clean\n");
    });
  });

  it("passes hostile arguments through the remote shell unchanged", async () => {
    const hostile = ["it's", "$(id)", "`id`", "a; echo pwned", "line1\nline2", "../../etc", "héllo ✓", "", "*", "FOO=bar"];
    await withConnection(target(), async (conn) => {
      const out = await conn.run(["printf", "%s\\0", ...hostile]);
      expect(out.split("\0").slice(0, -1)).toEqual(hostile);
      // The same command line through a local /bin/sh gives the same bytes.
      expect(execFileSync("/bin/sh", ["-c", shellCommand(["printf", "%s\\0", ...hostile])], { encoding: "utf8" })).toBe(out);
    });
  });

  it("kills a command that exceeds its timeout, on the host too", async () => {
    await withConnection(target(), async (conn) => {
      const err = await expectCode(conn.exec(["sleep", "41.75"], { timeoutMs: 300 }), "REMOTE_COMMAND_FAILED");
      expect(err.message).toContain("timed out");
      // sshd runs on this machine: wait (bounded) until the remote sleep is gone.
      let alive = true;
      for (let i = 0; i < 50 && alive; i++) {
        await new Promise((r) => setTimeout(r, 100));
        alive = spawnSync("pgrep", ["-f", "sleep 41.75"]).status === 0;
      }
      expect(alive).toBe(false);
      // The connection stays usable afterwards.
      expect(await conn.run(["echo", "still here"])).toBe("still here\n");
    });
  });

  it("runs more commands at once than sshd's MaxSessions allows", async () => {
    await withConnection(target(), async (conn) => {
      const outs = await Promise.all(Array.from({ length: 25 }, (_, i) => conn.run(["sh", "-c", `sleep 0.2; echo ${i}`])));
      expect(outs).toEqual(Array.from({ length: 25 }, (_, i) => `${i}\n`));
    });
  });

  it("writes files atomically with mode and owner, replacing an existing file", async () => {
    const file = path.join(dir, "written", "server-key.pem");
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, "old content");
    await withConnection(target(), async (conn) => {
      await conn.writeFileAtomic(file, "new content\n", { mode: 0o640, owner: "root", group: "daemon" });
      expect(readFileSync(file, "utf8")).toBe("new content\n");
      const st = statSync(file);
      expect(st.mode & 0o7777).toBe(0o640);
      expect(st.uid).toBe(0);
      expect(st.gid).toBe(Number(execFileSync("getent", ["group", "daemon"], { encoding: "utf8" }).split(":")[2]));
      const binary = Buffer.from([0, 1, 2, 255, 10, 39]);
      await conn.writeFileAtomic(file, binary, { mode: 0o600 });
      expect(readFileSync(file)).toEqual(binary);
      expect(statSync(file).mode & 0o7777).toBe(0o600);
      expect(await conn.readFile(file)).toEqual(binary);
      expect(await conn.readFile(path.join(dir, "written", "missing.pem"))).toBeNull();
      // A failed write (unknown group) leaves no temp file and the old content in place.
      await expectCode(conn.writeFileAtomic(file, "x", { mode: 0o644, group: "no-such-group-vs" }), "PRECONDITION_FAILED");
      expect(readFileSync(file)).toEqual(binary);
      expect(execFileSync("ls", ["-A", path.dirname(file)], { encoding: "utf8" })).toBe("server-key.pem\n");
    });
  });

  it("refuses a changed host key, naming both fingerprints", async () => {
    const pinned = target().pinnedFingerprint;
    await stopSshd();
    const newKey = makeHostKey("hostkey-new");
    await startSshd(newKey);
    const offered = keygenFingerprint(newKey + ".pub");
    expect(offered).not.toBe(pinned);
    const err = await expectCode(openConnection({ ...target(), pinnedFingerprint: pinned }), "HOST_KEY_MISMATCH");
    expect(err.message).toContain(pinned);
    expect(err.message).toContain(offered);
    hostKeyPub = newKey + ".pub";
  });

  it("reports a wrong client key as SSH_AUTH_FAILED", async () => {
    const stranger = generateSshKeyPair("stranger");
    await expectCode(openConnection({ ...target(), privateKey: stranger.privateKey }), "SSH_AUTH_FAILED");
  });

  it("reports a server that never speaks SSH as HOST_UNREACHABLE", async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", () => r()));
    const addr = silent.address();
    const silentPort = typeof addr === "object" && addr ? addr.port : 0;
    try {
      const err = await expectCode(openConnection({ ...target(), port: silentPort }, { readyTimeoutMs: 500 }), "HOST_UNREACHABLE");
      expect(err.message).toContain("timed out");
      await expectCode(fetchHostKeyFingerprint({ address: "127.0.0.1", port: silentPort, timeoutMs: 500 }), "HOST_UNREACHABLE");
    } finally {
      silent.close();
    }
  });

  it("fails a command cleanly when the connection drops under it", async () => {
    const conn = await openConnection(target());
    try {
      // The remote shell kills its own sshd session process: the TCP connection goes away.
      const err = await expectCode(conn.exec(["sh", "-c", "kill -9 $PPID; sleep 5"]), "HOST_UNREACHABLE");
      expect(err.message).toContain("sh");
      await expectCode(conn.exec(["true"]), "HOST_UNREACHABLE");
    } finally {
      await conn.close();
    }
  });

  it("reports a closed port as HOST_UNREACHABLE", async () => {
    const closed = await freePort();
    await expectCode(openConnection({ ...target(), port: closed }), "HOST_UNREACHABLE");
    await expectCode(fetchHostKeyFingerprint({ address: "127.0.0.1", port: closed, timeoutMs: 2000 }), "HOST_UNREACHABLE");
  });
});
