-- AlterTable
ALTER TABLE "FollowUp" ADD COLUMN     "answers" TEXT,
ADD COLUMN     "outcomesId" TEXT;
