/**
 * The environment, validated once with zod. A missing or malformed variable stops the
 * process at start-up with a message that names it, instead of failing on first use.
 */
import { z } from "zod";
import { isTimeZone } from "~/lib/schedule";

const secretList = z
  .string()
  .min(1)
  .transform((value) =>
    value
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .refine((list) => list.length > 0 && list.every((s) => s.length >= 32), {
    message: "must be a comma-separated list of secrets, each at least 32 characters",
  });

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().refine((u) => u.startsWith("file:") || /^postgres(ql)?:\/\//.test(u), {
    message: "must be a file: URL (SQLite) or a postgresql:// URL",
  }),
  /**
   * How long a query waits for a lock (SQLite's busy timeout; PostgreSQL's lock_timeout)
   * before the request is answered 503 "busy, try again".
   */
  DATABASE_BUSY_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(5_000),
  /** PostgreSQL only: connections per app instance. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  SESSION_SECRET: secretList,
  APP_URL: z.string().url().default("http://localhost:3000"),
  /** smtp://user:pass@host:port or smtps://…; unset means write .eml files to MAIL_DIR. */
  SMTP_URL: z
    .string()
    .refine((u) => /^smtps?:\/\//.test(u), { message: "must start with smtp:// or smtps://" })
    .optional(),
  MAIL_FROM: z.string().min(3).default("International Patient Unit <care@clinic.localhost>"),
  MAIL_DIR: z.string().default("./data/mail"),
  /**
   * The local demo (npm start writes DEMO_MODE=true into a fresh .env). Without SMTP it
   * prints emailed sign-in and confirmation links on the console. Refused unless APP_URL is
   * a loopback address, so a real deployment cannot run with it.
   */
  DEMO_MODE: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  /** How long the link that confirms an enquiry from the public form stays valid. */
  ENQUIRY_CONFIRM_HOURS: z.coerce.number().int().min(1).max(336).default(72),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /** First retry delay; each further retry doubles it, capped at one hour. */
  OUTBOX_BACKOFF_MS: z.coerce.number().int().min(10).default(30_000),
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).default(2_000),
  /** How long bookings made together wait for one more before their one email goes out. */
  OUTBOX_BATCH_QUIET_MS: z.coerce.number().int().min(0).max(3_600_000).default(120_000),
  /** Set to "false" to run the web server without the background worker. */
  WORKER_ENABLED: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  /** A new enquiry must get a first reply within this many hours. */
  FIRST_RESPONSE_HOURS: z.coerce.number().int().min(1).max(168).default(24),
  /** The coordinator is reminded this many hours before the first-response deadline. */
  FIRST_RESPONSE_REMINDER_HOURS: z.coerce.number().min(0).max(167).default(4),
  /** A clinician's decision is due this many hours after the case enters medical review. */
  REVIEW_SLA_HOURS: z.coerce.number().int().min(1).max(720).default(72),
  /**
   * The clinic's IANA time zone: only its first-run default. The app reads the zone from the
   * clinic's settings (/staff/clinic, app/models/site/clinic-settings.server.ts).
   */
  CLINIC_TIME_ZONE: z
    .string()
    .default("Europe/Istanbul")
    .refine((zone) => isTimeZone(zone), {
      message: "must be an IANA time zone, e.g. Europe/Istanbul",
    }),
  /**
   * The letterhead's address, phone and email (below) until an admin saves the clinic's facts
   * at /staff/site; read through app/models/site/clinic-settings.server.ts.
   */
  CLINIC_ADDRESS: z
    .string()
    .min(5)
    .default("Demo Clinic, Büyükdere Cad. 100, 34394 Şişli, İstanbul, Türkiye"),
  /**
   * A patient may move or cancel an appointment they can change themselves (their video
   * consultation) until this many hours before it starts; after that they ask (ADR 022).
   */
  PATIENT_CHANGE_NOTICE_HOURS: z.coerce.number().int().min(0).max(336).default(48),
  CLINIC_PHONE: z.string().min(5).default("+90 212 555 01 00"),
  CLINIC_EMAIL: z.string().email().default("international@clinic.localhost"),
  /** The price lists' currency on a first run; then the clinic's settings (/staff/clinic). */
  BASE_CURRENCY: z.enum(["EUR", "USD", "GBP", "TRY", "SAR", "AED", "RUB"]).default("EUR"),
  /** Days a newly issued quote stays valid, unless finance sets another date. */
  QUOTE_VALID_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Stripe secret key (sk_test_… or sk_live_…); unset hides card payment and shows bank transfer. */
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_\w+$/, { message: "must be a Stripe secret key (sk_test_…)" })
    .optional(),
  /** The signing secret of the webhook endpoint (whsec_…); required with STRIPE_SECRET_KEY. */
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_\w+$/, { message: "must be a Stripe webhook signing secret (whsec_…)" })
    .optional(),
  /** Another Stripe API address, e.g. a local stand-in in tests: http://127.0.0.1:12111. */
  STRIPE_API_URL: z.string().url().optional(),
  // --- WhatsApp and SMS (issue 24, ADR 031). Without credentials a channel writes each
  // message to a file in MESSAGE_DIR (like the .eml copies) and admins see it on /staff/outbox.
  /** WhatsApp Business Cloud API: the phone number's id in Meta's Graph API. */
  WHATSAPP_PHONE_NUMBER_ID: z
    .string()
    .regex(/^\d{5,20}$/)
    .optional(),
  /** WhatsApp Cloud API access token (a system user's permanent token). */
  WHATSAPP_ACCESS_TOKEN: z.string().min(20).optional(),
  /** The Meta app's secret: inbound webhooks are checked by X-Hub-Signature-256 with it. */
  WHATSAPP_APP_SECRET: z.string().min(16).optional(),
  /** The token Meta echoes in the webhook's verify handshake (hub.verify_token). */
  WHATSAPP_VERIFY_TOKEN: z.string().min(16).optional(),
  /** Another Graph API address, e.g. a local stand-in in tests. */
  WHATSAPP_API_URL: z.string().url().default("https://graph.facebook.com"),
  WHATSAPP_API_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/)
    .default("v21.0"),
  /** Twilio (SMS): the account SID (AC…), its auth token, and the sending number or service. */
  TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-f]{32}$/)
    .optional(),
  TWILIO_AUTH_TOKEN: z.string().min(16).optional(),
  /** E.164 sender number (+1…) or a Messaging Service SID (MG…). */
  TWILIO_FROM: z
    .string()
    .regex(/^(\+\d{6,15}|MG[0-9a-f]{32})$/)
    .optional(),
  /** Another Twilio API address, e.g. a local stand-in in tests. */
  TWILIO_API_URL: z.string().url().optional(),
  /** Where channel messages go without provider credentials (one JSON file each). */
  MESSAGE_DIR: z.string().default("./data/messages"),
  /** Video consultations: the Jitsi-compatible server rooms are made on (ADR 031). */
  VIDEO_PROVIDER: z.enum(["jitsi"]).default("jitsi"),
  VIDEO_BASE_URL: z.string().url().default("https://meet.jit.si"),
  /** Bank-transfer details on a first run; then the clinic's settings (/staff/clinic). */
  BANK_ACCOUNT_NAME: z.string().min(2).default("Demo Clinic International Patient Unit"),
  BANK_IBAN: z.string().min(8).default("TR33 0006 1005 1978 6457 8413 26"),
  BANK_BIC: z.string().min(8).default("DEMOTRISXXX"),
  SESSION_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  /**
   * After repeated wrong passwords on a staff account, each sign-in to it waits this long
   * (doubling, up to 8 times): guessing slows down, and the owner is never locked out.
   */
  LOGIN_SLOWDOWN_MS: z.coerce.number().int().min(0).max(10_000).default(1_000),
  /** 32 random bytes, base64: the AES-256-GCM key for documents at rest. */
  DOCUMENT_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32, {
      message: "must be 32 random bytes in base64 (openssl rand -base64 32)",
    })
    .transform((v) => Buffer.from(v, "base64")),
  /** Where encrypted documents are kept: outside any public folder. */
  UPLOAD_DIR: z.string().default("./data/uploads"),
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(10 * 1024 * 1024),
  UPLOAD_MAX_FILES_PER_CASE: z.coerce.number().int().min(1).max(500).default(30),
  /** Magic sign-in links for patients stay valid this long. */
  MAGIC_LINK_MINUTES: z.coerce.number().int().min(1).max(60).default(15),
  /**
   * A follow-up whose scores are worse than the baseline by this many points (on the 0–10
   * scales; ×10 for quality of life, ×2.5 mg for the steroid dose) makes a clinician's task.
   */
  AFTERCARE_WORSENING_POINTS: z.coerce.number().min(0.5).max(10).default(2),
  /** A follow-up not completed this many days after it was due gets the overdue reminder. */
  FOLLOW_UP_OVERDUE_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  /** Enquiries that never went ahead are anonymised after this many months without change. */
  RETENTION_MONTHS: z.coerce.number().int().min(1).max(240).default(24),
});

