/**
 * The clinic's settings, the one place every page, email and PDF reads them from (issue 23):
 * its time zone, base currency and quote currencies, bank account, letterhead logo, and the
 * contact details on its letterhead (name, address, phone, email, from the ClinicProfile).
 *
 * Admins edit them in the app (/staff/clinic); the environment variables (CLINIC_TIME_ZONE,
 * BASE_CURRENCY, BANK_*, CLINIC_ADDRESS, CLINIC_PHONE, CLINIC_EMAIL) are only first-run
 * defaults: start-up writes the row from them when it is missing (ensureClinicSettings), and a
 * field with no row behind it reads as its variable.
 *
 * Many readers are synchronous (the booking and travel code works out wall times), so the rows
 * are kept in memory: loaded at start-up, reloaded in this process after an admin saves, and
 * re-checked at most once a second per request by their updatedAt (syncClinicSettings, run
 * before every loader and action), so two app instances stay in step.
 */
import crypto from "node:crypto";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { db, type Tx } from "~/db.server";
import { env } from "~/env.server";
import { fileTypeFromBuffer } from "file-type";
import { audit } from "~/infra/audit.server";
import { logoRenders } from "~/infra/pdf.server";
import { clinicAddressLine } from "~/lib/site";
import { isTimeZone } from "~/lib/time-zones";
import { isQuoteCurrency, QUOTE_CURRENCIES, type QuoteCurrency } from "~/lib/money";
import { CLINIC_ID } from "./clinic-documents.server";

type SettingsRow = {
  timeZone: string;
  baseCurrency: string;
  quoteCurrencies: string;
  bankName: string;
  bankAccountName: string;
  bankIban: string;
  bankBic: string;
  logo: Uint8Array | null;
  logoType: string | null;
  updatedAt: Date;
};

type ProfileRow = {
  name: string;
  street: string;
  district: string;
  postcode: string;
  city: string;
  country: string;
  phone: string;
  email: string;
  updatedAt: Date;
};

interface Cached {
  settings: SettingsRow | null;
  profile: ProfileRow | null;
  stamp: string;
  checkedAt: number;
}

let cached: Cached | undefined;
let loading: Promise<void> | undefined;

const CHECK_EVERY_MS = 1_000;

export interface ClinicSettings {
  timeZone: string;
  baseCurrency: QuoteCurrency;
  /** The currencies a quote may be issued in; the base currency is always among them. */
  quoteCurrencies: QuoteCurrency[];
  bankName: string;
  bankAccountName: string;
  /** Without spaces, upper case. */
  bankIban: string;
  bankBic: string;
  logo: { bytes: Uint8Array; type: string; version: number } | null;
  /** The clinic's name as its profile has it; null before an admin saves the profile. */
  name: string | null;
  phone: string;
  email: string;
  /** Where the row was last saved, for a page that shows "as of". */
  updatedAt: Date | null;
}

/** "TR330006100519786457841326" as people read it: groups of four. */
export function groupIban(iban: string): string {
  return iban.replace(/\s+/g, "").replace(/(.{4})(?=.)/g, "$1 ");
}

export function compactIban(iban: string): string {
  return iban.replace(/\s+/g, "").toUpperCase();
}

function quoteList(value: string, base: QuoteCurrency): QuoteCurrency[] {
  const listed = value
    .split(",")
    .map((c) => c.trim())
    .filter(isQuoteCurrency);
  // Always the base currency, in the order of QUOTE_CURRENCIES.
  return QUOTE_CURRENCIES.filter((c) => c === base || listed.includes(c));
}

/** What the environment says, for a first run and for any field without a row. */
export function envDefaults() {
  const e = env();
  return {
    timeZone: e.CLINIC_TIME_ZONE,
    baseCurrency: e.BASE_CURRENCY,
    quoteCurrencies: QUOTE_CURRENCIES.join(","),
    bankName: "",
    bankAccountName: e.BANK_ACCOUNT_NAME,
    bankIban: compactIban(e.BANK_IBAN),
    bankBic: e.BANK_BIC.toUpperCase(),
  };
}

/** The settings now (synchronous): the last rows read, each missing field from the environment. */
export function clinicSettings(): ClinicSettings {
  const row = cached?.settings ?? null;
  const profile = cached?.profile ?? null;
  const e = env();
  const d = envDefaults();
  const base =
    row && isQuoteCurrency(row.baseCurrency) ? row.baseCurrency : (d.baseCurrency as QuoteCurrency);
  return {
    timeZone: row && isTimeZone(row.timeZone) ? row.timeZone : d.timeZone,
    baseCurrency: base,
    quoteCurrencies: quoteList(row?.quoteCurrencies ?? d.quoteCurrencies, base),
    bankName: row?.bankName ?? d.bankName,
    bankAccountName: row?.bankAccountName ?? d.bankAccountName,
    bankIban: row?.bankIban ?? d.bankIban,
    bankBic: row?.bankBic ?? d.bankBic,
    logo:
      row?.logo && row.logoType
        ? { bytes: row.logo, type: row.logoType, version: row.updatedAt.getTime() }
        : null,
    name: profile?.name ?? null,
    phone: profile
      ? (parsePhoneNumberFromString(profile.phone)?.formatInternational() ?? profile.phone)
      : e.CLINIC_PHONE,
    email: profile?.email ?? e.CLINIC_EMAIL,
    updatedAt: row?.updatedAt ?? null,
  };
}

