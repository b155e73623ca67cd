-- AlterTable
ALTER TABLE "LabResult" ADD COLUMN "checkedAt" DATETIME;
