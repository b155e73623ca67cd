-- CreateTable
CREATE TABLE "FitToFly" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "signedById" TEXT NOT NULL,
    "signedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "note" TEXT,
    "revokedAt" DATETIME,
    CONSTRAINT "FitToFly_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InsurancePolicy" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "insurer" TEXT NOT NULL,
    "policyNumber" TEXT NOT NULL,
    "coversFrom" DATETIME NOT NULL,
    "coversUntil" DATETIME NOT NULL,
    "coveredProcedures" TEXT NOT NULL DEFAULT '',
    "documentId" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" DATETIME,
    CONSTRAINT "InsurancePolicy_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "InsurancePolicy_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SignedConsent" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "signedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "storageKey" TEXT,
    "pdfSha256" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "SignedConsent_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "HandoverPack" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "medication" TEXT NOT NULL DEFAULT '[]',
    "followUpPlan" TEXT NOT NULL DEFAULT '',
    "warningSigns" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "HandoverPack_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ShareLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "label" TEXT NOT NULL DEFAULT '',
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    "lastOpenedAt" DATETIME,
    "openCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ShareLink_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

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
    "requiresComplicationCover" BOOLEAN NOT NULL DEFAULT false,
    "requiresTravelInsurance" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Programme" ("active", "condition", "createdAt", "followUpSchedule", "id", "name", "position", "slug", "summary", "translations", "updatedAt") SELECT "active", "condition", "createdAt", "followUpSchedule", "id", "name", "position", "slug", "summary", "translations", "updatedAt" FROM "Programme";
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
    "flyGapMinutes" INTEGER,
    "stayAfterMinutes" INTEGER,
    "fitToFlyRequired" BOOLEAN NOT NULL DEFAULT false,
    "retiredAt" DATETIME,
    CONSTRAINT "PathwayStep_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_PathwayStep" ("description", "durationMinutes", "gapMinutes", "id", "key", "name", "position", "programmeId", "resourceType", "retiredAt", "translations") SELECT "description", "durationMinutes", "gapMinutes", "id", "key", "name", "position", "programmeId", "resourceType", "retiredAt", "translations" FROM "PathwayStep";
DROP TABLE "PathwayStep";
ALTER TABLE "new_PathwayStep" RENAME TO "PathwayStep";
CREATE INDEX "PathwayStep_programmeId_position_idx" ON "PathwayStep"("programmeId", "position");
CREATE UNIQUE INDEX "PathwayStep_programmeId_key_key" ON "PathwayStep"("programmeId", "key");
CREATE TABLE "new_TreatmentPlanStep" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "pathwayStepId" TEXT,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "notes" TEXT,
    "resourceType" TEXT,
    "durationMinutes" INTEGER,
    "gapMinutes" INTEGER,
    "flyGapMinutes" INTEGER,
    "stayAfterMinutes" INTEGER,
    "fitToFlyRequired" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "TreatmentPlanStep_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TreatmentPlanStep_pathwayStepId_fkey" FOREIGN KEY ("pathwayStepId") REFERENCES "PathwayStep" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_TreatmentPlanStep" ("caseId", "createdAt", "durationMinutes", "gapMinutes", "id", "name", "notes", "pathwayStepId", "position", "resourceType", "updatedAt") SELECT "caseId", "createdAt", "durationMinutes", "gapMinutes", "id", "name", "notes", "pathwayStepId", "position", "resourceType", "updatedAt" FROM "TreatmentPlanStep";
DROP TABLE "TreatmentPlanStep";
ALTER TABLE "new_TreatmentPlanStep" RENAME TO "TreatmentPlanStep";
CREATE INDEX "TreatmentPlanStep_caseId_position_idx" ON "TreatmentPlanStep"("caseId", "position");
CREATE TABLE "new_LabResult" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "followUpId" TEXT NOT NULL,
    "marker" TEXT NOT NULL,
    "value" REAL NOT NULL,
    "enteredById" TEXT,
    "checkedAt" DATETIME,
    "source" TEXT NOT NULL DEFAULT 'CLINIC',
    "sourceName" TEXT,
    "shareLinkId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LabResult_followUpId_fkey" FOREIGN KEY ("followUpId") REFERENCES "FollowUp" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LabResult_shareLinkId_fkey" FOREIGN KEY ("shareLinkId") REFERENCES "ShareLink" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_LabResult" ("checkedAt", "createdAt", "enteredById", "followUpId", "id", "marker", "updatedAt", "value") SELECT "checkedAt", "createdAt", "enteredById", "followUpId", "id", "marker", "updatedAt", "value" FROM "LabResult";
DROP TABLE "LabResult";
ALTER TABLE "new_LabResult" RENAME TO "LabResult";
CREATE UNIQUE INDEX "LabResult_followUpId_marker_key" ON "LabResult"("followUpId", "marker");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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
