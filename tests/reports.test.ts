/**
 * The management reports against the demo seed: each figure the database aggregates is
 * recomputed here independently, row by row in JavaScript, from the same tables, and the
 * CSV export carries the same figures. Runs on SQLite and (npm run test:pg) PostgreSQL.
 */
import { db } from "~/db.server";
import {
  firstResponse,
  followUpCompletion,
  funnel,
  parseReportQuery,
  revenue,
  stageTime,
} from "~/models/reports/reports.server";
import { loader as reportCsvLoader } from "~/routes/staff.reports.$report[.]csv";
import { loader as reportsPage } from "~/routes/staff.reports";
import { seed } from "../prisma/seed";
import { minorToInput } from "~/lib/money";
import { resetDatabase } from "./support/db";
import { createUser } from "./support/factories";
import { call, cookieFor } from "./support/requests";

const month = (d: Date) => d.toISOString().slice(0, 7);
const range = { from: new Date("2000-01-01T00:00:00Z"), to: new Date("2100-01-01T00:00:00Z") };
const now = new Date();

beforeAll(async () => {
  await resetDatabase();
  await seed(db);
  // Money in a second currency, a refund, and a late first reply, so every branch counts.
  const kase = await db.case.findFirstOrThrow({ where: { stage: "AFTERCARE" } });
  const paid = await db.payment.findFirstOrThrow({
    where: { status: "SUCCEEDED", kind: "DEPOSIT" },
  });
  await db.payment.create({
    data: {
      caseId: paid.caseId,
      kind: "REFUND",
      status: "SUCCEEDED",
      method: "BANK_TRANSFER",
      amountMinor: 123_45,
      currency: paid.currency,
      refundOfId: paid.id,
      paidAt: paid.paidAt,
    },
  });
  await db.case.update({
    where: { id: kase.id },
    data: { firstRespondedAt: new Date(kase.firstResponseDueAt!.getTime() + 3600_000) },
  });
});

