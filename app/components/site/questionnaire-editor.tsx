/**
 * The questionnaire editor's parts (staff.catalogue_.$programmeId.questionnaire): the state
 * of the draft with publish and discard, the list of questions (move, edit, remove), one
 * question's form (type, words in every language, options, unit and range, red flags), a
 * preview in any language, and the version history. Plain forms: no JavaScript needed.
 */
import { formatList } from "~/lib/format";
import type { SerializeFrom } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmAction } from "~/components/confirm";
import {
  FormErrors,
  FormField,
  useAppForm,
  type FieldMetadata,
  type FormReply,
} from "~/components/form";
import { InLanguage } from "~/components/translated";
import { LanguageFields, languageName } from "~/components/translations";
import { OPTION_ROWS, questionDefaults } from "~/forms/questionnaire";
import { dirOf, LOCALES, type Locale } from "~/i18n/config";
import { formatDateTime, formatNumber } from "~/lib/format";
import {
  localize,
  QUESTION_LIMITS,
  QUESTION_TYPES,
  type QuestionDef,
  type QuestionnaireView,
} from "~/lib/questionnaire-content";
import type { QuestionnaireEditor as Editor } from "~/models/catalogue/questionnaire.server";

type AnyFields = Record<string, FieldMetadata<unknown>>;
type EditorView = SerializeFrom<Editor>;

/** Which languages a question has no words in yet (label, and each option's). */
function missingIn(q: QuestionDef): Locale[] {
  return LOCALES.filter(
    (lng) => lng !== "en" && (!q.label[lng] || (q.options ?? []).some((o) => !o.label[lng])),
  );
}

