// Public API of the certificate authority core. node-forge stays behind this folder.
export { generateCa, type GenerateCaInput } from "./generate-ca";
export { importCa, type ImportCaInput } from "./import-ca";
export { issueHostCertificates, type IssueHostCertificatesInput } from "./issue-host-certificates";
export { createCrl, type CreateCrlInput } from "./create-crl";
export { gnutlsDn } from "./gnutls-dn";
export { normaliseHostNames } from "./host-input";
export { inspectCertificate } from "./inspect-certificate";
export { certificateMatchesKey, verifyIssuedBy } from "./verify";
export { daysLeft, expiryBand, needsRenewal } from "./expiry";
export { MAX_PEM_BYTES } from "./pem";
export { CLOCK_SKEW_MS } from "./validity";
export type * from "./types";
