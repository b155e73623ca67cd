-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "voidNumber" TEXT,
ADD COLUMN     "voidReason" TEXT,
ADD COLUMN     "voidedAt" TIMESTAMP(3),
ADD COLUMN     "voidedById" TEXT;

-- CreateTable
CREATE TABLE "IssuedDocument" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "number" TEXT,
    "locale" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IssuedDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IssuedPdf" (
    "id" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "sha256" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IssuedPdf_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "IssuedDocument_caseId_idx" ON "IssuedDocument"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "IssuedDocument_kind_subjectId_key" ON "IssuedDocument"("kind", "subjectId");

-- CreateIndex
CREATE UNIQUE INDEX "IssuedPdf_documentId_locale_key" ON "IssuedPdf"("documentId", "locale");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_voidNumber_key" ON "Payment"("voidNumber");

-- AddForeignKey
ALTER TABLE "IssuedDocument" ADD CONSTRAINT "IssuedDocument_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IssuedPdf" ADD CONSTRAINT "IssuedPdf_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "IssuedDocument"("id") ON DELETE CASCADE ON UPDATE CASCADE;
