-- CreateTable
CREATE TABLE "CaseTally" (
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("kind", "value", "stage")
);

-- The tallies of the cases already there (issue 21, ADR 035).
INSERT INTO "CaseTally" ("kind", "value", "stage", "count")
SELECT 'stage', '', "stage", COUNT(*) FROM "Case" GROUP BY "stage";
INSERT INTO "CaseTally" ("kind", "value", "stage", "count")
SELECT 'language', "language", "stage", COUNT(*) FROM "Case" GROUP BY "language", "stage";
INSERT INTO "CaseTally" ("kind", "value", "stage", "count")
SELECT 'country', "country", "stage", COUNT(*) FROM "Case" WHERE "country" IS NOT NULL GROUP BY "country", "stage";
INSERT INTO "CaseTally" ("kind", "value", "stage", "count")
SELECT 'unassigned', '', "stage", COUNT(*) FROM "Case" WHERE "coordinatorId" IS NULL GROUP BY "stage";

-- From now on every insert, delete, and change of a tallied column moves the tallies in the
-- same transaction as the write, whoever writes (ADR 035). A removed case only lowers rows
-- that exist (UPDATE), so emptying the tables in any order never leaves a negative tally.
CREATE TRIGGER "CaseTally_insert" AFTER INSERT ON "Case" BEGIN
  INSERT INTO "CaseTally" ("kind", "value", "stage", "count")
  SELECT "k", "v", NEW."stage", 1 FROM (
    SELECT 'stage' AS "k", '' AS "v"
    UNION ALL SELECT 'language', NEW."language"
    UNION ALL SELECT 'country', NEW."country" WHERE NEW."country" IS NOT NULL
    UNION ALL SELECT 'unassigned', '' WHERE NEW."coordinatorId" IS NULL
  ) WHERE true
  ON CONFLICT ("kind", "value", "stage") DO UPDATE SET "count" = "count" + 1;
END;

CREATE TRIGGER "CaseTally_delete" AFTER DELETE ON "Case" BEGIN
  UPDATE "CaseTally" SET "count" = "count" - 1
    WHERE "kind" = 'stage' AND "value" = '' AND "stage" = OLD."stage";
  UPDATE "CaseTally" SET "count" = "count" - 1
    WHERE "kind" = 'language' AND "value" = OLD."language" AND "stage" = OLD."stage";
  UPDATE "CaseTally" SET "count" = "count" - 1
    WHERE "kind" = 'country' AND "value" = OLD."country" AND "stage" = OLD."stage";
  UPDATE "CaseTally" SET "count" = "count" - 1
    WHERE "kind" = 'unassigned' AND "value" = '' AND "stage" = OLD."stage" AND OLD."coordinatorId" IS NULL;
END;

CREATE TRIGGER "CaseTally_update" AFTER UPDATE OF "stage", "language", "country", "coordinatorId" ON "Case"
WHEN OLD."stage" IS NOT NEW."stage" OR OLD."language" IS NOT NEW."language"
  OR OLD."country" IS NOT NEW."country"
  OR (OLD."coordinatorId" IS NULL) <> (NEW."coordinatorId" IS NULL)
BEGIN
  UPDATE "CaseTally" SET "count" = "count" - 1
    WHERE "kind" = 'stage' AND "value" = '' AND "stage" = OLD."stage";
  UPDATE "CaseTally" SET "count" = "count" - 1
    WHERE "kind" = 'language' AND "value" = OLD."language" AND "stage" = OLD."stage";
  UPDATE "CaseTally" SET "count" = "count" - 1
    WHERE "kind" = 'country' AND "value" = OLD."country" AND "stage" = OLD."stage";
  UPDATE "CaseTally" SET "count" = "count" - 1
    WHERE "kind" = 'unassigned' AND "value" = '' AND "stage" = OLD."stage" AND OLD."coordinatorId" IS NULL;
  INSERT INTO "CaseTally" ("kind", "value", "stage", "count")
  SELECT "k", "v", NEW."stage", 1 FROM (
    SELECT 'stage' AS "k", '' AS "v"
    UNION ALL SELECT 'language', NEW."language"
    UNION ALL SELECT 'country', NEW."country" WHERE NEW."country" IS NOT NULL
    UNION ALL SELECT 'unassigned', '' WHERE NEW."coordinatorId" IS NULL
  ) WHERE true
  ON CONFLICT ("kind", "value", "stage") DO UPDATE SET "count" = "count" + 1;
END;
