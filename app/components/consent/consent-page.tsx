/**
 * The portal's consent page parts (portal.cases.$caseId_.consent): the text of the current
 * version (marked as English where the patient's language is not written), the signing form,
 * and the list of signed versions with their PDFs.
 */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SignatureField } from "~/components/consent/signature-field";
import {
  FormErrors,
  FormField,
  FormKey,
  useAppForm,
  useBusy,
  type FormReply,
} from "~/components/form";
import { dirOf } from "~/i18n/config";
import { paragraphs, type ConsentText } from "~/lib/consent-text";
import { formatDateTime } from "~/lib/format";

export interface ShownConsent {
  id: string;
  version: number;
  language: string;
  text: ConsentText;
  fallback: boolean;
}

/** The text as signed: its title, each heading and its paragraphs, in the text's language. */
export function ConsentTextView({ current }: { current: ShownConsent }) {
  const { t } = useTranslation("portal");
  return (
    <section className="card consent-text" aria-labelledby="consent-text-h">
      {current.fallback ? (
        <p className="notice warn" role="note">
          {t("consent.englishOnly")}
        </p>
      ) : null}
      <div lang={current.language} dir={dirOf(current.language)}>
        <h2 id="consent-text-h">{current.text.title}</h2>
        <p className="small muted">{t("consent.versionN", { version: current.version })}</p>
        {current.text.sections.map((s, i) => (
          <section key={i} aria-labelledby={`consent-s-${i}`}>
            <h3 id={`consent-s-${i}`}>{s.heading}</h3>
            {paragraphs(s.body).map((p, j) => (
              <p key={j} className="pre-line">
                {p}
              </p>
            ))}
          </section>
        ))}
      </div>
    </section>
  );
}

/** The form: I have read it, my full name, my signature. */
export function SignConsent({
  current,
  formKey,
  reply,
}: {
  current: ShownConsent;
  formKey: string;
  reply: FormReply | null | undefined;
}) {
  const { t } = useTranslation("portal");
  const busy = useBusy();
  const sign = useAppForm<{
    read: string;
    typedName: string;
    method: string;
    signature: string;
  }>("sign", reply);
  return (
    <section className="card" aria-labelledby="sign-h">
      <h2 id="sign-h">{t("consent.sign.title")}</h2>
      <Form method="post" {...sign.props}>
        <FormErrors form={sign.form} />
        <FormKey value={formKey} />
        <input type="hidden" name="intent" value="sign" />
        <input type="hidden" name="definitionId" value={current.id} />
        <input type="hidden" name="language" value={current.language} />
        <FormField
          meta={sign.fields.read}
          label={t("consent.sign.read", { version: current.version })}
          className="check"
        >
          {({ defaultValue, ...p }) => (
            <input {...p} type="checkbox" value="yes" defaultChecked={defaultValue === "yes"} />
          )}
        </FormField>
        <SignatureField fields={sign.fields} />
        <button type="submit" className="button primary" disabled={busy}>
          {t("consent.sign.submit", { version: current.version })}
        </button>
      </Form>
    </section>
  );
}

interface SignedItem {
  id: string;
  kind: string;
  version: number;
  language: string;
  typedName: string;
  signedAt: string | Date;
}

/** What the patient signed, newest first, each with its PDF. */
export function SignedList({
  caseId,
  signed,
  timeZone,
}: {
  caseId: string;
  signed: readonly SignedItem[];
  timeZone: string;
}) {
  const { t, i18n } = useTranslation("portal");
  if (!signed.length) return null;
  return (
    <section className="card" aria-labelledby="signed-h">
      <h2 id="signed-h">{t("consent.signedTitle")}</h2>
      <ul>
        {signed.map((s) => (
          <li key={s.id}>
            {t(s.kind === "QUOTE" ? "consent.quoteLine" : "consent.signedLine", {
              version: s.version,
              date: formatDateTime(s.signedAt, i18n.language, timeZone, "medium"),
              name: s.typedName,
            })}{" "}
            <a href={`/portal/cases/${caseId}/consents/${s.id}/pdf`} download>
              {t("consent.download")}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
