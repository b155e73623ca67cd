/**
 * Two app processes share one database and one SMTP server: every queued email is delivered
 * exactly once. Each process claims rows with a lease (a conditional update), which holds on
 * SQLite and on PostgreSQL alike; this test runs on both (`npm test`, `npm run test:pg`).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { db } from "~/db.server";
import { resetDatabase } from "./support/db";
import { startSmtp, type TestSmtp } from "./support/smtp";

const N = 100;
let smtp: TestSmtp;

beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.close();
});
beforeEach(resetDatabase);

function worker(): { child: ChildProcess; done: Promise<number> } {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/outbox-process.ts"], {
    env: { ...process.env, SMTP_URL: smtp.url, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const done = new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => {
      const m = /sent=(\d+)/.exec(out);
      if (code === 0 && m) resolve(Number(m[1]));
      else reject(new Error(`worker exited ${code}:\n${out}`));
    });
  });
  return { child, done };
}

it(`delivers ${N} emails exactly once with two worker processes on one database`, async () => {
  await db.outboxEmail.createMany({
    data: Array.from({ length: N }, (_, i) => ({
      toEmail: `patient${i}@example.com`,
      locale: "en",
      template: "notice",
      subject: `Row ${i}`,
      html: `<p>Row ${i}</p>`,
      text: `Row ${i}`,
    })),
  });
  const a = worker();
  const b = worker();
  await expect
    .poll(() => db.outboxEmail.count({ where: { status: "SENT" } }), {
      timeout: 60_000,
      interval: 100,
    })
    .toBe(N);
  a.child.kill("SIGTERM");
  b.child.kill("SIGTERM");
  const [sentA, sentB] = await Promise.all([a.done, b.done]);

  await smtp.waitFor(N);
  await new Promise((r) => setTimeout(r, 300)); // anything extra would have arrived by now
  const subjects = smtp.messages.map((m) => m.subject);
  expect(subjects).toHaveLength(N);
  expect(new Set(subjects).size).toBe(N);
  expect(sentA + sentB).toBe(N);
  // Both processes really took part.
  expect(sentA).toBeGreaterThan(0);
  expect(sentB).toBeGreaterThan(0);
  const attempts = await db.outboxEmail.groupBy({ by: ["attempts"], _count: { _all: true } });
  expect(attempts).toEqual([{ attempts: 1, _count: { _all: N } }]);
});
