-- AlterTable
ALTER TABLE "Payment" ADD COLUMN "voidNumber" TEXT;
ALTER TABLE "Payment" ADD COLUMN "voidReason" TEXT;
ALTER TABLE "Payment" ADD COLUMN "voidedAt" DATETIME;
ALTER TABLE "Payment" ADD COLUMN "voidedById" TEXT;

-- CreateTable
CREATE TABLE "IssuedDocument" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "number" TEXT,
    "locale" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "issuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "IssuedDocument_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IssuedPdf" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "documentId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "bytes" BLOB NOT NULL,
    "sha256" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "IssuedPdf_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "IssuedDocument" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "IssuedDocument_caseId_idx" ON "IssuedDocument"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "IssuedDocument_kind_subjectId_key" ON "IssuedDocument"("kind", "subjectId");

-- CreateIndex
CREATE UNIQUE INDEX "IssuedPdf_documentId_locale_key" ON "IssuedPdf"("documentId", "locale");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_voidNumber_key" ON "Payment"("voidNumber");
