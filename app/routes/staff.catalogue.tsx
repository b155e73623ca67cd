/**
 * The treatment catalogue in every language, for admins (ADR 024): each programme's name,
 * condition and summary and each pathway step's name and description, in English (the
 * fallback) and in every other language, with a marker on whatever is missing and a count of
 * missing texts per language. Every save is audited; saving the same words again changes
 * nothing.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormDone, FormErrors, useAppForm, type FormReply } from "~/components/form";
import { NewProgramme, ProgrammeEditor } from "~/components/site/catalogue";
import { MissingCounts } from "~/components/translations";
import { CatalogueForm, stepSettingsOf } from "~/forms/catalogue";
import { textsOf } from "~/forms/translations";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { FormReplay, newFormKey, readSubmission, replayReply } from "~/infra/forms.server";
import { clientIp } from "~/infra/request.server";
import { translatedTitle } from "~/lib/meta";
import { can } from "~/lib/permissions";
import { requirePermission } from "~/models/auth/auth.server";
import { saveProgrammeInsurance } from "~/models/travel/insurance.server";
import {
  cataloguePage,
  PROGRAMME_FIELDS,
  readSeen,
  saveProgrammeTexts,
  saveStepTexts,
  STEP_FIELDS,
} from "~/models/catalogue/catalogue.server";
import {
  CatalogueError,
  createProgramme,
  createStep,
  deleteStep,
  moveProgramme,
  moveStep,
  saveStepSettings,
  setProgrammeActive,
  setStepRetired,
} from "~/models/catalogue/catalogue-admin.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["enquiry", "portal", "finance", "travel", "aftercare"] };

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "site:catalogue.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "catalogue:edit");
  return {
    ...(await cataloguePage()),
    questionnaires: can(user, "questionnaire:edit"),
    consentTexts: can(user, "consent-text:edit"),
    formKey: newFormKey(),
  };
}

/** The form an answer belongs to: each programme's and each step's forms are their own. */
function formOf(payload: Record<string, unknown>) {
  const step = String(payload.stepId ?? "");
  const programme = String(payload.programmeId ?? "");
  switch (payload.intent) {
    case "step":
      return `step-${step}`;
    case "newProgramme":
      return "new-programme";
    case "newStep":
      return `new-step-${programme}`;
    case "stepSettings":
      return `settings-${step}`;
    case "stepRetired":
      return `retire-${step}`;
    case "deleteStep":
      return `delete-${step}`;
    case "programmeActive":
      return `active-${programme}`;
    case "programmeInsurance":
      return `insurance-${programme}`;
    case "moveProgramme":
    case "moveStep":
      // Moving answers at the page's top, where the order is announced.
      return "catalogue";
    default:
      return `programme-${programme}`;
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "catalogue:edit");
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["site", "common"]);
  const { submission, sent } = await readSubmission(request, CatalogueForm, t);
  const answer = (status: number, reply: Omit<FormReply, "form">) =>
    data<FormReply>({ form: formOf(submission.payload), ...reply }, { status });
  if (submission.status !== "success") return answer(400, { result: submission.reply() });
  const actor = { id: user.id, ip: clientIp(context) };
  const input = submission.value;
  const done = (message: string) =>
    answer(200, { result: submission.reply({ resetForm: true }), done: t(message) });
  try {
    switch (input.intent) {
      case "programme":
      case "step":
        break;
      case "newProgramme":
        await createProgramme(
          {
            slug: input.slug,
            name: input.name,
            condition: input.condition,
            summary: input.summary,
            texts: textsOf(input, PROGRAMME_FIELDS),
          },
          sent,
          actor,
        );
        return done("catalogue.programmeCreated");
      case "newStep":
        await createStep(
          input.programmeId,
          {
            name: input.name,
            description: input.description,
            ...stepSettingsOf(input),
            texts: textsOf(input, STEP_FIELDS),
          },
          sent,
          actor,
        );
        return done("catalogue.stepCreated");
      case "stepSettings": {
        const changed = await saveStepSettings(input.stepId, stepSettingsOf(input), actor);
        return done(changed ? "catalogue.saved" : "catalogue.unchanged");
      }
      case "programmeInsurance": {
        const changed = await saveProgrammeInsurance(input.programmeId, input, actor);
        if (changed === null) throw new CatalogueError("not_found", "catalogue.errors.notFound");
        return done(changed ? "catalogue.saved" : "catalogue.unchanged");
      }
      case "programmeActive": {
        const active = input.active === "yes";
        await setProgrammeActive(input.programmeId, active, actor);
        return done(active ? "catalogue.programmeReactivated" : "catalogue.programmeRetired");
      }
      case "moveProgramme":
        return done(
          (await moveProgramme(input.programmeId, input.direction, input.at, actor))
            ? "catalogue.moved"
            : "catalogue.notMoved",
        );
      case "moveStep":
        return done(
          (await moveStep(input.stepId, input.direction, input.at, actor))
            ? "catalogue.moved"
            : "catalogue.notMoved",
        );
      case "stepRetired": {
        const retired = input.retired === "yes";
        await setStepRetired(input.stepId, retired, actor);
        return done(retired ? "catalogue.stepRetired" : "catalogue.stepReactivated");
      }
      case "deleteStep":
        await deleteStep(input.stepId, actor);
        return done("catalogue.stepDeleted");
    }
  } catch (error) {
    if (error instanceof FormReplay)
      return answer(409, { result: replayReply(submission, error, t) });
    if (error instanceof CatalogueError) {
      const message = [t(error.key)];
      const status = { not_found: 404, invalid: 400, taken: 409, referenced: 409 }[error.code];
      return answer(status, {
        result: submission.reply(
          error.field ? { fieldErrors: { [error.field]: message } } : { formErrors: message },
        ),
      });
    }
    throw error;
  }
  const saved =
    input.intent === "programme"
      ? await saveProgrammeTexts(
          input.programmeId,
          {
            english: { name: input.name, condition: input.condition, summary: input.summary },
            texts: textsOf(input, PROGRAMME_FIELDS),
            seen: readSeen(submission.payload),
          },
          actor,
        )
      : await saveStepTexts(
          input.stepId,
          {
            english: { name: input.name, description: input.description },
            texts: textsOf(input, STEP_FIELDS),
            seen: readSeen(submission.payload),
          },
          actor,
        );
  if (!saved.found)
    return answer(404, {
      result: submission.reply({ formErrors: [t("catalogue.errors.notFound")] }),
    });
  if (saved.conflicts.length)
    return answer(409, {
      result: submission.reply({
        formErrors: [t("common:translations.conflict")],
      }),
    });
  return done(saved.changed.length ? "catalogue.saved" : "catalogue.unchanged");
}

