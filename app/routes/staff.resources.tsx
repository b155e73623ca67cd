/**
 * Resources and availability, for coordinators and admins: clinicians, infusion chairs and
 * rooms with their weekly hours in the clinic's zone, clinic holidays and each resource's
 * leave. Adding time off over booked appointments says how many need moving. Each resource's
 * name is written in every language (ADR 024), with a marker on the languages it lacks.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatZone } from "~/lib/format";
import { FormDone, FormErrors, useAppForm, type FormReply } from "~/components/form";
import {
  NewResource,
  ResourceCard,
  TimeOffEntry,
  TimeOffList,
} from "~/components/travel/resources";
import { ResourcesForm } from "~/forms/resources";
import { textsOf } from "~/forms/translations";
import { clinicZone } from "~/models/site/clinic-settings.server";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { FormReplay, newFormKey, readSubmission, replayReply } from "~/infra/forms.server";
import { clientIp } from "~/infra/request.server";
import { translatedTitle } from "~/lib/meta";
import { missingLocales, parseTexts } from "~/lib/translated";
import { WEEKDAYS } from "~/lib/schedule";
import { requirePermission } from "~/models/auth/auth.server";
import { readSeen, saveResourceNames } from "~/models/catalogue/catalogue.server";
import {
  addTimeOff,
  createResource,
  deleteTimeOff,
  listResources,
  setHours,
  setResourceActive,
} from "~/models/travel/resources.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["travel"] };

export const meta: MetaFunction = ({ matches }) =>
  translatedTitle(matches, "travel:resources.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "resources:write");
  const { resources, holidays } = await listResources();
  return {
    // Each resource's name in every language, and the languages it has none in yet.
    resources: resources.map(({ translations, ...r }) => {
      const texts = parseTexts(translations, ["name"] as const);
      return { ...r, texts, missing: missingLocales(texts, ["name"] as const) };
    }),
    holidays,
    clinicZone: clinicZone(),
    formKey: newFormKey(),
  };
}

/** The form an answer belongs to: each resource's hours and time off are their own. */
function formOf(payload: Record<string, unknown>) {
  const id = String(payload.resourceId ?? "");
  switch (payload.intent) {
    case "create":
      return "resource";
    case "hours":
      return `hours-${id}`;
    case "timeOff":
      return `timeOff-${id || "clinic"}`;
    case "names":
      return `names-${id}`;
    default:
      // The buttons (remove time off, make bookable or not) answer at the page's top.
      return "resources";
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "resources:write");
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["travel", "common"]);
  const { submission, sent } = await readSubmission(request, ResourcesForm, t);
  const form = formOf(submission.payload);
  const answer = (status: number, reply: Omit<FormReply, "form">) =>
    data<FormReply>({ form, ...reply }, { status });
  const refused = (status: number, message: string) =>
    answer(status, { result: submission.reply({ formErrors: [t(message)] }) });
  const saved = (done: string) =>
    answer(200, { result: submission.reply({ resetForm: true }), done });
  if (submission.status !== "success") {
    return form === "resources"
      ? refused(400, "errors.invalid")
      : answer(400, { result: submission.reply() });
  }
  const input = submission.value;
  const formKey = sent;
  try {
    switch (input.intent) {
      case "create":
        await createResource(input, formKey, user.id);
        return saved(t("resources.created"));
      case "active":
        if (!(await setResourceActive(input.resourceId, input.active === "yes", user.id))) {
          return refused(404, "errors.invalid");
        }
        return saved(t("resources.saved"));
      case "hours": {
        const week = Object.fromEntries(WEEKDAYS.map((day) => [day, input[`day${day}`]]));
        if (!(await setHours(input.resourceId, week))) return refused(404, "errors.invalid");
        return saved(t("resources.saved"));
      }
      case "timeOff": {
        const added = await addTimeOff({
          resourceId: input.resourceId || null,
          kind: input.kind,
          from: input.from,
          to: input.to,
          note: input.note || null,
          actorId: user.id,
          formKey,
        });
        if (!added) return refused(404, "errors.invalid");
        return saved(
          added.clashes
            ? t("resources.timeOffClashes", { count: added.clashes })
            : t("resources.timeOffAdded"),
        );
      }
      case "deleteTimeOff":
        await deleteTimeOff(input.exceptionId);
        return saved(t("resources.timeOffDeleted"));
      case "names": {
        const names = await saveResourceNames(
          input.resourceId,
          {
            english: { name: input.name },
            texts: textsOf(input, ["name"] as const),
            seen: readSeen(submission.payload),
          },
          { id: user.id, ip: clientIp(context) },
        );
        if (!names.found) return refused(404, "errors.invalid");
        if (names.conflicts.length) return refused(409, "common:translations.conflict");
        return saved(t(names.changed.length ? "resources.namesSaved" : "resources.namesUnchanged"));
      }
    }
  } catch (error) {
    if (error instanceof FormReplay) {
      return answer(409, { result: replayReply(submission, error, t) });
    }
    throw error;
  }
}

export default function ResourcesPage() {
  const { t, i18n } = useTranslation("travel");
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const page = useAppForm("resources", reply);
  const common = { reply, formKey: d.formKey, busy };
  return (
    <article className="resources">
      <h1>{t("resources.heading")}</h1>
      <p className="muted">
        {t("resources.intro", { zone: formatZone(d.clinicZone, i18n.language) })}
      </p>
      <FormErrors form={page.form} />
      <FormDone message={page.done} />
      <section aria-labelledby="holidays-heading">
        <h2 id="holidays-heading">{t("resources.holidays")}</h2>
        <TimeOffList list={d.holidays} clinicZone={d.clinicZone} busy={busy} />
        <TimeOffEntry resourceId="" {...common} />
      </section>
      {d.resources.map((r) => (
        <ResourceCard key={r.id} resource={r} clinicZone={d.clinicZone} {...common} />
      ))}
      <NewResource {...common} />
    </article>
  );
}
