/**
 * Property-based fuzzing of every action (fast-check): for each route with an action, as a
 * role that gets past its guard, random forms never yield a 500, whether urlencoded or
 * multipart, short or huge, ASCII or unicode-heavy, with the route's own field and intent
 * names mixed with ids of real rows. Afterwards the stored data still holds together: no
 * booked appointment without its held cells (or cells without a booked appointment), no
 * case without its opening event, no succeeded payment without a receipt number, no issued
 * quote without lines. Any console.error fails the test (tests/support/setup-test-env.ts).
 */
import fs from "node:fs";
import fc from "fast-check";
import { db } from "~/db.server";
import { checkFile, saveDocuments } from "~/infra/document-store.server";
import { FORM_KEY, newFormKey } from "~/infra/forms.server";
import { startSession } from "~/infra/session.server";
import { demoPdf } from "../../prisma/demo-pdf";
import { resetDatabase } from "../support/db";
import { acceptedCase } from "../support/finance";
import { createUser } from "../support/factories";
import { MATRIX, ROLES, type Ids, type Who } from "./routes";

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const routeModules = import.meta.glob<Record<string, unknown>>("../../app/routes/*.{ts,tsx}");

/**
 * The field names and literal values a route's forms use: its own source, the form schemas
 * it imports (app/forms, where each key is a field) and the components it renders its forms
 * with (app/components). A list field's rows are named `<list>[i].<field>`.
 */
function vocabulary(file: string) {
  const route = fs.readFileSync(`app/routes/${file}`, "utf8");
  const imported = [...route.matchAll(/from "~\/((?:forms|components)\/[\w/-]+)"/g)]
    .map((m) => `app/${m[1]}`)
    .flatMap((base) => [`${base}.ts`, `${base}.tsx`])
    .filter((f) => fs.existsSync(f));
  const names = new Set(["intent", "_action", "redirectTo", FORM_KEY]);
  const values = new Set<string>();
  for (const source of [route, ...imported.map((f) => fs.readFileSync(f, "utf8"))]) {
    for (const m of source.matchAll(/name="([\w.[\]-]+)"/g)) names.add(m[1]!);
    for (const m of source.matchAll(/z\.literal\("([\w-]+)"/g)) values.add(m[1]!);
    for (const m of source.matchAll(/value="([\w@.:-]+)"/g)) values.add(m[1]!);
    for (const m of source.matchAll(/intent === "([\w-]+)"/g)) values.add(m[1]!);
  }
  for (const f of imported.filter((f) => f.startsWith("app/forms/"))) {
    const source = fs.readFileSync(f, "utf8");
    const keys = [...source.matchAll(/^\s+(\w+): z\b/gm)].map((m) => m[1]!);
    const lists = [...source.matchAll(/^\s+(\w+): z\.array\(/gm)].map((m) => m[1]!);
    for (const key of keys) names.add(key);
    for (const list of lists) {
      for (const key of keys) for (const i of [0, 1, 7]) names.add(`${list}[${i}].${key}`);
    }
  }
  return { names: [...names], values: [...values] };
}

/** The first role whose request reaches the action's own validation (not a guard's answer). */
function fuzzingRole(file: string): Who | null {
  const expected = MATRIX[file]?.action;
  if (!expected) return null;
  const order: Who[] = ["owner", "COORDINATOR", "FINANCE", "CLINICIAN", "ADMIN", "anonymous"];
  return order.find((who) => ![302, 403, 404, 405].includes(expected[who])) ?? null;
}

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 60 }),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.constantFrom(
    "",
    " ",
    "0",
    "-1",
    "1e309",
    "NaN",
    "2026-02-30",
    "2027-03-28T02:30",
    "9999-12-31T23:59",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    '=HYPERLINK("http://x")',
    "\u202eevil\u202c",
    "ع".repeat(300),
    "x".repeat(20_000),
  ),
);

