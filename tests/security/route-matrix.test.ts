/**
 * The authorization matrix: every route file in app/routes, every role, loader and action.
 * A route added without a row here fails the first test, so none can be forgotten.
 * Outcomes: a status code; 302 to sign-in for signed-out visitors of protected pages.
 */
import fs from "node:fs";
import { db, dialect } from "~/db.server";
import { checkFile, saveDocuments } from "~/models/documents.server";
import { startSession } from "~/models/session.server";
import { demoPdf } from "../../prisma/demo-pdf";
import { resetDatabase } from "../support/db";
import { createCase, createUser } from "../support/factories";

/** "owner" is the patient whose case and document the rows use; "patient" is another patient. */
const ROLES = [
  "anonymous",
  "patient",
  "owner",
  "COORDINATOR",
  "CLINICIAN",
  "FINANCE",
  "ADMIN",
] as const;
type Who = (typeof ROLES)[number];
type Expect = Record<Who, number>;

const all = (status: number): Expect => Object.fromEntries(ROLES.map((r) => [r, status])) as Expect;
const staffOnly = (staffStatus: number): Expect => ({
  anonymous: 302,
  patient: 403,
  owner: 403,
  COORDINATOR: staffStatus,
  CLINICIAN: staffStatus,
  FINANCE: staffStatus,
  ADMIN: staffStatus,
});
const adminOnly = (adminStatus: number): Expect => ({ ...staffOnly(403), ADMIN: adminStatus });
/** Patient pages: another patient's case is not found; staff are not patients. */
const patientOnly = (other: number, owner: number): Expect => ({
  anonymous: 302,
  patient: other,
  owner,
  COORDINATOR: 403,
  CLINICIAN: 403,
  FINANCE: 403,
  ADMIN: 403,
});

interface Row {
  path: (ids: Ids) => string;
  params?: (ids: Ids) => Record<string, string>;
  loader?: Expect;
  action?: Expect;
}
interface Ids {
  caseId: string;
  emailId: string;
  documentId: string;
  quoteId: string;
  paymentId: string;
}
/** Finance pages: finance and admins; a case's quote page also coordinators. */
const financeOnly = (status: number): Expect => ({
  ...staffOnly(403),
  FINANCE: status,
  ADMIN: status,
});
const quoteViewers = (status: number): Expect => ({ ...staffOnly(status), CLINICIAN: 403 });
/** Booking, itinerary and passports: the coordinators' work (and admins'). */
const coordinatorsOnly = (status: number): Expect => ({
  ...staffOnly(403),
  COORDINATOR: status,
  ADMIN: status,
});

