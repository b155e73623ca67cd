-- CreateTable
CREATE TABLE "QuoteLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "quoteId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "priceItemId" TEXT,
    "itemKey" TEXT,
    "category" TEXT NOT NULL,
    "name" TEXT NOT NULL,
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

-- CreateTable
CREATE TABLE "PriceItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programmeId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
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

-- CreateTable
CREATE TABLE "ExchangeRate" (
    "currency" TEXT NOT NULL PRIMARY KEY,
    "rate" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "updatedById" TEXT
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Quote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "baseCurrency" TEXT NOT NULL DEFAULT 'EUR',
    "fxRate" TEXT NOT NULL DEFAULT '1',
    "grossMinor" INTEGER NOT NULL DEFAULT 0,
    "discountMinor" INTEGER NOT NULL DEFAULT 0,
    "taxMinor" INTEGER NOT NULL DEFAULT 0,
    "totalMinor" INTEGER NOT NULL,
    "depositBp" INTEGER NOT NULL DEFAULT 2000,
    "depositMinor" INTEGER NOT NULL DEFAULT 0,
    "balanceDueDays" INTEGER NOT NULL DEFAULT 14,
    "termsVersion" TEXT NOT NULL DEFAULT '2026-11',
    "note" TEXT,
    "validUntil" DATETIME,
    "issuedAt" DATETIME,
    "issuedById" TEXT,
    "acceptedAt" DATETIME,
    "acceptedIp" TEXT,
    "acceptedTermsVersion" TEXT,
    "declinedAt" DATETIME,
    "declineReason" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Quote_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Quote" ("acceptedAt", "caseId", "createdAt", "currency", "depositMinor", "id", "issuedAt", "status", "totalMinor", "validUntil", "version") SELECT "acceptedAt", "caseId", "createdAt", "currency", "depositMinor", "id", "issuedAt", "status", "totalMinor", "validUntil", "version" FROM "Quote";
DROP TABLE "Quote";
ALTER TABLE "new_Quote" RENAME TO "Quote";
CREATE INDEX "Quote_status_issuedAt_idx" ON "Quote"("status", "issuedAt");
CREATE UNIQUE INDEX "Quote_caseId_version_key" ON "Quote"("caseId", "version");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "QuoteLine_quoteId_position_idx" ON "QuoteLine"("quoteId", "position");

-- CreateIndex
CREATE INDEX "PriceItem_programmeId_position_idx" ON "PriceItem"("programmeId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "PriceItem_programmeId_key_key" ON "PriceItem"("programmeId", "key");
