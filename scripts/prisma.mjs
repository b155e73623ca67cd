#!/usr/bin/env node
// Runs the Prisma CLI with DATABASE_URL always set. Without it, Prisma 6's CLI quietly
// falls back to its native engines and tries to download them, which fails on machines
// that reach only the npm registry (docs/decisions/002-prisma-6-js-engine.md).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";

if (!process.env.DATABASE_URL && fs.existsSync(".env")) process.loadEnvFile(".env");
process.env.DATABASE_URL ??= "file:./data/app.db";
if (process.env.DATABASE_URL.startsWith("file:")) fs.mkdirSync("data", { recursive: true });
process.env.PRISMA_HIDE_UPDATE_MESSAGE = "1";

const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(result.status ?? 1);
