/**
 * Told to a staff member when their account has had several wrong passwords in a short time:
 * sign-ins to it are slowed down, never blocked, so they can still get in.
 */
import type { TFunction } from "i18next";
import { letter } from "./case-email";
import type { RenderedEmail } from "./types";

export interface AccountAlertData {
  recipientName: string;
  attempts: number;
  minutes: number;
  link: string;
}

export function accountAlertEmail(
  t: TFunction,
  dir: "ltr" | "rtl",
  lang: string,
  data: AccountAlertData,
): RenderedEmail {
  return letter(lang, dir, {
    subject: t("accountAlert.subject"),
    greeting: t("layout.greetingStaff", { name: data.recipientName }),
    body: t("accountAlert.body", { attempts: data.attempts, minutes: data.minutes }),
    cta: t("accountAlert.cta"),
    link: data.link,
    note: t("accountAlert.note"),
    signature: t("layout.signature"),
    footer: t("magicLink.footer"),
  });
}