/** The clinic's time zone (IANA). */
export function clinicZone(): string {
  return clinicSettings().timeZone;
}

/** The currency the price list is kept in. */
export function baseCurrency(): QuoteCurrency {
  return clinicSettings().baseCurrency;
}

/** The clinic's address on one line, in `locale`: the profile's, else CLINIC_ADDRESS. */
export function clinicAddress(locale = "en"): string {
  const profile = cached?.profile;
  return profile ? clinicAddressLine(profile, locale) : env().CLINIC_ADDRESS;
}

const SETTINGS_SELECT = {
  timeZone: true,
  baseCurrency: true,
  quoteCurrencies: true,
  bankName: true,
  bankAccountName: true,
  bankIban: true,
  bankBic: true,
  logo: true,
  logoType: true,
  updatedAt: true,
} as const;

const PROFILE_SELECT = {
  name: true,
  street: true,
  district: true,
  postcode: true,
  city: true,
  country: true,
  phone: true,
  email: true,
  updatedAt: true,
} as const;

function stampOf(a: { updatedAt: Date } | null, b: { updatedAt: Date } | null) {
  return `${a?.updatedAt.getTime() ?? "-"}/${b?.updatedAt.getTime() ?? "-"}`;
}

/** Reads both rows again (after a save in this process, and at start-up). */
export async function loadClinicSettings(
  client: Pick<Tx, "clinicSettings" | "clinicProfile"> = db,
) {
  const [settings, profile] = await Promise.all([
    client.clinicSettings.findUnique({ where: { id: CLINIC_ID }, select: SETTINGS_SELECT }),
    client.clinicProfile.findUnique({ where: { id: CLINIC_ID }, select: PROFILE_SELECT }),
  ]);
  cached = { settings, profile, stamp: stampOf(settings, profile), checkedAt: Date.now() };
  return clinicSettings();
}

/**
 * Before a request: when the rows changed since they were read (another instance saved), read
 * them again. One small query at most once a second; concurrent requests share it.
 */
export async function syncClinicSettings(): Promise<void> {
  if (cached && Date.now() - cached.checkedAt < CHECK_EVERY_MS) return;
  loading ??= (async () => {
    try {
      const [settings, profile] = await Promise.all([
        db.clinicSettings.findUnique({ where: { id: CLINIC_ID }, select: { updatedAt: true } }),
        db.clinicProfile.findUnique({ where: { id: CLINIC_ID }, select: { updatedAt: true } }),
      ]);
      if (cached && cached.stamp === stampOf(settings, profile)) cached.checkedAt = Date.now();
      else await loadClinicSettings();
    } finally {
      loading = undefined;
    }
  })();
  await loading;
}

/** Tests empty the database between cases: the rows read before are gone. */
export function forgetClinicSettings() {
  cached = undefined;
}

/** At start-up (and by the seed): writes the row from the environment when there is none. */
export async function ensureClinicSettings() {
  const found = await db.clinicSettings.findUnique({
    where: { id: CLINIC_ID },
    select: { id: true },
  });
  if (!found) {
    await db.clinicSettings
      .create({ data: { id: CLINIC_ID, ...envDefaults() } })
      .catch(async (error: unknown) => {
        // Another instance created it first.
        if (!(await db.clinicSettings.findUnique({ where: { id: CLINIC_ID } }))) throw error;
      });
  }
  return loadClinicSettings();
}

// --- editing (admins, /staff/clinic) ---------------------------------------------------

/** A refused change: `key` is a translation key (site namespace), `field` the field it concerns. */
export class ClinicSettingsError extends Error {
  constructor(
    readonly field: string,
    readonly key: string,
    readonly values: Record<string, unknown> = {},
  ) {
    super(key);
  }
}

export interface LogoUpload {
  bytes: Uint8Array<ArrayBuffer>;
  type: "image/png" | "image/jpeg";
}

/**
 * An uploaded logo, checked by its content (never its name or declared type): PNG or JPEG, at
 * most LOGO_MAX_BYTES, and an image Typst can set. Throws ClinicSettingsError on "logo".
 */
export async function checkLogo(
  file: { bytes: Uint8Array },
  maxBytes: number,
): Promise<LogoUpload> {
  const bytes = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
  if (bytes.length === 0) throw new ClinicSettingsError("logo", "settings.errors.logoEmpty");
  if (bytes.length > maxBytes)
    throw new ClinicSettingsError("logo", "settings.errors.logoTooLarge", {
      max: Math.round(maxBytes / 1024),
    });
  const mime = (await fileTypeFromBuffer(bytes))?.mime as string | undefined;
  if (mime !== "image/png" && mime !== "image/jpeg")
    throw new ClinicSettingsError("logo", "settings.errors.logoType");
  if (!logoRenders({ bytes, type: mime }))
    throw new ClinicSettingsError("logo", "settings.errors.logoBroken");
  return { bytes: new Uint8Array(bytes), type: mime };
}

