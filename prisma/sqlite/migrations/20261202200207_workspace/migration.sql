-- AlterTable
ALTER TABLE "OutboxEmail" ADD COLUMN "batchKey" TEXT;

-- CreateTable
CREATE TABLE "InboxItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "eventId" TEXT,
    "kind" TEXT NOT NULL,
    "channel" TEXT NOT NULL DEFAULT 'PORTAL',
    "assigneeId" TEXT,
    "doneAt" DATETIME,
    "doneById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "InboxItem_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "InboxItem_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InboxRead" (
    "itemId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "readAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("itemId", "userId"),
    CONSTRAINT "InboxRead_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "InboxItem" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "InboxRead_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "caseId" TEXT,
    "params" TEXT,
    "readAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Notification_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NotificationPreference" (
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "channel" TEXT NOT NULL,

    PRIMARY KEY ("userId", "kind"),
    CONSTRAINT "NotificationPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SavedView" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SavedView_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ClinicalTask" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "followUpId" TEXT,
    "kind" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "title" TEXT,
    "assigneeId" TEXT,
    "createdById" TEXT,
    "dueAt" DATETIME,
    "remindAt" DATETIME,
    "remindedAt" DATETIME,
    "overdueEmailedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" DATETIME,
    "resolvedById" TEXT,
    "resolutionNote" TEXT,
    CONSTRAINT "ClinicalTask_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ClinicalTask_followUpId_fkey" FOREIGN KEY ("followUpId") REFERENCES "FollowUp" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ClinicalTask_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ClinicalTask_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ClinicalTask" ("caseId", "createdAt", "detail", "followUpId", "id", "kind", "resolutionNote", "resolvedAt", "resolvedById") SELECT "caseId", "createdAt", "detail", "followUpId", "id", "kind", "resolutionNote", "resolvedAt", "resolvedById" FROM "ClinicalTask";
DROP TABLE "ClinicalTask";
ALTER TABLE "new_ClinicalTask" RENAME TO "ClinicalTask";
CREATE INDEX "ClinicalTask_caseId_resolvedAt_idx" ON "ClinicalTask"("caseId", "resolvedAt");
CREATE INDEX "ClinicalTask_resolvedAt_idx" ON "ClinicalTask"("resolvedAt");
CREATE INDEX "ClinicalTask_assigneeId_resolvedAt_dueAt_idx" ON "ClinicalTask"("assigneeId", "resolvedAt", "dueAt");
CREATE INDEX "ClinicalTask_resolvedAt_dueAt_idx" ON "ClinicalTask"("resolvedAt", "dueAt");
CREATE INDEX "ClinicalTask_resolvedAt_remindAt_idx" ON "ClinicalTask"("resolvedAt", "remindAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "InboxItem_caseId_createdAt_idx" ON "InboxItem"("caseId", "createdAt");

-- CreateIndex
CREATE INDEX "InboxItem_assigneeId_doneAt_createdAt_idx" ON "InboxItem"("assigneeId", "doneAt", "createdAt");

-- CreateIndex
CREATE INDEX "InboxItem_doneAt_createdAt_idx" ON "InboxItem"("doneAt", "createdAt");

-- CreateIndex
CREATE INDEX "InboxItem_createdAt_idx" ON "InboxItem"("createdAt");

-- CreateIndex
CREATE INDEX "InboxRead_userId_itemId_idx" ON "InboxRead"("userId", "itemId");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_createdAt_idx" ON "Notification"("userId", "readAt", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_userId_createdAt_idx" ON "Notification"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "SavedView_userId_name_key" ON "SavedView"("userId", "name");

-- CreateIndex
CREATE INDEX "OutboxEmail_batchKey_status_idx" ON "OutboxEmail"("batchKey", "status");
