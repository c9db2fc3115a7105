// Vitest globalSetup of the "integration" project: the lab is up before any test file runs and,
// if this run brought it up, down after the run (even a failed one) unless VIRTSHIELD_LAB_KEEP=1.
// A lab that was already up belongs to whoever started it (npm test, or a person trying things).
import { existsSync } from "node:fs";
import path from "node:path";
import { labDir, labDown, labUp } from "./lab";

export const LAB_HOSTS = 3;
let startedHere = false;

export async function setup(): Promise<void> {
  startedHere = !existsSync(path.join(labDir(), "hosts.json"));
  await labUp(LAB_HOSTS);
}

export async function teardown(): Promise<void> {
  if (!startedHere || process.env.VIRTSHIELD_LAB_KEEP === "1") return;
  await labDown();
}
