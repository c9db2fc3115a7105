import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ATOMIC_WRITE_SCRIPT } from "./write-file-atomic";

// The shell strategy (used through `sudo -n` for non-root users) run by a real local /bin/sh.
const dir = mkdtempSync(path.join(tmpdir(), "vs-atomic-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runScript(target: string, mode: string, owner: string, group: string, input: string | Buffer) {
  return spawnSync("/bin/sh", ["-c", ATOMIC_WRITE_SCRIPT, "sh", target, mode, owner, group], { input });
}

describe("ATOMIC_WRITE_SCRIPT", () => {
  it("writes stdin to the target with the mode, replacing an existing file", () => {
    const target = path.join(dir, "a b'c.pem");
    writeFileSync(target, "old");
    const r = runScript(target, "0640", "", "", "new\n");
    expect(r.status).toBe(0);
    expect(readFileSync(target, "utf8")).toBe("new\n");
    expect(statSync(target).mode & 0o7777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(["a b'c.pem"]);
  });

  it("sets owner and group by name", () => {
    const target = path.join(dir, "owned.pem");
    const r = runScript(target, "0600", "root", "daemon", Buffer.from([0, 255, 10]));
    expect(r.status).toBe(0);
    expect(readFileSync(target)).toEqual(Buffer.from([0, 255, 10]));
    const gid = Number(execFileSync("getent", ["group", "daemon"], { encoding: "utf8" }).split(":")[2]);
    expect(statSync(target).gid).toBe(gid);
  });

  it("removes the temp file and keeps the old content when a step fails", () => {
    const sub = mkdtempSync(path.join(dir, "fail-"));
    const target = path.join(sub, "keep.pem");
    writeFileSync(target, "keep me");
    const r = runScript(target, "0644", "", "no-such-group-vs", "replacement");
    expect(r.status).not.toBe(0);
    expect(readFileSync(target, "utf8")).toBe("keep me");
    expect(readdirSync(sub)).toEqual(["keep.pem"]);
  });

  it("fails without side effects when the directory does not exist", () => {
    const r = runScript(path.join(dir, "missing-dir", "x.pem"), "0644", "", "", "x");
    expect(r.status).not.toBe(0);
  });
});