const MATRIX: Record<string, Row> = {
  "_index.tsx": { path: () => "/", loader: all(200) },
  "healthz.ts": { path: () => "/healthz", loader: all(200) },
  "bench.tsx": { path: () => "/bench" },
  "login.tsx": {
    path: () => "/login",
    loader: {
      anonymous: 200,
      patient: 200,
      owner: 200,
      COORDINATOR: 302,
      CLINICIAN: 302,
      FINANCE: 302,
      ADMIN: 302,
    },
    action: all(400),
  },
  "logout.tsx": { path: () => "/logout", loader: all(302), action: all(302) },
  "staff.tsx": { path: () => "/staff", loader: staffOnly(200) },
  "staff._index.tsx": { path: () => "/staff", loader: staffOnly(302) },
  "staff.cases._index.tsx": { path: () => "/staff/cases", loader: staffOnly(200) },
  "staff.cases.$caseId.tsx": {
    path: (ids) => `/staff/cases/${ids.caseId}`,
    params: (ids) => ({ caseId: ids.caseId }),
    loader: staffOnly(200),
    action: staffOnly(400),
  },
  "staff.outbox._index.tsx": {
    path: () => "/staff/outbox",
    loader: adminOnly(200),
    action: adminOnly(302),
  },
  "staff.cases.$caseId.documents.$documentId.ts": {
    path: (ids) => `/staff/cases/${ids.caseId}/documents/${ids.documentId}`,
    params: (ids) => ({ caseId: ids.caseId, documentId: ids.documentId }),
    // Finance handles money, not medical records.
    loader: { ...staffOnly(200), FINANCE: 403 },
  },
  "enquire.tsx": { path: () => "/enquire", loader: all(200), action: all(400) },
  "enquire_.received.tsx": { path: () => "/enquire/received", loader: all(200) },
  "privacy.tsx": { path: () => "/privacy", loader: all(200) },
  "portal_.login.tsx": {
    path: () => "/portal/login",
    loader: { ...all(200), patient: 302, owner: 302 },
    action: all(400),
  },
  "portal_.auth.tsx": { path: () => "/portal/auth", loader: all(200), action: all(400) },
  "portal.tsx": { path: () => "/portal", loader: patientOnly(200, 200) },
  // With exactly one case, the owner is taken straight to it.
  "portal._index.tsx": { path: () => "/portal", loader: patientOnly(200, 302) },
  "portal.cases.$caseId.tsx": {
    path: (ids) => `/portal/cases/${ids.caseId}`,
    params: (ids) => ({ caseId: ids.caseId }),
    loader: patientOnly(404, 200),
    action: patientOnly(404, 400),
  },
  "portal.cases.$caseId.documents.$documentId.ts": {
    path: (ids) => `/portal/cases/${ids.caseId}/documents/${ids.documentId}`,
    params: (ids) => ({ caseId: ids.caseId, documentId: ids.documentId }),
    loader: patientOnly(404, 200),
  },
  "portal.settings.tsx": {
    path: () => "/portal/settings",
    loader: patientOnly(200, 200),
    action: patientOnly(400, 400),
  },
  "staff.review.tsx": {
    path: () => "/staff/review",
    // Finance has nothing to review: the queue is health data.
    loader: { ...staffOnly(200), FINANCE: 403 },
  },
  "staff.audit.tsx": { path: () => "/staff/audit", loader: adminOnly(200) },
  "staff.cases.$caseId_.quote.tsx": {
    path: (ids) => `/staff/cases/${ids.caseId}/quote`,
    params: (ids) => ({ caseId: ids.caseId }),
    loader: quoteViewers(200),
    // Only finance changes a quote or records money; an empty form is bad input.
    action: { ...quoteViewers(403), FINANCE: 400 },
  },
  "staff.cases.$caseId_.quotes.$quoteId.pdf.ts": {
    path: (ids) => `/staff/cases/${ids.caseId}/quotes/${ids.quoteId}/pdf`,
    params: (ids) => ({ caseId: ids.caseId, quoteId: ids.quoteId }),
    loader: quoteViewers(200),
  },
  "staff.cases.$caseId_.receipts.$paymentId.pdf.ts": {
    path: (ids) => `/staff/cases/${ids.caseId}/receipts/${ids.paymentId}/pdf`,
    params: (ids) => ({ caseId: ids.caseId, paymentId: ids.paymentId }),
    loader: quoteViewers(200),
  },
  "staff.finance._index.tsx": { path: () => "/staff/finance", loader: financeOnly(200) },
  "staff.finance.prices.tsx": {
    path: () => "/staff/finance/prices",
    loader: financeOnly(200),
    action: financeOnly(400),
  },
  "staff.finance.payments[.]csv.ts": {
    path: () => "/staff/finance/payments.csv",
    loader: financeOnly(200),
  },
  "portal.cases.$caseId_.quote.tsx": {
    path: (ids) => `/portal/cases/${ids.caseId}/quote`,
    params: (ids) => ({ caseId: ids.caseId }),
    loader: patientOnly(404, 200),
    action: patientOnly(404, 400),
  },
  "portal.cases.$caseId_.quotes.$quoteId.pdf.ts": {
    path: (ids) => `/portal/cases/${ids.caseId}/quotes/${ids.quoteId}/pdf`,
    params: (ids) => ({ caseId: ids.caseId, quoteId: ids.quoteId }),
    loader: patientOnly(404, 200),
  },
  "portal.cases.$caseId_.receipts.$paymentId.pdf.ts": {
    path: (ids) => `/portal/cases/${ids.caseId}/receipts/${ids.paymentId}/pdf`,
    params: (ids) => ({ caseId: ids.caseId, paymentId: ids.paymentId }),
    loader: patientOnly(404, 200),
  },
  "staff.cases.$caseId_.schedule.tsx": {
    path: (ids) => `/staff/cases/${ids.caseId}/schedule`,
    params: (ids) => ({ caseId: ids.caseId }),
    // Clinicians see the bookings of the plan they set; finance needs no health data.
    loader: { ...coordinatorsOnly(200), CLINICIAN: 200 },
    action: coordinatorsOnly(400),
  },
  "staff.cases.$caseId_.travel.tsx": {
    path: (ids) => `/staff/cases/${ids.caseId}/travel`,
    params: (ids) => ({ caseId: ids.caseId }),
    loader: coordinatorsOnly(200),
    action: coordinatorsOnly(400),
  },
  "staff.cases.$caseId_.itinerary[.]pdf.ts": {
    path: (ids) => `/staff/cases/${ids.caseId}/itinerary.pdf`,
    params: (ids) => ({ caseId: ids.caseId }),
    loader: coordinatorsOnly(200),
  },
  // The case has no approved passport yet: the letter cannot be produced (409).
  "staff.cases.$caseId_.visa-letter[.]pdf.ts": {
    path: (ids) => `/staff/cases/${ids.caseId}/visa-letter.pdf`,
    params: (ids) => ({ caseId: ids.caseId }),
    loader: coordinatorsOnly(409),
  },
  "staff.resources.tsx": {
    path: () => "/staff/resources",
    loader: coordinatorsOnly(200),
    action: coordinatorsOnly(400),
  },
  "portal.cases.$caseId_.appointments.tsx": {
    path: (ids) => `/portal/cases/${ids.caseId}/appointments`,
    params: (ids) => ({ caseId: ids.caseId }),
    loader: patientOnly(404, 200),
    action: patientOnly(404, 400),
  },
  "portal.cases.$caseId_.travel.tsx": {
    path: (ids) => `/portal/cases/${ids.caseId}/travel`,
    params: (ids) => ({ caseId: ids.caseId }),
    loader: patientOnly(404, 200),
    action: patientOnly(404, 400),
  },
  "portal.cases.$caseId_.itinerary[.]pdf.ts": {
    path: (ids) => `/portal/cases/${ids.caseId}/itinerary.pdf`,
    params: (ids) => ({ caseId: ids.caseId }),
    loader: patientOnly(404, 200),
  },
  "portal.cases.$caseId_.visa-letter[.]pdf.ts": {
    path: (ids) => `/portal/cases/${ids.caseId}/visa-letter.pdf`,
    params: (ids) => ({ caseId: ids.caseId }),
    loader: patientOnly(404, 409),
  },
  // Stripe's webhook: no session; anything not signed is refused.
  "webhooks.stripe.ts": { path: () => "/webhooks/stripe", loader: all(405), action: all(400) },
  "staff.outbox.$emailId.tsx": {
    path: (ids) => `/staff/outbox/${ids.emailId}`,
    params: (ids) => ({ emailId: ids.emailId }),
    loader: adminOnly(200),
  },
};

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

/** Tables a GET may write: the audit trail of reads, sessions and rate-limit windows. */
const READ_SIDE_TABLES = new Set(["AuditLog", "Session", "RateLimit", "_prisma_migrations"]);

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
    const { kase, patient } = await createCase();
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
