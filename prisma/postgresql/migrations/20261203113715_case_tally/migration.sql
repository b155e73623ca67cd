-- CreateTable
CREATE TABLE "CaseTally" (
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CaseTally_pkey" PRIMARY KEY ("kind","value","stage")
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
-- same transaction as the write, whoever writes (ADR 035). The old keys' -1 and the new keys'
-- +1 are one statement with the keys in a fixed order, so two transactions moving cases in
-- opposite directions lock the tally rows in the same order and cannot deadlock each other.
-- The body is an E'' string with each semicolon written \x3B: Prisma's PostgreSQL adapter
-- runs a migration by splitting it at every semicolon, dollar quotes or not.
CREATE FUNCTION "case_tally"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "CaseTally" ("kind", "value", "stage", "count")
  SELECT "k", "v", "s", SUM("d")::integer FROM (
    SELECT ''stage'' AS "k", '''' AS "v", NEW."stage" AS "s", 1 AS "d" WHERE TG_OP <> ''DELETE''
    UNION ALL SELECT ''language'', NEW."language", NEW."stage", 1 WHERE TG_OP <> ''DELETE''
    UNION ALL SELECT ''country'', NEW."country", NEW."stage", 1
      WHERE TG_OP <> ''DELETE'' AND NEW."country" IS NOT NULL
    UNION ALL SELECT ''unassigned'', '''', NEW."stage", 1
      WHERE TG_OP <> ''DELETE'' AND NEW."coordinatorId" IS NULL
    UNION ALL SELECT ''stage'', '''', OLD."stage", -1 WHERE TG_OP <> ''INSERT''
    UNION ALL SELECT ''language'', OLD."language", OLD."stage", -1 WHERE TG_OP <> ''INSERT''
    UNION ALL SELECT ''country'', OLD."country", OLD."stage", -1
      WHERE TG_OP <> ''INSERT'' AND OLD."country" IS NOT NULL
    UNION ALL SELECT ''unassigned'', '''', OLD."stage", -1
      WHERE TG_OP <> ''INSERT'' AND OLD."coordinatorId" IS NULL
  ) AS "delta"
  GROUP BY "k", "v", "s"
  HAVING SUM("d") <> 0
  ORDER BY "k", "v", "s"
  ON CONFLICT ("kind", "value", "stage") DO UPDATE SET "count" = "CaseTally"."count" + EXCLUDED."count"\x3B
  RETURN NULL\x3B
END\x3B
';

CREATE TRIGGER "CaseTally_insert_delete" AFTER INSERT OR DELETE ON "Case"
  FOR EACH ROW EXECUTE FUNCTION "case_tally"();

CREATE TRIGGER "CaseTally_update" AFTER UPDATE OF "stage", "language", "country", "coordinatorId" ON "Case"
  FOR EACH ROW
  WHEN (OLD."stage" IS DISTINCT FROM NEW."stage" OR OLD."language" IS DISTINCT FROM NEW."language"
    OR OLD."country" IS DISTINCT FROM NEW."country"
    OR (OLD."coordinatorId" IS NULL) <> (NEW."coordinatorId" IS NULL))
  EXECUTE FUNCTION "case_tally"();
