-- CreateTable
CREATE TABLE "JobLock" (
    "jobId" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,

    PRIMARY KEY ("jobId", "hostId"),
    CONSTRAINT "JobLock_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "JobLock_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "HostProvision" (
    "hostId" TEXT NOT NULL PRIMARY KEY,
    "mode" TEXT NOT NULL,
    "planHash" TEXT NOT NULL,
    "jobId" TEXT,
    "appliedAt" DATETIME NOT NULL,
    CONSTRAINT "HostProvision_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "HostBackup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "hostId" TEXT,
    "hostName" TEXT NOT NULL,
    "dir" TEXT NOT NULL,
    "manifest" TEXT NOT NULL,
    "jobId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "restoredAt" DATETIME,
    CONSTRAINT "HostBackup_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "KnownHostKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "address" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "pinnedBy" TEXT NOT NULL,
    "pinnedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Job" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'queued',
    "hostId" TEXT,
    "parentId" TEXT,
    "childLimit" INTEGER,
    "cancelRequestedAt" DATETIME,
    "cancelledBy" TEXT,
    "input" TEXT NOT NULL DEFAULT '{}',
    "result" TEXT,
    "error" TEXT,
    "errorCode" TEXT,
    "progress" INTEGER NOT NULL DEFAULT 0,
    "createdBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    CONSTRAINT "Job_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Job_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Job" ("createdAt", "createdBy", "error", "errorCode", "finishedAt", "hostId", "id", "input", "kind", "progress", "result", "startedAt", "state") SELECT "createdAt", "createdBy", "error", "errorCode", "finishedAt", "hostId", "id", "input", "kind", "progress", "result", "startedAt", "state" FROM "Job";
DROP TABLE "Job";
ALTER TABLE "new_Job" RENAME TO "Job";
CREATE INDEX "Job_state_idx" ON "Job"("state");
CREATE INDEX "Job_hostId_idx" ON "Job"("hostId");
CREATE INDEX "Job_parentId_idx" ON "Job"("parentId");
CREATE INDEX "Job_finishedAt_idx" ON "Job"("finishedAt");
CREATE TABLE "new_Certificate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "hostId" TEXT,
    "hostName" TEXT NOT NULL DEFAULT '',
    "caId" TEXT,
    "kind" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "path" TEXT,
    "serial" TEXT NOT NULL,
    "fingerprintSha256" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "sans" TEXT NOT NULL DEFAULT '[]',
    "notBefore" DATETIME NOT NULL,
    "notAfter" DATETIME NOT NULL,
    "certificatePem" TEXT NOT NULL,
    "privateKeyEnc" TEXT,
    "current" BOOLEAN NOT NULL DEFAULT true,
    "revokedAt" DATETIME,
    "revocationReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Certificate_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Certificate_caId_fkey" FOREIGN KEY ("caId") REFERENCES "CertificateAuthority" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Certificate" ("caId", "certificatePem", "createdAt", "current", "fingerprintSha256", "hostId", "id", "issuer", "kind", "notAfter", "notBefore", "path", "privateKeyEnc", "revocationReason", "revokedAt", "sans", "serial", "source", "subject") SELECT "caId", "certificatePem", "createdAt", "current", "fingerprintSha256", "hostId", "id", "issuer", "kind", "notAfter", "notBefore", "path", "privateKeyEnc", "revocationReason", "revokedAt", "sans", "serial", "source", "subject" FROM "Certificate";
-- Keep the host's name on its certificates: they outlive the host row from now on.
UPDATE "new_Certificate" SET "hostName" = COALESCE((SELECT "name" FROM "Host" WHERE "Host"."id" = "new_Certificate"."hostId"), '');
DROP TABLE "Certificate";
ALTER TABLE "new_Certificate" RENAME TO "Certificate";
CREATE INDEX "Certificate_hostId_kind_source_idx" ON "Certificate"("hostId", "kind", "source");
CREATE INDEX "Certificate_notAfter_idx" ON "Certificate"("notAfter");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "JobLock_hostId_idx" ON "JobLock"("hostId");

-- CreateIndex
CREATE INDEX "HostBackup_hostId_createdAt_idx" ON "HostBackup"("hostId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "KnownHostKey_address_port_key" ON "KnownHostKey"("address", "port");

-- Jobs still waiting keep their host lock.
INSERT INTO "JobLock" ("jobId", "hostId") SELECT "id", "hostId" FROM "Job" WHERE "hostId" IS NOT NULL AND "state" IN ('queued', 'running');