/** The draft's state, and publishing or discarding it. */
export function EditorActions({
  editor,
  reply,
  busy,
}: {
  editor: EditorView;
  reply: FormReply | null | undefined;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation("site");
  const { form } = useAppForm("questionnaire", reply);
  const { working, published } = editor;
  // Languages some question of the draft is not written in: said before publishing, since
  // patients reading them would get those questions in English.
  const untranslated = LOCALES.filter((lng) =>
    working.content.questions.some((q) => missingIn(q as QuestionDef).includes(lng)),
  );
  return (
    <section className="card" aria-labelledby="q-state-h">
      <h2 id="q-state-h">{t("questionnaire.state")}</h2>
      <FormErrors form={form} />
      <p>
        {published
          ? t("questionnaire.publishedVersion", { version: published.version })
          : t("questionnaire.noPublished")}
        {working.status === "DRAFT"
          ? ` ${t("questionnaire.draftVersion", { version: working.version })}`
          : ` ${t("questionnaire.noDraft")}`}
      </p>
      {working.status === "DRAFT" ? (
        <div className="actions">
          <ConfirmAction
            intent="publish"
            fields={{}}
            label={t("questionnaire.publish")}
            question={
              <>
                {t("questionnaire.publishQuestion", { version: working.version })}
                {untranslated.length ? (
                  <span className="missing-langs block">
                    {t("questionnaire.publishMissing", {
                      languages: formatList(
                        untranslated.map((l) => languageName(l, i18n.language)),
                        i18n.language,
                      ),
                    })}
                  </span>
                ) : null}
              </>
            }
            confirm={t("questionnaire.publishConfirm")}
            busy={busy}
          />
          <ConfirmAction
            intent="discard"
            fields={{}}
            label={t("questionnaire.discard")}
            question={t("questionnaire.discardQuestion")}
            confirm={t("questionnaire.discardConfirm")}
            busy={busy}
          />
        </div>
      ) : null}
    </section>
  );
}

/** A red-flag rule in words, for the list. */
function RedFlagSummary({ q, lng }: { q: QuestionDef; lng: string }) {
  const { t } = useTranslation(["site", "enquiry"]);
  const rule = q.redFlag;
  if (!rule) return null;
  const parts: string[] = [];
  if (rule.when) parts.push(t(`enquiry:${rule.when}`));
  for (const key of rule.options ?? []) {
    const o = q.options?.find((x) => x.key === key);
    parts.push(o ? localize(o.label, lng).text : key);
  }
  if (rule.above !== undefined)
    parts.push(t("questionnaire.flagAboveShort", { value: rule.above }));
  if (rule.below !== undefined)
    parts.push(t("questionnaire.flagBelowShort", { value: rule.below }));
  if (!parts.length) return null;
  return (
    <span className="flag small">
      {" "}
      ⚑ {t("questionnaire.redFlagWhen")} {formatList(parts, lng)}
    </span>
  );
}

export function QuestionList({
  questionnaire,
  base,
  reply: _reply,
  busy,
}: {
  questionnaire: SerializeFrom<QuestionnaireView>;
  base: string;
  reply: FormReply | null | undefined;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation("site");
  const lng = i18n.language;
  const questions = questionnaire.content.questions as QuestionDef[];
  return (
    <section className="card" aria-labelledby="q-list-h">
      <h2 id="q-list-h">{t("questionnaire.questions")}</h2>
      {questions.length === 0 ? <p className="muted">{t("questionnaire.empty")}</p> : null}
      <ol className="question-list">
        {questions.map((q, i) => {
          const missing = missingIn(q);
          return (
            <li key={q.id}>
              <p>
                <strong>
                  <InLanguage value={localize(q.label, lng)} />
                </strong>
              </p>
              <p className="muted small">
                <code dir="ltr">{q.id}</code> · {t(`questionnaire.type.${q.type}`)} ·{" "}
                {q.required ? t("questionnaire.isRequired") : t("questionnaire.isOptional")}
                <RedFlagSummary q={q} lng={lng} />
              </p>
              {missing.length ? (
                <p className="missing-langs small">
                  {t("questionnaire.missing", {
                    languages: formatList(
                      missing.map((l) => languageName(l, lng)),
                      lng,
                    ),
                  })}
                </p>
              ) : null}
              <div className="actions">
                <Link to={`${base}?edit=${encodeURIComponent(q.id)}#question-form`}>
                  {t("questionnaire.edit")}
                  <span className="visually-hidden">: {localize(q.label, lng).text}</span>
                </Link>
                {(["up", "down"] as const).map((direction) =>
                  (direction === "up" && i === 0) ||
                  (direction === "down" && i === questions.length - 1) ? null : (
                    <Form method="post" key={direction} className="inline-form">
                      <input type="hidden" name="intent" value="move" />
                      <input type="hidden" name="questionId" value={q.id} />
                      <input type="hidden" name="direction" value={direction} />
                      <button type="submit" disabled={busy}>
                        {t(`questionnaire.move.${direction}`)}
                        <span className="visually-hidden">: {localize(q.label, lng).text}</span>
                      </button>
                    </Form>
                  ),
                )}
                <ConfirmAction
                  intent="remove"
                  fields={{ questionId: q.id }}
                  label={
                    <>
                      {t("questionnaire.remove")}
                      <span className="visually-hidden">: {localize(q.label, lng).text}</span>
                    </>
                  }
                  question={t("questionnaire.removeQuestion")}
                  confirm={t("questionnaire.removeConfirm")}
                  busy={busy}
                />
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** One question's form: a new one, or the one being edited (its key then stays). */
export function QuestionEditor({
  question,
  reply,
  busy,
  cancel,
}: {
  question: QuestionDef | undefined;
  reply: FormReply | null | undefined;
  busy: boolean;
  cancel: string;
}) {
  const { t, i18n } = useTranslation("site");
  const defaults = questionDefaults(question);
  const { form, fields, props } = useAppForm("question", reply, defaults);
  const f = fields as unknown as AnyFields;
  const metaOf = (field: string, lng: Locale) => f[`${field}_${lng}`]!;
  const optionCount = Math.min(OPTION_ROWS, (question?.options?.length ?? 0) + 3);
  return (
    <section className="card" aria-labelledby="question-form-h" id="question-form">
      <h2 id="question-form-h">
        {question ? t("questionnaire.editTitle") : t("questionnaire.addTitle")}
      </h2>
      <Form method="post" {...props} className="question-form">
        <FormErrors form={form} />
        <input type="hidden" name="intent" value="save" />
        {question ? <input type="hidden" name="originalId" value={question.id} /> : null}
        <FormField
          meta={f.id!}
          label={t("questionnaire.field.id")}
          hint={t("questionnaire.hint.id")}
        >
          {({ key, ...p }) =>
            question ? (
              <input key={key} {...p} readOnly dir="ltr" />
            ) : (
              <input
                key={key}
                {...p}
                dir="ltr"
                maxLength={40}
                pattern="[A-Za-z][A-Za-z0-9_]*"
                required
              />
            )
          }
        </FormField>
        <FormField meta={f.type!} label={t("questionnaire.field.type")}>
          {({ key, ...p }) => (
            <select key={key} {...p}>
              {QUESTION_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`questionnaire.type.${type}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField
          meta={f.required!}
          label={t("questionnaire.field.required")}
          className="checkbox"
        >
          {({ key, defaultValue, ...p }) => (
            <input
              key={key}
              {...p}
              type="checkbox"
              value="on"
              defaultChecked={defaultValue === "on"}
            />
          )}
        </FormField>
        <LanguageFields
          metaOf={metaOf}
          fields={[
            { name: "label", label: t("questionnaire.field.label"), max: QUESTION_LIMITS.label },
            {
              name: "help",
              label: t("questionnaire.field.help"),
              max: QUESTION_LIMITS.help,
              multiline: true,
            },
          ]}
        />
        <fieldset className="q-yesno">
          <legend>{t("questionnaire.section.yesno")}</legend>
          <FormField meta={f.flagWhen!} label={t("questionnaire.field.flagWhen")}>
            {({ key, ...p }) => (
              <select key={key} {...p}>
                <option value="">{t("questionnaire.flagNone")}</option>
                <option value="yes">{t("enquiry:yes")}</option>
                <option value="no">{t("enquiry:no")}</option>
              </select>
            )}
          </FormField>
        </fieldset>
        <fieldset className="q-choice">
          <legend>{t("questionnaire.section.options")}</legend>
          <p className="hint">{t("questionnaire.hint.options")}</p>
          {Array.from({ length: optionCount }, (_, i) => (
            <fieldset key={i} className="q-option">
              <legend>{t("questionnaire.option", { n: i + 1 })}</legend>
              <FormField meta={f[`opt${i}_key`]!} label={t("questionnaire.field.optionKey")}>
                {({ key, ...p }) => <input key={key} {...p} dir="ltr" maxLength={40} size={12} />}
              </FormField>
              <FormField
                meta={f[`opt${i}_flag`]!}
                label={t("questionnaire.field.optionFlag")}
                className="checkbox"
              >
                {({ key, defaultValue, ...p }) => (
                  <input
                    key={key}
                    {...p}
                    type="checkbox"
                    value="on"
                    defaultChecked={defaultValue === "on"}
                  />
                )}
              </FormField>
              {LOCALES.map((lng) => (
                <FormField
                  key={lng}
                  meta={f[`opt${i}_label_${lng}`]!}
                  label={languageName(lng, i18n.language)}
                >
                  {({ key, ...p }) => (
                    <input
                      key={key}
                      {...p}
                      lang={lng}
                      dir={dirOf(lng)}
                      maxLength={QUESTION_LIMITS.label}
                    />
                  )}
                </FormField>
              ))}
            </fieldset>
          ))}
        </fieldset>
        <fieldset className="q-number">
          <legend>{t("questionnaire.section.number")}</legend>
          <div className="field-row">
            <FormField meta={f.min!} label={t("questionnaire.field.min")}>
              {({ key, ...p }) => <input key={key} {...p} inputMode="decimal" dir="ltr" size={8} />}
            </FormField>
            <FormField meta={f.max!} label={t("questionnaire.field.max")}>
              {({ key, ...p }) => <input key={key} {...p} inputMode="decimal" dir="ltr" size={8} />}
            </FormField>
          </div>
          <FormField
            meta={f.decimals!}
            label={t("questionnaire.field.decimals")}
            className="checkbox"
          >
            {({ key, defaultValue, ...p }) => (
              <input
                key={key}
                {...p}
                type="checkbox"
                value="on"
                defaultChecked={defaultValue === "on"}
              />
            )}
          </FormField>
          <div className="field-row">
            <FormField meta={f.flagAbove!} label={t("questionnaire.field.flagAbove")}>
              {({ key, ...p }) => <input key={key} {...p} inputMode="decimal" dir="ltr" size={8} />}
            </FormField>
            <FormField meta={f.flagBelow!} label={t("questionnaire.field.flagBelow")}>
              {({ key, ...p }) => <input key={key} {...p} inputMode="decimal" dir="ltr" size={8} />}
            </FormField>
          </div>
          <LanguageFields
            metaOf={metaOf}
            fields={[
              { name: "unit", label: t("questionnaire.field.unit"), max: QUESTION_LIMITS.unit },
            ]}
          />
        </fieldset>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t("questionnaire.save")}
          </button>
          <Link to={cancel}>{t("questionnaire.cancel")}</Link>
        </div>
      </Form>
    </section>
  );
}

/** The questions as a patient would read them in one language (fallbacks marked). */
export function QuestionnairePreview({
  questionnaire,
  locale,
  base,
}: {
  questionnaire: SerializeFrom<QuestionnaireView>;
  locale: Locale | null;
  base: string;
}) {
  const { t, i18n } = useTranslation(["site", "enquiry"]);
  const lng = locale ?? (i18n.language as Locale);
  const questions = questionnaire.content.questions as QuestionDef[];
  return (
    <section className="card" aria-labelledby="q-preview-h" id="preview">
      <h2 id="q-preview-h">{t("questionnaire.preview")}</h2>
      <Form method="get" action={`${base}#preview`} className="inline-form">
        <label htmlFor="preview-lng">{t("questionnaire.previewIn")}</label>{" "}
        <select id="preview-lng" name="preview" defaultValue={lng}>
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {languageName(l, i18n.language)}
            </option>
          ))}
        </select>{" "}
        <button type="submit">{t("questionnaire.show")}</button>
      </Form>
      <div lang={lng} dir={dirOf(lng)} className="preview">
        <ol>
          {questions.map((q) => {
            const help = q.help ? localize(q.help, lng) : null;
            const unit = q.unit ? localize(q.unit, lng) : null;
            return (
              <li key={q.id}>
                <p>
                  <InLanguageFixed value={localize(q.label, lng)} page={lng} />
                  {q.required ? null : (
                    <span className="muted small"> ({t("questionnaire.isOptional")})</span>
                  )}
                </p>
                {help?.text ? (
                  <p className="hint">
                    <InLanguageFixed value={help} page={lng} />
                  </p>
                ) : null}
                {q.type === "yesno" ? (
                  <p className="muted">
                    {t("enquiry:yes", { lng })} / {t("enquiry:no", { lng })}
                  </p>
                ) : null}
                {q.options?.length ? (
                  <ul>
                    {q.options.map((o) => (
                      <li key={o.key}>
                        <InLanguageFixed value={localize(o.label, lng)} page={lng} />
                      </li>
                    ))}
                  </ul>
                ) : null}
                {q.type === "number" ? (
                  <p className="muted" dir="ltr">
                    {q.min !== undefined ? formatNumber(q.min, lng) : "…"} –{" "}
                    {q.max !== undefined ? formatNumber(q.max, lng) : "…"}
                    {unit?.text ? ` ${unit.text}` : ""}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ol>
      </div>
    </section>
  );
}

/** Like InLanguage, for a preview whose language is not the page's. */
function InLanguageFixed({ value, page }: { value: { text: string; lang: string }; page: string }) {
  if (value.lang === page) return <>{value.text}</>;
  return (
    <bdi lang={value.lang} dir="auto" className="fallback">
      {value.text}
    </bdi>
  );
}

export function VersionHistory({
  history,
  timeZone,
}: {
  history: EditorView["history"];
  timeZone: string;
}) {
  const { t, i18n } = useTranslation("site");
  if (!history.length) return null;
  return (
    <section className="card" aria-labelledby="q-history-h">
      <h2 id="q-history-h">{t("questionnaire.history")}</h2>
      <ul>
        {history.map((h) => (
          <li key={h.id}>
            {t("questionnaire.versionN", { version: h.version })} ·{" "}
            {t(`questionnaire.status.${h.status}`)}
            {h.publishedAt
              ? ` · ${formatDateTime(h.publishedAt, i18n.language, timeZone, "short")}`
              : ""}
          </li>
        ))}
      </ul>
    </section>
  );
}
