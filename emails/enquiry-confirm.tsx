/**
 * The confirmation of an enquiry sent from the public form by someone who was not signed in.
 * Nothing of it is attached to anyone until the owner of the address confirms; the email
 * says so, and only the email says whether the address was known:
 * - "new": confirm the address to send the enquiry;
 * - "existing": an enquiry was sent with your address; confirm to add it to your case;
 * - "staff": a staff address was used on the patient form; nothing was kept (no link).
 * The link is a credential: it is stored withheld (see app/lib/secret-link.ts). Like every
 * email, it carries no health detail: no programme, no answers.
 */
import type { TFunction } from "i18next";
import { letter } from "./case-email";
import type { RenderedEmail } from "./types";

export interface EnquiryConfirmData {
  variant: "new" | "existing" | "staff";
  recipientName: string;
  link: string;
  hours: number;
}

export function enquiryConfirmEmail(
  t: TFunction,
  dir: "ltr" | "rtl",
  lang: string,
  data: EnquiryConfirmData,
): RenderedEmail {
  const v = data.variant;
  return letter(lang, dir, {
    subject: t(`enquiryConfirm.${v}.subject`),
    greeting: t(v === "staff" ? "layout.greetingStaff" : "layout.greetingPatient", {
      name: data.recipientName,
    }),
    body: t(`enquiryConfirm.${v}.body`, { hours: data.hours }),
    cta: t(`enquiryConfirm.${v}.cta`),
    link: data.link,
    note: t(`enquiryConfirm.${v}.ignore`),
    signature: t("layout.signature"),
    footer: t("magicLink.footer"),
  });
}
