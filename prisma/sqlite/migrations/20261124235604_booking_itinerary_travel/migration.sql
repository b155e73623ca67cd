-- AlterTable
ALTER TABLE "Case" ADD COLUMN "treatmentWindowStart" DATETIME;

-- AlterTable
ALTER TABLE "OutboxEmail" ADD COLUMN "calendar" TEXT;

-- AlterTable
ALTER TABLE "Document" ADD COLUMN "birthDate" DATETIME;
ALTER TABLE "Document" ADD COLUMN "documentNumber" TEXT;
ALTER TABLE "Document" ADD COLUMN "expiresOn" DATETIME;
ALTER TABLE "Document" ADD COLUMN "holderName" TEXT;
ALTER TABLE "Document" ADD COLUMN "nationality" TEXT;
ALTER TABLE "Document" ADD COLUMN "rejectNote" TEXT;
ALTER TABLE "Document" ADD COLUMN "rejectReason" TEXT;
ALTER TABLE "Document" ADD COLUMN "reviewedAt" DATETIME;
ALTER TABLE "Document" ADD COLUMN "reviewedById" TEXT;

-- CreateTable
CREATE TABLE "Resource" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "userId" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "WorkingHours" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "resourceId" TEXT NOT NULL,
    "weekday" INTEGER NOT NULL,
    "startMinute" INTEGER NOT NULL,
    "endMinute" INTEGER NOT NULL,
    CONSTRAINT "WorkingHours_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "Resource" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ResourceException" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "resourceId" TEXT,
    "kind" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "note" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ResourceException_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "Resource" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AppointmentSlot" (
    "resourceId" TEXT NOT NULL,
    "slotStart" DATETIME NOT NULL,
    "appointmentId" TEXT NOT NULL,

    PRIMARY KEY ("resourceId", "slotStart"),
    CONSTRAINT "AppointmentSlot_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "Resource" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AppointmentSlot_appointmentId_fkey" FOREIGN KEY ("appointmentId") REFERENCES "Appointment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Appointment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'TREATMENT',
    "title" TEXT NOT NULL,
    "planStepId" TEXT,
    "resourceId" TEXT,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'BOOKED',
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "bookedById" TEXT,
    "rescheduleRequestedAt" DATETIME,
    "rescheduleNote" TEXT,
    "cancelledAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Appointment_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Appointment_planStepId_fkey" FOREIGN KEY ("planStepId") REFERENCES "TreatmentPlanStep" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Appointment_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "Resource" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Appointment" ("caseId", "createdAt", "endsAt", "id", "startsAt", "status", "title") SELECT "caseId", "createdAt", "endsAt", "id", "startsAt", "status", "title" FROM "Appointment";
DROP TABLE "Appointment";
ALTER TABLE "new_Appointment" RENAME TO "Appointment";
CREATE INDEX "Appointment_caseId_startsAt_idx" ON "Appointment"("caseId", "startsAt");
CREATE INDEX "Appointment_resourceId_startsAt_idx" ON "Appointment"("resourceId", "startsAt");
CREATE TABLE "new_ItineraryItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "startZone" TEXT NOT NULL DEFAULT 'Europe/Istanbul',
    "endsAt" DATETIME,
    "endZone" TEXT,
    "reference" TEXT,
    "fromPlace" TEXT,
    "toPlace" TEXT,
    "contactName" TEXT,
    "contactPhone" TEXT,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ItineraryItem_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ItineraryItem" ("caseId", "createdAt", "endsAt", "id", "kind", "startsAt", "title") SELECT "caseId", "createdAt", "endsAt", "id", "kind", "startsAt", "title" FROM "ItineraryItem";
DROP TABLE "ItineraryItem";
ALTER TABLE "new_ItineraryItem" RENAME TO "ItineraryItem";
CREATE INDEX "ItineraryItem_caseId_startsAt_idx" ON "ItineraryItem"("caseId", "startsAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Resource_type_active_idx" ON "Resource"("type", "active");

-- CreateIndex
CREATE INDEX "WorkingHours_resourceId_weekday_idx" ON "WorkingHours"("resourceId", "weekday");

-- CreateIndex
CREATE INDEX "ResourceException_startsAt_endsAt_idx" ON "ResourceException"("startsAt", "endsAt");

-- CreateIndex
CREATE INDEX "ResourceException_resourceId_startsAt_idx" ON "ResourceException"("resourceId", "startsAt");

-- CreateIndex
CREATE INDEX "AppointmentSlot_appointmentId_idx" ON "AppointmentSlot"("appointmentId");