const checked = schema
  .refine((e) => e.FIRST_RESPONSE_REMINDER_HOURS < e.FIRST_RESPONSE_HOURS, {
    path: ["FIRST_RESPONSE_REMINDER_HOURS"],
    message: "must be less than FIRST_RESPONSE_HOURS",
  })
  .refine(
    (e) =>
      !e.WHATSAPP_ACCESS_TOKEN ||
      (e.WHATSAPP_PHONE_NUMBER_ID && e.WHATSAPP_APP_SECRET && e.WHATSAPP_VERIFY_TOKEN),
    {
      path: ["WHATSAPP_ACCESS_TOKEN"],
      message: "needs WHATSAPP_PHONE_NUMBER_ID, WHATSAPP_APP_SECRET and WHATSAPP_VERIFY_TOKEN",
    },
  )
  .refine((e) => !e.TWILIO_ACCOUNT_SID || (e.TWILIO_AUTH_TOKEN && e.TWILIO_FROM), {
    path: ["TWILIO_ACCOUNT_SID"],
    message: "needs TWILIO_AUTH_TOKEN and TWILIO_FROM",
  })
  .refine((e) => !e.STRIPE_SECRET_KEY || e.STRIPE_WEBHOOK_SECRET, {
    path: ["STRIPE_WEBHOOK_SECRET"],
    message: "is required when STRIPE_SECRET_KEY is set",
  })
  .refine((e) => !e.DEMO_MODE || isLoopback(e.APP_URL), {
    path: ["DEMO_MODE"],
    message:
      "is for a local demo only (APP_URL on localhost); remove DEMO_MODE=true from .env to run for real",
  });

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === "localhost" || host === "[::1]" || /^127(\.\d{1,3}){3}$/.test(host);
}

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = checked.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map(
      (issue) => `  - ${issue.path.join(".") || "(root)"}: ${issue.message}`,
    );
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Tests change variables between cases; this drops the cached copy. */
export function resetEnvCache() {
  cached = undefined;
}
