-- AlterTable
ALTER TABLE "Quote" ADD COLUMN     "acceptedIp" TEXT,
ADD COLUMN     "acceptedTermsVersion" TEXT,
ADD COLUMN     "balanceDueDays" INTEGER NOT NULL DEFAULT 14,
ADD COLUMN     "baseCurrency" TEXT NOT NULL DEFAULT 'EUR',
ADD COLUMN     "createdById" TEXT,
ADD COLUMN     "declineReason" TEXT,
ADD COLUMN     "declinedAt" TIMESTAMP(3),
ADD COLUMN     "depositBp" INTEGER NOT NULL DEFAULT 2000,
ADD COLUMN     "discountMinor" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "fxRate" TEXT NOT NULL DEFAULT '1',
ADD COLUMN     "grossMinor" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "issuedById" TEXT,
ADD COLUMN     "note" TEXT,
ADD COLUMN     "taxMinor" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "termsVersion" TEXT NOT NULL DEFAULT '2026-11',
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "QuoteLine" (
    "id" TEXT NOT NULL,
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

    CONSTRAINT "QuoteLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PriceItem" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PriceItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExchangeRate" (
    "currency" TEXT NOT NULL,
    "rate" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "ExchangeRate_pkey" PRIMARY KEY ("currency")
);

-- CreateIndex
CREATE INDEX "QuoteLine_quoteId_position_idx" ON "QuoteLine"("quoteId", "position");

-- CreateIndex
CREATE INDEX "PriceItem_programmeId_position_idx" ON "PriceItem"("programmeId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "PriceItem_programmeId_key_key" ON "PriceItem"("programmeId", "key");

-- CreateIndex
CREATE INDEX "Quote_status_issuedAt_idx" ON "Quote"("status", "issuedAt");

-- AddForeignKey
ALTER TABLE "QuoteLine" ADD CONSTRAINT "QuoteLine_quoteId_fkey" FOREIGN KEY ("quoteId") REFERENCES "Quote"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PriceItem" ADD CONSTRAINT "PriceItem_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;
