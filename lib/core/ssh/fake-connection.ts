import { DomainError } from "@/lib/core/errors";
import { commandFailed } from "./connection";
import { assertAccountName, assertMode, assertRemotePath } from "./remote-path";
import { shellCommand } from "./shell-quote";
import type { ExecOptions, ExecResult, HostConnection, WriteFileOptions } from "./types";

// In-memory HostConnection for unit tests of other modules: records every call, answers from
// scripted rules, keeps files in a map. Validation matches the real connection's.

export interface RecordedCommand {
  argv: string[];
  opts: ExecOptions;
  /** The exact line the real connection would send (before any sudo prefix). */
  line: string;
}

export interface FakeFile {
  content: Buffer;
  mode: number;
  owner?: string;
  group?: string;
}

type Matcher = string[] | ((argv: string[]) => boolean);
type Answer = Partial<ExecResult> | ((argv: string[], opts: ExecOptions) => Partial<ExecResult>);

export class FakeConnection implements HostConnection {
  readonly commands: RecordedCommand[] = [];
  readonly files = new Map<string, FakeFile>();
  readonly writes: Array<{ path: string } & FakeFile> = [];
  closed = false;
  private readonly rules: Array<{ match: Matcher; answer: Answer; once: boolean }> = [];
  private broken = false;

  /** Answer commands whose argv starts with `prefix` (or matches the predicate). Latest rule wins. */
  on(match: Matcher, answer: Answer, opts: { once?: boolean } = {}): this {
    this.rules.unshift({ match, answer, once: opts.once ?? false });
    return this;
  }

  /** Every later call fails as if the SSH connection had dropped. */
  breakConnection(): void {
    this.broken = true;
  }

  addFile(path: string, content: string | Buffer, meta: Omit<FakeFile, "content"> = { mode: 0o644 }): this {
    this.files.set(path, { ...meta, content: Buffer.from(content) });
    return this;
  }

  private check(): void {
    if (this.broken || this.closed) throw new DomainError("HOST_UNREACHABLE", "SSH connection lost (fake)");
  }

  async exec(argv: string[], opts: ExecOptions = {}): Promise<ExecResult> {
    this.check();
    const line = shellCommand(argv);
    this.commands.push({ argv: [...argv], opts, line });
    const i = this.rules.findIndex((r) =>
      typeof r.match === "function" ? r.match(argv) : r.match.every((w, j) => argv[j] === w),
    );
    if (i < 0) return { code: 127, stdout: "", stderr: `${argv[0]}: command not found (no fake answer)` };
    const rule = this.rules[i];
    if (rule.once) this.rules.splice(i, 1);
    const a = typeof rule.answer === "function" ? rule.answer(argv, opts) : rule.answer;
    return { code: a.code ?? 0, stdout: a.stdout ?? "", stderr: a.stderr ?? "" };
  }

  async run(argv: string[], opts?: ExecOptions): Promise<string> {
    const r = await this.exec(argv, opts);
    if (r.code !== 0) throw commandFailed(argv[0] ?? "command", r.code, r.stderr);
    return r.stdout;
  }

  async readFile(path: string): Promise<Buffer | null> {
    this.check();
    assertRemotePath(path);
    const f = this.files.get(path);
    return f ? Buffer.from(f.content) : null;
  }

  async writeFileAtomic(path: string, content: string | Buffer, opts: WriteFileOptions): Promise<void> {
    this.check();
    assertRemotePath(path);
    assertMode(opts.mode);
    if (opts.owner !== undefined) assertAccountName(opts.owner, "owner");
    if (opts.group !== undefined) assertAccountName(opts.group, "group");
    const file: FakeFile = { content: Buffer.from(content), mode: opts.mode, owner: opts.owner, group: opts.group };
    this.files.set(path, file);
    this.writes.push({ path, ...file });
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
