// Vitest globalSetup of the "integration" project: the lab is up before any test file runs
// and down after the run (even a failed one) unless VIRTSHIELD_LAB_KEEP=1.
import { labDown, labUp } from "./lab";

export const LAB_HOSTS = 3;

export async function setup(): Promise<void> {
  await labUp(LAB_HOSTS);
}

export async function teardown(): Promise<void> {
  if (process.env.VIRTSHIELD_LAB_KEEP === "1") return;
  await labDown();
}
