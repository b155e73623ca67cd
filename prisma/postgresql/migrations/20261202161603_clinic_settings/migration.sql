-- CreateTable
CREATE TABLE "ClinicSettings" (
    "id" TEXT NOT NULL DEFAULT 'clinic',
    "timeZone" TEXT NOT NULL,
    "baseCurrency" TEXT NOT NULL,
    "quoteCurrencies" TEXT NOT NULL,
    "bankName" TEXT NOT NULL DEFAULT '',
    "bankAccountName" TEXT NOT NULL,
    "bankIban" TEXT NOT NULL,
    "bankBic" TEXT NOT NULL,
    "logo" BYTEA,
    "logoType" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "ClinicSettings_pkey" PRIMARY KEY ("id")
);
