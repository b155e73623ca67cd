-- AlterTable
ALTER TABLE "PathwayStep" ADD COLUMN     "retiredAt" TIMESTAMP(3);
