-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Programme" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "condition" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "translations" TEXT NOT NULL DEFAULT '{}',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "position" INTEGER NOT NULL DEFAULT 0,
    "followUpSchedule" TEXT NOT NULL DEFAULT 'P1W,P1M,P3M,P6M,P12M',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Programme" ("active", "condition", "createdAt", "followUpSchedule", "id", "name", "position", "slug", "summary", "updatedAt") SELECT "active", "condition", "createdAt", "followUpSchedule", "id", "name", "position", "slug", "summary", "updatedAt" FROM "Programme";
DROP TABLE "Programme";
ALTER TABLE "new_Programme" RENAME TO "Programme";
CREATE UNIQUE INDEX "Programme_slug_key" ON "Programme"("slug");
CREATE TABLE "new_PathwayStep" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programmeId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "translations" TEXT NOT NULL DEFAULT '{}',
    "resourceType" TEXT,
    "durationMinutes" INTEGER,
    "gapMinutes" INTEGER,
    CONSTRAINT "PathwayStep_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_PathwayStep" ("description", "durationMinutes", "gapMinutes", "id", "key", "name", "position", "programmeId", "resourceType") SELECT "description", "durationMinutes", "gapMinutes", "id", "key", "name", "position", "programmeId", "resourceType" FROM "PathwayStep";
DROP TABLE "PathwayStep";
ALTER TABLE "new_PathwayStep" RENAME TO "PathwayStep";
CREATE INDEX "PathwayStep_programmeId_position_idx" ON "PathwayStep"("programmeId", "position");
CREATE UNIQUE INDEX "PathwayStep_programmeId_key_key" ON "PathwayStep"("programmeId", "key");
CREATE TABLE "new_QuoteLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "quoteId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "priceItemId" TEXT,
    "itemKey" TEXT,
    "category" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "translations" TEXT NOT NULL DEFAULT '{}',
    "included" BOOLEAN NOT NULL DEFAULT true,
    "quantity" INTEGER NOT NULL,
    "unit" TEXT NOT NULL DEFAULT 'ITEM',
    "unitPriceBaseMinor" INTEGER NOT NULL,
    "unitPriceMinor" INTEGER NOT NULL,
    "discountBp" INTEGER NOT NULL DEFAULT 0,
    "taxRule" TEXT NOT NULL DEFAULT 'EXEMPT',
    "grossMinor" INTEGER NOT NULL,
    "discountMinor" INTEGER NOT NULL,
    "taxMinor" INTEGER NOT NULL,
    "totalMinor" INTEGER NOT NULL,
    CONSTRAINT "QuoteLine_quoteId_fkey" FOREIGN KEY ("quoteId") REFERENCES "Quote" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_QuoteLine" ("category", "discountBp", "discountMinor", "grossMinor", "id", "included", "itemKey", "name", "position", "priceItemId", "quantity", "quoteId", "taxMinor", "taxRule", "totalMinor", "unit", "unitPriceBaseMinor", "unitPriceMinor") SELECT "category", "discountBp", "discountMinor", "grossMinor", "id", "included", "itemKey", "name", "position", "priceItemId", "quantity", "quoteId", "taxMinor", "taxRule", "totalMinor", "unit", "unitPriceBaseMinor", "unitPriceMinor" FROM "QuoteLine";
DROP TABLE "QuoteLine";
ALTER TABLE "new_QuoteLine" RENAME TO "QuoteLine";
CREATE INDEX "QuoteLine_quoteId_position_idx" ON "QuoteLine"("quoteId", "position");
CREATE TABLE "new_PriceItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programmeId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "translations" TEXT NOT NULL DEFAULT '{}',
    "category" TEXT NOT NULL,
    "unit" TEXT NOT NULL DEFAULT 'ITEM',
    "unitPriceMinor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'EUR',
    "taxRule" TEXT NOT NULL DEFAULT 'EXEMPT',
    "defaultQuantity" INTEGER NOT NULL DEFAULT 1,
    "includedByDefault" BOOLEAN NOT NULL DEFAULT true,
    "position" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PriceItem_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_PriceItem" ("active", "category", "createdAt", "currency", "defaultQuantity", "id", "includedByDefault", "key", "name", "position", "programmeId", "taxRule", "unit", "unitPriceMinor", "updatedAt") SELECT "active", "category", "createdAt", "currency", "defaultQuantity", "id", "includedByDefault", "key", "name", "position", "programmeId", "taxRule", "unit", "unitPriceMinor", "updatedAt" FROM "PriceItem";
DROP TABLE "PriceItem";
ALTER TABLE "new_PriceItem" RENAME TO "PriceItem";
CREATE INDEX "PriceItem_programmeId_position_idx" ON "PriceItem"("programmeId", "position");
CREATE UNIQUE INDEX "PriceItem_programmeId_key_key" ON "PriceItem"("programmeId", "key");
CREATE TABLE "new_Resource" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "translations" TEXT NOT NULL DEFAULT '{}',
    "userId" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Resource" ("active", "createdAt", "id", "name", "position", "type", "updatedAt", "userId") SELECT "active", "createdAt", "id", "name", "position", "type", "updatedAt", "userId" FROM "Resource";
DROP TABLE "Resource";
ALTER TABLE "new_Resource" RENAME TO "Resource";
CREATE INDEX "Resource_type_active_idx" ON "Resource"("type", "active");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
