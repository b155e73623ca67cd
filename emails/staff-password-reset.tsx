/**
 * A staff member's password-reset link (ADR 027). It names no patient and no case: only the
 * link, how long it works and what to do if the person did not ask. The outbox keeps the link
 * encrypted until delivery and never in the stored copy.
 */
import type { TFunction } from "i18next";
import { letter } from "./case-email";
import type { RenderedEmail } from "./types";

export interface StaffPasswordResetData {
  recipientName: string;
  link: string;
  minutes: number;
}

export function staffPasswordResetEmail(
  t: TFunction,
  dir: "ltr" | "rtl",
  lang: string,
  data: StaffPasswordResetData,
): RenderedEmail {
  return letter(lang, dir, {
    subject: t("staffPasswordReset.subject"),
    greeting: t("layout.greetingStaff", { name: data.recipientName }),
    body: t("staffPasswordReset.body", { minutes: data.minutes }),
    cta: t("staffPasswordReset.cta"),
    link: data.link,
    note: t("staffPasswordReset.ignore"),
    signature: t("layout.signature"),
    footer: t("magicLink.footer"),
  });
}