export interface ClinicSettingsChange {
  timeZone: string;
  baseCurrency: QuoteCurrency;
  quoteCurrencies: QuoteCurrency[];
  bankName: string;
  bankAccountName: string;
  bankIban: string;
  bankBic: string;
  /** A new logo, "remove", or undefined to keep the one there is. */
  logo?: LogoUpload | "remove";
}

function logoFact(bytes: Uint8Array | null | undefined, type: string | null | undefined) {
  if (!bytes || !type) return null;
  const sha = crypto.createHash("sha256").update(bytes).digest("hex").slice(0, 16);
  return `${type} ${bytes.byteLength} bytes sha256:${sha}`;
}

/**
 * Saves the settings and reads them again. The base currency changes only while the price
 * list is empty: every price item is a figure in the old currency, and converting them all is
 * finance's decision, not a side effect of a setting (the rates, kept per base currency, are
 * cleared with it). Audited with the fields that changed, before and after; the logo by its
 * type, size and digest. Returns the names of the fields that changed.
 */
export async function saveClinicSettings(
  change: ClinicSettingsChange,
  actor: { id: string; ip?: string | null },
): Promise<string[]> {
  const changed = await db.$transaction(async (tx) => {
    const row = await tx.clinicSettings.findUnique({ where: { id: CLINIC_ID } });
    const d = envDefaults();
    const before = {
      timeZone: row?.timeZone ?? d.timeZone,
      baseCurrency: row?.baseCurrency ?? d.baseCurrency,
      quoteCurrencies: row?.quoteCurrencies ?? d.quoteCurrencies,
      bankName: row?.bankName ?? d.bankName,
      bankAccountName: row?.bankAccountName ?? d.bankAccountName,
      bankIban: row?.bankIban ?? d.bankIban,
      bankBic: row?.bankBic ?? d.bankBic,
      logo: logoFact(row?.logo, row?.logoType),
    };
    const quoteCurrencies = quoteList(change.quoteCurrencies.join(","), change.baseCurrency);
    const logo =
      change.logo === "remove"
        ? { logo: null, logoType: null }
        : change.logo
          ? { logo: change.logo.bytes, logoType: change.logo.type }
          : {};
    const after = {
      timeZone: change.timeZone,
      baseCurrency: change.baseCurrency,
      quoteCurrencies: quoteCurrencies.join(","),
      bankName: change.bankName,
      bankAccountName: change.bankAccountName,
      bankIban: compactIban(change.bankIban),
      bankBic: change.bankBic.toUpperCase(),
      logo:
        change.logo === "remove"
          ? null
          : change.logo
            ? logoFact(change.logo.bytes, change.logo.type)
            : before.logo,
    };
    if (after.baseCurrency !== before.baseCurrency) {
      const items = await tx.priceItem.count();
      if (items > 0)
        throw new ClinicSettingsError("baseCurrency", "settings.errors.baseInUse", {
          currency: before.baseCurrency,
        });
      await tx.exchangeRate.deleteMany({});
    }
    const keys = (Object.keys(after) as (keyof typeof after)[]).filter(
      (k) => after[k] !== before[k],
    );
    const { logo: _logo, ...fields } = after;
    await tx.clinicSettings.upsert({
      where: { id: CLINIC_ID },
      create: { id: CLINIC_ID, ...fields, ...logo, updatedById: actor.id },
      update: { ...fields, ...logo, updatedById: actor.id },
    });
    const pick = (o: Record<string, unknown>) => Object.fromEntries(keys.map((k) => [k, o[k]]));
    await audit(
      {
        actorId: actor.id,
        action: "clinic.settings.edit",
        entity: "ClinicSettings",
        entityId: CLINIC_ID,
        ip: actor.ip,
        outcome: "success",
        detail: JSON.stringify({ before: pick(before), after: pick(after) }),
      },
      tx,
    );
    return keys;
  });
  await loadClinicSettings();
  return changed;
}

/** What the settings page shows: the values in force, and whether the price list is empty. */
export async function clinicSettingsPage() {
  const [settings, priceItems] = await Promise.all([loadClinicSettings(), db.priceItem.count()]);
  return {
    timeZone: settings.timeZone,
    baseCurrency: settings.baseCurrency,
    quoteCurrencies: settings.quoteCurrencies,
    bankName: settings.bankName,
    bankAccountName: settings.bankAccountName,
    bankIban: groupIban(settings.bankIban),
    bankBic: settings.bankBic,
    logo: settings.logo
      ? {
          type: settings.logo.type,
          size: settings.logo.bytes.byteLength,
          version: settings.logo.version,
        }
      : null,
    savedInApp: settings.updatedAt !== null,
    priceItems,
  };
}
