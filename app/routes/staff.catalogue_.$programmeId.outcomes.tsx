/**
 * A programme's outcome set, for admins (ADR 028, kind OUTCOMES): the PROMs asked at each
 * follow-up (scale, worse end, worsening threshold), the lab markers (unit, direction,
 * plausible and reference ranges, threshold) and the follow-up schedule, edited as a draft
 * and published as a new version. New follow-ups are made with the published version; those
 * made before keep theirs. Every write is audited with before and after.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ZodError } from "zod";
import { DraftActions, OutcomesForm, VersionHistory } from "~/components/catalogue/outcomes-editor";
import type { FormReply } from "~/components/form";
import { contentOf, editorValues, OutcomesEditorForm } from "~/forms/outcomes-editor";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { readSubmission } from "~/infra/forms.server";
import { clientIp } from "~/infra/request.server";
import { translatedTitle } from "~/lib/meta";
import { parseTexts, textIn } from "~/lib/translated";
import type { Locale } from "~/i18n/config";
import { requirePermission } from "~/models/auth/auth.server";
import {
  discardOutcomes,
  outcomesEditor,
  publishOutcomes,
  saveOutcomesDraft,
} from "~/models/catalogue/outcomes.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["aftercare"] };

export const meta: MetaFunction = ({ matches }) =>
  translatedTitle(matches, "aftercare:editor.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "catalogue:edit");
  const page = await outcomesEditor(params.programmeId ?? "");
  return { ...page, values: editorValues(page.content), timeZone: user.timeZone };
}

/** The form an answer belongs to: the draft's rows, or the publish or discard button. */
function formOf(payload: Record<string, unknown>) {
  return payload.intent === "publish" || payload.intent === "discard" ? payload.intent : "outcomes";
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "catalogue:edit");
  const programmeId = params.programmeId ?? "";
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["aftercare", "common"]);
  const { submission } = await readSubmission(request, OutcomesEditorForm, t);
  const answer = (status: number, reply: Omit<FormReply, "form">) =>
    data<FormReply>({ form: formOf(submission.payload), ...reply }, { status });
  const refused = (status: number, key: string) =>
    answer(status, { result: submission.reply({ formErrors: [t(key)] }) });
  if (submission.status !== "success") return answer(400, { result: submission.reply() });
  const actor = { actorId: user.id, ip: clientIp(context) };
  const input = submission.value;
  try {
    if (input.intent === "save") {
      const draft = await saveOutcomesDraft(programmeId, contentOf(input), actor);
      return answer(200, {
        result: submission.reply(),
        done: t("editor.saved", { version: draft.version }),
      });
    }
    if (input.intent === "publish") {
      const published = await publishOutcomes(programmeId, actor);
      if (!published) return refused(409, "editor.errors.noDraft");
      return answer(200, {
        result: submission.reply({ resetForm: true }),
        done: t("editor.publishedNow", { version: published.version }),
      });
    }
    const discarded = await discardOutcomes(programmeId, actor);
    if (!discarded) return refused(409, "editor.errors.noDraft");
    return answer(200, {
      result: submission.reply({ resetForm: true }),
      done: t("editor.discarded"),
    });
  } catch (error) {
    // A draft the rules no longer accept is refused, never half published.
    if (error instanceof ZodError) return refused(400, "editor.errors.invalidDraft");
    throw error;
  }
}

export default function OutcomesEditorPage() {
  const { t, i18n } = useTranslation("aftercare");
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const name = textIn(
    parseTexts(d.programme.translations, ["name"] as const),
    "name",
    d.programme.name,
    i18n.language as Locale,
  ).text;
  return (
    <article className="site-admin outcomes-admin">
      <p>
        <Link to="/staff/catalogue">{t("editor.back")}</Link>
      </p>
      <h1>
        {t("editor.title")} · <span dir="auto">{name}</span>
      </h1>
      <p className="muted">{t("editor.intro")}</p>
      <p>
        {d.published
          ? t("editor.publishedIs", { version: d.published.version })
          : t("editor.builtIn")}
      </p>
      <DraftActions draft={d.draft} reply={reply} busy={busy} />
      <OutcomesForm
        key={d.draft ? `draft-${d.draft.version}` : "published"}
        values={d.values}
        reply={reply}
        busy={busy}
      />
      <VersionHistory history={d.history} timeZone={d.timeZone} />
    </article>
  );
}
