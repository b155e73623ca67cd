/**
 * The staff inbox's vocabulary (issue 22), shared by the server and the page: what a patient can
 * send, on which channel, and the views a member of staff filters by.
 */
export const INBOX_KINDS = [
  "MESSAGE",
  "UPLOAD",
  "ANSWERS",
  "RESCHEDULE",
  "QUOTE_QUESTION",
  "ENQUIRY",
  "CONSENT",
] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

/** Where it came from; issue 24 adds the other channels. */
export const INBOX_CHANNELS = ["PORTAL", "WHATSAPP", "SMS", "EMAIL"] as const;
export type InboxChannel = (typeof INBOX_CHANNELS)[number];

export const INBOX_VIEWS = ["mine", "unassigned", "all"] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];
