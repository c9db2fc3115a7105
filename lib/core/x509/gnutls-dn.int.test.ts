import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateCa } from "./generate-ca";
import { gnutlsDn } from "./gnutls-dn";
import { issueHostCertificates } from "./issue-host-certificates";
import { run, Scratch } from "@/testing/x509-fixtures";

// virt-pki-query-dn (libvirt-clients, a lab package) prints gnutls_x509_crt_get_dn(): the exact
// string libvirt glob-matches against tls_allowed_dn_list. gnutlsDn must reproduce it.
const SUBJECTS = [
  '/C=DE/ST=Be rlin/O=Acme\\, Inc. "q" <a>;b\\\\c+OU=ops/CN=#hv1 /emailAddress=a@b.c/DC=example/UID=u1/unstructuredName=un',
  "/CN=a=b é  x/O=z+OU=y+L=w/OU=#/O= lead",
  "/DC=org/DC=example/OU=Hypervisors/CN=hv1.example.org",
];

describe("gnutlsDn against virt-pki-query-dn", () => {
  const scratch = new Scratch();
  beforeAll(async () => {
    scratch.openssl(["genrsa", "-out", "key.pem", "2048"]);
    SUBJECTS.forEach((subj, i) =>
      scratch.openssl(["req", "-x509", "-key", "key.pem", "-out", `s${i}.pem`, "-days", "1", "-utf8", "-multivalue-rdn", "-subj", subj]),
    );
    const now = new Date();
    const ca = await generateCa({ now, keyBits: 2048 });
    const issued = await issueHostCertificates({ ca, host: { name: "hv1", dnsNames: [], ips: [] }, now });
    scratch.write(`s${SUBJECTS.length}.pem`, issued.client.certificatePem);
  });
  afterAll(() => scratch.remove());

  it("prints the same DN for every subject", () => {
    for (let i = 0; i <= SUBJECTS.length; i++) {
      const r = run("virt-pki-query-dn", [`s${i}.pem`], scratch.dir);
      expect(r.status).toBe(0);
      expect(r.stdout.trim()).toBe(gnutlsDn(readFileSync(scratch.file(`s${i}.pem`), "utf8")));
    }
    expect(gnutlsDn(readFileSync(scratch.file(`s${SUBJECTS.length}.pem`), "utf8"))).toBe("CN=hv1,O=virtshield");
  });
});
