// Prisma CLI configuration. The js schema engine (engine: "js") runs entirely from npm
// packages, so migrations work on machines that cannot download Prisma's native engines
// (docs/decisions/002-prisma-6-js-engine.md). DATABASE_URL chooses the database: a file: URL
// is SQLite, a postgresql: URL is PostgreSQL, each with its generated schema and migrations
// (docs/decisions/010-postgresql.md).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

const url = process.env.DATABASE_URL ?? "file:./data/app.db";
const provider = /^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", provider, "schema.prisma"),
  migrations: { path: path.join("prisma", provider, "migrations"), seed: "tsx prisma/seed.ts" },
  adapter: async () =>
    provider === "postgresql"
      ? new PrismaPg({ connectionString: url })
      : new PrismaBetterSQLite3({ url }),
});
