/**
 * The treatment catalogue in every language, for admins (ADR 024): each programme's name,
 * condition and summary and each pathway step's name and description, in English (the
 * fallback) and in every other language, with a marker on whatever is missing and a count of
 * missing texts per language. Every save is audited; saving the same words again changes
 * nothing.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { FormReply } from "~/components/form";
import { ProgrammeEditor } from "~/components/site/catalogue";
import { MissingCounts } from "~/components/translations";
import { CatalogueForm } from "~/forms/catalogue";
import { textsOf } from "~/forms/translations";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { readSubmission } from "~/infra/forms.server";
import { clientIp } from "~/infra/request.server";
import { translatedTitle } from "~/lib/meta";
import { can } from "~/lib/permissions";
import { requirePermission } from "~/models/auth/auth.server";
import {
  cataloguePage,
  PROGRAMME_FIELDS,
  readSeen,
  saveProgrammeTexts,
  saveStepTexts,
  STEP_FIELDS,
} from "~/models/catalogue/catalogue.server";

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "site:catalogue.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "catalogue:edit");
  return { ...(await cataloguePage()), questionnaires: can(user, "questionnaire:edit") };
}

/** The form an answer belongs to: each programme's and each step's are their own. */
function formOf(payload: Record<string, unknown>) {
  return payload.intent === "step"
    ? `step-${String(payload.stepId ?? "")}`
    : `programme-${String(payload.programmeId ?? "")}`;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "catalogue:edit");
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["site", "common"]);
  const { submission } = await readSubmission(request, CatalogueForm, t);
  const answer = (status: number, reply: Omit<FormReply, "form">) =>
    data<FormReply>({ form: formOf(submission.payload), ...reply }, { status });
  if (submission.status !== "success") return answer(400, { result: submission.reply() });
  const actor = { id: user.id, ip: clientIp(context) };
  const input = submission.value;
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
  return answer(200, {
    result: submission.reply({ resetForm: true }),
    done: t(saved.changed.length ? "catalogue.saved" : "catalogue.unchanged"),
  });
}

export default function CataloguePage() {
  const { t } = useTranslation("site");
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <article className="site-admin catalogue-admin">
      <h1>{t("catalogue.title")}</h1>
      <p className="muted">{t("catalogue.intro")}</p>
      <section aria-labelledby="catalogue-missing-h" className="card">
        <h2 id="catalogue-missing-h">{t("catalogue.missingTitle")}</h2>
        <MissingCounts counts={d.missing} />
      </section>
      {d.programmes.map((p) => (
        <ProgrammeEditor
          key={p.id}
          programme={p}
          reply={reply}
          busy={busy}
          questionnaires={d.questionnaires}
        />
      ))}
    </article>
  );
}
