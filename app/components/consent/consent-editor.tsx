/**
 * The consent editor's parts (staff.catalogue_.$programmeId.consent): the state of the draft
 * with publish (patients then sign again) and discard, and one language's text: the languages
 * as links (written or not), the title, and the sections in one box. Plain forms.
 */
import type { SerializeFrom } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmAction } from "~/components/confirm";
import { FormErrors, FormField, useAppForm, type FormReply } from "~/components/form";
import { languageName } from "~/components/translations";
import { dirOf, LOCALES, type Locale } from "~/i18n/config";
import { CONSENT_LIMITS, toMarkup } from "~/lib/consent-text";
import { formatList } from "~/lib/format";
import type { ConsentEditor as Editor } from "~/models/consent/consent.server";

type EditorView = SerializeFrom<Editor>;

export function ConsentEditorActions({
  editor,
  reply,
  busy,
}: {
  editor: EditorView;
  reply: FormReply | null | undefined;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation("site");
  const { form } = useAppForm("consent-state", reply);
  const { working, published } = editor;
  const missing = LOCALES.filter((l) => !working.content[l]);
  return (
    <section className="card" aria-labelledby="c-state-h">
      <h2 id="c-state-h">{t("consentText.state")}</h2>
      <FormErrors form={form} />
      <p>
        {published
          ? t("consentText.publishedVersion", { version: published.version })
          : t("consentText.noPublished")}{" "}
        {working.status === "DRAFT"
          ? t("consentText.draftVersion", { version: working.version })
          : t("consentText.noDraft")}
      </p>
      {working.status === "DRAFT" ? (
        <div className="actions">
          <ConfirmAction
            intent="publish"
            fields={{}}
            label={t("consentText.publish")}
            question={
              <>
                {t("consentText.publishQuestion", { version: working.version })}
                {missing.length ? (
                  <span className="missing-langs block">
                    {t("consentText.publishMissing", {
                      languages: formatList(
                        missing.map((l) => languageName(l, i18n.language)),
                        i18n.language,
                      ),
                    })}
                  </span>
                ) : null}
              </>
            }
            confirm={t("consentText.publishConfirm")}
            busy={busy}
          />
          <ConfirmAction
            intent="discard"
            fields={{}}
            label={t("consentText.discard")}
            question={t("consentText.discardQuestion")}
            confirm={t("consentText.discardConfirm")}
            busy={busy}
          />
        </div>
      ) : null}
    </section>
  );
}

export function ConsentLanguageForm({
  programmeId,
  editor,
  language,
  reply,
  busy,
}: {
  programmeId: string;
  editor: EditorView;
  language: Locale;
  reply: FormReply | null | undefined;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation("site");
  const text = editor.working.content[language];
  const edit = useAppForm<{ language: string; title: string; markup: string }>(
    "consent-text",
    reply,
    { title: text?.title ?? "", markup: text ? toMarkup(text.sections) : "" },
  );
  const base = `/staff/catalogue/${programmeId}/consent`;
  return (
    <section className="card" aria-labelledby="c-text-h">
      <h2 id="c-text-h">{t("consentText.textTitle")}</h2>
      <nav aria-label={t("consentText.languages")}>
        <ul className="inline-list">
          {LOCALES.map((l) => (
            <li key={l}>
              <Link
                to={`${base}?lang=${l}`}
                aria-current={l === language ? "page" : undefined}
                className={l === language ? "current" : undefined}
              >
                {languageName(l, i18n.language)}
              </Link>{" "}
              <span className="small muted">
                {editor.working.content[l] ? "✓" : t("consentText.notWritten")}
              </span>
            </li>
          ))}
        </ul>
      </nav>
      <Form method="post" {...edit.props}>
        <FormErrors form={edit.form} />
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="language" value={language} />
        <FormField meta={edit.fields.title} label={t("consentText.titleField")}>
          {(p) => (
            <input {...p} lang={language} dir={dirOf(language)} maxLength={CONSENT_LIMITS.title} />
          )}
        </FormField>
        <FormField
          meta={edit.fields.markup}
          label={t("consentText.sectionsField")}
          hint={t("consentText.sectionsHint")}
        >
          {(p) => (
            <textarea
              {...p}
              lang={language}
              dir={dirOf(language)}
              rows={24}
              maxLength={CONSENT_LIMITS.markup}
            />
          )}
        </FormField>
        <button type="submit" className="button primary" disabled={busy}>
          {t("consentText.save", { language: languageName(language, i18n.language) })}
        </button>
      </Form>
      {language !== "en" && text ? (
        <ConfirmAction
          intent="remove"
          fields={{ language }}
          label={t("consentText.remove", { language: languageName(language, i18n.language) })}
          question={t("consentText.removeQuestion")}
          confirm={t("consentText.removeConfirm")}
          busy={busy}
        />
      ) : null}
    </section>
  );
}
