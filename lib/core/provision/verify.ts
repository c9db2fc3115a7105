import { DomainError } from "@/lib/core/errors";
import type { HostConnection } from "@/lib/core/ssh/types";
import type { PkiMaterial } from "@/lib/core/provision/plan-files";
import { probeTcp, tlsHandshake } from "@/lib/core/provision/tls-handshake";
import type { ProvisionMode } from "@/lib/core/provision/types";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// A restarted daemon takes a moment to come up; give it ~15 s before calling it dead.
export async function waitActive(conn: HostConnection, daemon: string): Promise<void> {
  let last = "";
  for (let i = 0; i < 30; i++) {
    const r = await conn.exec(["systemctl", "is-active", `${daemon}.service`], { timeoutMs: 15_000 });
    if (r.code === 0) return;
    last = (r.stdout + r.stderr).trim();
    await sleep(500);
  }
  throw new DomainError("REMOTE_COMMAND_FAILED", `${daemon} is not running after the change (${last || "inactive"})`);
}

export interface VerifyTarget {
  name: string;
  address: string;
  // The address peers use for migrations (qemu+tls://<it>/system): what the fleet must reach.
  migrationAddress: string;
  daemon: string;
  mode: ProvisionMode;
  material: Pick<PkiMaterial, "caPem" | "client">;
  // Another provisioned host of the cluster to connect to from this one, if there is one.
  peer?: { name: string; address: string };
}

export interface VerifyResult {
  checks: { name: string; detail: string }[];
  warnings: string[];
}

async function virshTls(conn: HostConnection, target: string) {
  return conn.exec(["virsh", "-c", `qemu+tls://${target}/system`, "hostname"], { timeoutMs: 45_000 });
}

// The four proofs of issue 9: active, handshake with chain and SAN, virsh over TLS, no plain TCP.
export async function verifyHost(conn: HostConnection, t: VerifyTarget): Promise<VerifyResult> {
  const checks: VerifyResult["checks"] = [];
  const warnings: string[] = [];
  await waitActive(conn, t.daemon);
  checks.push({ name: "service", detail: `${t.daemon} is active` });
  let hs: { protocol: string; cipher: string } | undefined;
  for (let i = 0; i < 10 && !hs; i++) {
    hs = await tlsHandshake({ address: t.address, name: t.name, caPem: t.material.caPem, certPem: t.material.client.certificatePem, keyPem: t.material.client.privateKeyPem }).catch(async (e: unknown) => {
      if (i === 9) throw e;
      await sleep(500);
      return undefined;
    });
  }
  checks.push({ name: "handshake", detail: `${hs!.protocol} ${hs!.cipher}, chain and SAN valid for ${t.name}` });
  const self = await virshTls(conn, t.migrationAddress);
  if (self.code !== 0) throw new DomainError("REMOTE_COMMAND_FAILED", `virsh -c qemu+tls://${t.migrationAddress}/system failed on the host: ${self.stderr.trim().slice(0, 400)}`);
  checks.push({ name: "virsh over TLS", detail: `qemu+tls://${t.migrationAddress}/system answered ${self.stdout.trim()}` });
  if (t.peer) {
    const peer = await virshTls(conn, t.peer.address);
    // This host's own files are proven by the checks above; a peer that refuses it needs fixing
    // on the peer's side, so it is reported, not rolled back here.
    if (peer.code === 0) checks.push({ name: "peer over TLS", detail: `qemu+tls://${t.peer.address}/system (${t.peer.name}) answered` });
    else if (/Distinguished Name is not on the list/.test(peer.stderr)) warnings.push(`${t.peer.name} does not admit this host's client DN yet: provision ${t.peer.name} again so its tls_allowed_dn_list includes it.`);
    else warnings.push(`virsh -c qemu+tls://${t.peer.address}/system (${t.peer.name}) failed: ${peer.stderr.trim().slice(0, 300)}`);
  }
  if (t.mode === "tls-only") {
    const plain = await probeTcp(t.address, 16509);
    if (plain === "open") throw new DomainError("REMOTE_COMMAND_FAILED", `Something still answers plain TCP on ${t.address}:16509 in tls-only mode`);
    checks.push({ name: "no plain TCP", detail: `16509 ${plain}` });
  }
  return { checks, warnings };
}
