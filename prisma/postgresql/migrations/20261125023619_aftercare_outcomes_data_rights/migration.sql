-- AlterTable
ALTER TABLE "User" ADD COLUMN     "erasedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Programme" ADD COLUMN     "followUpSchedule" TEXT NOT NULL DEFAULT 'P1W,P1M,P3M,P6M,P12M';

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "anonymisedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "FollowUp" ADD COLUMN     "completedAt" TIMESTAMP(3),
ADD COLUMN     "completedById" TEXT,
ADD COLUMN     "dueReminderAt" TIMESTAMP(3),
ADD COLUMN     "fatigue" INTEGER,
ADD COLUMN     "flares" INTEGER,
ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'FOLLOW_UP',
ADD COLUMN     "overdueReminderAt" TIMESTAMP(3),
ADD COLUMN     "pain" INTEGER,
ADD COLUMN     "qualityOfLife" INTEGER,
ADD COLUMN     "steroidDoseMg" DOUBLE PRECISION,
ADD COLUMN     "stiffness" INTEGER,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "LabResult" (
    "id" TEXT NOT NULL,
    "followUpId" TEXT NOT NULL,
    "marker" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "enteredById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LabResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClinicalTask" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "followUpId" TEXT,
    "kind" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),
    "resolvedById" TEXT,
    "resolutionNote" TEXT,

    CONSTRAINT "ClinicalTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ErasureRequest" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'REQUESTED',
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "carriedOutAt" TIMESTAMP(3),
    "carriedOutById" TEXT,
    "summary" TEXT,

    CONSTRAINT "ErasureRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LabResult_followUpId_marker_key" ON "LabResult"("followUpId", "marker");

-- CreateIndex
CREATE INDEX "ClinicalTask_caseId_resolvedAt_idx" ON "ClinicalTask"("caseId", "resolvedAt");

-- CreateIndex
CREATE INDEX "ClinicalTask_resolvedAt_idx" ON "ClinicalTask"("resolvedAt");

-- CreateIndex
CREATE INDEX "ErasureRequest_status_requestedAt_idx" ON "ErasureRequest"("status", "requestedAt");

-- CreateIndex
CREATE UNIQUE INDEX "FollowUp_caseId_label_key" ON "FollowUp"("caseId", "label");

-- AddForeignKey
ALTER TABLE "LabResult" ADD CONSTRAINT "LabResult_followUpId_fkey" FOREIGN KEY ("followUpId") REFERENCES "FollowUp"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClinicalTask" ADD CONSTRAINT "ClinicalTask_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClinicalTask" ADD CONSTRAINT "ClinicalTask_followUpId_fkey" FOREIGN KEY ("followUpId") REFERENCES "FollowUp"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ErasureRequest" ADD CONSTRAINT "ErasureRequest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
