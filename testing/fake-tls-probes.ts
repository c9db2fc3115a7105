import { TLS_PROBE_SCRIPT } from "@/lib/core/checks/tls-probe";
import type { ExecResult } from "@/lib/core/ssh/types";

// For FakeConnection rules: the command prefix of the TLS probes, and what TLS_PROBE_SCRIPT would
// print when each URI's virsh answers as `answer` says.
export const TLS_PROBES_COMMAND = ["sh", "-c", TLS_PROBE_SCRIPT];

export function tlsProbesAnswer(argv: string[], answer: (uri: string) => { code: number; stderr?: string }): Partial<ExecResult> {
  const lines = argv.slice(5).map((uri, i) => {
    const a = answer(uri);
    return `::virtshield-tls::result\t${i}\t${a.code}\t${(a.stderr ?? "").replace(/[\t\r\n]/g, " ")}`;
  });
  return { code: 0, stdout: [...lines, "::virtshield-tls::end", ""].join("\n") };
}
