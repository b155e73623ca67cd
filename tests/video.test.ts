/**
 * Video consultations (issue 24 §5): each remote consultation gets an unguessable meeting link
 * when it is booked; moving keeps it and cancelling revokes it; the patient joins through the
 * portal's join route only from 15 minutes before the start until the end; the invite carries
 * that join address (never the room); staff see the link itself on the case's schedule and in
 * the calendar's panel. Runs on SQLite and, with `npm run test:pg`, on PostgreSQL.
 */
import { db } from "~/db.server";
import { env, resetEnvCache } from "~/env.server";
import { getFixedT } from "~/i18n/i18n.server";
import { base32, jitsiProvider, ROOM_PATTERN, roomName } from "~/infra/video.server";
import { joinState } from "~/lib/video";
import { addDays, dayIn, mondayOf } from "~/lib/schedule";
import { getPatientCase } from "~/models/cases/portal.server";
import { getStaffCase, type Reader } from "~/models/cases/case.server";
import { exportPatient } from "~/models/privacy/data-rights.server";
import { getCalendar } from "~/models/travel/calendar.server";
import {
  bookConsultation,
  cancelAppointment,
  cancelOwnAppointment,
  freeSlots,
  getPatientAppointments,
  getSchedule,
  moveOwnAppointment,
  rescheduleAppointment,
} from "~/models/travel/booking.server";
import { loader as joinLoader } from "~/routes/portal.cases.$caseId_.appointments_.$appointmentId.join";
import { loader as appointmentIcs } from "~/routes/portal.cases.$caseId_.appointments_.$appointmentId.calendar[.]ics";
import { resetDatabase } from "./support/db";
import { sentForm } from "./support/enquiry-form";
import { createCase, createStaff } from "./support/factories";
import { call, cookieFor } from "./support/requests";

const IST = "Europe/Istanbul";
const MINUTE = 60_000;

beforeEach(async () => {
  await resetDatabase();
  delete process.env.VIDEO_BASE_URL;
  delete process.env.VIDEO_PROVIDER;
  resetEnvCache();
});

afterAll(() => {
  delete process.env.VIDEO_BASE_URL;
  resetEnvCache();
});

async function clinician() {
  return db.resource.create({
    data: {
      name: "Dr. Video",
      type: "CLINICIAN",
      hours: {
        create: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 540, endMinute: 1020 })),
      },
    },
  });
}

/** A quoted, eligible patient (German) with their video consultation booked three weeks on. */
async function booked(staff?: Awaited<ReturnType<typeof createStaff>>) {
  const team = staff ?? (await createStaff());
  const made = await createCase({ locale: "de" });
  await db.case.update({
    where: { id: made.kase.id },
    data: { stage: "QUOTED", eligibility: "ELIGIBLE", coordinatorId: team.coordinator.id },
  });
  const monday = addDays(mondayOf(dayIn(new Date(), IST)), 21);
  const free = await freeSlots({
    resourceType: "CLINICIAN",
    durationMinutes: 30,
    fromDay: monday,
    days: 1,
    patient: { id: made.patient.id },
  });
  const appointment = await bookConsultation({
    patientId: made.patient.id,
    caseId: made.kase.id,
    resourceId: free[0]!.resourceId,
    startsAt: free[0]!.startsAt,
    formKey: sentForm(),
  });
  const row = await db.appointment.findUniqueOrThrow({ where: { id: appointment.id } });
  return { ...made, staff: team, free, appointment: row };
}

/** The consultation's time set to start `minutes` from `now` (as if booked long ago). */
async function startsIn(id: string, minutes: number, now = new Date()) {
  const startsAt = new Date(now.getTime() + minutes * MINUTE);
  return db.appointment.update({
    where: { id },
    data: { startsAt, endsAt: new Date(startsAt.getTime() + 30 * MINUTE) },
  });
}

/** An iCalendar text's first VEVENT, unfolded and unescaped (RFC 5545 §3.1, §3.3.11). */
function eventProperties(ics: string): Record<string, string> {
  const lines = ics.replace(/\r?\n[ \t]/g, "").split(/\r?\n/);
  const start = lines.indexOf("BEGIN:VEVENT");
  const end = lines.indexOf("END:VEVENT");
  expect(start).toBeGreaterThanOrEqual(0);
  const props: Record<string, string> = {};
  for (const line of lines.slice(start + 1, end)) {
    const colon = line.indexOf(":");
    const name = line.slice(0, colon).split(";")[0]!;
    props[name] ??= line
      .slice(colon + 1)
      .replace(/\\n/gi, "\n")
      .replace(/\\([,;\\])/g, "$1");
  }
  return props;
}

