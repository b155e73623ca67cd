/**
 * A programme's eligibility questionnaire, for admins (issue 23): the questions of the draft
 * (or, before the first edit, of the published version), each added, edited, moved or removed
 * with plain forms; a preview in any language; publishing the draft as the next version; and
 * the version history. Every write is audited by the versioning module (saveDraft,
 * publishDraft, discardDraft). Answered enquiries keep the version they answered.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { FormReply } from "~/components/form";
import {
  EditorActions,
  QuestionEditor,
  QuestionList,
  QuestionnairePreview,
  VersionHistory,
} from "~/components/site/questionnaire-editor";
import { RowText } from "~/components/translated";
import { QuestionnaireEditForm, toQuestion } from "~/forms/questionnaire";
import { isLocale } from "~/i18n/config";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { readSubmission } from "~/infra/forms.server";
import { clientIp } from "~/infra/request.server";
import { translatedTitle } from "~/lib/meta";
import { notFound, requirePermission } from "~/models/auth/auth.server";
import {
  changeQuestions,
  discardQuestionnaireDraft,
  editorProgramme,
  publishQuestionnaire,
  questionnaireEditor,
} from "~/models/catalogue/questionnaire.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["enquiry"] };

export const meta: MetaFunction = ({ matches }) =>
  translatedTitle(matches, "site:questionnaire.title");

const DONE = ["save", "move", "remove", "publish", "discard"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "questionnaire:edit");
  const programme = await editorProgramme(params.programmeId ?? "");
  if (!programme) notFound();
  const url = new URL(request.url);
  const editor = await questionnaireEditor(programme);
  const edit = url.searchParams.get("edit");
  const preview = url.searchParams.get("preview");
  const done = url.searchParams.get("done");
  return {
    programme,
    editor,
    /** The question open in the form: its id, "new", or none. */
    edit:
      edit === "new" || editor.working.content.questions.some((q) => q.id === edit) ? edit : null,
    preview: isLocale(preview) ? preview : null,
    done: (DONE as readonly string[]).includes(done ?? "") ? done : null,
    timeZone: user.timeZone,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "questionnaire:edit");
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["site", "enquiry", "common"]);
  const { submission } = await readSubmission(request, QuestionnaireEditForm, t);
  const intent = (submission.payload as { intent?: unknown }).intent;
  const formId = intent === "save" ? "question" : "questionnaire";
  const answer = (status: number, reply: Omit<FormReply, "form">) =>
    data<FormReply>({ form: formId, ...reply }, { status });
  const programme = await editorProgramme(params.programmeId ?? "");
  if (!programme) {
    return answer(404, {
      result: submission.reply({ formErrors: [t("site:questionnaire.errors.noProgramme")] }),
    });
  }
  if (submission.status !== "success") return answer(400, { result: submission.reply() });
  const who = { actorId: user.id, ip: clientIp(context) };
  const input = submission.value;
  const back = (done: string) =>
    redirect(`/staff/catalogue/${programme.id}/questionnaire?done=${done}`);
  const refuse = (status: number, key: string) =>
    answer(status, { result: submission.reply({ formErrors: [t(key)] }) });

  switch (input.intent) {
    case "save": {
      const question = toQuestion(input);
      const saved = await changeQuestions(
        programme,
        (questions) => {
          if (input.originalId) {
            const at = questions.findIndex((q) => q.id === input.originalId);
            if (at < 0) return "site:questionnaire.errors.gone";
            questions[at] = question;
            return questions;
          }
          if (questions.some((q) => q.id === question.id)) {
            return "site:questionnaire.errors.duplicateId";
          }
          return [...questions, question];
        },
        who,
      );
      return saved.ok ? back("save") : refuse(400, saved.error);
    }
    case "move":
    case "remove": {
      const saved = await changeQuestions(
        programme,
        (questions) => {
          const at = questions.findIndex((q) => q.id === input.questionId);
          if (at < 0) return "site:questionnaire.errors.gone";
          if (input.intent === "remove") return questions.filter((_, i) => i !== at);
          const to = input.direction === "up" ? at - 1 : at + 1;
          if (to < 0 || to >= questions.length) return questions;
          [questions[at], questions[to]] = [questions[to]!, questions[at]!];
          return questions;
        },
        who,
      );
      return saved.ok ? back(input.intent) : refuse(409, saved.error);
    }
    case "publish": {
      const published = await publishQuestionnaire(programme.id, who);
      return published ? back("publish") : refuse(409, "site:questionnaire.errors.noDraft");
    }
    case "discard": {
      const discarded = await discardQuestionnaireDraft(programme.id, who);
      return discarded ? back("discard") : refuse(409, "site:questionnaire.errors.noDraft");
    }
  }
}

export default function QuestionnairePage() {
  const { t } = useTranslation("site");
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const { working } = d.editor;
  const editing =
    d.edit === "new" ? undefined : working.content.questions.find((q) => q.id === d.edit);
  const base = `/staff/catalogue/${d.programme.id}/questionnaire`;
  return (
    <article className="site-admin questionnaire-admin">
      <p className="small">
        <Link to="/staff/catalogue">{t("questionnaire.back")}</Link>
      </p>
      <h1>
        {t("questionnaire.title")}: <RowText row={d.programme} field="name" />
      </h1>
      <p className="muted">{t("questionnaire.intro")}</p>
      {d.done ? (
        <p className="notice ok" role="status">
          {t(`questionnaire.done.${d.done}`)}
        </p>
      ) : null}
      <EditorActions editor={d.editor} reply={reply} busy={busy} />
      <QuestionList questionnaire={working} base={base} reply={reply} busy={busy} />
      {d.edit || reply?.form === "question" ? (
        <QuestionEditor
          key={d.edit ?? "new"}
          question={editing}
          reply={reply}
          busy={busy}
          cancel={base}
        />
      ) : (
        <p>
          <Link to={`${base}?edit=new#question-form`} className="button">
            {t("questionnaire.add")}
          </Link>
        </p>
      )}
      <QuestionnairePreview questionnaire={working} locale={d.preview} base={base} />
      <VersionHistory history={d.editor.history} timeZone={d.timeZone} />
    </article>
  );
}
