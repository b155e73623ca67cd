/**
 * The authorization matrix: every route file in app/routes, every role, loader and action.
 * A route added without a row here fails the first test, so none can be forgotten.
 * Outcomes: a status code; 302 to sign-in for signed-out visitors of protected pages.
 */
import fs from "node:fs";
import { db, dialect } from "~/db.server";
import { checkFile, saveDocuments } from "~/infra/document-store.server";
import { startSession } from "~/infra/session.server";
import { demoPdf } from "../../prisma/demo-pdf";
import { resetDatabase } from "../support/db";
import { createCase, createUser } from "../support/factories";
import { MATRIX, ROLES, type Expect, type Ids, type Who } from "./routes";
import {
  currentConsent,
  ensureConsent,
  ensureSignedPdf,
  textSha256,
} from "~/models/consent/consent.server";

const routeFiles = fs
  .readdirSync("app/routes")
  .filter((f) => /\.(tsx?|jsx?)$/.test(f) && !f.includes(".test."));
// Every route module, imported by the bundler from the same folder the list above reads.
const routeModules = import.meta.glob<Record<string, unknown>>("../../app/routes/*.{ts,tsx}");

it("has a row for every route file, and none for a route that does not exist", () => {
  expect(
    routeFiles.filter((f) => !(f in MATRIX)),
    "routes without a row",
  ).toEqual([]);
  expect(
    Object.keys(MATRIX).filter((f) => !routeFiles.includes(f)),
    "rows without a route",
  ).toEqual([]);
});