const join = (caseId: string, appointmentId: string, cookie: string, lang = "de") =>
  call(joinLoader, {
    path: `/portal/cases/${caseId}/appointments/${appointmentId}/join`,
    params: { caseId, appointmentId },
    cookie,
    lang,
  });

describe("room names", () => {
  it("are 128 random bits in base32, with nothing about the case in them", () => {
    expect(base32(new Uint8Array(16))).toBe("a".repeat(26));
    expect(base32(new Uint8Array(16).fill(255))).toBe(`${"7".repeat(25)}4`);
    const names = new Set(Array.from({ length: 200 }, () => roomName()));
    expect(names.size).toBe(200);
    for (const name of names) expect(name).toMatch(ROOM_PATTERN);
  });

  it("sit under the configured Jitsi-compatible server", async () => {
    const { url } = await jitsiProvider("https://video.example.org/").createMeeting({
      appointmentId: "a1",
      startsAt: new Date(),
      endsAt: new Date(),
    });
    expect(url).toMatch(/^https:\/\/video\.example\.org\/ipu-[a-z2-7]{26}$/);
  });
});

describe("booking a consultation", () => {
  it("gives it an unguessable link of its own on the configured server", async () => {
    process.env.VIDEO_BASE_URL = "https://video.example.org";
    resetEnvCache();
    const staff = await createStaff();
    await clinician();
    const one = await booked(staff);
    const two = await booked(staff);
    for (const { appointment, kase, patient } of [one, two]) {
      expect(appointment.meetingProvider).toBe("jitsi");
      const url = new URL(appointment.meetingUrl!);
      expect(url.origin).toBe("https://video.example.org");
      const room = url.pathname.slice(1);
      expect(room).toMatch(ROOM_PATTERN);
      expect(room.toLowerCase()).not.toContain(kase.number.toLowerCase());
      expect(appointment.meetingUrl!.toLowerCase()).not.toContain(
        patient.name.split(" ")[0]!.toLowerCase(),
      );
      expect(appointment.meetingRevokedAt).toBeNull();
    }
    expect(one.appointment.meetingUrl).not.toBe(two.appointment.meetingUrl);
  });

  it("keeps the link when the consultation moves, by the patient or the coordinator", async () => {
    await clinician();
    const b = await booked();
    const moved = await moveOwnAppointment({
      patientId: b.patient.id,
      caseId: b.kase.id,
      appointmentId: b.appointment.id,
      resourceId: b.free[2]!.resourceId,
      startsAt: b.free[2]!.startsAt,
      formKey: sentForm(),
    });
    await rescheduleAppointment({
      caseId: b.kase.id,
      appointmentId: moved.id,
      resourceId: b.free[4]!.resourceId,
      startsAt: b.free[4]!.startsAt,
      actorId: b.staff.coordinator.id,
      formKey: sentForm(),
    });
    const row = await db.appointment.findUniqueOrThrow({ where: { id: b.appointment.id } });
    expect(row.startsAt).toEqual(b.free[4]!.startsAt);
    expect(row.sequence).toBe(2);
    expect(row.meetingUrl).toBe(b.appointment.meetingUrl);
    expect(row.meetingRevokedAt).toBeNull();
  });

  it("gives a consultation booked before there were links one when it moves", async () => {
    await clinician();
    const b = await booked();
    await db.appointment.update({
      where: { id: b.appointment.id },
      data: { meetingUrl: null, meetingProvider: null },
    });
    await rescheduleAppointment({
      caseId: b.kase.id,
      appointmentId: b.appointment.id,
      resourceId: b.free[3]!.resourceId,
      startsAt: b.free[3]!.startsAt,
      actorId: b.staff.coordinator.id,
      formKey: sentForm(),
    });
    const row = await db.appointment.findUniqueOrThrow({ where: { id: b.appointment.id } });
    expect(row.meetingUrl).toMatch(/^https:\/\/meet\.jit\.si\/ipu-[a-z2-7]{26}$/);
  });
});

