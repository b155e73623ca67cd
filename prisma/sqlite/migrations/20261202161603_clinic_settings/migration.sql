-- CreateTable
CREATE TABLE "ClinicSettings" (
    "id" TEXT NOT NULL PRIMARY KEY DEFAULT 'clinic',
    "timeZone" TEXT NOT NULL,
    "baseCurrency" TEXT NOT NULL,
    "quoteCurrencies" TEXT NOT NULL,
    "bankName" TEXT NOT NULL DEFAULT '',
    "bankAccountName" TEXT NOT NULL,
    "bankIban" TEXT NOT NULL,
    "bankBic" TEXT NOT NULL,
    "logo" BLOB,
    "logoType" TEXT,
    "updatedAt" DATETIME NOT NULL,
    "updatedById" TEXT
);
