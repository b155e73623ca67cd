/**
 * The coordinator's travel page forms (staff.cases.$caseId_.travel): an itinerary entry
 * (flight, hotel, transfer, interpreter, companion), removing one, and approving or rejecting
 * a passport. Messages are translation keys (travel namespace).
 *
 * An entry's times are local: a flight's departure in its departure airport's zone and its
 * arrival in its arrival airport's (known airports fill the zone in; another airport needs it
 * chosen); everything else in the clinic's zone. The schema reads them into instants, so it
 * needs the clinic's zone and today: itineraryForm({ clinicZone, now }).
 */
import { z } from "zod";
import { nativeDigits } from "~/lib/digits";
import {
  airportZone,
  isFlight,
  ITEM_KINDS,
  REJECT_REASONS,
  type ItemField,
  type ItemKind,
} from "~/lib/itinerary";
import { TEXT_MAX } from "~/lib/review";
import { BOOKING_HORIZON_DAYS, fromLocalInput } from "~/lib/schedule";
import { cleanLine, cleanText } from "~/lib/text";
import { isTimeZone } from "~/lib/time-zones";

const INVALID = "travel:errors.invalid";
const E = (key: string) => `travel:itinerary.errors.${key}`;

/** What the form's fields hold, as typed. */
export type ItemValues = Record<ItemField, string>;

/** An itinerary entry as stored. */
export interface ItemData {
  kind: ItemKind;
  title: string;
  startsAt: Date;
  startZone: string;
  endsAt: Date | null;
  endZone: string | null;
  reference: string | null;
  fromPlace: string | null;
  toPlace: string | null;
  contactName: string | null;
  contactPhone: string | null;
  note: string | null;
}

export interface ItineraryContext {
  /** The zone every time but a flight's is read in. */
  clinicZone: string;
  /** Today: an entry is planned from a month ago to the booking horizon ahead. */
  now?: Date;
}

/** One line of text, at most `max` characters; empty when left out. */
const text = (max: number) =>
  z
    .string()
    .transform(cleanLine)
    .pipe(z.string().max(max, E("tooLong")))
    .optional()
    .default("");

/** A time or a zone as typed: read (and checked) with the entry as a whole. */
const typed = z.string().optional().default("");

const ItemFields = z.object({
  intent: z.literal("item"),
  /** Set when an existing entry is changed. */
  itemId: z.string().max(64, INVALID).optional(),
  kind: z.enum(ITEM_KINDS, { error: E("kind") }),
  start: nativeDigits(typed),
  startZone: typed,
  end: nativeDigits(typed),
  endZone: typed,
  reference: text(40),
  fromPlace: text(160),
  toPlace: text(160),
  contactName: text(120),
  contactPhone: nativeDigits(text(40)),
  note: text(500),
});

type Errors = Partial<Record<ItemField, string>>;

/**
 * What each kind of entry needs, and its times read in the right zones. Every field's rule is
 * here; each field gets at most one message (the last rule it breaks).
 */