describe("the patient's portal", () => {
  it("shows the join button only from 15 minutes before the start until the end", async () => {
    await clinician();
    const b = await booked();
    const startsAt = b.appointment.startsAt;
    const at = (minutes: number) => new Date(startsAt.getTime() + minutes * MINUTE);
    const videoAt = async (minutes: number) =>
      (await getPatientAppointments(b.patient.id, b.kase.id, null, at(minutes))).appointments.find(
        (a) => a.id === b.appointment.id,
      )?.video;
    const path = `/portal/cases/${b.kase.id}/appointments/${b.appointment.id}/join`;
    expect(await videoAt(-16)).toMatchObject({ state: "early", path, opensAt: at(-15) });
    expect(await videoAt(-15)).toMatchObject({ state: "open", path });
    expect(await videoAt(0)).toMatchObject({ state: "open" });
    expect(await videoAt(29)).toMatchObject({ state: "open" });
    expect(await videoAt(30)).toMatchObject({ state: "ended" });
    // The case page's appointments card says the same.
    const kase = await getPatientCase(b.patient.id, b.kase.id, at(-5));
    expect(kase.appointments.find((a) => a.id === b.appointment.id)?.video).toMatchObject({
      state: "open",
      path,
    });
    // The page never carries the meeting link itself: only the join address.
    const page = await getPatientAppointments(b.patient.id, b.kase.id, null, at(-5));
    expect(JSON.stringify(page)).not.toContain(b.appointment.meetingUrl!);
    expect(JSON.stringify(kase)).not.toContain(b.appointment.meetingUrl!);
  });

  it("sends the patient to the meeting through the join route only while it is open", async () => {
    await clinician();
    const b = await booked();
    const cookie = await cookieFor(b.patient.id);
    // Three weeks ahead: a page that says when it opens, in German and the patient's zone.
    const early = await join(b.kase.id, b.appointment.id, cookie);
    expect(early.status).toBe(200);
    expect(early.data).toMatchObject({ state: "early" });
    expect(getFixedT("de", "travel")("join.early")).toContain("Videosprechstunde");
    // Ten minutes before: 302 to the meeting.
    await startsIn(b.appointment.id, 10);
    const open = await join(b.kase.id, b.appointment.id, cookie);
    expect(open.status).toBe(302);
    expect(open.response!.headers.get("Location")).toBe(b.appointment.meetingUrl);
    // Over: no way in.
    await startsIn(b.appointment.id, -45);
    expect((await join(b.kase.id, b.appointment.id, cookie)).data).toMatchObject({
      state: "ended",
    });
    // The join state of a time just before the window opens.
    expect(
      joinState(
        { ...b.appointment, meetingRevokedAt: null },
        new Date(b.appointment.startsAt.getTime() - 15 * MINUTE - 1),
      ),
    ).toBe("early");
  });

  it("answers another patient, or another case's appointment, not found", async () => {
    await clinician();
    const staff = await createStaff();
    const b = await booked(staff);
    const other = await booked(staff);
    await startsIn(b.appointment.id, 5);
    const stranger = await cookieFor(other.patient.id);
    expect((await join(b.kase.id, b.appointment.id, stranger)).status).toBe(404);
    // Their own case, someone else's appointment id.
    expect((await join(other.kase.id, b.appointment.id, stranger)).status).toBe(404);
    // Staff are not patients; signed out is sent to sign in.
    const coordinator = await cookieFor(staff.coordinator.id);
    expect((await join(b.kase.id, b.appointment.id, coordinator)).status).toBe(403);
    expect((await join(b.kase.id, b.appointment.id, "")).status).toBe(302);
    expect(
      (await join(b.kase.id, b.appointment.id, "")).response!.headers.get("Location"),
    ).not.toBe(b.appointment.meetingUrl);
  });
});