/** After a refusal that may reflect a change made elsewhere: reload, with a fresh form key. */
export const shouldRevalidate: ShouldRevalidateFunction = ({
  actionStatus,
  defaultShouldRevalidate,
}) => actionStatus === 409 || defaultShouldRevalidate;

export default function CataloguePage() {
  const { t } = useTranslation("site");
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const page = useAppForm("catalogue", reply);
  const common = { reply, busy, formKey: d.formKey, resourceTypes: d.resourceTypes };
  return (
    <article className="site-admin catalogue-admin">
      <h1>{t("catalogue.title")}</h1>
      <p className="muted">{t("catalogue.intro")}</p>
      <div aria-live="polite">
        <FormErrors form={page.form} />
        <FormDone message={page.done} />
      </div>
      <section aria-labelledby="catalogue-missing-h" className="card">
        <h2 id="catalogue-missing-h">{t("catalogue.missingTitle")}</h2>
        <MissingCounts counts={d.missing} />
        <p>
          <Link to="/staff/catalogue/coverage">{t("coverage.link")}</Link>
        </p>
      </section>
      {d.programmes.map((p, i) => (
        <ProgrammeEditor
          key={p.id}
          programme={p}
          at={i}
          first={i === 0}
          last={i === d.programmes.length - 1}
          questionnaires={d.questionnaires}
          consentTexts={d.consentTexts}
          {...common}
        />
      ))}
      <NewProgramme {...common} />
    </article>
  );
}