describe("reports match figures computed independently", () => {
  it("funnel: cases that reached each stage, overall and by programme, country and language", async () => {
    const events = await db.caseEvent.findMany({
      where: { type: "STAGE_CHANGE", toStage: { not: null } },
      select: {
        caseId: true,
        toStage: true,
        case: { select: { language: true, country: true, programme: { select: { slug: true } } } },
      },
    });
    expect(events.length).toBeGreaterThan(100);
    for (const by of ["all", "programme", "country", "language"] as const) {
      const expected = new Map<string, Set<string>>();
      for (const e of events) {
        const group =
          by === "all"
            ? ""
            : by === "programme"
              ? e.case.programme.slug
              : by === "country"
                ? (e.case.country ?? "")
                : e.case.language;
        const key = `${group}|${e.toStage}`;
        if (!expected.has(key)) expected.set(key, new Set());
        expected.get(key)!.add(e.caseId);
      }
      const rows = await funnel(range, by);
      const got = Object.fromEntries(rows.map((r) => [`${r.group}|${r.stage}`, r.cases]));
      expect(got, by).toEqual(Object.fromEntries([...expected].map(([k, ids]) => [k, ids.size])));
    }
    const all = await funnel(range, "all");
    expect(all.find((r) => r.stage === "ENQUIRY")!.cases).toBe(await db.case.count());
  });

  it("median time in each stage, over the stays that ended", async () => {
    const events = await db.caseEvent.findMany({
      where: { type: "STAGE_CHANGE" },
      orderBy: [{ caseId: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      select: { caseId: true, fromStage: true, createdAt: true },
    });
    const stays = new Map<string, number[]>();
    for (let i = 1; i < events.length; i++) {
      const e = events[i]!;
      const prev = events[i - 1]!;
      if (prev.caseId !== e.caseId || !e.fromStage) continue;
      const list = stays.get(e.fromStage) ?? [];
      list.push((e.createdAt.getTime() - prev.createdAt.getTime()) / 1000);
      stays.set(e.fromStage, list);
    }
    const median = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      const m = Math.floor(s.length / 2);
      return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
    };
    const rows = await stageTime(range);
    expect(rows.length).toBeGreaterThan(5);
    expect(Object.fromEntries(rows.map((r) => [r.stage, [r.stays, r.medianSeconds]]))).toEqual(
      Object.fromEntries(
        [...stays].map(([stage, xs]) => [stage, [xs.length, Math.round(median(xs))]]),
      ),
    );
  });

  it("first-response SLA by month: met, breached and pending", async () => {
    const cases = await db.case.findMany({
      where: { firstResponseDueAt: { not: null } },
      select: {
        createdAt: true,
        firstResponseDueAt: true,
        firstRespondedAt: true,
        slaPausedAt: true,
      },
    });
    const expected = new Map<
      string,
      { enquiries: number; met: number; breached: number; pending: number }
    >();
    for (const c of cases) {
      const row = expected.get(month(c.createdAt)) ?? {
        enquiries: 0,
        met: 0,
        breached: 0,
        pending: 0,
      };
      row.enquiries++;
      if (c.firstRespondedAt && c.firstRespondedAt <= c.firstResponseDueAt!) row.met++;
      else if (c.firstRespondedAt || (!c.slaPausedAt && c.firstResponseDueAt! < now))
        row.breached++;
      else row.pending++;
      expected.set(month(c.createdAt), row);
    }
    const rows = await firstResponse(range, now);
    expect(rows.reduce((s, r) => s + r.breached, 0)).toBeGreaterThan(0);
    expect(Object.fromEntries(rows.map(({ month: m, ...rest }) => [m, rest]))).toEqual(
      Object.fromEntries(expected),
    );
  });

  it("revenue quoted, accepted and paid (net of refunds) by month and currency", async () => {
    const [quotes, payments] = await Promise.all([
      db.quote.findMany(),
      db.payment.findMany({ where: { status: "SUCCEEDED" } }),
    ]);
    const expected: Record<string, number> = {};
    const add = (d: Date, currency: string, measure: string, minor: number) => {
      const key = `${month(d)}|${currency}|${measure}`;
      expected[key] = (expected[key] ?? 0) + minor;
    };
    for (const q of quotes) {
      if (q.issuedAt && q.status !== "SUPERSEDED")
        add(q.issuedAt, q.currency, "quoted", q.totalMinor);
      if (q.status === "ACCEPTED" && q.acceptedAt)
        add(q.acceptedAt, q.currency, "accepted", q.totalMinor);
    }
    for (const p of payments) {
      if (p.paidAt)
        add(p.paidAt, p.currency, "paid", p.kind === "REFUND" ? -p.amountMinor : p.amountMinor);
    }
    const rows = await revenue(range);
    expect(new Set(rows.map((r) => r.measure))).toEqual(new Set(["quoted", "accepted", "paid"]));
    expect(
      Object.fromEntries(rows.map((r) => [`${r.month}|${r.currency}|${r.measure}`, r.minor])),
    ).toEqual(expected);
  });

  it("follow-up completion of those already due, by follow-up of the plan", async () => {
    const due = await db.followUp.findMany({
      where: { kind: "FOLLOW_UP", dueAt: { lte: now } },
      select: { label: true, status: true },
    });
    const expected: Record<string, [number, number]> = {};
    for (const f of due) {
      const row = (expected[f.label] ??= [0, 0]);
      row[0]++;
      if (f.status === "COMPLETED") row[1]++;
    }
    const rows = await followUpCompletion(range, now);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.completed < r.due)).toBe(true);
    expect(Object.fromEntries(rows.map((r) => [r.label, [r.due, r.completed]]))).toEqual(expected);
  });

  it("exports each report as CSV with the same figures, for finance and admins only", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const cookie = await cookieFor(admin.id);
    const out = await call(reportCsvLoader, {
      path: "/staff/reports/funnel.csv?from=2000-01&to=2099-12&by=language",
      params: { report: "funnel" },
      cookie,
    });
    expect(out.status).toBe(200);
    const text = await out.response!.text();
    const lines = text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("group_by,group,stage,cases");
    const rows = await funnel(range, "language");
    expect(lines.slice(1)).toEqual(rows.map((r) => `language,${r.group},${r.stage},${r.cases}`));
    for (const name of ["stage-time", "first-response", "revenue", "follow-ups"]) {
      const csv = await call(reportCsvLoader, {
        path: `/staff/reports/${name}.csv`,
        params: { report: name },
        cookie,
      });
      expect(csv.status, name).toBe(200);
    }
    // Money as decimal amounts in the currency's digits (500.50, not 50050), currency beside it.
    const revenueCsv = await call(reportCsvLoader, {
      path: "/staff/reports/revenue.csv?from=2000-01&to=2099-12",
      params: { report: "revenue" },
      cookie,
    });
    const revenueLines = (await revenueCsv.response!.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(revenueLines[0]).toBe("month,currency,measure,amount");
    const all = parseReportQuery(new URL("http://x/?from=2000-01&to=2099-12")).range;
    const money = await revenue(all);
    expect(money.length).toBeGreaterThan(0);
    expect(revenueLines.slice(1)).toEqual(
      money.map(
        (r) => `${r.month},${r.currency},${r.measure},${minorToInput(r.minor, r.currency)}`,
      ),
    );
    expect(revenueLines.slice(1).every((l) => /,-?\d+(\.\d+)?$/.test(l))).toBe(true);
    const clinician = await createUser({ role: "CLINICIAN" });
    const denied = await call(reportsPage, {
      path: "/staff/reports",
      cookie: await cookieFor(clinician.id),
    });
    expect(denied.status).toBe(403);
  });

  it("reads the period from the URL, defaulting to the last twelve months", () => {
    const q = parseReportQuery(
      new URL("http://x/staff/reports?from=2026-03&to=2026-05&by=country"),
    );
    expect(q.range.from.toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(q.range.to.toISOString()).toBe("2026-06-01T00:00:00.000Z");
    expect(q.by).toBe("country");
    const d = parseReportQuery(
      new URL("http://x/?from=junk&by=evil"),
      new Date("2026-11-25T10:00:00Z"),
    );
    expect(d.fromMonth).toBe("2025-12");
    expect(d.toMonth).toBe("2026-11");
    expect(d.by).toBe("all");
  });
});
