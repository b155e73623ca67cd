-- AlterTable
ALTER TABLE "PathwayStep" ADD COLUMN     "gapMinutes" INTEGER;

-- AlterTable
ALTER TABLE "TreatmentPlanStep" ADD COLUMN     "gapMinutes" INTEGER;

-- CreateTable
CREATE TABLE "PatientSlot" (
    "patientId" TEXT NOT NULL,
    "slotStart" TIMESTAMP(3) NOT NULL,
    "appointmentId" TEXT NOT NULL,

    CONSTRAINT "PatientSlot_pkey" PRIMARY KEY ("patientId","slotStart")
);

-- CreateIndex
CREATE INDEX "PatientSlot_appointmentId_idx" ON "PatientSlot"("appointmentId");

-- AddForeignKey
ALTER TABLE "PatientSlot" ADD CONSTRAINT "PatientSlot_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PatientSlot" ADD CONSTRAINT "PatientSlot_appointmentId_fkey" FOREIGN KEY ("appointmentId") REFERENCES "Appointment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
