/**
 * The patient's settings forms (portal.settings): their profile, the withdrawal of their
 * consent, and messages on their phone (issue 24): a channel turned on or off, a code sent,
 * the code typed back. Messages are translation keys; the action translates them
 * (app/infra/forms.server.ts).
 */
import { z } from "zod";
import { LOCALES } from "~/i18n/config";
import { nativeDigits } from "~/lib/digits";
import { CHANNELS } from "~/lib/message-templates";
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

/** A channel turned on (a new consent) or off (the consent withdrawn). */
export const ChannelForm = z.object({
  intent: z.literal("channel"),
  channel: z.enum(CHANNELS, { error: "common:form.malformed" }),
  choice: z.enum(["on", "off"], { error: "common:form.malformed" }),
});

/** "Send me a code" by the button's channel, to the number saved above. */
export const SendCodeForm = z.object({
  intent: z.literal("sendCode"),
  channel: z.enum(CHANNELS, { error: "common:form.malformed" }),
});

/**
 * The code typed back: six digits, in any digits (Persian and Arabic ones are read as theirs),
 * spaces between groups allowed, as phones show "123 456".
 */
export const ConfirmCodeForm = z.object({
  intent: z.literal("confirmCode"),
  code: nativeDigits(
    z
      .string({ error: "privacy:channels.errors.code" })
      .transform((v) => v.replace(/[\s-]/g, ""))
      .pipe(z.string().regex(/^\d{6}$/, "privacy:channels.errors.code")),
  ),
});

export const SettingsForm = z.discriminatedUnion("intent", [
  ProfileForm,
  WithdrawForm,
  ChannelForm,
  SendCodeForm,
  ConfirmCodeForm,
]);
export type ProfileInput = z.output<typeof ProfileForm>;
