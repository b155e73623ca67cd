-- AlterTable
ALTER TABLE "PathwayStep" ADD COLUMN "gapMinutes" INTEGER;

-- AlterTable
ALTER TABLE "TreatmentPlanStep" ADD COLUMN "gapMinutes" INTEGER;

-- CreateTable
CREATE TABLE "PatientSlot" (
    "patientId" TEXT NOT NULL,
    "slotStart" DATETIME NOT NULL,
    "appointmentId" TEXT NOT NULL,

    PRIMARY KEY ("patientId", "slotStart"),
    CONSTRAINT "PatientSlot_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PatientSlot_appointmentId_fkey" FOREIGN KEY ("appointmentId") REFERENCES "Appointment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PatientSlot_appointmentId_idx" ON "PatientSlot"("appointmentId");
