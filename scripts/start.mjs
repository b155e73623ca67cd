#!/usr/bin/env node
// `npm start`: the one command that takes a fresh clone to a running app.
//  1. writes .env with fresh random secrets on first run (never overwritten);
//  2. applies migrations to the database (embedded SQLite, or PostgreSQL if DATABASE_URL says so);
//  3. seeds the demo data if the database is empty;
//  4. builds the app and starts the production server on PORT (default 3000).
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { DEMO_TOTP_SECRET } from "./demo-totp.mjs";

const run = (cmd, args, extraEnv = {}) => {
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...extraEnv } });
  if (r.status !== 0) {
    console.error(`\n✖ ${cmd} ${args.join(" ")} failed (exit ${r.status}).`);
    process.exit(r.status ?? 1);
  }
};

if (!fs.existsSync(".env")) {
  const secret = crypto.randomBytes(32).toString("hex");
  fs.writeFileSync(
    ".env",
    [
      "# Written by `npm start` on first run. Secrets are random per installation; keep this file private.",
      "DATABASE_URL=file:./data/app.db",
      `SESSION_SECRET=${secret}`,
      "# SMTP_URL=smtp://user:pass@smtp.example.org:587   (unset: emails are saved under data/mail)",
      "# The local demo: without SMTP, emailed sign-in links are printed on this console.",
      "# Refused unless APP_URL is on localhost; delete this line to run for real.",
      "DEMO_MODE=true",
      "",
    ].join("\n"),
  );
  console.log("Created .env with fresh secrets.");
}
// Installations from before the document store get its key added, once.
if (!/^DOCUMENT_KEY=/m.test(fs.readFileSync(".env", "utf8"))) {
  fs.appendFileSync(
    ".env",
    `# AES-256-GCM key for uploaded documents. Losing it makes stored documents unreadable.\nDOCUMENT_KEY=${crypto.randomBytes(32).toString("base64")}\n`,
  );
  console.log("Added DOCUMENT_KEY to .env.");
}
process.loadEnvFile(".env");
process.env.PORT ??= "3000";
process.env.APP_URL ??= `http://localhost:${process.env.PORT}`;
process.env.NODE_ENV = "production";
fs.mkdirSync("data", { recursive: true });

run(process.execPath, ["scripts/prisma.mjs", "migrate", "deploy"]);
run(process.execPath, ["--import", "tsx", "prisma/seed.ts", "--if-empty"]);
run(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "build"]);

const server = spawn(process.execPath, ["server.mjs"], { stdio: "inherit", env: process.env });
console.log(
  [
    "",
    `  App:        ${process.env.APP_URL}`,
    "  Staff logins (password: demo-clinic-2026):",
    "    coordinator@demo.clinic · clinician@demo.clinic · finance@demo.clinic · admin@demo.clinic",
    "  Then the second step asks for a 6-digit code. Print the current one with:",
    "    npm run -s demo:totp",
    `  or add this secret to an authenticator app: ${DEMO_TOTP_SECRET} (demo accounts only).`,
    "  Patients sign in at /portal/login (e.g. leyla.ahmadi@example.com): without SMTP,",
    "  the sign-in link is printed below. Emails are saved in data/mail and shown at",
    "  /staff/outbox (admin), with sign-in links withheld.",
    "",
  ].join("\n"),
);
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
