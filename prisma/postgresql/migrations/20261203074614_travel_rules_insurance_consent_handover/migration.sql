-- AlterTable
ALTER TABLE "Programme" ADD COLUMN     "requiresComplicationCover" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "requiresTravelInsurance" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "PathwayStep" ADD COLUMN     "fitToFlyRequired" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "flyGapMinutes" INTEGER,
ADD COLUMN     "stayAfterMinutes" INTEGER;

-- AlterTable
ALTER TABLE "TreatmentPlanStep" ADD COLUMN     "fitToFlyRequired" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "flyGapMinutes" INTEGER,
ADD COLUMN     "stayAfterMinutes" INTEGER;

-- AlterTable
ALTER TABLE "LabResult" ADD COLUMN     "shareLinkId" TEXT,
ADD COLUMN     "source" TEXT NOT NULL DEFAULT 'CLINIC',
ADD COLUMN     "sourceName" TEXT;

-- CreateTable
CREATE TABLE "FitToFly" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "signedById" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "note" TEXT,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "FitToFly_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InsurancePolicy" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "insurer" TEXT NOT NULL,
    "policyNumber" TEXT NOT NULL,
    "coversFrom" TIMESTAMP(3) NOT NULL,
    "coversUntil" TIMESTAMP(3) NOT NULL,
    "coveredProcedures" TEXT NOT NULL DEFAULT '',
    "documentId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" TIMESTAMP(3),

    CONSTRAINT "InsurancePolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignedConsent" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "definitionId" TEXT,
    "version" INTEGER NOT NULL,
    "quoteId" TEXT,
    "language" TEXT NOT NULL,
    "signerId" TEXT NOT NULL,
    "typedName" TEXT NOT NULL,
    "signatureMethod" TEXT NOT NULL,
    "textSha256" TEXT NOT NULL,
    "ip" TEXT,
    "userAgent" TEXT,
    "signedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "storageKey" TEXT,
    "pdfSha256" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "SignedConsent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HandoverPack" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "medication" TEXT NOT NULL DEFAULT '[]',
    "followUpPlan" TEXT NOT NULL DEFAULT '',
    "warningSigns" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HandoverPack_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShareLink" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "label" TEXT NOT NULL DEFAULT '',
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "lastOpenedAt" TIMESTAMP(3),
    "openCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ShareLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FitToFly_caseId_signedAt_idx" ON "FitToFly"("caseId", "signedAt");

-- CreateIndex
CREATE UNIQUE INDEX "InsurancePolicy_documentId_key" ON "InsurancePolicy"("documentId");

-- CreateIndex
CREATE INDEX "InsurancePolicy_caseId_kind_idx" ON "InsurancePolicy"("caseId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "SignedConsent_storageKey_key" ON "SignedConsent"("storageKey");

-- CreateIndex
CREATE INDEX "SignedConsent_caseId_kind_signedAt_idx" ON "SignedConsent"("caseId", "kind", "signedAt");

-- CreateIndex
CREATE UNIQUE INDEX "HandoverPack_caseId_key" ON "HandoverPack"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "ShareLink_tokenHash_key" ON "ShareLink"("tokenHash");

-- CreateIndex
CREATE INDEX "ShareLink_caseId_createdAt_idx" ON "ShareLink"("caseId", "createdAt");

-- AddForeignKey
ALTER TABLE "LabResult" ADD CONSTRAINT "LabResult_shareLinkId_fkey" FOREIGN KEY ("shareLinkId") REFERENCES "ShareLink"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FitToFly" ADD CONSTRAINT "FitToFly_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InsurancePolicy" ADD CONSTRAINT "InsurancePolicy_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InsurancePolicy" ADD CONSTRAINT "InsurancePolicy_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SignedConsent" ADD CONSTRAINT "SignedConsent_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HandoverPack" ADD CONSTRAINT "HandoverPack_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShareLink" ADD CONSTRAINT "ShareLink_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;
