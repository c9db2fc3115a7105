import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FakeConnection } from "@/lib/core/ssh/fake-connection";
import { FACTS_SCRIPT, gatherFacts } from "./gather-facts";

const NOW = new Date("2026-11-23T12:00:00Z");
const sample = readFileSync(path.join(__dirname, "fixtures", "debian12-listen.txt"), "utf8");

describe("gatherFacts", () => {
  it("sends the fixed script as one command with a timeout and parses its output", async () => {
    const conn = new FakeConnection().on(["sh", "-c", FACTS_SCRIPT], { stdout: sample });
    const facts = await gatherFacts(conn, NOW);
    expect(facts.hostname).toBe("hv1");
    expect(conn.commands).toHaveLength(1);
    expect(conn.commands[0].argv).toEqual(["sh", "-c", FACTS_SCRIPT]);
    expect(conn.commands[0].opts.timeoutMs).toBeGreaterThan(0);
  });

  it("fails with REMOTE_COMMAND_FAILED when the script did not run to the end", async () => {
    const conn = new FakeConnection().on(["sh"], { code: 1, stdout: "::virtshield::hostname::\nhv1\n", stderr: "sudo: a password is required" });
    await expect(gatherFacts(conn, NOW)).rejects.toMatchObject({
      code: "REMOTE_COMMAND_FAILED",
      message: expect.stringContaining("a password is required"),
    });
  });
});
