-- AlterTable
ALTER TABLE "Document" ADD COLUMN     "nativeName" TEXT;