function readItem(
  v: z.output<typeof ItemFields>,
  clinic: string,
  now: Date,
): { ok: true; item: ItemData } | { ok: false; errors: Errors } {
  const errors: Errors = {};
  const flight = isFlight(v.kind);
  const upper = (s: string) => s.toUpperCase();
  let startZone = clinic;
  let endZone: string | null = clinic;
  if (flight) {
    if (!/^[A-Za-z]{3}$/.test(v.fromPlace)) errors.fromPlace = E("airport");
    if (!/^[A-Za-z]{3}$/.test(v.toPlace)) errors.toPlace = E("airport");
    if (!/^[A-Za-z0-9]{2}\s?\d{1,4}[A-Za-z]?$/.test(v.reference)) {
      errors.reference = E("flightNumber");
    }
    startZone = airportZone(v.fromPlace) ?? v.startZone.trim();
    endZone = airportZone(v.toPlace) ?? v.endZone.trim();
    // The one time-zone check: a zone Intl can format (never a fixed offset like "UTC+3").
    if (!errors.fromPlace && !isTimeZone(startZone)) errors.startZone = E("zone");
    if (!errors.toPlace && !isTimeZone(endZone)) errors.endZone = E("zone");
  }
  const startsAt = fromLocalInput(v.start.trim(), isTimeZone(startZone) ? startZone : clinic);
  if (!startsAt) errors.start = E("time");
  // A trip is planned for the months ahead: year 1 or 2200 is a typing slip, not a plan.
  const inRange = (d: Date) =>
    d.getTime() >= now.getTime() - 31 * 86_400_000 &&
    d.getTime() <= now.getTime() + BOOKING_HORIZON_DAYS * 86_400_000;
  if (startsAt && !inRange(startsAt)) errors.start = E("range");
  const needsEnd = flight || v.kind === "HOTEL" || v.kind === "INTERPRETER";
  const end = v.end.trim();
  const endsAt = end
    ? fromLocalInput(end, endZone && isTimeZone(endZone) ? endZone : clinic)
    : null;
  if (end && !endsAt) errors.end = E("time");
  else if (endsAt && !inRange(endsAt)) errors.end = E("range");
  else if (needsEnd && !endsAt) errors.end = E("endRequired");
  else if (startsAt && endsAt && endsAt <= startsAt) errors.end = E("endBeforeStart");
  if (v.kind === "HOTEL" && !v.fromPlace) errors.fromPlace = E("hotelRequired");
  if (v.kind === "TRANSFER") {
    if (!v.fromPlace) errors.fromPlace = E("placeRequired");
    if (!v.toPlace) errors.toPlace = E("placeRequired");
  }
  if (
    (v.kind === "TRANSFER" || v.kind === "INTERPRETER" || v.kind === "COMPANION") &&
    !v.contactName
  ) {
    errors.contactName = E("contactRequired");
  }
  if ((v.kind === "TRANSFER" || v.kind === "INTERPRETER") && !v.contactPhone) {
    errors.contactPhone = E("phoneRequired");
  }
  if (v.contactPhone && !/^\+?[\d\s().-]{6,20}$/.test(v.contactPhone)) {
    errors.contactPhone = E("phone");
  }
  if (Object.keys(errors).length || !startsAt) return { ok: false, errors };
  const reference = flight ? upper(v.reference.replace(/\s+/g, "")) : v.reference || null;
  const fromPlace = flight ? upper(v.fromPlace) : v.fromPlace || null;
  const toPlace = flight ? upper(v.toPlace) : v.toPlace || null;
  const title = flight
    ? `${reference} ${fromPlace} → ${toPlace}`
    : v.kind === "HOTEL"
      ? (fromPlace ?? "")
      : v.kind === "TRANSFER"
        ? `${fromPlace} → ${toPlace}`
        : v.contactName;
  return {
    ok: true,
    item: {
      kind: v.kind,
      title,
      startsAt,
      startZone,
      endsAt,
      endZone: endsAt ? endZone : null,
      reference,
      fromPlace,
      toPlace,
      contactName: v.contactName || null,
      contactPhone: v.contactPhone || null,
      note: v.note || null,
    },
  };
}

/** An itinerary entry: its fields, then the entry read from them (`item`). */
export function itemForm({ clinicZone, now = new Date() }: ItineraryContext) {
  return ItemFields.transform((v, ctx) => {
    const read = readItem(v, clinicZone, now);
    if (!read.ok) {
      for (const [path, message] of Object.entries(read.errors)) {
        ctx.addIssue({ code: "custom", path: [path], message });
      }
      return z.NEVER;
    }
    return { intent: v.intent, itemId: v.itemId, item: read.item };
  });
}

/**
 * Reads an entry outside a request (a test, an import) with the same schema: the entry, or
 * each field's message.
 */
export function parseItem(
  values: Partial<ItemValues>,
  context: ItineraryContext,
): { ok: true; item: ItemData } | { ok: false; errors: Errors } {
  const parsed = itemForm(context).safeParse({ intent: "item", ...values });
  if (parsed.success) return { ok: true, item: parsed.data.item };
  const errors: Errors = {};
  for (const issue of parsed.error.issues)
    errors[String(issue.path[0]) as ItemField] ??= issue.message;
  return { ok: false, errors };
}

const rowId = z.string({ error: INVALID }).min(1, INVALID).max(64, INVALID);

export const DeleteItemForm = z.object({ intent: z.literal("deleteItem"), itemId: rowId });

export const ApproveForm = z.object({ intent: z.literal("approve"), documentId: rowId });

export const RejectForm = z.object({
  intent: z.literal("reject"),
  documentId: rowId,
  reason: z.enum(REJECT_REASONS, { error: "travel:errors.rejectReason" }),
  note: z
    .string()
    .transform(cleanText)
    .pipe(z.string().max(TEXT_MAX, E("tooLong")))
    .optional()
    .default(""),
});

/** Every form of the coordinator's travel page. */
export function travelForm(context: ItineraryContext) {
  return z.discriminatedUnion(
    "intent",
    [itemForm(context), DeleteItemForm, ApproveForm, RejectForm],
    { error: INVALID },
  );
}

export type ItemInput = z.input<typeof ItemFields>;
