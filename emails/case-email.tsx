/**
 * The one shape of every email: greeting, one paragraph, a button to the right page, an
 * optional small note, signature, footer; and the same as plain text. caseEmail() fills it
 * for emails about a case (the privacy line goes to patients only). There is deliberately no
 * place for a list or any other free text from the case: the footer promises that no medical
 * detail is sent by email, and an itinerary (its appointments name the treatment steps) is
 * read in the portal, behind the sign-in.
 */
import type { TFunction } from "i18next";
import { Button, EmailLayout } from "./layout";
import type { RenderedEmail } from "./types";

export interface Letter {
  subject: string;
  greeting: string;
  body: string;
  cta: string;
  link: string;
  note?: string;
  signature: string;
  footer: string;
}

export function letter(lang: string, dir: "ltr" | "rtl", l: Letter): RenderedEmail {
  const html = (
    <EmailLayout lang={lang} dir={dir} title={l.subject} preheader={l.body} footer={l.footer}>
      <p>{l.greeting}</p>
      <p>{l.body}</p>
      <Button href={l.link}>{l.cta}</Button>
      {l.note ? <p style={{ color: "#4a5563", fontSize: 14 }}>{l.note}</p> : null}
      <p>{l.signature}</p>
    </EmailLayout>
  );
  const text = [
    l.greeting,
    "",
    l.body,
    "",
    `${l.cta}: ${l.link}`,
    ...(l.note ? ["", l.note] : []),
    "",
    l.signature,
    "--",
    l.footer,
  ].join("\n");
  return { subject: l.subject, html, text };
}

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
  return letter(lang, dir, {
    subject,
    greeting: t(patient ? "layout.greetingPatient" : "layout.greetingStaff", vars),
    body,
    cta: t(patient ? "layout.ctaPatient" : "layout.ctaStaff"),
    link: parts.link,
    note: patient ? t("layout.privacy") : undefined,
    signature: t("layout.signature"),
    footer: t("layout.footer", { caseNumber: parts.caseNumber }),
  });
}
