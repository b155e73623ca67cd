/**
 * One case, for staff. The loader audits the view; each form posts an `intent` that the
 * action checks against the actor's role (and audits when refused) before the model,
 * which checks the role again, does the work in one transaction.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import {
  CaseHeader,
  HealthSection,
  MessagesSection,
  NotesSection,
  ReviewSection,
  StageActions,
  SummarySection,
  Timeline,
} from "~/components/staff-case";
import { db } from "~/db.server";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { formatDateTime } from "~/lib/format";
import { translatedTitle } from "~/lib/meta";
import { clientIp } from "~/infra/request.server";
import { INFO_REQUEST_KINDS, NOT_ELIGIBLE_REASONS, PLAN_MAX_STEPS, TEXT_MAX } from "~/lib/review";
import { can, ROLE } from "~/lib/permissions";
import { availableTransitions, canQuote, isQuoteSettled, isStage, STAGES } from "~/lib/stages";
import { audit } from "~/infra/audit.server";
import { notFound, requirePermission, type StaffUser } from "~/models/auth/auth.server";
import { getCaseForStaff } from "~/models/cases/case.server";
import { changeStage, loadCaseFacts, StageChangeError } from "~/models/cases/stage.server";
import {
  addNote,
  assignCoordinator,
  may,
  messagePatient,
  recordDecision,
  requestMoreInfo,
  savePlan,
  WORK_PERMISSIONS,
  WorkError,
  type Work,
} from "~/models/cases/workspace.server";
import type { loader as rootLoader } from "~/root";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  translatedTitle(matches, "cases.number", data?.kase.number);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "case:read");
  const kase = await getCaseForStaff(params.caseId ?? "");
  const ip = clientIp(context);
  await audit({
    actorId: user.id,
    action: "case.view",
    entity: "Case",
    entityId: kase?.id ?? params.caseId,
    caseId: kase?.id ?? null,
    ip,
    outcome: kase ? "success" : "error",
    detail: kase ? null : "not found",
  });
  if (!kase) notFound();
  const [facts, coordinators] = await Promise.all([
    loadCaseFacts(db, kase.id),
    may(user.role, "assign")
      ? db.user.findMany({
          where: { role: ROLE.COORDINATOR, active: true },
          orderBy: { name: "asc" },
          select: { id: true, name: true },
        })
      : [],
  ]);
  const actions = isStage(kase.stage) ? availableTransitions(kase.stage, user.role, facts) : [];
  // Finance needs no health data (ADR 016): answers, records, notes, messages, the plan,
  // red flags and the clinician's decision stay out of its view, and so do the bodies of
  // events. It needs the programme (the price list is per programme) and whether a quote
  // may be issued, which it is told instead of the decision.
  const health = can(user, "case.health:read");
  const view = health
    ? kase
    : {
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
  const works = Object.fromEntries(
    (Object.keys(WORK_PERMISSIONS) as Work[]).map((w) => [w, may(user.role, w)]),
  ) as Record<Work, boolean>;
  return {
    kase: view,
    actions,
    coordinators,
    can: works,
    health,
    userId: user.id,
    quotePage: can(user, "quote:read"),
    schedulePage: can(user, "schedule:read"),
    travelPage: can(user, "travel:read"),
    aftercarePage: can(user, "aftercare:read"),
    timeZone: user.timeZone,
    now: new Date().toISOString(),
  };
}

const text = z.string().trim().min(1).max(TEXT_MAX);

const Intent = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("stage"),
    to: z.enum(STAGES),
    from: z.enum(STAGES),
    reason: z.string().trim().max(2000).optional(),
  }),
  z.object({ intent: z.literal("assign"), coordinatorId: z.string().min(1).max(40) }),
  z.object({ intent: z.literal("note"), body: text }),
  z.object({ intent: z.literal("message"), body: text }),
  z.object({
    intent: z.literal("requestInfo"),
    kinds: z.array(z.enum(INFO_REQUEST_KINDS)).min(1),
    body: text,
  }),
  z.object({
    intent: z.literal("decide"),
    decision: z.enum(["ELIGIBLE", "NOT_ELIGIBLE"]),
    reasonCode: z.enum(NOT_ELIGIBLE_REASONS).optional(),
    text: z.string().trim().max(TEXT_MAX).optional(),
  }),
  z.object({ intent: z.literal("plan") }),
]);

/** The plan editor's rows: step.<i>.include / pathwayStepId / name / notes. */
function readPlan(form: FormData) {
  const steps: { pathwayStepId: string | null; name: string; notes: string }[] = [];
  for (let i = 0; i < PLAN_MAX_STEPS + 10; i++) {
    const name = String(form.get(`step.${i}.name`) ?? "").trim();
    if (!form.has(`step.${i}.name`)) continue;
    if (form.get(`step.${i}.include`) !== "on" || !name) continue;
    steps.push({
      pathwayStepId: String(form.get(`step.${i}.pathwayStepId`) ?? "") || null,
      name: name.slice(0, 200),
      notes: String(form.get(`step.${i}.notes`) ?? "").slice(0, TEXT_MAX),
    });
  }
  return steps;
}

