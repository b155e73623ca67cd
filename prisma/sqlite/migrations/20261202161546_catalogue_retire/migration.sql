-- AlterTable
ALTER TABLE "PathwayStep" ADD COLUMN "retiredAt" DATETIME;
