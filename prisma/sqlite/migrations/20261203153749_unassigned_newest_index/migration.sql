-- DropIndex
DROP INDEX "Case_coordinatorId_stage_idx";

-- CreateIndex
CREATE INDEX "Case_coordinatorId_stage_createdAt_idx" ON "Case"("coordinatorId", "stage", "createdAt");

-- CreateIndex
CREATE INDEX "Case_coordinatorId_createdAt_idx" ON "Case"("coordinatorId", "createdAt");
