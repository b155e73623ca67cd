/**
 * Reading cases for staff pages. Queries select only what the pages show. The filters'
 * shape and their URL form are in app/lib/pipeline.ts, which the browser also loads.
 * The page-level reads (getStaffCase, getPipeline, listReviewQueue) check the permission,
 * keep health data from those who may not read it (ADR 016), and audit the read.
 */
import { questionnairesOfEnquiries } from "~/models/catalogue/questionnaire.server";
import { REVIEW_TABS, type ReviewTab } from "~/lib/review";
import { can, ROLE, type Role } from "~/lib/permissions";
import { db, dialect } from "~/db.server";
import { audit } from "~/infra/audit.server";
import { DOCUMENT_LIST } from "~/infra/document-store.server";
import type { Prisma } from "~/generated/prisma/client";
import {
  availableTransitions,
  canQuote,
  isQuoteSettled,
  isStage,
  nextStep,
  STAGES,
  type Stage,
} from "~/lib/stages";
import { z } from "zod";
import { BOARD_CARDS, firstValues, PAGE_SIZE, type CaseListQuery } from "~/lib/pipeline";
import { assertCan, notFound } from "~/models/auth/auth.server";
import { overdueWhere } from "~/models/cases/sla.server";
import { MANUAL_TASK } from "~/lib/tasks";
import { readFacts } from "~/models/cases/stage.server";
import { insuranceFacts } from "~/models/travel/insurance.server";
import { lazyTallies, tallyKeyOf, type Tallies } from "~/models/cases/tally.server";
import { Prisma as Sql } from "~/generated/prisma/client";
import {
  BY_DUE,
  filterSql,
  NEWEST,
  orderSql,
  readArms,
  sliceSql,
  stageSql,
  type Arm,
  type CaseRowData,
} from "~/models/cases/case-rows.server";

/** An open clinician's task (aftercare), not a hand-made one (issue 22, app/lib/tasks.ts). */
const OPEN_CLINICAL_TASK = {
  resolvedAt: null,
  kind: { not: MANUAL_TASK },
} as const satisfies Prisma.ClinicalTaskWhereInput;
import { markCaseRead, unreadByCase } from "~/models/inbox/inbox.server";
import { REACH_SELECT, reachOf } from "~/models/channels/reach.server";

/** Who reads: the signed-in staff member (app/models/auth/auth.server.ts, StaffUser). */
export interface Reader {
  id: string;
  role: Role;
}

/**
 * Typed text is matched literally. Prisma passes `contains` to LIKE as `%text%` without
 * escaping, so `%` or `_` in a search would be wildcards (`q=%` matched every case).
 * PostgreSQL's LIKE escapes with a backslash by default, so they are escaped there. SQLite's
 * LIKE has no escape character unless the SQL names one, so a search holding one is matched
 * with instr() instead (see patientsMatching).
 */
const WILDCARD = /[%_\\]/;

function escapeLike(q: string): string {
  return q.replace(/[\\%_]/g, "\\$&");
}

/** "Contains", ignoring case: SQLite's LIKE ignores ASCII case; PostgreSQL needs ILIKE. */
function containsText(q: string): Prisma.StringFilter {
  return dialect === "postgresql"
    ? ({ contains: escapeLike(q), mode: "insensitive" } as Prisma.StringFilter)
    : { contains: q };
}

function containsExact(q: string): Prisma.StringFilter {
  return { contains: dialect === "postgresql" ? escapeLike(q) : q };
}

