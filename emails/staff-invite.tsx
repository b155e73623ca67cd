/**
 * An invitation to join the clinic's staff (issue 23): who invited them, in which role, and
 * the single-use link to set a password and a second factor. The link is a credential: the
 * stored email holds SECRET_LINK in its place (app/infra/outbox.server.ts). No health data.
 */
import type { TFunction } from "i18next";
import { letter } from "./case-email";
import type { RenderedEmail } from "./types";

export interface StaffInviteData {
  recipientName: string;
  inviterName: string;
  /** A staff role (COORDINATOR, CLINICIAN, FINANCE, ADMIN), named in the reader's language. */
  role: string;
  link: string;
  hours: number;
}

export function staffInviteEmail(
  t: TFunction,
  dir: "ltr" | "rtl",
  lang: string,
  data: StaffInviteData,
): RenderedEmail {
  return letter(lang, dir, {
    subject: t("staffInvite.subject"),
    greeting: t("layout.greetingStaff", { name: data.recipientName }),
    body: t("staffInvite.body", {
      inviter: data.inviterName,
      role: t(`common:roles.${data.role}`, { defaultValue: data.role }),
      hours: data.hours,
    }),
    cta: t("staffInvite.cta"),
    link: data.link,
    note: t("staffInvite.note"),
    signature: t("layout.signature"),
    footer: t("magicLink.footer"),
  });
}
