-- AlterTable
ALTER TABLE "FollowUp" ADD COLUMN "answers" TEXT;
ALTER TABLE "FollowUp" ADD COLUMN "outcomesId" TEXT;
