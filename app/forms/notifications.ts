/**
 * The bell's page and one's choices (issue 22, item 8): open a notification (marks it read and
 * goes to its case), mark all read; and the choice of email, in-app or both per kind, one
 * radio group per kind named by the kind itself. A kind not sent is left as it was.
 */
import { z } from "zod";
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

export const NotificationChoicesForm = z.object(
  Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k.kind, channel.optional()])) as Record<
    string,
    z.ZodOptional<z.ZodType<Channel>>
  >,
);
