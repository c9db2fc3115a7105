import { checkCertificates } from "./check-certificates";
import { checkConfig } from "./check-config";
import { checkCrl } from "./check-crl";
import { checkFiles } from "./check-files";
import { SETS, type PkiCheckInput } from "./check-input";
import { checkClusterCa, checkSetsConsistent } from "./check-sets";
import { sortFindings, type Finding } from "./findings";

export type { PkiCheckInput } from "./check-input";

// Every PKI check over one host's snapshot: a strict superset of virt-pki-validate (libvirt-tls.md
// §6, §13), over the libvirt and the QEMU sets. Pure: same input, same findings, worst first.
export function checkPki(input: PkiCheckInput): Finding[] {
  return sortFindings([
    ...checkFiles(input),
    ...SETS.flatMap((set) => [...checkCertificates(input, set), ...checkCrl(input, set)]),
    ...checkSetsConsistent(input),
    ...checkClusterCa(input),
    ...checkConfig(input),
  ]);
}