/** What the user typed, handed back so a refused form loses nothing. */
function typedValues(form: FormData) {
  const values: Record<string, string> = {};
  for (const [k, v] of form) if (typeof v === "string" && k !== "intent") values[k] = v;
  return values;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "case:read");
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["common", "stages"]);
  const caseId = params.caseId ?? "";
  const ip = clientIp(context);
  const form = await request.formData();
  const values = typedValues(form);
  // An empty field is an absent one: an unchosen select must not read as a bad value.
  const raw = {
    ...Object.fromEntries([...form].filter(([, v]) => v !== "")),
    kinds: form.getAll("kinds"),
  };
  const intentName = String(form.get("intent") ?? "");
  const parsed = Intent.safeParse(raw);
  const fail = (status: number, error: string, field?: string) =>
    data({ intent: intentName, error, field: field ?? null, values }, { status });
  const record = (outcome: "success" | "denied" | "refused", action: string, detail: string) =>
    audit({
      actorId: user.id,
      action,
      entity: "Case",
      entityId: caseId,
      caseId,
      ip,
      outcome,
      detail,
    });

  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path[0];
    const key =
      field === "kinds"
        ? "work.errors.kindsRequired"
        : field === "body"
          ? "work.errors.textRequired"
          : "stageErrors.invalid";
    return fail(400, t(key, { max: TEXT_MAX }), typeof field === "string" ? field : undefined);
  }
  const input = parsed.data;
  if (input.intent === "stage") return stageAction(user, ip, caseId, input, t, record, fail);

  // Every intent but "stage" is named after the work it does (WORK_PERMISSIONS).
  const work: Work = input.intent;
  if (!may(user.role, work)) {
    await record("denied", `case.${work}`, `role ${user.role}`);
    return fail(403, t("work.errors.forbidden"));
  }
  const actor = { id: user.id, role: user.role, ip };
  try {
    switch (input.intent) {
      case "assign":
        await assignCoordinator(caseId, actor, input.coordinatorId);
        break;
      case "note":
        await addNote(caseId, actor, input.body);
        break;
      case "message":
        await messagePatient(caseId, actor, input.body);
        break;
      case "requestInfo":
        await requestMoreInfo(caseId, actor, input.kinds, input.body);
        break;
      case "decide":
        if (input.decision === "NOT_ELIGIBLE") {
          if (!input.reasonCode) return fail(400, t("work.errors.reasonRequired"), "reasonCode");
          if (!input.text) return fail(400, t("work.errors.explanationRequired"), "text");
          await recordDecision(caseId, actor, {
            decision: "NOT_ELIGIBLE",
            reasonCode: input.reasonCode,
            text: input.text,
          });
        } else {
          await recordDecision(caseId, actor, { decision: "ELIGIBLE", text: input.text });
        }
        break;
      case "plan": {
        const steps = readPlan(form);
        if (steps.length === 0 || steps.length > PLAN_MAX_STEPS) {
          return fail(400, t("work.errors.planSize", { max: PLAN_MAX_STEPS }), "plan");
        }
        await savePlan(caseId, actor, steps);
        break;
      }
    }
  } catch (error) {
    if (error instanceof WorkError) {
      if (error.code === "not_found") notFound();
      await record(error.code === "forbidden" ? "denied" : "refused", `case.${work}`, error.key);
      return fail(error.code === "forbidden" ? 403 : 409, t(error.key, { max: PLAN_MAX_STEPS }));
    }
    if (error instanceof StageChangeError) {
      if (error.code === "not_found") notFound();
      await record("refused", `case.${work}`, `${error.code} ${error.failures.join(",")}`);
      return fail(
        409,
        [t(`stageErrors.${error.code}`), ...error.failures.map((f) => t(f))].join(" "),
      );
    }
    throw error;
  }
  return redirect(`/staff/cases/${caseId}?done=${input.intent}#${input.intent}`);
}

