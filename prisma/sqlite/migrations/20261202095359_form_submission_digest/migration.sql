-- AlterTable
ALTER TABLE "FormSubmission" ADD COLUMN "digest" TEXT;

-- CreateIndex
CREATE INDEX "FormSubmission_digest_createdAt_idx" ON "FormSubmission"("digest", "createdAt");
