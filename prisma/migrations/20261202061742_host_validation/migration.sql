-- CreateTable
CREATE TABLE "HostValidation" (
    "hostId" TEXT NOT NULL PRIMARY KEY,
    "data" TEXT NOT NULL,
    "checkedAt" DATETIME NOT NULL,
    CONSTRAINT "HostValidation_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
