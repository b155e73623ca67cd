/**
 * A crash in the middle of work: the production server is killed with SIGKILL during a burst
 * of stage changes, then started again on the same database. Every change that happened has
 * its stage, its timeline event and its outbox emails (one transaction: all or nothing), none
 * is half done, and after the restart the worker delivers every queued email: none is lost.
 * (Delivery is at least once across a crash: a message sent just before the kill but not yet
 * marked is sent again, with the same Message-ID, so a mail system can drop the copy.)
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { lupusEnquiry } from "../support/enquiry-form";
import { buildApp, staffSessionCookie, startApp, type App } from "./harness";

let app: App;
const BURST = 40;

beforeAll(async () => {
  buildApp();
  // DEMO_MODE prints each enquiry's confirmation link on the console (no SMTP here).
  app = await startApp({ TRUST_PROXY: "true", OUTBOX_POLL_MS: "100", DEMO_MODE: "true" });
});
afterAll(async () => {
  await app?.stop();
});

const open = () => new Database(path.join(app.dir, "app.db"), { readonly: true });

/** An enquiry from the public form, confirmed from the link its email carries. */
async function enquire(n: number) {
  const email = `crash-${n}@example.com`;
  const res = await fetch(`${app.url}/enquire`, {
    method: "POST",
    body: lupusEnquiry(`Crash Test ${n}`, email),
    redirect: "manual",
    headers: { "x-forwarded-for": `10.77.0.${n}`, Origin: app.url },
  });
  expect(res.status).toBe(302);
  const link = await expect
    .poll(
      () => new RegExp(`Link for ${email} \\(no SMTP_URL set\\): (\\S+)`).exec(app.log())?.[1],
      {
        timeout: 10_000,
      },
    )
    .toBeTruthy()
    .then(() => new RegExp(`Link for ${email} \\(no SMTP_URL set\\): (\\S+)`).exec(app.log())![1]!);
  const token = new URL(link).searchParams.get("token")!;
  const confirmed = await fetch(`${app.url}/enquire/confirm`, {
    method: "POST",
    body: new URLSearchParams({ token, intent: "confirm" }),
    redirect: "manual",
    headers: { "x-forwarded-for": `10.77.1.${n}`, Origin: app.url },
  });
  expect(confirmed.status).toBe(302);
}

it(
  "keeps every stage change whole through a SIGKILL and delivers its emails",
  { timeout: 180_000 },
  async () => {
    for (let n = 1; n <= BURST; n++) await enquire(n);
    const cookie = await staffSessionCookie(app.url, "coordinator@demo.clinic");
    const db = open();
    const ids = (
      db
        .prepare(
          `SELECT c.id FROM "Case" c JOIN "User" u ON u.id = c.patientId WHERE u.email LIKE 'crash-%'`,
        )
        .all() as {
        id: string;
      }[]
    ).map((r) => r.id);
    db.close();
    expect(ids).toHaveLength(BURST);

    // The burst: every case to medical review at once; the server dies part-way through.
    const posts = ids.map((id) =>
      fetch(`${app.url}/staff/cases/${id}`, {
        method: "POST",
        body: new URLSearchParams({ intent: "stage", from: "ENQUIRY", to: "MEDICAL_REVIEW" }),
        redirect: "manual",
        headers: { cookie, Origin: app.url },
      }).then(
        (r) => r.status,
        () => "dropped",
      ),
    );
    await new Promise((r) => setTimeout(r, 60));
    await app.kill("SIGKILL");
    const outcomes = await Promise.all(posts);
    const answered = outcomes.filter((o) => o === 302).length;
    expect(answered).toBeLessThan(BURST); // the kill did land mid-burst

    await app.restart();
    const after = open();
    const rows = after
      .prepare(
        `SELECT c.id, c.stage,
              (SELECT COUNT(*) FROM "CaseEvent" e WHERE e.caseId = c.id AND e.type = 'STAGE_CHANGE' AND e.toStage = 'MEDICAL_REVIEW') AS events
       FROM "Case" c WHERE c.id IN (${ids.map(() => "?").join(",")})`,
      )
      .all(...ids) as { id: string; stage: string; events: number }[];
    const moved = rows.filter((r) => r.stage === "MEDICAL_REVIEW");
    const stayed = rows.filter((r) => r.stage === "ENQUIRY");
    expect(moved.length + stayed.length).toBe(BURST);
    // Every answered change is stored; the stored ones may be more (committed, answer lost).
    expect(moved.length).toBeGreaterThanOrEqual(answered);
    for (const r of moved) expect(r.events, `case ${r.id}: one event for its move`).toBe(1);
    for (const r of stayed) expect(r.events, `case ${r.id}: no event without the move`).toBe(0);
    // The emails of each move were queued with it: the ENQUIRY emails plus the move's own.
    // (The confirmation email belongs to no case: it was sent before there was one.)
    const perCase = (id: string) =>
      (
        after.prepare(`SELECT COUNT(*) AS n FROM "OutboxEmail" WHERE caseId = ?`).get(id) as {
          n: number;
        }
      ).n;
    const enquiryEmails = perCase(stayed[0]?.id ?? moved[0]!.id);
    for (const r of stayed) expect(perCase(r.id)).toBe(enquiryEmails);
    for (const r of moved) expect(perCase(r.id)).toBeGreaterThan(enquiryEmails);
    after.close();

    // The restarted worker delivers everything queued. Rows the killed worker had claimed wait
    // for its lease (60 s) to lapse, as they would if another instance had died.
    await expect
      .poll(
        () => {
          const check = open();
          const pending = (
            check
              .prepare(`SELECT COUNT(*) AS n FROM "OutboxEmail" WHERE status != 'SENT'`)
              .get() as {
              n: number;
            }
          ).n;
          check.close();
          return pending;
        },
        { timeout: 100_000, interval: 500 },
      )
      .toBe(0);
    // One delivered message per row (written as <row id>.eml without SMTP): nothing lost.
    const final = open();
    const rowsSent = final.prepare(`SELECT id FROM "OutboxEmail"`).all() as { id: string }[];
    final.close();
    const files = fs.readdirSync(path.join(app.dir, "mail")).filter((f) => f.endsWith(".eml"));
    expect(files.sort()).toEqual(rowsSent.map((r) => `${r.id}.eml`).sort());
  },
);
