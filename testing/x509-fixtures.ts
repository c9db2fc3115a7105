// Shared by the *.test.ts files of this folder: real openssl/certtool runs in a throwaway directory.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface ToolResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: string[], cwd?: string): ToolResult {
  const r = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, LC_ALL: "C" } });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function commandExists(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`]).status === 0;
}

export class Scratch {
  readonly dir = mkdtempSync(path.join(tmpdir(), "virtshield-ca-"));

  write(name: string, content: string): string {
    const file = path.join(this.dir, name);
    writeFileSync(file, content);
    return file;
  }

  file(name: string): string {
    return path.join(this.dir, name);
  }

  /** Runs openssl in the scratch directory and fails loudly when it does. */
  openssl(args: string[]): string {
    const r = run("openssl", args, this.dir);
    if (r.status !== 0) throw new Error(`openssl ${args.join(" ")} failed: ${r.stderr}`);
    return r.stdout;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
