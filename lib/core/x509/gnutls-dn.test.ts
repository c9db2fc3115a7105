import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { certificateParts } from "./der";
import { generateCa } from "./generate-ca";
import { gnutlsDn, gnutlsRdns } from "./gnutls-dn";
import { issueHostCertificates } from "./issue-host-certificates";
import { readCertificate } from "./pem";
import { run, Scratch } from "@/testing/x509-fixtures";

// Subjects made by openssl with every escaping case: specials, leading '#', leading/trailing
// spaces, a multi-valued RDN, non-ASCII, EMAIL/DC/UID names and an OID GnuTLS has no name for.
const SUBJECTS = [
  '/C=DE/ST=Be rlin/O=Acme\\, Inc. "q" <a>;b\\\\c+OU=ops/CN=#hv1 /emailAddress=a@b.c/DC=example/UID=u1/unstructuredName=un',
  "/CN=a=b é  x/O=z+OU=y+L=w/OU=#/O= lead",
  "/DC=org/DC=example/OU=Hypervisors/CN=hv1.example.org",
];

/** Subject line of `certtool -i`, which prints RFC 4514 order (the reverse of the certificate's). */
function certtoolSubject(dir: string, file: string): string {
  const out = run("certtool", ["-i", "--infile", file], dir).stdout;
  return /^\tSubject: (.*)$/m.exec(out)?.[1] ?? "";
}

describe("gnutlsDn", () => {
  const scratch = new Scratch();
  beforeAll(() => {
    scratch.openssl(["genrsa", "-out", "key.pem", "2048"]);
    SUBJECTS.forEach((subj, i) =>
      scratch.openssl(["req", "-x509", "-key", "key.pem", "-out", `s${i}.pem`, "-days", "1", "-utf8", "-multivalue-rdn", "-subj", subj]),
    );
  });
  afterAll(() => scratch.remove());

  it("gives CN=<name>,O=<organization> for issued client certificates", async () => {
    const now = new Date();
    const ca = await generateCa({ now, keyBits: 2048 });
    const issued = await issueHostCertificates({ ca, host: { name: "hv-2.lab", dnsNames: [], ips: [] }, organization: "Acme Ops", now });
    expect(gnutlsDn(issued.client.certificatePem)).toBe("CN=hv-2.lab,O=Acme Ops");
    const file = scratch.write("client.pem", issued.client.certificatePem);
    expect(certtoolSubject(scratch.dir, file)).toBe("O=Acme Ops,CN=hv-2.lab");
  });

  it.each(SUBJECTS.map((s, i) => [i, s]))("matches GnuTLS for subject %i (%s)", (i) => {
    const pem = readFileSync(scratch.file(`s${i}.pem`), "utf8");
    const rdns = gnutlsRdns(certificateParts(readCertificate(pem).raw).subject);
    expect([...rdns].reverse().join(",")).toBe(certtoolSubject(scratch.dir, `s${i}.pem`));
    expect(gnutlsDn(pem)).toBe(rdns.join(","));
  });

  it("escapes and names attributes exactly as GnuTLS does", () => {
    expect(gnutlsDn(readFileSync(scratch.file("s0.pem"), "utf8"))).toBe(
      'C=DE,ST=Be rlin,OU=ops+O=Acme\\, Inc. \\"q\\" \\<a\\>\\;b\\\\c,CN=\\#hv1\\ ,EMAIL=a@b.c,DC=example,UID=u1,1.2.840.113549.1.9.2=#0c02756e',
    );
    expect(gnutlsDn(readFileSync(scratch.file("s1.pem"), "utf8"))).toBe("CN=a=b é  x,L=w+O=z+OU=y,OU=\\#,O=\\ lead");
  });
});
