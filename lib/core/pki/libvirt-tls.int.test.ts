// Proof against real libvirtd: certificates from our CA, placed by hand, are accepted for
// qemu+tls://; a client certificate from a foreign CA, or with a DN not on the list, is refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateCa, issueHostCertificates, type CaMaterial, type HostCertificates } from "@/lib/core/x509";
import { openConnection } from "@/lib/core/ssh/connect";
import type { HostConnection } from "@/lib/core/ssh/types";
import { setConfigValues } from "@/lib/core/config/set-config-values";
import { readLab, type LabHost } from "@/e2e/lab/lab";

const now = () => new Date();
let ca: CaMaterial;
let hv1: HostConnection;
let hv2: HostConnection;
let originalConf: string;
const certs: Record<string, HostCertificates> = {};

async function connect(h: LabHost, privateKey: string): Promise<HostConnection> {
  return openConnection({ address: h.address, port: h.sshPort, username: "root", privateKey, pinnedFingerprint: h.hostKeyFingerprint });
}

async function placeLibvirtFiles(conn: HostConnection, caPem: string, pair: { server?: HostCertificates["server"]; client: HostCertificates["client"] }) {
  await conn.run(["mkdir", "-p", "/etc/pki/CA", "/etc/pki/libvirt/private"]);
  await conn.writeFileAtomic("/etc/pki/CA/cacert.pem", caPem, { mode: 0o644 });
  if (pair.server) {
    await conn.writeFileAtomic("/etc/pki/libvirt/servercert.pem", pair.server.certificatePem, { mode: 0o644 });
    await conn.writeFileAtomic("/etc/pki/libvirt/private/serverkey.pem", pair.server.privateKeyPem, { mode: 0o600 });
  }
  await conn.writeFileAtomic("/etc/pki/libvirt/clientcert.pem", pair.client.certificatePem, { mode: 0o644 });
  await conn.writeFileAtomic("/etc/pki/libvirt/private/clientkey.pem", pair.client.privateKeyPem, { mode: 0o600 });
}

const virshTls = (conn: HostConnection, target: string) => conn.exec(["virsh", "-c", `qemu+tls://${target}/system`, "hostname"], { timeoutMs: 30_000 });

beforeAll(async () => {
  const lab = readLab();
  const [h1, h2] = lab.hosts;
  ca = await generateCa({ commonName: "virtshield lab CA", now: now() });
  for (const h of [h1, h2]) certs[h.name] = await issueHostCertificates({ ca, host: { name: h.name, dnsNames: [], ips: [h.address] }, now: now() });
  hv1 = await connect(h1, lab.privateKey);
  hv2 = await connect(h2, lab.privateKey);
  originalConf = (await hv2.readFile("/etc/libvirt/libvirtd.conf"))!.toString();
  await placeLibvirtFiles(hv1, ca.certificatePem, { client: certs.hv1.client });
  await placeLibvirtFiles(hv2, ca.certificatePem, certs.hv2);
  const conf = setConfigValues(originalConf, { listen_tls: 1, tls_allowed_dn_list: [certs.hv1.clientDn] });
  await hv2.writeFileAtomic("/etc/libvirt/libvirtd.conf", conf, { mode: 0o644 });
  await hv2.run(["systemctl", "restart", "libvirtd"], { timeoutMs: 60_000 });
});

afterAll(async () => {
  if (hv2) {
    await hv2.writeFileAtomic("/etc/libvirt/libvirtd.conf", originalConf, { mode: 0o644 });
    await hv2.run(["rm", "-rf", "/etc/pki/libvirt", "/etc/pki/CA/cacert.pem"]);
    await hv2.run(["systemctl", "restart", "libvirtd"], { timeoutMs: 60_000 });
    await hv2.close();
  }
  if (hv1) {
    await hv1.run(["rm", "-rf", "/etc/pki/libvirt", "/etc/pki/CA/cacert.pem"]);
    await hv1.close();
  }
});

describe("libvirtd with certificates from the virtshield CA", () => {
  it("accepts a qemu+tls:// connection from another lab host by name and by IP", async () => {
    const byName = await virshTls(hv1, "hv2");
    expect(byName.stderr).toBe("");
    expect(byName).toMatchObject({ code: 0, stdout: expect.stringContaining("hv2") });
    const byIp = await virshTls(hv1, readLab().hosts[1].address);
    expect(byIp.code).toBe(0);
  });

  it("refuses a client certificate from a foreign CA", async () => {
    const foreign = await generateCa({ commonName: "Foreign CA", now: now() });
    const impostor = await issueHostCertificates({ ca: foreign, host: { name: "hv1", dnsNames: [], ips: [] }, now: now() });
    await placeLibvirtFiles(hv1, ca.certificatePem, { client: impostor.client });
    const r = await virshTls(hv1, "hv2");
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/certificate|TLS|handshake/i);
    await placeLibvirtFiles(hv1, ca.certificatePem, { client: certs.hv1.client });
    expect((await virshTls(hv1, "hv2")).code).toBe(0);
  });

  it("refuses a client of our CA whose DN is not in tls_allowed_dn_list", async () => {
    await placeLibvirtFiles(hv1, ca.certificatePem, { client: certs.hv2.client });
    const r = await virshTls(hv1, "hv2");
    expect(r.code).not.toBe(0);
    await placeLibvirtFiles(hv1, ca.certificatePem, { client: certs.hv1.client });
  });

  it("refuses a server whose certificate chains to a foreign CA (client side check)", async () => {
    const foreign = await generateCa({ commonName: "Other CA", now: now() });
    await hv1.writeFileAtomic("/etc/pki/CA/cacert.pem", foreign.certificatePem, { mode: 0o644 });
    const r = await virshTls(hv1, "hv2");
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/certificate|issuer|verify/i);
    await hv1.writeFileAtomic("/etc/pki/CA/cacert.pem", ca.certificatePem, { mode: 0o644 });
  });
});
