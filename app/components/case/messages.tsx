/** The message thread with the patient, a message to them, and a request for more information. */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import {
  ChoiceField,
  FormDone,
  FormErrors,
  FormField,
  FormKey,
  useAppForm,
} from "~/components/form";
import { LanguageCheck } from "~/components/language-warning";
import type { RequestInfoForm } from "~/forms/case";
import { formatDateTime, formatList } from "~/lib/format";
import { INFO_REQUEST_KINDS, TEXT_MAX } from "~/lib/review";
import { iso, type CaseCtx } from "./context";
import { Author, Busy, TextForm } from "./parts";

export function MessagesSection(ctx: CaseCtx) {
  const { kase, can, locale, timeZone } = ctx;
  const { t } = useTranslation();
  const thread = kase.events
    .filter((e) => e.type === "MESSAGE" || e.type === "INFO_REQUESTED")
    .slice()
    .reverse();
  const infoOpen = kase.stage === "ENQUIRY" || kase.stage === "MEDICAL_REVIEW";
  return (
    <section className="card" aria-labelledby="messages-h" id="messages">
      <h2 id="messages-h">{t("messages.title")}</h2>
      <p className="hint">{t("messages.hint")}</p>
      {thread.length === 0 ? <p className="muted">{t("messages.none")}</p> : null}
      <ol className="thread">
        {thread.map((e) => (
          <li key={e.id} className={e.fromPatient ? "from-patient" : "from-staff"}>
            <p className="small muted">
              <Author e={e} patientName={kase.patient.name} /> ·{" "}
              <time dateTime={iso(e.createdAt)}>
                {formatDateTime(e.createdAt, locale, timeZone, "short")}
              </time>
              {e.type === "INFO_REQUESTED" ? (
                <>
                  {" "}
                  ·{" "}
                  <strong>
                    {t("messages.infoRequest", {
                      kinds: formatList(
                        (e.reason ?? "")
                          .split(",")
                          .filter(Boolean)
                          .map((k) => t(`review.info.${k}`)),
                        locale,
                      ),
                    })}
                  </strong>
                </>
              ) : null}
            </p>
            <p className="pre">
              <bdi>{e.body}</bdi>
            </p>
          </li>
        ))}
      </ol>
      {can.message ? (
        <TextForm
          intent="message"
          label={t("messages.write")}
          submit={t("messages.send")}
          rows={3}
          ctx={ctx}
        />
      ) : null}
      {can.requestInfo && infoOpen ? <RequestInfo {...ctx} /> : null}
    </section>
  );
}

/** Asks the patient for more information; the case's clock pauses until they answer. */
function RequestInfo({ formKey, reply }: CaseCtx) {
  const { t } = useTranslation();
  const { form, fields, done, props } = useAppForm<z.input<typeof RequestInfoForm>>(
    "requestInfo",
    reply,
  );
  return (
    <Form method="post" preventScrollReset className="info-form" {...props}>
      <h3>{t("messages.requestTitle")}</h3>
      <FormErrors form={form} />
      <FormDone message={done} focus />
      <input type="hidden" name="intent" value="requestInfo" />
      <FormKey value={formKey} />
      <ChoiceField
        meta={fields.kinds}
        legend={t("messages.requestWhat")}
        type="checkbox"
        options={INFO_REQUEST_KINDS.map((k) => ({ value: k, label: t(`review.info.${k}`) }))}
      />
      <FormField
        meta={fields.body}
        label={t("messages.requestBody")}
        hint={t("messages.requestHint")}
      >
        {({ key, ...control }) => (
          <textarea key={key} {...control} rows={3} maxLength={TEXT_MAX} required />
        )}
      </FormField>
      <LanguageCheck form="requestInfo" reply={reply} />
      <Busy>{t("messages.requestSend")}</Busy>
    </Form>
  );
}
