/**
 * The one shape of every email about a case: greeting, one paragraph, a button to the
 * right page, the privacy line for patients, signature, and the same in plain text.
 */
import type { TFunction } from "i18next";
import { Button, EmailLayout } from "./layout";
import type { RenderedEmail } from "./types";

export interface CaseEmailParts {
  patient: boolean;
  subject: string;
  body: string;
  caseNumber: string;
  recipientName: string;
  link: string;
}

export function caseEmail(
  t: TFunction,
  dir: "ltr" | "rtl",
  lang: string,
  parts: CaseEmailParts,
): RenderedEmail {
  const vars = { caseNumber: parts.caseNumber, name: parts.recipientName };
  const { subject, body, patient } = parts;
  const greeting = t(patient ? "layout.greetingPatient" : "layout.greetingStaff", vars);
  const cta = t(patient ? "layout.ctaPatient" : "layout.ctaStaff");
  const privacy = t("layout.privacy");
  const signature = t("layout.signature");
  const footer = t("layout.footer", { caseNumber: parts.caseNumber });
  const html = (
    <EmailLayout lang={lang} dir={dir} title={subject} preheader={body} footer={footer}>
      <p>{greeting}</p>
      <p>{body}</p>
      <Button href={parts.link}>{cta}</Button>
      {patient ? <p style={{ color: "#4a5563", fontSize: 14 }}>{privacy}</p> : null}
      <p>{signature}</p>
    </EmailLayout>
  );
  const text = [
    greeting,
    "",
    body,
    "",
    `${cta}: ${parts.link}`,
    ...(patient ? ["", privacy] : []),
    "",
    signature,
    "--",
    footer,
  ].join("\n");
  return { subject, html, text };
}
