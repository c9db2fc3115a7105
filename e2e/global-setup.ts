import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { FullConfig } from "@playwright/test";
import { E2E } from "./fixtures/env";

const LAB = path.resolve(__dirname, "lab", "lab.sh");
const LAB_HOSTS = "3";

// Runs after the web server is up. Brings the hypervisor lab up (idempotent) and takes it down
// afterwards only if this run started it, so a lab shared with other test runs stays up.
export default async function globalSetup(_config: FullConfig): Promise<() => Promise<void>> {
  const wasUp = fs.existsSync(path.join(E2E.labDir, "hosts.json"));
  execFileSync("bash", [LAB, "up", "--hosts", LAB_HOSTS], { stdio: "inherit" });
  return async () => {
    if (wasUp || process.env.VIRTSHIELD_LAB_KEEP === "1") return;
    execFileSync("bash", [LAB, "down"], { stdio: "inherit" });
  };
}
