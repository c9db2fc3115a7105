-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Cluster" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "policy" TEXT NOT NULL DEFAULT 'tls',
    "migrationParallel" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Cluster" ("createdAt", "id", "name", "policy", "updatedAt") SELECT "createdAt", "id", "name", "policy", "updatedAt" FROM "Cluster";
DROP TABLE "Cluster";
ALTER TABLE "new_Cluster" RENAME TO "Cluster";
CREATE UNIQUE INDEX "Cluster_name_key" ON "Cluster"("name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