type Fail = ReturnType<typeof data>;

async function stageAction(
  user: StaffUser,
  ip: string | null,
  caseId: string,
  input: { to: (typeof STAGES)[number]; from: (typeof STAGES)[number]; reason?: string },
  t: (key: string) => string,
  record: (o: "success" | "refused", a: string, d: string) => Promise<void>,
  fail: (status: number, error: string) => Fail,
) {
  const transition = `${input.from} -> ${input.to}`;
  try {
    await changeStage({
      caseId,
      to: input.to,
      expectedFrom: input.from,
      actor: { id: user.id, role: user.role, ip },
      reason: input.reason,
    });
    return redirect(`/staff/cases/${caseId}?done=stage`);
  } catch (error) {
    if (!(error instanceof StageChangeError)) throw error;
    if (error.code === "not_found") notFound();
    await record(
      "refused",
      "case.stage_change",
      `${transition}: ${error.code} ${error.failures.join(",")}`,
    );
    const message = [t(`stageErrors.${error.code}`), ...error.failures.map((f) => t(f))].join(" ");
    return fail(error.code === "forbidden" ? 403 : 409, message);
  }
}

export default function CasePage() {
  const loaderData = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { kase, health, can } = loaderData;
  const locale = useRouteLoaderData<typeof rootLoader>("root")?.locale ?? "en";
  const ctx = { ...loaderData, locale };
  return (
    <article className="case">
      <CaseHeader {...ctx} />
      <SummarySection {...ctx} />
      <p className="actions">
        {loaderData.quotePage ? (
          <Link className="button" to={`/staff/cases/${kase.id}/quote`}>
            {t("finance:staff.openQuote")}
          </Link>
        ) : null}
        {loaderData.schedulePage ? (
          <Link className="button" to={`/staff/cases/${kase.id}/schedule`}>
            {t("travel:staff.openSchedule")}
          </Link>
        ) : null}
        {loaderData.travelPage ? (
          <Link className="button" to={`/staff/cases/${kase.id}/travel`}>
            {t("travel:staff.openTravel")}
          </Link>
        ) : null}
        {loaderData.aftercarePage ? (
          <Link className="button" to={`/staff/cases/${kase.id}/aftercare`}>
            {t("aftercare:staff.open")}
          </Link>
        ) : null}
      </p>
      {kase.consentWithdrawnAt ? (
        <p className="notice warn" role="status">
          {t("case.consentWithdrawn", {
            date: formatDateTime(kase.consentWithdrawnAt, locale, loaderData.timeZone),
          })}
        </p>
      ) : null}
      {health ? <HealthSection {...ctx} /> : null}
      {health ? <ReviewSection {...ctx} /> : null}
      {health && (can.message || can.requestInfo) ? <MessagesSection {...ctx} /> : null}
      {health && can.note ? <NotesSection {...ctx} /> : null}
      <StageActions {...ctx} />
      <Timeline {...ctx} />
    </article>
  );
}
