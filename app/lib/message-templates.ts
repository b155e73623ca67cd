/**
 * The WhatsApp and SMS messages the platform sends (issue 24, ADR 031): each a registered
 * template with declared variables, translated in locales/<lng>/emails.json under
 * `messages.<name>` in all seven languages. WhatsApp template names and language codes are
 * the ones registered with Meta (lower case and underscores; en, tr, ar, de, ru, fr, fa).
 *
 * THE RULE: no health data ever leaves the platform in a message. A message says that
 * something is waiting; the content stays behind sign-in. So a template may carry only the
 * variables below, none of which can hold a diagnosis, a treatment's name or a message's
 * words (tests/message-privacy.test.ts renders every template in every locale).
 */
export const CHANNELS = ["WHATSAPP", "SMS"] as const;
export type Channel = (typeof CHANNELS)[number];

export function isChannel(value: unknown): value is Channel {
  return typeof value === "string" && (CHANNELS as readonly string[]).includes(value);
}

/** The variables a message may carry, and what each value must look like. */
export const MESSAGE_VARIABLES = {
  /** A case number (C-2026-0001). */
  caseNumber: /^[A-Z0-9-]{3,24}$/,
  /** A link to a page of this platform (behind sign-in). */
  link: /^https?:\/\/\S+$/,
  /** A date and time, formatted for the reader (Intl): no words of the case. */
  when: /^[^\n]{1,80}$/,
  /** The same time in the clinic's zone, for an in-clinic appointment. */
  clinicWhen: /^[^\n]{0,80}$/,
  /** A one-time code (digits). */
  code: /^\d{6}$/,
} as const;
export type MessageVariable = keyof typeof MESSAGE_VARIABLES;

/**
 * Each template's variables, in the order they appear in its words in every language: a
 * WhatsApp template's body parameters are positional ({{1}}, {{2}}…), so they are sent in this
 * order (tests/message-privacy.test.ts checks the order in every locale).
 */
export const MESSAGE_TEMPLATES = {
  /** Something changed on the patient's case (a stage change, any patient notice). */
  case_update: ["caseNumber", "link"],
  /** Appointments were booked or moved: see them in the portal. */
  appointment_booked: ["caseNumber", "link"],
  /** An appointment is coming: its time in the patient's zone (and the clinic's first for
   * an in-clinic one, in clinicWhen). */
  appointment_reminder: ["clinicWhen", "when", "link"],
  /** The code that proves the person holds the number. */
  phone_code: ["code"],
  /** The person replied STOP: this channel is off, and how to turn it on again. */
  channel_stopped: [],
  /** Staff: a case waits for its first reply (the first-reply SLA reminder). */
  staff_first_reply: ["caseNumber", "link"],
} as const satisfies Record<string, readonly MessageVariable[]>;

export type MessageTemplate = keyof typeof MESSAGE_TEMPLATES;
export type MessageParams<T extends MessageTemplate> = {
  [K in (typeof MESSAGE_TEMPLATES)[T][number]]: string;
};

export function isMessageTemplate(value: unknown): value is MessageTemplate {
  return typeof value === "string" && Object.hasOwn(MESSAGE_TEMPLATES, value);
}

/** Refuses a variable the template does not declare or a value of the wrong shape. */
export function checkMessageParams(template: MessageTemplate, params: Record<string, string>) {
  const declared = MESSAGE_TEMPLATES[template] as readonly string[];
  for (const [key, value] of Object.entries(params)) {
    if (!declared.includes(key)) throw new Error(`${template}: undeclared variable ${key}`);
    const shape = MESSAGE_VARIABLES[key as MessageVariable];
    if (!shape.test(value)) throw new Error(`${template}: ${key} has an unexpected shape`);
  }
  for (const key of declared) {
    if (!(key in params)) throw new Error(`${template}: missing variable ${key}`);
  }
}

/**
 * The opt-in to a channel is a consent like the health-data one (app/lib/consent.ts): stored
 * with its time, wording version and language, and withdrawable. The wording is
 * `privacy:channels.optIn.<channel>`; raise the version when it changes materially.
 */
export const CHANNEL_CONSENT_PURPOSE: Record<Channel, string> = {
  WHATSAPP: "CHANNEL_WHATSAPP",
  SMS: "CHANNEL_SMS",
};
export const CHANNEL_CONSENT_VERSION = "2026-12-03";

/** WhatsApp's customer-service window: free text only within 24 hours of the person's last message. */
export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;
