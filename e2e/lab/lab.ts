// Test helpers around e2e/lab/lab.sh (the hypervisor lab). Test code only, never product code.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

export interface LabHost {
  name: string;
  address: string;
  sshPort: number;
  sshUser: string;
  sudoUser: string;
  hostKeyFingerprint: string;
}

export interface Lab {
  dir: string;
  hosts: LabHost[];
  /** The lab's ed25519 private key, OpenSSH format: authorised for root and the sudo user. */
  privateKey: string;
  publicKey: string;
}

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export const LAB_SCRIPT = path.join(__dirname, "lab.sh");

export function labDir(): string {
  return process.env.VIRTSHIELD_LAB_DIR ?? "/var/tmp/virtshield-lab";
}

/** Reads the running lab's state (hosts.json and the lab key pair). */
export function readLab(): Lab {
  const dir = labDir();
  const hosts = JSON.parse(readFileSync(path.join(dir, "hosts.json"), "utf8")) as LabHost[];
  return {
    dir,
    hosts,
    privateKey: readFileSync(path.join(dir, "ssh", "id_ed25519"), "utf8"),
    publicKey: readFileSync(path.join(dir, "ssh", "id_ed25519.pub"), "utf8").trim(),
  };
}

export function labHost(name: string): LabHost {
  const host = readLab().hosts.find((h) => h.name === name);
  if (!host) throw new Error(`lab host ${name} is not up`);
  return host;
}

/** Runs `bash lab.sh ...args`; resolves with the exit code and output, never rejects on exit code. */
export function labCommand(...args: string[]): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [LAB_SCRIPT, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Runs argv inside a lab host (its net, mount, uts and pid namespaces) as root. */
export function labExec(host: string, argv: string[]): Promise<CommandResult> {
  return labCommand("exec", host, "--", ...argv);
}

async function mustSucceed(what: string, args: string[]): Promise<CommandResult> {
  const result = await labCommand(...args);
  if (result.code !== 0) {
    throw new Error(`lab ${what} failed (exit ${result.code}):\n${result.stderr}${result.stdout}`);
  }
  return result;
}

/** Brings the lab up with n hosts; a no-op for hosts already up. */
export async function labUp(n = 3): Promise<Lab> {
  await mustSucceed("up", ["up", "--hosts", String(n)]);
  return readLab();
}

export async function labDown(): Promise<void> {
  await mustSucceed("down", ["down"]);
}
