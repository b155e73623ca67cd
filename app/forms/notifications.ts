/**
 * The bell's page and one's choices (issue 22, item 8): open a notification (marks it read and
 * goes to its case), mark all read; and the choice of email, in-app or both per kind, one
 * radio group per kind named by the kind itself. A kind not sent is left as it was.
 */
import { z } from "zod";
import { nativeDigits } from "~/lib/digits";
import { CHANNELS, NOTIFICATION_KINDS, type Channel } from "~/lib/notification-kinds";

const MALFORMED = "common:form.malformed";

export const OpenNotificationForm = z.object({
  intent: z.literal("open"),
  notification: z.string({ error: MALFORMED }).regex(/^[a-z0-9]{10,40}$/, MALFORMED),
});

export const ReadAllForm = z.object({ intent: z.literal("readAll") });

export const NotificationsForm = z.discriminatedUnion(
  "intent",
  [OpenNotificationForm, ReadAllForm],
  {
    error: MALFORMED,
  },
);

const channel = z.enum(CHANNELS, { error: "common:notifications.settings.channelInvalid" });

const choiceFields = Object.fromEntries(
  NOTIFICATION_KINDS.map((k) => [k.kind, channel.optional()]),
) as Record<string, z.ZodOptional<z.ZodType<Channel>>>;

export const NotificationChoicesForm = z.object({
  ...choiceFields,
  intent: z.literal("choices"),
});

// --- the settings page's WhatsApp block (issue 24): one's number, its proof, the toggle ----

const WA = "common:notifications.whatsapp.errors";

/** One's mobile number, with the country it is dialled from (stored in E.164). */
export const StaffPhoneForm = z.object({
  intent: z.literal("phone"),
  phoneCountry: z.string({ error: `${WA}.phoneCountry` }).regex(/^[A-Z]{2}$/, `${WA}.phoneCountry`),
  phone: nativeDigits(
    z
      .string({ error: `${WA}.phoneRequired` })
      .trim()
      .min(1, `${WA}.phoneRequired`)
      .max(30, `${WA}.phone`),
  ),
});

/** Send a code to one's number by WhatsApp. */
export const SendCodeForm = z.object({ intent: z.literal("sendCode") });

/** The code typed back: native digits read as ASCII, spaces (as in "492 817") dropped. */
export const ConfirmCodeForm = z.object({
  intent: z.literal("confirmCode"),
  code: nativeDigits(
    z
      .string({ error: `${WA}.code` })
      .transform((typed) => typed.replace(/\s+/g, ""))
      .pipe(z.string().regex(/^\d{6}$/, `${WA}.code`)),
  ),
});

/** The first-reply reminder on WhatsApp: a ticked box is on, an unticked one off. */
export const StaffWhatsappForm = z.object({
  intent: z.literal("whatsapp"),
  enabled: z.boolean().optional(),
});

/** Every form of the notification settings page, told apart by its intent. */
export const NotificationSettingsForm = z.discriminatedUnion(
  "intent",
  [NotificationChoicesForm, StaffPhoneForm, SendCodeForm, ConfirmCodeForm, StaffWhatsappForm],
  { error: MALFORMED },
);
