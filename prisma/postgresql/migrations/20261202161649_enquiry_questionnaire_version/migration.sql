-- AlterTable
ALTER TABLE "Enquiry" ADD COLUMN     "questionnaireId" TEXT;
