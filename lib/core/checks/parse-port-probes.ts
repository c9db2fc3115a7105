// Reading what PORT_PROBE_SCRIPT printed, and what a probe's exit code and error text mean.

// open: something accepted the connection. refused: the host answered, nothing listens (fine
// for the migration range: QEMU listens only while a migration runs). timeout: dropped on the
// way (a firewall). unreachable: no route, network unreachable, or the name did not resolve.
// error: the probe could not be run at all (no tool, no SSH): an extension of the contract.
export const PORT_STATES = ["open", "refused", "timeout", "unreachable", "error"] as const;
export type PortState = (typeof PORT_STATES)[number];

export type ProbeMethod = "bash" | "nc" | "none";

export interface ProbeResult {
  address: string;
  port: number;
  state: PortState;
  error: string | null;
}

const UNREACHABLE = /no route to host|network is unreachable|host is unreachable|network unreachable|name resolution|name or service not known|could not resolve|no address associated|getaddrinfo/i;
const TIMED_OUT = /timed out|\btimeout\b|operation now in progress/i;

// rc 124 is `timeout` killing the probe; the texts are bash's, OpenBSD nc's and nmap's ncat's.
export function classifyProbe(method: ProbeMethod, rc: number, error: string): PortState {
  if (method === "none") return "error";
  if (rc === 0) return "open";
  if (rc === 124 || rc === 137) return "timeout";
  if (/connection refused/i.test(error)) return "refused";
  if (UNREACHABLE.test(error)) return "unreachable";
  if (TIMED_OUT.test(error)) return "timeout";
  return "error";
}

// The version banner ncat prints on every run says nothing about the probe.
function cleanError(text: string): string | null {
  const t = text.replace(/Ncat: Version [^)]*\)\s*/g, "").replace(/\s+/g, " ").trim();
  return t === "" ? null : t;
}

export interface ParsedProbes {
  method: ProbeMethod;
  results: ProbeResult[];
  complete: boolean;
}

export function parsePortProbeOutput(stdout: string): ParsedProbes {
  let method: ProbeMethod = "none";
  let complete = false;
  const results: ProbeResult[] = [];
  for (const line of stdout.split("\n")) {
    const f = line.split("\t");
    if (f[0] === "::virtshield-probe::method") method = f[1] === "bash" || f[1] === "nc" ? f[1] : "none";
    else if (f[0] === "::virtshield-probe::end") complete = true;
    else if (f[0] === "::virtshield-probe::result" && f.length >= 5) {
      const m: ProbeMethod = f[1] === "bash" || f[1] === "nc" ? f[1] : "none";
      const port = Number(f[3]);
      const rc = Number(f[4]);
      if (!Number.isInteger(port) || !Number.isInteger(rc)) continue;
      const raw = f.slice(5).join(" ");
      const state = classifyProbe(m, rc, raw);
      // An open port's "succeeded!" banner is not an error; a timeout killed by `timeout` prints nothing.
      const error = state === "open" ? null : (cleanError(raw) ?? (state === "timeout" ? `no answer within the probe timeout` : null));
      results.push({ address: f[2], port, state, error });
    }
  }
  return { method, results, complete };
}
