-- CreateTable
CREATE TABLE "Migration" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "jobId" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "sourceHostId" TEXT,
    "sourceName" TEXT NOT NULL,
    "destHostId" TEXT,
    "destName" TEXT NOT NULL,
    "transport" TEXT NOT NULL,
    "flags" TEXT NOT NULL DEFAULT '{}',
    "tlsEvidence" TEXT,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    "durationMs" INTEGER,
    "bytes" REAL,
    "avgSpeed" REAL,
    "peakSpeed" REAL,
    "downtimeMs" INTEGER,
    "outcome" TEXT,
    "error" TEXT,
    "explanation" TEXT,
    "createdBy" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Migration_jobId_key" ON "Migration"("jobId");

-- CreateIndex
CREATE INDEX "Migration_startedAt_idx" ON "Migration"("startedAt");

-- CreateIndex
CREATE INDEX "Migration_outcome_transport_idx" ON "Migration"("outcome", "transport");