describe("every action answers random input without a 500", () => {
  let ids: Ids & { appointmentId: string; planStepId: string; resourceId: string };
  const cookies = new Map<Who, string>();

  beforeAll(async () => {
    await resetDatabase();
    const made = await acceptedCase();
    const { kase, patient } = made;
    const email = await db.outboxEmail.create({
      data: {
        caseId: kase.id,
        toEmail: patient.email,
        locale: "en",
        template: "notice",
        subject: "s",
        html: "h",
        text: "t",
        status: "FAILED",
      },
    });
    const [documentId] = await saveDocuments({
      caseId: kase.id,
      kind: "MEDICAL_RECORD",
      uploadedById: patient.id,
      files: [await checkFile({ name: "labs.pdf", bytes: demoPdf("labs") })],
    });
    const resource = await db.resource.create({
      data: {
        name: "Chair",
        type: "CHAIR",
        hours: {
          create: [1, 2, 3, 4, 5].map((weekday) => ({
            weekday,
            startMinute: 480,
            endMinute: 1080,
          })),
        },
      },
    });
    const step = await db.treatmentPlanStep.create({
      data: {
        caseId: kase.id,
        position: 2,
        name: "Infusion",
        resourceType: "CHAIR",
        durationMinutes: 180,
      },
    });
    const appointment = await db.appointment.create({
      data: {
        caseId: kase.id,
        title: "Infusion",
        planStepId: step.id,
        resourceId: resource.id,
        startsAt: new Date("2099-03-02T06:00:00Z"),
        endsAt: new Date("2099-03-02T09:00:00Z"),
      },
    });
    await db.appointmentSlot.createMany({
      data: Array.from({ length: 12 }, (_, i) => ({
        resourceId: resource.id,
        appointmentId: appointment.id,
        slotStart: new Date(Date.UTC(2099, 2, 2, 6, i * 15)),
      })),
    });
    const payment = await db.payment.findFirst({ where: { caseId: kase.id } });
    ids = {
      caseId: kase.id,
      emailId: email.id,
      documentId: documentId!,
      quoteId: made.quote.id,
      paymentId: payment?.id ?? "none",
      followUpId: (
        await db.followUp.create({
          data: { caseId: kase.id, kind: "FOLLOW_UP", label: "P1M", dueAt: new Date() },
        })
      ).id,
      appointmentId: appointment.id,
      planStepId: step.id,
      resourceId: resource.id,
    };
    const users = new Map<Who, string>([
      ["owner", patient.id],
      ["COORDINATOR", made.staff.coordinator.id],
      ["CLINICIAN", made.staff.clinician.id],
      ["FINANCE", made.staff.finance.id],
      ["ADMIN", made.staff.admin.id],
      ["patient", (await createUser({ role: "PATIENT" })).id],
    ]);
    for (const [who, userId] of users) {
      cookies.set(who, (await startSession(new Request("http://x"), userId)).split(";")[0]!);
    }
    expect(ROLES.length).toBeGreaterThan(0);
  });

  afterAll(async () => {
    // The stored data still holds together after everything the fuzzer sent.
    const booked = await db.appointment.findMany({
      where: { status: "BOOKED", resourceId: { not: null } },
      select: { id: true, _count: { select: { slots: true } } },
    });
    for (const a of booked)
      expect(a._count.slots, `appointment ${a.id} lost its cells`).toBeGreaterThan(0);
    const orphanCells = await db.appointmentSlot.count({
      where: { appointment: { status: { not: "BOOKED" } } },
    });
    expect(orphanCells).toBe(0);
    const casesWithoutEvents = await db.case.count({ where: { events: { none: {} } } });
    expect(casesWithoutEvents).toBe(0);
    const unnumbered = await db.payment.count({
      where: { status: "SUCCEEDED", receiptNumber: null },
    });
    expect(unnumbered).toBe(0);
    const emptyQuotes = await db.quote.count({
      where: { status: { not: "DRAFT" }, lines: { none: {} } },
    });
    expect(emptyQuotes).toBe(0);
  });

  for (const [file, row] of Object.entries(MATRIX)) {
    const who = fuzzingRole(file);
    if (!who) continue;
    it(`${file} as ${who}`, async () => {
      const mod = await routeModules[`../../app/routes/${file}`]!();
      const action = mod.action as (args: {
        request: Request;
        params: Record<string, string>;
        context: object;
      }) => Promise<unknown>;
      const vocab = vocabulary(file);
      const realIds = Object.values(ids);
      const value = fc.oneof(
        { weight: 3, arbitrary: text },
        { weight: 2, arbitrary: fc.constantFrom(...(vocab.values.length ? vocab.values : [""])) },
        { weight: 2, arbitrary: fc.constantFrom(...realIds) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(...realIds.map((id) => `${id}@2099-03-02T07:00:00.000Z`)),
        },
        // A creating form's key, fresh each time, so the fuzzer gets past the replay check.
        { weight: 1, arbitrary: fc.constant(null).map(() => newFormKey()) },
      );
      const fields = fc.array(
        fc.tuple(fc.oneof(fc.constantFrom(...vocab.names), fc.string({ maxLength: 12 })), value),
        {
          maxLength: 24,
        },
      );
      const file_ = fc.option(fc.uint8Array({ maxLength: 2048 }), { nil: undefined });
      await fc.assert(
        fc.asyncProperty(fields, fc.boolean(), file_, async (pairs, multipart, bytes) => {
          let body: BodyInit;
          const headers: Record<string, string> = { "Accept-Language": "en" };
          const cookie = cookies.get(who);
          if (cookie) headers.Cookie = cookie;
          if (multipart) {
            const form = new FormData();
            for (const [k, v] of pairs) form.append(k, v);
            if (bytes)
              form.append(
                vocab.names.includes("file") ? "file" : "files",
                new Blob([bytes]),
                "x.pdf",
              );
            body = form;
          } else {
            body = new URLSearchParams(pairs);
            headers["Content-Type"] = "application/x-www-form-urlencoded";
          }
          const request = new Request(`http://localhost:3999${row.path(ids)}`, {
            method: "POST",
            headers,
            body,
          });
          let status: number;
          try {
            const result = await action({
              request,
              params: row.params?.(ids) ?? {},
              context: { ip: `10.9.${pairs.length}.${Math.floor(Math.random() * 250)}` },
            });
            status =
              result instanceof Response
                ? result.status
                : ((result as { init?: { status?: number } } | null)?.init?.status ?? 200);
          } catch (thrown) {
            if (!(thrown instanceof Response)) throw thrown;
            status = thrown.status;
          }
          expect(status).toBeLessThan(500);
        }),
        { numRuns: RUNS },
      );
    });
  }
});
