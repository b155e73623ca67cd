/**
 * A programme's procedure consent, for admins (issue 25, consent-text:edit): the text of the
 * draft (or, before the first edit, of the published version) one language at a time, a title
 * and the sections in one box ("## heading" then its body); publishing the draft as the next
 * version, after which every patient must sign again before treatment; and the version
 * history. Every write is audited by the versioning module (saveDraft, publishDraft,
 * discardDraft).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConsentEditorActions, ConsentLanguageForm } from "~/components/consent/consent-editor";
import type { FormReply } from "~/components/form";
import { VersionHistory } from "~/components/site/questionnaire-editor";
import { RowText } from "~/components/translated";
import { ConsentEditForm } from "~/forms/consent";
import { isLocale } from "~/i18n/config";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { readSubmission } from "~/infra/forms.server";
import { clientIp } from "~/infra/request.server";
import { fromMarkup } from "~/lib/consent-text";
import { translatedTitle } from "~/lib/meta";
import { notFound, requirePermission } from "~/models/auth/auth.server";
import { editorProgramme } from "~/models/catalogue/questionnaire.server";
import {
  consentEditor,
  discardConsentDraft,
  publishConsent,
  removeConsentLanguage,
  saveConsentLanguage,
} from "~/models/consent/consent.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["enquiry", "portal"] };

export const meta: MetaFunction = ({ matches }) =>
  translatedTitle(matches, "site:consentText.title");

const DONE = ["save", "remove", "publish", "discard"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "consent-text:edit");
  const programme = await editorProgramme(params.programmeId ?? "");
  if (!programme) notFound();
  const url = new URL(request.url);
  const lang = url.searchParams.get("lang");
  const done = url.searchParams.get("done");
  return {
    programme,
    editor: await consentEditor(programme.id),
    language: isLocale(lang) ? lang : "en",
    done: (DONE as readonly string[]).includes(done ?? "") ? done : null,
    timeZone: user.timeZone,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "consent-text:edit");
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["site", "common"]);
  const { submission } = await readSubmission(request, ConsentEditForm, t);
  const intent = (submission.payload as { intent?: unknown }).intent;
  const formId = intent === "save" ? "consent-text" : "consent-state";
  const answer = (status: number, reply: Omit<FormReply, "form">) =>
    data<FormReply>({ form: formId, ...reply }, { status });
  const programme = await editorProgramme(params.programmeId ?? "");
  if (!programme) notFound();
  if (submission.status !== "success") return answer(400, { result: submission.reply() });
  const who = { actorId: user.id, ip: clientIp(context) };
  const input = submission.value;
  const back = (done: string, lang?: string) =>
    redirect(`/staff/catalogue/${programme.id}/consent?done=${done}${lang ? `&lang=${lang}` : ""}`);
  const refuse = (status: number, key: string, field?: string) =>
    answer(status, {
      result: field
        ? submission.reply({ fieldErrors: { [field]: [t(key)] } })
        : submission.reply({ formErrors: [t(key)] }),
    });

  switch (input.intent) {
    case "save": {
      const sections = fromMarkup(input.markup);
      if (!sections.ok) return refuse(400, sections.error, "markup");
      const saved = await saveConsentLanguage(
        programme.id,
        input.language,
        { title: input.title, sections: sections.sections },
        who,
      );
      return saved.ok ? back("save", input.language) : refuse(400, saved.error);
    }
    case "remove": {
      const removed = await removeConsentLanguage(programme.id, input.language, who);
      return removed.ok ? back("remove") : refuse(409, removed.error);
    }
    case "publish": {
      const published = await publishConsent(programme.id, who);
      return published ? back("publish") : refuse(409, "site:consentText.errors.noDraft");
    }
    case "discard": {
      const discarded = await discardConsentDraft(programme.id, who);
      return discarded ? back("discard") : refuse(409, "site:consentText.errors.noDraft");
    }
  }
}

export default function ConsentTextPage() {
  const { t } = useTranslation("site");
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <article className="site-admin consent-admin">
      <p className="small">
        <Link to="/staff/catalogue">{t("questionnaire.back")}</Link>
      </p>
      <h1>
        {t("consentText.title")}: <RowText row={d.programme} field="name" />
      </h1>
      <p className="muted">{t("consentText.intro")}</p>
      {d.done ? (
        <p className="notice ok" role="status">
          {t(`consentText.done.${d.done}`)}
        </p>
      ) : null}
      <ConsentEditorActions editor={d.editor} reply={reply} busy={busy} />
      <ConsentLanguageForm
        key={d.language}
        programmeId={d.programme.id}
        editor={d.editor}
        language={d.language}
        reply={reply}
        busy={busy}
      />
      <VersionHistory history={d.editor.history} timeZone={d.timeZone} />
    </article>
  );
}
