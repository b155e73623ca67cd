/**
 * The patient's settings forms (portal.settings): their profile, and the withdrawal of their
 * consent. Messages are translation keys; the action translates them (app/infra/forms.server.ts).
 */
import { z } from "zod";
import { LOCALES } from "~/i18n/config";
import { nativeDigits } from "~/lib/digits";
import { cleanLine } from "~/lib/text";
import { NAME_MAX } from "./enquiry";
import { isTimeZone } from "~/lib/time-zones";

export const ProfileForm = z.object({
  intent: z.literal("profile"),
  name: z
    .string({ error: "enquiry:errors.nameRequired" })
    .transform(cleanLine)
    .pipe(
      z.string().min(2, "enquiry:errors.nameRequired").max(NAME_MAX, "enquiry:errors.nameTooLong"),
    ),
  phoneCountry: z
    .string({ error: "enquiry:errors.phoneCountry" })
    .regex(/^[A-Z]{2}$/, "enquiry:errors.phoneCountry"),
  phone: nativeDigits(
    z
      .string({ error: "enquiry:errors.phoneRequired" })
      .trim()
      .min(1, "enquiry:errors.phoneRequired")
      .max(30, "enquiry:errors.phone"),
  ),
  language: z.enum(LOCALES, { error: "enquiry:errors.language" }),
  timeZone: z
    .string({ error: "enquiry:errors.timeZone" })
    .refine(isTimeZone, "enquiry:errors.timeZone"),
});

export const WithdrawForm = z.object({
  intent: z.literal("withdraw"),
  confirm: z.literal("yes", { error: "portal:settings.confirmRequired" }),
});

export const SettingsForm = z.discriminatedUnion("intent", [ProfileForm, WithdrawForm]);
export type ProfileInput = z.output<typeof ProfileForm>;
