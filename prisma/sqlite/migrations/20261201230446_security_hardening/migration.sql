-- AlterTable
ALTER TABLE "OutboxEmail" ADD COLUMN "secret" TEXT;

-- AlterTable
ALTER TABLE "Payment" ADD COLUMN "checkoutKey" TEXT;
ALTER TABLE "Payment" ADD COLUMN "excessMinor" INTEGER;

-- CreateTable
CREATE TABLE "PendingEnquiry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "files" TEXT NOT NULL DEFAULT '[]',
    "locale" TEXT NOT NULL,
    "ip" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "confirmedAt" DATETIME,
    "confirmedById" TEXT,
    "confirmedVia" TEXT,
    "caseId" TEXT,
    "discardedAt" DATETIME,
    CONSTRAINT "PendingEnquiry_confirmedById_fkey" FOREIGN KEY ("confirmedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "PendingEnquiry_tokenHash_key" ON "PendingEnquiry"("tokenHash");

-- CreateIndex
CREATE INDEX "PendingEnquiry_email_createdAt_idx" ON "PendingEnquiry"("email", "createdAt");

-- CreateIndex
CREATE INDEX "PendingEnquiry_expiresAt_idx" ON "PendingEnquiry"("expiresAt");

-- CreateIndex
CREATE INDEX "PendingEnquiry_confirmedById_idx" ON "PendingEnquiry"("confirmedById");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_checkoutKey_key" ON "Payment"("checkoutKey");

-- CreateIndex
CREATE INDEX "Payment_excessMinor_idx" ON "Payment"("excessMinor");
