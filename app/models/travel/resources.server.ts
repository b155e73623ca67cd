/**
 * What can be booked and when: clinicians, infusion chairs and rooms, their weekly hours in
 * the clinic's zone, and time off (clinic holidays and each resource's leave).
 */
import { db } from "~/db.server";
import { clinicZone } from "~/models/site/clinic-settings.server";
import { audit, changeDetail } from "~/infra/audit.server";
import { spendFormKey, type SentForm } from "~/infra/forms.server";

/** The seed reads hours as the page does (prisma/seed.ts). */
export { parseDayHours } from "~/forms/resources";
import {
  addDays,
  EXCEPTION_KINDS,
  formatClock,
  parseDay,
  wallTime,
  WEEKDAYS,
  type WeeklyHours,
} from "~/lib/schedule";

export async function listResources(now = new Date()) {
  const [resources, holidays] = await Promise.all([
    db.resource.findMany({
      orderBy: [{ type: "asc" }, { position: "asc" }, { name: "asc" }],
      select: {
        id: true,
        name: true,
        translations: true,
        type: true,
        active: true,
        hours: {
          orderBy: [{ weekday: "asc" }, { startMinute: "asc" }],
          select: { weekday: true, startMinute: true, endMinute: true },
        },
        exceptions: {
          where: { endsAt: { gt: now } },
          orderBy: { startsAt: "asc" },
          select: { id: true, kind: true, startsAt: true, endsAt: true, note: true },
        },
      },
    }),
    db.resourceException.findMany({
      where: { resourceId: null, endsAt: { gt: now } },
      orderBy: { startsAt: "asc" },
      select: { id: true, kind: true, startsAt: true, endsAt: true, note: true },
    }),
  ]);
  return {
    resources: resources.map((r) => ({ ...r, week: hoursText(r.hours) })),
    holidays,
  };
}

/** A weekday's spans as text: "09:00-12:00, 13:00-17:00". */
export function hoursText(hours: WeeklyHours[]): Record<number, string> {
  return Object.fromEntries(
    WEEKDAYS.map((day) => [
      day,
      hours
        .filter((h) => h.weekday === day)
        .map((h) => `${formatClock(h.startMinute)}-${formatClock(h.endMinute)}`)
        .join(", "),
    ]),
  );
}

/** Adds a bookable resource (its hours are set next). */
export async function createResource(
  input: { name: string; type: string },
  formKey: SentForm,
  actorId: string,
) {
  return db.$transaction(async (tx) => {
    await spendFormKey(tx, formKey, actorId);
    const row = await tx.resource.create({ data: { name: input.name, type: input.type } });
    await audit(
      {
        actorId,
        action: "resource.create",
        entity: "Resource",
        entityId: row.id,
        outcome: "success",
        detail: changeDetail(null, { name: row.name, type: row.type, active: row.active }),
      },
      tx,
    );
    return row;
  });
}

/**
 * Makes a resource bookable or not (retired: its booked appointments stay, nothing new is
 * booked on it); false when there is no such resource. Audited with before and after; the
 * same state again writes nothing. A resource is never deleted: appointments refer to it.
 */
export async function setResourceActive(resourceId: string, active: boolean, actorId: string) {
  return db.$transaction(async (tx) => {
    const row = await tx.resource.findUnique({
      where: { id: resourceId },
      select: { active: true },
    });
    if (!row) return false;
    if (row.active === active) return true;
    await tx.resource.update({ where: { id: resourceId }, data: { active } });
    await audit(
      {
        actorId,
        action: active ? "resource.reactivate" : "resource.retire",
        entity: "Resource",
        entityId: resourceId,
        outcome: "success",
        detail: changeDetail({ active: row.active }, { active }),
      },
      tx,
    );
    return true;
  });
}

/** Replaces a resource's weekly hours; false when there is no such resource. */
export async function setHours(
  resourceId: string,
  week: Record<number, { startMinute: number; endMinute: number }[]>,
) {
  return db.$transaction(async (tx) => {
    if (!(await tx.resource.count({ where: { id: resourceId } }))) return false;
    await tx.workingHours.deleteMany({ where: { resourceId } });
    await tx.workingHours.createMany({
      data: WEEKDAYS.flatMap((weekday) =>
        (week[weekday] ?? []).map((s) => ({ resourceId, weekday, ...s })),
      ),
    });
    return true;
  });
}

/** Whole days of time off, from `from` to `to` inclusive (YYYY-MM-DD), in the clinic's zone. */
export function timeOffSpan(from: string, to: string): { startsAt: Date; endsAt: Date } | null {
  if (!parseDay(from) || !parseDay(to) || to < from) return null;
  const zone = clinicZone();
  return { startsAt: wallTime(from, 0, zone), endsAt: wallTime(addDays(to, 1), 0, zone) };
}

/** Rolls the time off back (and the form's key with it): the resource is gone. */
class NoSuchResource extends Error {}

/**
 * Adds time off: a clinic holiday (no resource) or a resource's leave. Returns how many booked
 * appointments fall in it and need moving, or null when there is no such resource (or the
 * days are no span).
 */
export async function addTimeOff(input: {
  resourceId: string | null;
  kind: (typeof EXCEPTION_KINDS)[number];
  from: string;
  to: string;
  note: string | null;
  actorId: string;
  formKey: SentForm;
}): Promise<{ clashes: number } | null> {
  const span = timeOffSpan(input.from, input.to);
  if (!span) return null;
  return db
    .$transaction(async (tx) => {
      await spendFormKey(tx, input.formKey, input.actorId);
      const { resourceId } = input;
      if (resourceId && !(await tx.resource.count({ where: { id: resourceId } }))) {
        throw new NoSuchResource();
      }
      await tx.resourceException.create({
        data: {
          resourceId,
          // The clinic closes for a holiday; a person or a chair is on leave.
          kind: resourceId ? input.kind : "HOLIDAY",
          ...span,
          note: input.note,
          createdById: input.actorId,
        },
      });
      const clashes = await tx.appointment.count({
        where: {
          status: "BOOKED",
          ...(resourceId ? { resourceId } : {}),
          startsAt: { lt: span.endsAt },
          endsAt: { gt: span.startsAt },
        },
      });
      return { clashes };
    })
    .catch((error: unknown) => {
      if (error instanceof NoSuchResource) return null;
      throw error;
    });
}

export async function deleteTimeOff(exceptionId: string) {
  await db.resourceException.deleteMany({ where: { id: exceptionId } });
}
