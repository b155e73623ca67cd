/**
 * The patient's sign-in link. It is single-use and short-lived, and the outbox blanks the
 * stored copy of this email once it has been delivered (app/models/outbox.server.ts).
 */
import type { TFunction } from "i18next";
import { Button, EmailLayout } from "./layout";
import type { RenderedEmail } from "./types";

export interface MagicLinkData {
  recipientName: string;
  link: string;
  minutes: number;
}

export function magicLinkEmail(
  t: TFunction,
  dir: "ltr" | "rtl",
  lang: string,
  data: MagicLinkData,
): RenderedEmail {
  const subject = t("magicLink.subject");
  const greeting = t("layout.greetingPatient", { name: data.recipientName });
  const body = t("magicLink.body", { minutes: data.minutes });
  const cta = t("magicLink.cta");
  const ignore = t("magicLink.ignore");
  const signature = t("layout.signature");
  const footer = t("magicLink.footer");
  const html = (
    <EmailLayout lang={lang} dir={dir} title={subject} preheader={body} footer={footer}>
      <p>{greeting}</p>
      <p>{body}</p>
      <Button href={data.link}>{cta}</Button>
      <p style={{ color: "#4a5563", fontSize: 14 }}>{ignore}</p>
      <p>{signature}</p>
    </EmailLayout>
  );
  const text = [
    greeting,
    "",
    body,
    "",
    `${cta}: ${data.link}`,
    "",
    ignore,
    "",
    signature,
    "--",
    footer,
  ].join("\n");
  return { subject, html, text };
}
