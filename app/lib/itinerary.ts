/**
 * The travel itinerary's shared vocabulary and its checks, pure so the page, the PDF, the
 * email and the tests agree.
 */
import { formatDateTime, formatHours, formatList, isolate } from "./format";
export const ITEM_KINDS = [
  "ARRIVAL_FLIGHT",
  "DEPARTURE_FLIGHT",
  "HOTEL",
  "TRANSFER",
  "INTERPRETER",
  "COMPANION",
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export function isItemKind(value: string): value is ItemKind {
  return (ITEM_KINDS as readonly string[]).includes(value);
}

export const isFlight = (kind: string) => kind === "ARRIVAL_FLIGHT" || kind === "DEPARTURE_FLIGHT";

/**
 * What a patient reads for a transfer or a hotel instead of the coordinator's title (which
 * may hold a word in the coordinator's language, "IST → Hotel"): the places as proper names,
 * the hotel's name or where the transfer goes from and to, under the kind's translated label.
 * Null for other kinds, or when the places are not filled in (then the title is shown).
 */
export function itemPlaces(item: {
  kind: string;
  fromPlace: string | null;
  toPlace: string | null;
}): string[] | null {
  const from = item.fromPlace?.trim();
  const to = item.toPlace?.trim();
  if (item.kind === "HOTEL") return from ? [from] : null;
  if (item.kind === "TRANSFER") return from && to ? [from, to] : null;
  return null;
}

/**
 * Airports the clinic's patients fly from most, with their IANA zones, so a flight's times
 * are read and shown in each airport's own zone. Another airport needs its zone chosen.
 */
export const AIRPORT_ZONES: Record<string, string> = {
  IST: "Europe/Istanbul",
  SAW: "Europe/Istanbul",
  ESB: "Europe/Istanbul",
  AYT: "Europe/Istanbul",
  ADB: "Europe/Istanbul",
  FRA: "Europe/Berlin",
  MUC: "Europe/Berlin",
  BER: "Europe/Berlin",
  DUS: "Europe/Berlin",
  HAM: "Europe/Berlin",
  VIE: "Europe/Vienna",
  ZRH: "Europe/Zurich",
  AMS: "Europe/Amsterdam",
  CDG: "Europe/Paris",
  BRU: "Europe/Brussels",
  CMN: "Africa/Casablanca",
  ORY: "Europe/Paris",
  LHR: "Europe/London",
  LGW: "Europe/London",
  MAN: "Europe/London",
  SVO: "Europe/Moscow",
  DME: "Europe/Moscow",
  VKO: "Europe/Moscow",
  LED: "Europe/Moscow",
  DXB: "Asia/Dubai",
  AUH: "Asia/Dubai",
  DOH: "Asia/Qatar",
  RUH: "Asia/Riyadh",
  JED: "Asia/Riyadh",
  DMM: "Asia/Riyadh",
  KWI: "Asia/Kuwait",
  BAH: "Asia/Bahrain",
  MCT: "Asia/Muscat",
  AMM: "Asia/Amman",
  BEY: "Asia/Beirut",
  CAI: "Africa/Cairo",
  BGW: "Asia/Baghdad",
  EBL: "Asia/Baghdad",
  IKA: "Asia/Tehran",
  MHD: "Asia/Tehran",
  TBS: "Asia/Tbilisi",
  GYD: "Asia/Baku",
  ALA: "Asia/Almaty",
  NQZ: "Asia/Almaty",
  TAS: "Asia/Tashkent",
  JFK: "America/New_York",
  ORD: "America/Chicago",
  YYZ: "America/Toronto",
};

export function airportZone(code: string): string | undefined {
  return AIRPORT_ZONES[code.trim().toUpperCase()];
}

export interface TimelineItem {
  id: string;
  kind: string;
  startsAt: Date;
  endsAt: Date | null;
}

export interface TimelineAppointment {
  id: string;
  startsAt: Date;
  endsAt: Date;
  status: string;
  /** Position of its plan step, for the order check; null for a consultation. */
  stepPosition: number | null;
  /** Minutes the patient needs free after it (its plan step's gap). */
  gapMinutes?: number | null;
  /** Travel rules of its plan step (issue 25): no flight sooner than this after it ends. */
  flyGapMinutes?: number | null;
  /** When it is the last on-site step: the patient stays in the city this long after it. */
  stayAfterMinutes?: number | null;
}

export const CONFLICTS = [
  "appointmentBeforeArrival",
  "appointmentAfterDeparture",
  "appointmentsOverlap",
  "recoveryGap",
  "stepsOutOfOrder",
  "departureBeforeArrival",
  "transferBeforeLanding",
  "transferAfterCheckIn",
  "checkOutBeforeCheckIn",
  "checkOutAfterDeparture",
  "flyGap",
  "stayAfter",
] as const;
export type ConflictCode = (typeof CONFLICTS)[number];

/**
 * The treatment's travel rules (issue 25): medical, so unlike the other conflicts no one may
 * go ahead despite them (guard.travelRules), and they are counted apart from the others.
 */
export const TRAVEL_RULE_CONFLICTS = ["flyGap", "stayAfter"] as const satisfies ConflictCode[];

export const isTravelRule = (c: { code: string }) =>
  (TRAVEL_RULE_CONFLICTS as readonly string[]).includes(c.code);

export interface Conflict {
  code: ConflictCode;
  /** The ids of the items and appointments involved (a rule's step first, then the flight). */
  ids: string[];
  /** A travel rule's minutes (the gap before flying, the stay), to name the rule. */
  minutes?: number;
}

const time = (d: Date) => new Date(d).getTime();

/**
 * What does not fit together. Only the patient's own trip is checked: appointments held at
 * the clinic against their flights, hotel and transfers. The rules:
 * - no treatment appointment before the arrival flight lands or after the departure leaves
 *   (a video consultation is before travel, so it is exempt);
 * - no two appointments at once (each overlapping pair named once), none in the recovery or
 *   travel gap a step needs after it, and plan steps in their planned order;
 * - the departure after the arrival; the hotel's check-out after its check-in and before
 *   the departure;
 * - the arrival transfer picks up after landing and before the hotel's check-in;
 * - the travel rules of the plan's steps (issue 25): no departure flight sooner than a step's
 *   flying gap after it ends, and the last departure no sooner than the stay the last on-site
 *   step asks for. A step already done still counts: the infusion yesterday is why the patient
 *   may not fly today.
 */
export function findConflicts(
  items: TimelineItem[],
  appointments: (TimelineAppointment & { kind?: string })[],
): Conflict[] {
  const conflicts: Conflict[] = [];
  const booked = appointments
    .filter((a) => a.status === "BOOKED")
    .sort((a, b) => time(a.startsAt) - time(b.startsAt));
  const onSite = booked.filter((a) => a.kind !== "CONSULTATION");
  const arrival = items
    .filter((i) => i.kind === "ARRIVAL_FLIGHT")
    .sort((a, b) => time(a.startsAt) - time(b.startsAt))[0];
  const departure = items
    .filter((i) => i.kind === "DEPARTURE_FLIGHT")
    .sort((a, b) => time(b.startsAt) - time(a.startsAt))[0];
  const landing = arrival ? time(arrival.endsAt ?? arrival.startsAt) : null;

  if (arrival && landing !== null) {
    for (const a of onSite) {
      if (time(a.startsAt) < landing) {
        conflicts.push({ code: "appointmentBeforeArrival", ids: [a.id, arrival.id] });
      }
    }
  }
  if (departure) {
    for (const a of onSite) {
      if (time(a.endsAt) > time(departure.startsAt)) {
        conflicts.push({ code: "appointmentAfterDeparture", ids: [a.id, departure.id] });
      }
    }
  }
  // Every pair, not only neighbours: a long appointment may overlap several after it.
  booked.forEach((first, i) => {
    const free = time(first.endsAt) + (first.gapMinutes ?? 0) * 60_000;
    for (const later of booked.slice(i + 1)) {
      if (time(later.startsAt) >= free) break;
      conflicts.push({
        code: time(later.startsAt) < time(first.endsAt) ? "appointmentsOverlap" : "recoveryGap",
        ids: [first.id, later.id],
      });
    }
  });
  const stepped = onSite.filter((a) => a.stepPosition !== null);
  stepped.forEach((current, i) => {
    const previous = stepped[i - 1];
    if (previous && (current.stepPosition ?? 0) < (previous.stepPosition ?? 0)) {
      conflicts.push({ code: "stepsOutOfOrder", ids: [previous.id, current.id] });
    }
  });
  if (arrival && departure && landing !== null && time(departure.startsAt) <= landing) {
    conflicts.push({ code: "departureBeforeArrival", ids: [arrival.id, departure.id] });
  }
  for (const hotel of items.filter((i) => i.kind === "HOTEL")) {
    if (hotel.endsAt && time(hotel.endsAt) <= time(hotel.startsAt)) {
      conflicts.push({ code: "checkOutBeforeCheckIn", ids: [hotel.id] });
    }
    if (hotel.endsAt && departure && time(hotel.endsAt) > time(departure.startsAt)) {
      conflicts.push({ code: "checkOutAfterDeparture", ids: [hotel.id, departure.id] });
    }
  }
  if (landing !== null && arrival) {
    const transfers = items
      .filter((i) => i.kind === "TRANSFER")
      .sort((a, b) => time(a.startsAt) - time(b.startsAt));
    const before = transfers.filter((t) => time(t.startsAt) < landing);
    const fromAirport = transfers.find((t) => time(t.startsAt) >= landing);
    const firstHotel = items
      .filter((i) => i.kind === "HOTEL")
      .sort((a, b) => time(a.startsAt) - time(b.startsAt))[0];
    // A transfer before landing is only wrong if it is the only pickup on arrival day.
    const last = before[before.length - 1];
    if (!fromAirport && last) {
      if (landing - time(last.startsAt) < 24 * 3_600_000) {
        conflicts.push({ code: "transferBeforeLanding", ids: [last.id, arrival.id] });
      }
    }
    if (fromAirport && firstHotel && time(fromAirport.startsAt) > time(firstHotel.startsAt)) {
      conflicts.push({ code: "transferAfterCheckIn", ids: [fromAirport.id, firstHotel.id] });
    }
  }
  const ruled = appointments
    .filter((a) => (a.status === "BOOKED" || a.status === "COMPLETED") && a.kind !== "CONSULTATION")
    .sort((a, b) => time(a.endsAt) - time(b.endsAt));
  const departures = items.filter((i) => i.kind === "DEPARTURE_FLIGHT");
  for (const a of ruled) {
    const gap = a.flyGapMinutes ?? 0;
    if (gap <= 0) continue;
    for (const flight of departures) {
      // A flight leaving before the step starts is a different problem (appointmentAfterDeparture).
      const leaves = time(flight.startsAt);
      if (leaves >= time(a.startsAt) && leaves < time(a.endsAt) + gap * 60_000) {
        conflicts.push({ code: "flyGap", ids: [a.id, flight.id], minutes: gap });
      }
    }
  }
  const lastStep = ruled[ruled.length - 1];
  const stay = lastStep?.stayAfterMinutes ?? 0;
  if (lastStep && departure && stay > 0) {
    const leaves = time(departure.startsAt);
    if (leaves >= time(lastStep.startsAt) && leaves < time(lastStep.endsAt) + stay * 60_000) {
      conflicts.push({ code: "stayAfter", ids: [lastStep.id, departure.id], minutes: stay });
    }
  }
  // Each conflict once, whatever found it.
  const seen = new Set<string>();
  return conflicts.filter((c) => {
    const key = `${c.code}|${[...c.ids].sort().join(",")}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** What a conflict is about, for people: an appointment or an itinerary entry. */
export interface ConflictEntry {
  /** An appointment's kind (TREATMENT, CONSULTATION) or an item's (ARRIVAL_FLIGHT, …). */
  kind: string;
  appointment: boolean;
  title: string;
  startsAt: Date | string;
  /** The zone its time is shown in: the clinic's for an appointment, the item's own else. */
  zone: string;
  resource: string | null;
}

export interface DescribedConflict extends Conflict {
  entries: ConflictEntry[];
}

/** Each conflict with the appointments and entries it names, in the order of its ids. */
export function describeConflicts(
  conflicts: Conflict[],
  appointments: {
    id: string;
    kind: string;
    title: string;
    startsAt: Date;
    resource: { name: string } | null;
  }[],
  items: { id: string; kind: string; title: string; startsAt: Date; startZone: string }[],
  clinicZone: string,
): DescribedConflict[] {
  const byId = new Map<string, ConflictEntry>([
    ...appointments.map(
      (a) =>
        [
          a.id,
          {
            kind: a.kind,
            appointment: true,
            title: a.title,
            startsAt: a.startsAt,
            zone: clinicZone,
            resource: a.resource?.name ?? null,
          },
        ] as const,
    ),
    ...items.map(
      (i) =>
        [
          i.id,
          {
            kind: i.kind,
            appointment: false,
            title: i.title,
            startsAt: i.startsAt,
            zone: i.startZone,
            resource: null,
          },
        ] as const,
    ),
  ]);
  return conflicts.map((c) => ({
    ...c,
    entries: c.ids.flatMap((id) => {
      const entry = byId.get(id);
      return entry ? [entry] : [];
    }),
  }));
}

type Translate = (key: string, vars?: Record<string, unknown>) => string;

/** One entry of a conflict, in the reader's language: its name, time (in its zone) and place. */
export function conflictEntryText(e: ConflictEntry, t: Translate, locale: string): string {
  const title =
    e.kind === "CONSULTATION"
      ? t("travel:appointments.consultation")
      : e.appointment
        ? e.title
        : `${t(`travel:itinerary.kind.${e.kind}`)}: ${e.title}`;
  // Each value isolated: a Latin name or a date inside an Arabic sentence keeps its order.
  const when = isolate(formatDateTime(e.startsAt, locale, e.zone, "medium"));
  return e.resource
    ? t("travel:conflicts.entry", {
        title: isolate(title),
        when,
        resource: isolate(e.resource),
      })
    : t("travel:conflicts.entryPlain", { title: isolate(title), when });
}

/**
 * What is wrong, in the reader's language; a travel rule says which, with its hours ("Travel
 * rule: at least 24 hours between this step and a flight.").
 */
export function conflictWhat(
  c: Pick<Conflict, "code" | "minutes">,
  t: Translate,
  locale: string,
): string {
  return t(`travel:conflicts.${c.code}`, {
    hours: isolate(formatHours(c.minutes ?? 0, locale)),
  });
}

/** A whole conflict as one sentence: what is wrong, and what with (for a refusal message). */
export function conflictText(c: DescribedConflict, t: Translate, locale: string): string {
  const entries = formatList(
    c.entries.map((e) => isolate(conflictEntryText(e, t, locale))),
    locale,
  );
  return t("travel:conflicts.line", { what: conflictWhat(c, t, locale), entries });
}

/** The patient's return: the departure flight, or else the end of their last appointment. */
export function returnDate(
  items: TimelineItem[],
  appointments: { endsAt: Date; status: string }[],
): Date | null {
  const departure = items
    .filter((i) => i.kind === "DEPARTURE_FLIGHT")
    .sort((a, b) => time(b.startsAt) - time(a.startsAt))[0];
  if (departure) return new Date(departure.startsAt);
  const last = appointments
    .filter((a) => a.status === "BOOKED")
    .sort((a, b) => time(b.endsAt) - time(a.endsAt))[0];
  return last ? new Date(last.endsAt) : null;
}

/** How long a passport must outlast the return, in months. */
export const PASSPORT_MONTHS_AFTER_RETURN = 6;

export const PASSPORT_KINDS = ["PASSPORT", "COMPANION_PASSPORT"] as const;
export type PassportKind = (typeof PASSPORT_KINDS)[number];
export const REJECT_REASONS = [
  "UNREADABLE",
  "NOT_PHOTO_PAGE",
  "DETAILS_MISMATCH",
  "EXPIRES_TOO_SOON",
  "OTHER",
] as const;

/** The itinerary form's fields (staff travel page). */
export const ITEM_FIELDS = [
  "kind",
  "start",
  "startZone",
  "end",
  "endZone",
  "reference",
  "fromPlace",
  "toPlace",
  "contactName",
  "contactPhone",
  "note",
] as const;
export type ItemField = (typeof ITEM_FIELDS)[number];

/** The passport form's details (patient travel page). */
export const PASSPORT_FIELDS = [
  "holderName",
  "nativeName",
  "nationality",
  "documentNumber",
  "birthDate",
  "expiresOn",
] as const;
export type PassportField = (typeof PASSPORT_FIELDS)[number];
