-- CreateIndex
CREATE INDEX "Case_redFlagCount_stage_idx" ON "Case"("redFlagCount", "stage");
