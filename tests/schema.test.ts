/**
 * One schema, two databases, no drift (docs/decisions/010-postgresql.md):
 * - each generated schema is exactly what prisma/models.prisma renders to;
 * - on this run's database (SQLite, or PostgreSQL under `npm run test:pg`), applying every
 *   committed migration gives the same tables, columns, indexes and constraints as pushing the
 *   generated schema. A missing or hand-edited migration therefore fails here.
 */
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { dialect } from "~/db.server";
import { render, schemaPath, stale } from "../scripts/db-schema.mjs";
import { withDatabase } from "./support/global-setup";

function prisma(url: string, args: string[]) {
  execFileSync(process.execPath, ["scripts/prisma.mjs", ...args], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: "pipe",
  });
}

type Catalog = Record<string, unknown>;

function sqliteCatalog(file: string): Catalog {
  const raw = new Database(file, { readonly: true });
  try {
    const tables = (
      raw
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name",
        )
        .all() as { name: string }[]
    ).map((t) => t.name);
    const catalog: Catalog = {};
    for (const table of tables) {
      const columns = (raw.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[])
        .map(({ name, ...rest }) => ({ name, ...rest, cid: undefined }))
        .sort((a, b) => a.name.localeCompare(b.name));
      const indexes = (
        raw.prepare(`PRAGMA index_list("${table}")`).all() as { name: string; unique: number }[]
      )
        .map((i) => ({
          name: i.name,
          unique: i.unique,
          columns: (raw.prepare(`PRAGMA index_info("${i.name}")`).all() as { name: string }[]).map(
            (c) => c.name,
          ),
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
      const foreignKeys = (
        raw.prepare(`PRAGMA foreign_key_list("${table}")`).all() as Record<string, unknown>[]
      )
        .map(({ id: _id, seq: _seq, ...fk }) => fk)
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      catalog[table] = { columns, indexes, foreignKeys };
    }
    return catalog;
  } finally {
    raw.close();
  }
}

async function pgCatalog(url: string): Promise<Catalog> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, is_nullable, column_default, character_maximum_length
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
       ORDER BY table_name, column_name`,
    );
    const indexes = await client.query(
      `SELECT tablename, indexname, indexdef FROM pg_indexes
       WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename, indexname`,
    );
    const constraints = await client.query(
      `SELECT conrelid::regclass::text AS "table", conname, pg_get_constraintdef(oid) AS def
       FROM pg_constraint WHERE connamespace = 'public'::regnamespace
       AND conrelid::regclass::text <> '_prisma_migrations' ORDER BY 1, 2`,
    );
    return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows };
  } finally {
    await client.end();
  }
}

describe("the schema source and the generated schemas", () => {
  it("generates each provider's schema from prisma/models.prisma, unchanged", () => {
    expect(stale()).toEqual([]);
    for (const provider of ["sqlite", "postgresql"] as const) {
      const text = fs.readFileSync(schemaPath(provider), "utf8");
      expect(text).toBe(render(provider));
      expect(text).toContain(`provider = "${provider}"`);
    }
  });

  it("notices a change to the source that was not generated", () => {
    const source = fs.readFileSync("prisma/models.prisma", "utf8");
    const changed = source.replace("model Counter {", "model Counter {\n  extra Int?");
    expect(render("sqlite", changed)).not.toBe(fs.readFileSync(schemaPath("sqlite"), "utf8"));
  });
});

describe(`the ${dialect} migrations`, () => {
  // Runs the Prisma CLI two or three times (about 18 s alone); on a busy 2-core machine, with
  // the other test files running beside it, that has taken over a minute.
  it("build the same database as the generated schema", { timeout: 180_000 }, async () => {
    const id = crypto.randomBytes(4).toString("hex");
    const schema = path.join("prisma", dialect, "schema.prisma");
    if (dialect === "sqlite") {
      const migrated = path.resolve(`tmp/test/drift-migrated-${id}.db`);
      const pushed = path.resolve(`tmp/test/drift-pushed-${id}.db`);
      prisma(`file:${migrated}`, ["migrate", "deploy"]);
      prisma(`file:${pushed}`, ["db", "push", "--skip-generate", "--schema", schema]);
      expect(sqliteCatalog(migrated)).toEqual(sqliteCatalog(pushed));
      return;
    }
    const server = process.env.TEST_DATABASE_URL!;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    const names = [`mt_test_migrated_${id}`, `mt_test_pushed_${id}`];
    for (const n of names) await admin.query(`CREATE DATABASE "${n}"`);
    await admin.end();
    const [migrated, pushed] = names.map((n) => withDatabase(server, n)) as [string, string];
    prisma(migrated, ["migrate", "deploy"]);
    // `db push` trips over PostgreSQL's "char" type in adapter-pg's introspection; the same
    // DDL comes from an offline diff of the empty database to the schema, applied as one script.
    const ddlFile = path.resolve(`tmp/test/drift-${id}.sql`);
    prisma(`file:${path.resolve(`tmp/test/unused-${id}.db`)}`, [
      "migrate",
      "diff",
      "--from-empty",
      "--to-schema-datamodel",
      schema,
      "--script",
      "--output",
      ddlFile,
    ]);
    const target = new pg.Client({ connectionString: pushed });
    await target.connect();
    await target.query(fs.readFileSync(ddlFile, "utf8"));
    await target.end();
    expect(await pgCatalog(migrated)).toEqual(await pgCatalog(pushed));
  });
});
