-- CreateTable
CREATE TABLE "PortProbe" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sourceId" TEXT NOT NULL,
    "destId" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "error" TEXT,
    "checkedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "TlsProbe" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sourceId" TEXT NOT NULL,
    "destId" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "error" TEXT,
    "checkedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "PortProbe_destId_idx" ON "PortProbe"("destId");

-- CreateIndex
CREATE UNIQUE INDEX "PortProbe_sourceId_destId_port_key" ON "PortProbe"("sourceId", "destId", "port");

-- CreateIndex
CREATE INDEX "TlsProbe_destId_idx" ON "TlsProbe"("destId");

-- CreateIndex
CREATE UNIQUE INDEX "TlsProbe_sourceId_destId_key" ON "TlsProbe"("sourceId", "destId");