async function statusOf(fn: () => Promise<unknown>): Promise<number> {
  try {
    const r = await fn();
    if (r instanceof Response) return r.status;
    return (r as { init?: { status?: number } } | null)?.init?.status ?? 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

/**
 * Tables a GET may write: the audit trail of reads, sessions and rate-limit windows, and the
 * first download of an issued finance document (ADR 020): its PDF's bytes in a language
 * (IssuedPdf), and, for a document issued before documents were frozen, its frozen data
 * (IssuedDocument). Written once, then only read: what a GET serves never changes.
 */
const READ_SIDE_TABLES = new Set([
  "AuditLog",
  "Session",
  "RateLimit",
  "_prisma_migrations",
  "IssuedDocument",
  "IssuedPdf",
]);

/** Every stored row of every other table, as one string, to compare before and after a GET. */
async function storedData(): Promise<string> {
  const tables =
    dialect === "postgresql"
      ? (
          await db.$queryRawUnsafe<{ name: string }[]>(
            "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
          )
        ).map((t) => t.name)
      : (
          await db.$queryRawUnsafe<{ name: string }[]>(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1",
          )
        ).map((t) => t.name);
  const rows: Record<string, unknown> = {};
  for (const table of tables.filter((t) => !READ_SIDE_TABLES.has(t))) {
    rows[table] = await db.$queryRawUnsafe(`SELECT * FROM "${table}" ORDER BY 1`);
  }
  return JSON.stringify(rows, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

describe("each role gets the expected outcome from every loader and action", () => {
  let ids: Ids;
  const cookies = new Map<Who, string>();

  const users = new Map<Who, string>();

  beforeAll(async () => {
    await resetDatabase();
    const { kase, patient, programme } = await createCase();
    // Scheduled and eligible: every page behind the patient's case page is open
    // (app/lib/portal-view.ts sectionOpen); tests/portal-stage.test.tsx closes them.
    await db.case.update({
      where: { id: kase.id },
      data: { stage: "SCHEDULED", eligibility: "ELIGIBLE" },
    });
    const email = await db.outboxEmail.findFirstOrThrow({ where: { caseId: kase.id } });
    const [documentId] = await saveDocuments({
      caseId: kase.id,
      kind: "MEDICAL_RECORD",
      uploadedById: patient.id,
      files: [await checkFile({ name: "labs.pdf", bytes: demoPdf("labs") })],
    });
    const quote = await db.quote.create({
      data: {
        caseId: kase.id,
        version: 1,
        status: "ISSUED",
        currency: "EUR",
        baseCurrency: "EUR",
        fxRate: "1",
        grossMinor: 100_00,
        totalMinor: 100_00,
        depositMinor: 20_00,
        termsVersion: "2026-11",
        issuedAt: new Date(),
        validUntil: new Date(Date.now() + 86_400_000),
      },
    });
    const payment = await db.payment.create({
      data: {
        caseId: kase.id,
        quoteId: quote.id,
        kind: "DEPOSIT",
        status: "SUCCEEDED",
        method: "BANK_TRANSFER",
        amountMinor: 20_00,
        currency: "EUR",
        receiptNumber: "RC-2026-900001",
        paidAt: new Date(),
      },
    });
    ids = {
      caseId: kase.id,
      emailId: email.id,
      documentId: documentId!,
      quoteId: quote.id,
      paymentId: payment.id,
      followUpId: (
        await db.followUp.create({
          data: { caseId: kase.id, kind: "FOLLOW_UP", label: "P1M", dueAt: new Date() },
        })
      ).id,
      appointmentId: (
        await db.appointment.create({
          data: {
            caseId: kase.id,
            kind: "CONSULTATION",
            title: "Video consultation",
            startsAt: new Date("2099-03-02T07:00:00Z"),
            endsAt: new Date("2099-03-02T07:30:00Z"),
          },
        })
      ).id,
      programmeSlug: programme.slug,
      programmeId: programme.id,
      // A signed procedure consent (issue 25) with its PDF, as the seed makes it.
      consentId: await signedConsentOf(kase.id, programme.id, patient.id),
    };
    for (const who of ROLES) {
      if (who === "anonymous") continue;
      if (who === "owner") users.set(who, patient.id);
      else users.set(who, (await createUser({ role: who === "patient" ? "PATIENT" : who })).id);
    }
  });

  // Fresh sessions for every route: the logout action, for one, rightly revokes them.
  beforeEach(async () => {
    for (const [who, userId] of users) {
      cookies.set(who, (await startSession(new Request("http://x"), userId)).split(";")[0]!);
    }
  });

  for (const [file, row] of Object.entries(MATRIX)) {
    for (const kind of ["loader", "action"] as const) {
      const expected = row[kind];
      it(`${file} ${kind} ${expected ? "" : "does not exist"}`.trim(), async () => {
        const load = routeModules[`../../app/routes/${file}`];
        expect(load, `${file} is not importable`).toBeDefined();
        const mod = await load!();
        if (!expected) {
          expect(mod[kind], `${file} exports an ${kind} but has no row for it`).toBeUndefined();
          return;
        }
        const fn = mod[kind] as (args: {
          request: Request;
          params: Record<string, string>;
          context: object;
        }) => Promise<unknown>;
        expect(typeof fn).toBe("function");
        const got: Partial<Expect> = {};
        // No state-changing GET: every role's GET leaves the stored data as it was.
        const before = kind === "loader" ? await storedData() : null;
        for (const who of ROLES) {
          const headers: Record<string, string> = { "Accept-Language": "en" };
          const cookie = cookies.get(who);
          if (cookie) headers.Cookie = cookie;
          const init: RequestInit =
            kind === "action"
              ? {
                  method: "POST",
                  headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
                  body: "",
                }
              : { headers };
          const request = new Request(`http://localhost:3999${row.path(ids)}`, init);
          got[who] = await statusOf(() =>
            fn({ request, params: row.params?.(ids) ?? {}, context: { ip: "127.0.0.1" } }),
          );
        }
        expect(got).toEqual(expected);
        if (before !== null)
          expect(await storedData(), `GET ${file} changed stored data`).toBe(before);
      });
    }
  }
});

it("answers 404, not 403, for a case id that does not exist, to staff", async () => {
  const user = await createUser({ role: "COORDINATOR" });
  const cookie = (await startSession(new Request("http://x"), user.id)).split(";")[0]!;
  const { loader } = await import("~/routes/staff.cases.$caseId");
  const status = await statusOf(() =>
    loader({
      request: new Request("http://localhost/staff/cases/nope", { headers: { Cookie: cookie } }),
      params: { caseId: "nope" },
      context: {},
    }),
  );
  expect(status).toBe(404);
});

/** A published consent text and the patient's typed signature of it, as the seed makes them. */
async function signedConsentOf(caseId: string, programmeId: string, patientId: string) {
  const text = { title: "Consent", sections: [{ heading: "Risks", body: "Fever." }] };
  await ensureConsent(programmeId, { en: text });
  const current = (await currentConsent(programmeId))!;
  const row = await db.signedConsent.create({
    data: {
      caseId,
      kind: "PROCEDURE",
      definitionId: current.id,
      version: current.version,
      language: "en",
      signerId: patientId,
      typedName: "Test Patient",
      signatureMethod: "TYPED",
      textSha256: textSha256(text),
    },
  });
  await ensureSignedPdf(row.id);
  return row.id;
}
