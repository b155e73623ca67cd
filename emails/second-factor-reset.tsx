/**
 * Told to a member of staff when an administrator reset their second factor (issue 23): they
 * were signed out everywhere and set up an authenticator app again at their next sign-in.
 */
import type { TFunction } from "i18next";
import { letter } from "./case-email";
import type { RenderedEmail } from "./types";

export interface SecondFactorResetData {
  recipientName: string;
  adminName: string;
  link: string;
}

export function secondFactorResetEmail(
  t: TFunction,
  dir: "ltr" | "rtl",
  lang: string,
  data: SecondFactorResetData,
): RenderedEmail {
  return letter(lang, dir, {
    subject: t("secondFactorReset.subject"),
    greeting: t("layout.greetingStaff", { name: data.recipientName }),
    body: t("secondFactorReset.body", { admin: data.adminName }),
    cta: t("secondFactorReset.cta"),
    link: data.link,
    note: t("secondFactorReset.note"),
    signature: t("layout.signature"),
    footer: t("magicLink.footer"),
  });
}
