/**
 * The patient's sign-in link. It is single-use and short-lived, and the outbox blanks the
 * stored copy of this email once it has been delivered (app/infra/outbox.server.ts).
 */
import type { TFunction } from "i18next";
import { letter } from "./case-email";
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
  return letter(lang, dir, {
    subject: t("magicLink.subject"),
    greeting: t("layout.greetingPatient", { name: data.recipientName }),
    body: t("magicLink.body", { minutes: data.minutes }),
    cta: t("magicLink.cta"),
    link: data.link,
    note: t("magicLink.ignore"),
    signature: t("layout.signature"),
    footer: t("magicLink.footer"),
  });
}