describe("cancelling", () => {
  it("revokes the link: the join route refuses, and neither the portal nor staff show it", async () => {
    await clinician();
    const b = await booked();
    await startsIn(b.appointment.id, 5);
    const url = b.appointment.meetingUrl!;
    // Before: staff see the link on the case's schedule and in the calendar's panel.
    const schedule = () =>
      getSchedule({
        caseId: b.kase.id,
        actorId: b.staff.clinician.id,
        ip: null,
        mayBook: false,
        from: null,
        step: null,
        move: null,
      });
    const panel = () =>
      getCalendar({
        actorId: b.staff.clinician.id,
        ip: null,
        view: "week",
        by: null,
        date: dayIn(new Date(), IST),
        resource: null,
        book: null,
        appointment: b.appointment.id,
        q: null,
      });
    expect((await schedule()).appointments.find((a) => a.id === b.appointment.id)?.meetingUrl).toBe(
      url,
    );
    expect((await panel()).selected?.meetingUrl).toBe(url);
    // The case page's booking summary: for those who may see the schedule, not for finance.
    const casePage = (reader: Reader) => getStaffCase(reader, b.kase.id, null);
    expect(
      (await casePage({ id: b.staff.clinician.id, role: "CLINICIAN" })).journey.nextAppointment
        ?.meetingUrl,
    ).toBe(url);
    expect(
      (await casePage({ id: b.staff.finance.id, role: "FINANCE" })).journey.nextAppointment
        ?.meetingUrl,
    ).toBeNull();

    await cancelAppointment({
      caseId: b.kase.id,
      appointmentId: b.appointment.id,
      actorId: b.staff.coordinator.id,
    });
    const row = await db.appointment.findUniqueOrThrow({ where: { id: b.appointment.id } });
    expect(row.status).toBe("CANCELLED");
    expect(row.meetingRevokedAt).not.toBeNull();

    const cookie = await cookieFor(b.patient.id);
    const refused = await join(b.kase.id, b.appointment.id, cookie);
    expect(refused.status).toBe(200);
    expect(refused.data).toMatchObject({ state: "cancelled" });
    expect(JSON.stringify(refused.data)).not.toContain(url);

    const portal = await getPatientAppointments(b.patient.id, b.kase.id, null);
    expect(JSON.stringify(portal)).not.toContain(url);
    expect(portal.appointments.some((a) => a.video)).toBe(false);
    expect(JSON.stringify(await getPatientCase(b.patient.id, b.kase.id))).not.toContain(url);
    expect(JSON.stringify(await schedule())).not.toContain(url);
    expect(JSON.stringify(await panel())).not.toContain(url);
    expect(
      JSON.stringify(await casePage({ id: b.staff.clinician.id, role: "CLINICIAN" })),
    ).not.toContain(url);
    // Nor does the patient's copy of their data hand out the room's address.
    const copy = JSON.stringify(await exportPatient(b.patient.id));
    expect(copy).toContain(b.appointment.id);
    expect(copy).not.toContain(url);
  });

  it("by the patient revokes it too, and a booking after that gets a new room", async () => {
    await clinician();
    const b = await booked();
    await cancelOwnAppointment({
      patientId: b.patient.id,
      caseId: b.kase.id,
      appointmentId: b.appointment.id,
      formKey: sentForm(),
    });
    const row = await db.appointment.findUniqueOrThrow({ where: { id: b.appointment.id } });
    expect(row.meetingRevokedAt).not.toBeNull();
    const again = await bookConsultation({
      patientId: b.patient.id,
      caseId: b.kase.id,
      resourceId: b.free[1]!.resourceId,
      startsAt: b.free[1]!.startsAt,
      formKey: sentForm(),
    });
    const fresh = await db.appointment.findUniqueOrThrow({ where: { id: again.id } });
    expect(fresh.id).not.toBe(b.appointment.id);
    expect(fresh.meetingUrl).toMatch(/^https:\/\/meet\.jit\.si\/ipu-[a-z2-7]{26}$/);
    expect(fresh.meetingUrl).not.toBe(b.appointment.meetingUrl);
  });
});

describe("the calendar invite", () => {
  it("has the portal's join address as LOCATION and URL, never the room", async () => {
    await clinician();
    const b = await booked();
    const joinAt = new URL(
      `/portal/cases/${b.kase.id}/appointments/${b.appointment.id}/join`,
      env().APP_URL,
    ).toString();
    const email = await db.outboxEmail.findFirstOrThrow({
      where: { caseId: b.kase.id, calendar: { not: null } },
    });
    for (const calendar of [email.calendar!]) {
      const event = eventProperties(calendar);
      expect(event.LOCATION).toBe(joinAt);
      expect(event.URL).toBe(joinAt);
      expect(event.DESCRIPTION).toBe(
        getFixedT("de", "travel")("ics.consultationDescription", {
          caseNumber: b.kase.number,
          minutes: 15,
        }),
      );
      expect(calendar).not.toContain(b.appointment.meetingUrl!.split("/").pop()!);
    }
    // The file the patient downloads says the same.
    const ics = await call(appointmentIcs, {
      path: `/portal/cases/${b.kase.id}/appointments/${b.appointment.id}/calendar.ics`,
      params: { caseId: b.kase.id, appointmentId: b.appointment.id },
      cookie: await cookieFor(b.patient.id),
    });
    const text = await ics.response!.text();
    expect(eventProperties(text)).toMatchObject({ LOCATION: joinAt, URL: joinAt });
    expect(text).not.toContain(b.appointment.meetingUrl!.split("/").pop()!);
  });
});