/** SQLite, for a search holding a LIKE wildcard: the patients whose name or email holds it. */
async function patientsMatching(q: string): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT "id" FROM "User" WHERE "role" = ? AND (instr(lower("name"), lower(?)) > 0 OR instr("email", lower(?)) > 0) LIMIT 1000`,
    ROLE.PATIENT,
    q,
    q,
  );
  return rows.map((r) => r.id);
}

const CASE_NUMBER = /^MT-\d{4}-\d{1,6}$/i;

/**
 * The filters, without the stage (the per-stage counts and the board's columns apply that
 * themselves): as a Prisma where clause for the counts, and the same conditions as SQL for the
 * rows (case-rows.server.ts filterSql). A case number is matched exactly; an email by prefix;
 * otherwise the name or email contains the words.
 */
async function filtersOf(
  query: CaseListQuery,
  userId: string,
  now: Date,
): Promise<{ where: Prisma.CaseWhereInput; sql: Sql.Sql }> {
  let search: Parameters<typeof filterSql>[3] = null;
  const and: Prisma.CaseWhereInput[] = [];
  if (query.coordinator === "none") and.push({ coordinatorId: null });
  else if (query.coordinator === "me") and.push({ coordinatorId: userId });
  else if (query.coordinator) and.push({ coordinatorId: query.coordinator });
  if (query.programme) and.push({ programmeId: query.programme });
  if (query.language) and.push({ language: query.language });
  if (query.country) and.push({ country: query.country });
  if (query.flagged) and.push({ redFlagCount: { gt: 0 } });
  if (query.overdue) and.push(overdueWhere(now));
  if (query.tasks) and.push({ tasks: { some: OPEN_CLINICAL_TASK } });
  if (query.q) {
    const q = query.q;
    if (CASE_NUMBER.test(q)) {
      const [, year, n] = q.toUpperCase().split("-");
      const number = `MT-${year}-${n!.padStart(6, "0")}`;
      search = { kind: "number", number };
      and.push({ number });
    } else if (q.includes("@")) {
      // Emails are stored in lower case. SQLite: a range rather than LIKE, so it can use the
      // unique index. PostgreSQL: LIKE 'prefix%' (a range under a linguistic collation
      // would not mean "starts with").
      const prefix = q.toLowerCase();
      search = { kind: "email", prefix };
      and.push({
        patient: {
          email:
            dialect === "postgresql"
              ? { startsWith: escapeLike(prefix) }
              : { gte: prefix, lt: `${prefix}\uffff` },
        },
      });
    } else if (dialect === "sqlite" && WILDCARD.test(q)) {
      const ids = await patientsMatching(q);
      search = { kind: "ids", ids };
      and.push({ patientId: { in: ids } });
    } else {
      search = { kind: "words", q };
      and.push({
        OR: [
          { number: containsExact(q.toUpperCase()) },
          { patient: { name: containsText(q) } },
          { patient: { email: containsExact(q.toLowerCase()) } },
        ],
      });
    }
  }
  return {
    where: and.length ? { AND: and } : {},
    sql: filterSql(query, userId, now, search),
  };
}

function orderOf(query: CaseListQuery): Prisma.CaseOrderByWithRelationInput[] {
  const dir = query.dir;
  switch (query.sort) {
    case "created":
      return [{ createdAt: dir }, { id: "asc" }];
    case "number":
      return [{ number: dir }];
    case "due":
      return [{ firstResponseDueAt: dir }, { id: "asc" }];
    case "name":
      return [{ patient: { name: dir } }, { id: "asc" }];
    case "attention":
      // Only the board's other columns get here (their new enquiries are in ENQUIRY, read by
      // attentionPage): the most recently updated first, on the (stage, updatedAt) index.
      return [{ updatedAt: "desc" }, { id: "asc" }];
    default:
      return [{ updatedAt: dir }, { id: "asc" }];
  }
}

/** What one row or card shows, and nothing more. */
const CASE_ROW = {
  id: true,
  number: true,
  stage: true,
  language: true,
  country: true,
  redFlagCount: true,
  updatedAt: true,
  createdAt: true,
  firstResponseDueAt: true,
  firstRespondedAt: true,
  reviewDueAt: true,
  slaPausedAt: true,
  patient: { select: { name: true } },
  programme: { select: { name: true } },
  coordinator: { select: { name: true } },
  // Open clinician's tasks (a worsening after treatment), shown as a badge.
  _count: { select: { tasks: { where: OPEN_CLINICAL_TASK } } },
} as const satisfies Prisma.CaseSelect;

export type CaseRow = CaseRowData;

/**
 * The counts per stage under the filters: from the tallies when they keep these filters (no
 * filter, one language, one country, or unassigned), else one GROUP BY on an index.
 */
async function countsPerStage(
  where: Prisma.CaseWhereInput,
  query: CaseListQuery,
  tallies: () => Promise<Tallies>,
) {
  const key = tallyKeyOf(query);
  if (key) return (await tallies()).perStage(key.kind, key.value);
  const grouped = await db.case.groupBy({ by: ["stage"], where, _count: { _all: true } });
  const counts = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  for (const g of grouped) if (isStage(g.stage)) counts[g.stage] = g._count._all;
  return counts;
}

/** Unanswered enquiries whose first reply is not late yet (the complement of overdueWhere). */
function dueLaterWhere(now: Date): Prisma.CaseWhereInput {
  return {
    stage: "ENQUIRY",
    firstRespondedAt: null,
    slaPausedAt: null,
    firstResponseDueAt: { gte: now },
  };
}

/**
 * The default order, "what needs attention first", as consecutive slices of the filtered
 * cases, each read through an index in an order of its own: overdue first replies (most
 * overdue first), unassigned ones before assigned; then, of the rest, unassigned before
 * assigned, and within each the first replies due soonest, then everything else newest first.
 * Four counts and at most six reads, each on an index, whatever the page or the rows shown, so
 * the page costs a few indexed statements at 50,000 cases as at 50 (an ORDER BY over computed
 * keys would sort every filtered case on each view).
 */
/** attentionSlices()'s index of the answered (or paused) unassigned cases, newest first. */
const UNASSIGNED_ANSWERED = 3;

function attentionSlices(now: Date): { where: Sql.Sql; order: Arm["order"] }[] {
  const { overdue, dueLater, notAwaiting, unassigned, assigned } = sliceSql;
  const both = (a: Sql.Sql, b: Sql.Sql) => Sql.sql`${a} AND ${b}`;
  return [
    { where: both(overdue(now), unassigned), order: BY_DUE },
    { where: both(overdue(now), assigned), order: BY_DUE },
    { where: both(dueLater(now), unassigned), order: BY_DUE },
    { where: both(notAwaiting, unassigned), order: NEWEST },
    { where: both(dueLater(now), assigned), order: BY_DUE },
    { where: both(notAwaiting, assigned), order: NEWEST },
  ];
}

/** The cases under some filters: for Prisma's counts, and the same as SQL for the rows. */
interface Filtered {
  where: Prisma.CaseWhereInput;
  sql: Sql.Sql;
}

const withStage = (f: Filtered, stage: Stage | undefined): Filtered =>
  stage
    ? { where: { AND: [f.where, { stage }] }, sql: Sql.sql`${f.sql} AND ${stageSql(stage)}` }
    : f;

/**
 * Rows `skip`…`skip + take` of the filtered cases, in the attention order, and their total.
 * `known` is the total and the unassigned ones when the tallies have them (then not counted).
 */
async function attentionPage(
  filtered: Filtered,
  skip: number,
  take: number,
  now: Date,
  known: { total: number; unassigned: number } | null = null,
) {
  const where = filtered.where;
  // Only the unanswered enquiries (few, on the first-reply index) are counted, overdue and due
  // later, each split by assigned or not in one GROUP BY; the two large slices are what the
  // totals of all and of unassigned cases leave.
  const split = (rows: { coordinatorId: string | null; _count: { _all: number } }[]) => {
    const none = rows.find((r) => r.coordinatorId === null)?._count._all ?? 0;
    return [none, rows.reduce((a, r) => a + r._count._all, 0) - none] as const;
  };
  const awaitingSlice = (due: Prisma.CaseWhereInput) =>
    db.case
      .groupBy({ by: ["coordinatorId"], where: { AND: [where, due] }, _count: { _all: true } })
      .then(split);
  const [total, unassigned, [s1, s2], [s3, s5]] = await Promise.all([
    known?.total ?? db.case.count({ where }),
    known?.unassigned ?? db.case.count({ where: { AND: [where, { coordinatorId: null }] } }),
    awaitingSlice(overdueWhere(now)),
    awaitingSlice(dueLaterWhere(now)),
  ]);
  const counts = [s1, s2, s3, unassigned - s1 - s3, s5, total - unassigned - s2 - s5];
  let before = 0;
  // Only the slices the page holds give rows, all read in one statement (readArms).
  const arms = attentionSlices(now).map((slice, i): Arm => {
    const count = counts[i]!;
    const from = Math.max(0, skip - before);
    const upTo = Math.min(count, skip + take - before);
    before += count;
    return {
      where: Sql.sql`${filtered.sql} AND ${slice.where}`,
      order: slice.order,
      skip: from,
      take: Math.max(0, upTo - from),
    };
  });
  return { rows: await readArms(arms), total };
}

/**
 * The list view: one page of rows, the total, and the counts per stage under the same filters.
 * Totals and counts the tallies keep are read from them (one small statement, ADR 035); the
 * others are counted through an index. The page's rows are one statement (readArms).
 */
export async function listCases(
  query: CaseListQuery,
  userId: string,
  now = new Date(),
  tallies = lazyTallies(),
) {
  const base = await filtersOf(query, userId, now);
  const filtered = withStage(base, query.stage);
  const skip = (query.page - 1) * PAGE_SIZE;
  const key = tallyKeyOf(query);
  const tallied = async (kind: "stage" | "unassigned") =>
    (await tallies()).total(kind, "", query.stage);
  // The attention order's total and unassigned cases, when no filter or only "unassigned" is set.
  const known = async () =>
    key?.kind === "stage"
      ? { total: await tallied("stage"), unassigned: await tallied("unassigned") }
      : key?.kind === "unassigned"
        ? { total: await tallied("unassigned"), unassigned: await tallied("unassigned") }
        : null;
  const [{ rows, total }, counts] = await Promise.all([
    query.sort === "attention"
      ? known().then((k) => attentionPage(filtered, skip, PAGE_SIZE, now, k))
      : Promise.all([
          readArms([{ where: filtered.sql, order: orderSql(query), skip, take: PAGE_SIZE }]),
          key
            ? tallies().then((t) => t.total(key.kind, key.value, query.stage))
            : db.case.count({ where: filtered.where }),
        ]).then(([rows, total]) => ({ rows, total })),
    countsPerStage(base.where, query, tallies),
  ]);
  return {
    rows: rows.map(withoutArm),
    total,
    counts,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  };
}

const withoutArm = ({ arm: _arm, ...row }: CaseRow & { arm: number }): CaseRow => row;

/**
 * The board: per stage, the first cards under the filters, every column in one statement
 * (readArms: a LIMIT per column on the (stage, updatedAt) index). In the default order the
 * ENQUIRY column is the attention order's six slices, each read up to a column's worth, of
 * which the first BOARD_CARDS are shown: no counts are needed for a first page.
 */
export async function boardCases(
  query: CaseListQuery,
  userId: string,
  now = new Date(),
  tallies = lazyTallies(),
) {
  const base = await filtersOf(query, userId, now);
  const stages = query.stage ? [query.stage] : STAGES;
  const armsOf = (stage: Stage): Arm[] => {
    const where = Sql.sql`${base.sql} AND ${stageSql(stage)}`;
    return query.sort === "attention" && stage === "ENQUIRY"
      ? attentionSlices(now).map((slice, i) => ({
          // The stage as an expression, as in the slices (case-rows.server.ts AWAITING), except
          // for the unassigned answered enquiries: the (coordinatorId, stage, createdAt) index
          // gives them newest first, where the expression would leave the database to fetch and
          // sort every unassigned case.
          where:
            i === UNASSIGNED_ANSWERED
              ? Sql.sql`${base.sql} AND ${stageSql("ENQUIRY")} AND ${slice.where}`
              : Sql.sql`${base.sql} AND c."stage" || '' = 'ENQUIRY' AND ${slice.where}`,
          order: slice.order,
          skip: 0,
          take: BOARD_CARDS,
        }))
      : [{ where, order: orderSql(query), skip: 0, take: BOARD_CARDS }];
  };
  const arms = stages.map((stage) => armsOf(stage));
  const [rows, counts] = await Promise.all([
    readArms(arms.flat()),
    countsPerStage(base.where, query, tallies),
  ]);
  // Rows come arm after arm, each arm in its order: a column is its arms' rows, cut to size.
  const columns = stages.map((stage) => ({
    stage,
    cards: rows
      .filter((r) => r.stage === stage)
      .slice(0, BOARD_CARDS)
      .map(withoutArm),
  }));
  return { columns, counts };
}

/** The active coordinators, by name: who a case may be assigned to, and a pipeline filter. */
export function listActiveCoordinators() {
  return db.user.findMany({
    where: { role: ROLE.COORDINATOR, active: true },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

/**
 * The choices the filters offer: coordinators, programmes, and the languages and countries in
 * use, the last two from the tallies rather than a GROUP BY over every case.
 */
export async function listFilterOptions(tallies = lazyTallies()) {
  const [coordinators, programmes, { languages, countries }] = await Promise.all([
    listActiveCoordinators(),
    db.programme.findMany({ orderBy: { position: "asc" }, select: { id: true, name: true } }),
    tallies(),
  ]);
  return { coordinators, programmes, languages, countries };
}

/** A row without health data, for finance (ADR 016): no red flags, no clinician's tasks. */
function rowWithoutHealth<R extends { redFlagCount: number; _count: { tasks: number } }>(
  row: R,
): R {
  return { ...row, redFlagCount: 0, _count: { ...row._count, tasks: 0 } };
}

/**
 * The pipeline page: the list or the board under the filters, and the filters' choices.
 * Finance works on money, not health: red flags and clinicians' tasks are neither shown to
 * it nor usable as filters, which would reveal them as well. The pipeline shows patients'
 * names, so who looked, and with which filters (`search`, the URL's query), is recorded.
 */
export async function getPipeline(
  user: Reader,
  parsed: CaseListQuery,
  seen: { ip: string | null; search: string },
  now = new Date(),
) {
  assertCan(user, "cases:list");
  const health = can(user, "case.health:read");
  const query = health ? parsed : { ...parsed, flagged: false, tasks: false };
  // The tallies, read once for the counts, the total and the filters' choices.
  const tallies = lazyTallies();
  const [found, options] = await Promise.all([
    query.view === "board"
      ? boardCases(query, user.id, now, tallies).then((b) => ({ kind: "board" as const, ...b }))
      : listCases(query, user.id, now, tallies).then((l) => ({ kind: "list" as const, ...l })),
    listFilterOptions(tallies),
  ]);
  const result = health
    ? found
    : found.kind === "board"
      ? {
          ...found,
          columns: found.columns.map((c) => ({ ...c, cards: c.cards.map(rowWithoutHealth) })),
        }
      : { ...found, rows: found.rows.map(rowWithoutHealth) };
  // The signed-in member's unread inbox items per case shown: one grouped query for the page,
  // however many rows or cards it holds.
  const shown = found.kind === "board" ? found.columns.flatMap((c) => c.cards) : found.rows;
  const unread = await unreadByCase(
    user.id,
    shown.map((r) => r.id),
  );
  await audit({
    actorId: user.id,
    action: "cases.list",
    entity: "Case",
    ip: seen.ip,
    outcome: "success",
    detail: seen.search.slice(0, 500) || null,
  });
  return { result, options, query, health, unread };
}

/** Rows read per statement while exporting: the export streams, batch after batch. */
export const EXPORT_BATCH = 500;

/**
 * The pipeline's current view for a CSV export: the same filters and order as the page (the
 * board's view exports as the list it stands for), every matching case, read in batches of
 * EXPORT_BATCH so memory stays flat. Health data (red flags, clinicians' tasks) is not in the
 * rows the export writes, and not usable as a filter by those who may not read it. Audited
 * before the first row is read.
 */
export async function* exportPipeline(
  user: Reader,
  parsed: CaseListQuery,
  seen: { ip: string | null; search: string },
  now = new Date(),
): AsyncGenerator<CaseRow[]> {
  assertCan(user, "cases:export");
  const health = can(user, "case.health:read");
  const query = health ? parsed : { ...parsed, flagged: false, tasks: false };
  await audit({
    actorId: user.id,
    action: "cases.export",
    entity: "Case",
    ip: seen.ip,
    outcome: "success",
    detail: seen.search.slice(0, 500) || null,
  });
  const filtered = withStage(await filtersOf(query, user.id, now), query.stage);
  const where = filtered.where;
  for (let skip = 0; ; skip += EXPORT_BATCH) {
    const rows =
      query.sort === "attention"
        ? (await attentionPage(filtered, skip, EXPORT_BATCH, now)).rows.map(withoutArm)
        : await db.case.findMany({
            where,
            orderBy: orderOf(query),
            skip,
            take: EXPORT_BATCH,
            select: CASE_ROW,
          });
    if (rows.length > 0) yield rows.map(rowWithoutHealth);
    if (rows.length < EXPORT_BATCH) return;
  }
}

/** The clinician's queue's sections: to review, waiting on the patient, eligible. */

/** The queue's URL: ?tab= (one of the sections) and ?page=; anything else falls back. */
const ReviewSearch = z.object({
  tab: z.enum(REVIEW_TABS).catch("pending"),
  page: z
    .string()
    .optional()
    .transform((v) => Math.max(1, Math.min(10_000, Number(v) || 1))),
});

export function parseReviewQuery(url: URL): { tab: ReviewTab; page: number } {
  return ReviewSearch.parse(firstValues(url.searchParams));
}

const REVIEW_WHERE: Record<ReviewTab, Prisma.CaseWhereInput> = {
  pending: { stage: "MEDICAL_REVIEW", eligibility: "PENDING", slaPausedAt: null },
  waiting: { stage: "MEDICAL_REVIEW", eligibility: "PENDING", slaPausedAt: { not: null } },
  decided: { stage: "MEDICAL_REVIEW", eligibility: "ELIGIBLE" },
};

/** One page of the review queue, the most urgent first, with the count of each section. Audited. */
export async function listReviewQueue(
  user: Reader,
  { tab, page }: { tab: ReviewTab; page: number },
  ip: string | null,
) {
  assertCan(user, "review:read");
  const [rows, counts] = await Promise.all([
    db.case.findMany({
      where: REVIEW_WHERE[tab],
      orderBy: [{ reviewDueAt: { sort: "asc", nulls: "last" } }, { id: "asc" }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true,
        number: true,
        redFlagCount: true,
        reviewDueAt: true,
        slaPausedAt: true,
        language: true,
        patient: { select: { name: true } },
        programme: { select: { name: true } },
        _count: { select: { documents: true, planSteps: true } },
      },
    }),
    Promise.all(REVIEW_TABS.map((t) => db.case.count({ where: REVIEW_WHERE[t] }))),
  ]);
  // Unread inbox items per row, for this reader: one grouped query for the page.
  const unread = can(user, "inbox:read")
    ? await unreadByCase(
        user.id,
        rows.map((r) => r.id),
      )
    : {};
  await audit({
    actorId: user.id,
    action: "review.list",
    entity: "Case",
    ip,
    outcome: "success",
    detail: `tab=${tab} page=${page}`,
  });
  return {
    rows: rows.map((r) => ({ ...r, unread: unread[r.id] ?? 0 })),
    counts: Object.fromEntries(REVIEW_TABS.map((t, i) => [t, counts[i]!])) as Record<
      ReviewTab,
      number
    >,
  };
}

/**
 * One case for the staff case page, read once: the header's facts, the summary, and, for
 * those who may read health data, the answers, records, plan, notes and messages; with the
 * stage moves this user is offered. Finance needs no health data (ADR 016): answers, records,
 * notes, messages, the plan, red flags and the clinician's decision stay out of its view, and
 * so do the bodies of events. It needs the programme (the price list is per programme) and
 * whether a quote may be issued, which it is told instead of the decision. Every view is
 * audited, and so is a look for a case that does not exist (then 404).
 */
export async function getStaffCase(user: Reader, caseId: string, ip: string | null) {
  assertCan(user, "case:read");
  const kase = await readStaffCase(caseId);
  await audit({
    actorId: user.id,
    action: "case.view",
    entity: "Case",
    entityId: kase?.id ?? caseId,
    caseId: kase?.id ?? null,
    ip,
    outcome: kase ? "success" : "error",
    detail: kase ? null : "not found",
  });
  if (!kase) notFound();
  // Opening the case is reading its inbox items, for this reader only.
  if (can(user, "inbox:read")) await markCaseRead(user.id, kase.id);
  const { facts, conflicts } = await readFacts(db, kase.id);
  const actions = isStage(kase.stage) ? availableTransitions(kase.stage, user.role, facts) : [];
  const next = isStage(kase.stage) ? nextStep(kase.stage, facts, actions) : null;
  const health = can(user, "case.health:read");
  // The header's key facts: the next booked appointment (when, not what) and the deposit.
  const upcoming = await db.appointment.findFirst({
    where: { caseId: kase.id, status: "BOOKED", startsAt: { gte: new Date() } },
    orderBy: { startsAt: "asc" },
    select: { startsAt: true, kind: true, meetingUrl: true, meetingRevokedAt: true },
  });
  // A video consultation's meeting link, for those who may see the case's appointments.
  const nextAppointment = upcoming
    ? {
        startsAt: upcoming.startsAt,
        kind: upcoming.kind,
        meetingUrl:
          can(user, "schedule:read") && !upcoming.meetingRevokedAt ? upcoming.meetingUrl : null,
      }
    : null;
  // Each enquiry is read with the questionnaire version its patient answered.
  const questionnaires = health
    ? await questionnairesOfEnquiries(kase.enquiries, {
        id: kase.programmeId,
        slug: kase.programme.slug,
      })
    : {};
  // Which channels reach the patient (issue 24), worked out from the case's own query.
  const reach = reachOf(kase.patient).map((r) => ({ channel: r.channel, proved: r.proved }));
  return {
    kase: health ? kase : withoutHealth(kase),
    reach,
    questionnaires,
    actions,
    next,
    // Where the journey stands (no eligibility here: finance reads its own readiness).
    journey: {
      hasIssuedQuote: facts.hasIssuedQuote,
      hasAcceptedQuote: facts.hasAcceptedQuote,
      depositPaid: facts.depositPaid,
      depositWaived: facts.depositWaived,
      bookedAppointments: facts.bookedAppointments,
      passportApproved: facts.passportApproved,
      hasArrival: facts.hasArrival,
      followUpsPlanned: facts.followUpsPlanned,
      nextAppointment,
    },
    health,
    // The trip's open conflicts name treatments: shown (by the stage form) to those who may
    // read health data.
    openConflicts: health ? conflicts : [],
    // Issue 25: the days the insurance the programme asks for leaves uncovered, named by the
    // stage form while they hold back TRAVEL_READY.
    insuranceGaps: actions.some((a) => a.blockedBy.includes("guard.insuranceMissing"))
      ? (await insuranceFacts(db, kase.id)).coverage
      : [],
  };
}

export type StaffCase = NonNullable<Awaited<ReturnType<typeof readStaffCase>>>;

function withoutHealth(kase: StaffCase): StaffCase {
  return {
    ...kase,
    enquiries: [],
    documents: [],
    planSteps: [],
    conditionSummary: null,
    redFlagCount: 0,
    eligibility: canQuote(kase)
      ? "READY_FOR_QUOTE"
      : isQuoteSettled(kase.stage)
        ? "QUOTE_SETTLED"
        : "NOT_READY_FOR_QUOTE",
    eligibilityBy: null,
    eligibilityAt: null,
    eligibilityReason: null,
    eligibilityReasonCode: null,
    events: kase.events
      .filter((e) => e.type === "STAGE_CHANGE" || e.type === "ASSIGNED")
      .map((e) => ({ ...e, reason: null, body: e.type === "ASSIGNED" ? e.body : null })),
  };
}

/** The case page's one query (getStaffCase reads through it; scripts/pipeline-scale.ts measures it). */
export function readStaffCase(id: string) {
  return db.case.findUnique({
    where: { id },
    select: {
      id: true,
      number: true,
      stage: true,
      stageChangedAt: true,
      language: true,
      timeZone: true,
      country: true,
      currency: true,
      eligibility: true,
      eligibilityReason: true,
      eligibilityReasonCode: true,
      eligibilityAt: true,
      eligibilityBy: { select: { name: true } },
      conditionSummary: true,
      redFlagCount: true,
      firstResponseDueAt: true,
      firstRespondedAt: true,
      reviewDueAt: true,
      slaPausedAt: true,
      consentWithdrawnAt: true,
      createdAt: true,
      coordinatorId: true,
      programmeId: true,
      // Which channels reach the patient (issue 24) is read here, not by a query of its own.
      patient: { select: { name: true, email: true, ...REACH_SELECT } },
      programme: {
        select: {
          name: true,
          slug: true,
          translations: true,
          // Retired steps are not offered to new plans; a plan that holds one keeps its row.
          steps: {
            where: { retiredAt: null },
            orderBy: { position: "asc" },
            select: {
              id: true,
              key: true,
              name: true,
              description: true,
              gapMinutes: true,
              flyGapMinutes: true,
              stayAfterMinutes: true,
              fitToFlyRequired: true,
              translations: true,
            },
          },
        },
      },
      planSteps: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          pathwayStepId: true,
          name: true,
          notes: true,
          gapMinutes: true,
          flyGapMinutes: true,
          stayAfterMinutes: true,
          fitToFlyRequired: true,
        },
      },
      enquiries: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          createdAt: true,
          locale: true,
          diagnosis: true,
          diagnosedYear: true,
          medication: true,
          steroidDoseMg: true,
          organs: true,
          redFlagCount: true,
          questionnaireId: true,
          answers: { select: { questionId: true, value: true, redFlag: true } },
        },
      },
      documents: DOCUMENT_LIST,
      coordinator: { select: { name: true } },
      events: {
        orderBy: { createdAt: "desc" },
        take: 200,
        select: {
          id: true,
          type: true,
          fromStage: true,
          toStage: true,
          reason: true,
          body: true,
          fromPatient: true,
          internal: true,
          createdAt: true,
          actor: { select: { name: true, role: true } },
        },
      },
      emails: {
        orderBy: { createdAt: "desc" },
        take: 200,
        select: {
          id: true,
          toEmail: true,
          subject: true,
          template: true,
          status: true,
          attempts: true,
          lastError: true,
          createdAt: true,
          sentAt: true,
        },
      },
    },
  });
}
