-- AlterTable
ALTER TABLE "LabResult" ADD COLUMN     "checkedAt" TIMESTAMP(3);
