-- CreateTable
CREATE TABLE "TreatmentPlanStep" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "pathwayStepId" TEXT,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "notes" TEXT,
    "resourceType" TEXT,
    "durationMinutes" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "TreatmentPlanStep_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TreatmentPlanStep_pathwayStepId_fkey" FOREIGN KEY ("pathwayStepId") REFERENCES "PathwayStep" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Case" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "stageChangedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "patientId" TEXT NOT NULL,
    "coordinatorId" TEXT,
    "programmeId" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "country" TEXT,
    "currency" TEXT NOT NULL DEFAULT 'EUR',
    "eligibility" TEXT NOT NULL DEFAULT 'PENDING',
    "eligibilityReason" TEXT,
    "eligibilityById" TEXT,
    "eligibilityAt" DATETIME,
    "conditionSummary" TEXT,
    "redFlagCount" INTEGER NOT NULL DEFAULT 0,
    "depositWaivedAt" DATETIME,
    "depositWaivedById" TEXT,
    "depositWaiverReason" TEXT,
    "eligibilityReasonCode" TEXT,
    "firstResponseDueAt" DATETIME,
    "firstRespondedAt" DATETIME,
    "firstResponseReminderAt" DATETIME,
    "reviewDueAt" DATETIME,
    "slaPausedAt" DATETIME,
    "consentWithdrawnAt" DATETIME,
    "closedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Case_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Case_coordinatorId_fkey" FOREIGN KEY ("coordinatorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Case_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Case_eligibilityById_fkey" FOREIGN KEY ("eligibilityById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Case" ("closedAt", "conditionSummary", "consentWithdrawnAt", "coordinatorId", "country", "createdAt", "currency", "depositWaivedAt", "depositWaivedById", "depositWaiverReason", "eligibility", "eligibilityAt", "eligibilityById", "eligibilityReason", "firstRespondedAt", "firstResponseDueAt", "id", "language", "number", "patientId", "programmeId", "redFlagCount", "stage", "stageChangedAt", "timeZone", "updatedAt") SELECT "closedAt", "conditionSummary", "consentWithdrawnAt", "coordinatorId", "country", "createdAt", "currency", "depositWaivedAt", "depositWaivedById", "depositWaiverReason", "eligibility", "eligibilityAt", "eligibilityById", "eligibilityReason", "firstRespondedAt", "firstResponseDueAt", "id", "language", "number", "patientId", "programmeId", "redFlagCount", "stage", "stageChangedAt", "timeZone", "updatedAt" FROM "Case";
DROP TABLE "Case";
ALTER TABLE "new_Case" RENAME TO "Case";
CREATE UNIQUE INDEX "Case_number_key" ON "Case"("number");
CREATE INDEX "Case_stage_updatedAt_idx" ON "Case"("stage", "updatedAt");
CREATE INDEX "Case_coordinatorId_stage_idx" ON "Case"("coordinatorId", "stage");
CREATE INDEX "Case_programmeId_stage_idx" ON "Case"("programmeId", "stage");
CREATE INDEX "Case_patientId_idx" ON "Case"("patientId");
CREATE INDEX "Case_createdAt_idx" ON "Case"("createdAt");
CREATE INDEX "Case_updatedAt_idx" ON "Case"("updatedAt");
CREATE INDEX "Case_firstRespondedAt_firstResponseDueAt_idx" ON "Case"("firstRespondedAt", "firstResponseDueAt");
CREATE INDEX "Case_firstResponseDueAt_idx" ON "Case"("firstResponseDueAt");
CREATE INDEX "Case_redFlagCount_idx" ON "Case"("redFlagCount");
CREATE INDEX "Case_language_idx" ON "Case"("language");
CREATE INDEX "Case_country_idx" ON "Case"("country");
CREATE TABLE "new_CaseEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "actorId" TEXT,
    "fromStage" TEXT,
    "toStage" TEXT,
    "reason" TEXT,
    "body" TEXT,
    "fromPatient" BOOLEAN NOT NULL DEFAULT false,
    "internal" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CaseEvent_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CaseEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_CaseEvent" ("actorId", "caseId", "createdAt", "fromStage", "id", "internal", "reason", "toStage", "type") SELECT "actorId", "caseId", "createdAt", "fromStage", "id", "internal", "reason", "toStage", "type" FROM "CaseEvent";
DROP TABLE "CaseEvent";
ALTER TABLE "new_CaseEvent" RENAME TO "CaseEvent";
CREATE INDEX "CaseEvent_caseId_createdAt_idx" ON "CaseEvent"("caseId", "createdAt");
CREATE INDEX "CaseEvent_caseId_type_createdAt_idx" ON "CaseEvent"("caseId", "type", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "TreatmentPlanStep_caseId_position_idx" ON "TreatmentPlanStep"("caseId", "position");

-- CreateIndex
CREATE INDEX "AuditLog_createdAt_idx" ON "AuditLog"("createdAt");
