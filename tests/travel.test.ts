/**
 * The trip on the database: itinerary entries read in their airports' zones, passports in
 * the secure store with the six-month check and the coordinator's review, the visa
 * invitation letter and itinerary PDFs fetched through their routes (checked as text; the
 * documents themselves in every language are in tests/travel-pdf.test.ts),
 * the TRAVEL_READY email (which points to the portal and carries no trip detail), and
 * another patient's 404s.
 */
import fs from "node:fs";
import path from "node:path";
import { db } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { formatDate, formatDateTime } from "~/lib/format";
import { loader as patientDocument } from "~/routes/portal.cases.$caseId.documents.$documentId";
import { loader as patientVisaLetter } from "~/routes/portal.cases.$caseId_.visa-letter[.]pdf";
import { loader as patientItinerary } from "~/routes/portal.cases.$caseId_.itinerary[.]pdf";
import {
  action as patientTravel,
  loader as patientTravelPage,
} from "~/routes/portal.cases.$caseId_.travel";
import {
  action as staffTravel,
  loader as staffTravelPage,
} from "~/routes/staff.cases.$caseId_.travel";
import { loader as staffItinerary } from "~/routes/staff.cases.$caseId_.itinerary[.]pdf";
import { action as staffCase } from "~/routes/staff.cases.$caseId";
import { loader as staffSchedulePage } from "~/routes/staff.cases.$caseId_.schedule";
import { conflictText, type DescribedConflict } from "~/lib/itinerary";
import { bookPlanStep } from "~/models/travel/booking.server";
import { changeStage, StageChangeError } from "~/models/cases/stage.server";
import { env } from "~/env.server";
import { parseItem as readItem, type ItemValues } from "~/forms/itinerary";
import { FORM_KEY, newFormKey } from "~/infra/forms.server";
import { sentForm } from "./support/enquiry-form";
import {
  reviewPassport,
  saveItem,
  tripOf,
  uploadPassport as upload,
} from "~/models/travel/travel.server";
import { resetDatabase } from "./support/db";
import { png, storedFiles } from "./support/files";
import { acceptedCase } from "./support/finance";
import { createCase } from "./support/factories";
import { pageCount, pdfText, plain, save } from "./support/pdf-text";

import { call, cookieFor, formReply } from "./support/requests";

/** The itinerary form's schema, as the coordinator's page reads it (app/forms/itinerary.ts). */
const parseItem = (values: ItemValues, now?: Date) =>
  readItem(values, { clinicZone: env().CLINIC_TIME_ZONE, now });
/** A passport upload, as from a page just rendered (its own form key). */
const uploadPassport = (input: Omit<Parameters<typeof upload>[0], "formKey">) =>
  upload({ ...input, formKey: sentForm() });
const form = (over: Partial<ItemValues>): ItemValues => ({
  kind: "ARRIVAL_FLIGHT",
  start: "",
  startZone: "",
  end: "",
  endZone: "",
  reference: "",
  fromPlace: "",
  toPlace: "",
  contactName: "",
  contactPhone: "",
  note: "",
  ...over,
});

const PASSPORT = {
  holderName: "OLGA IVANOVA",
  nationality: "RU",
  documentNumber: "754812345",
  birthDate: new Date("1981-04-12T00:00:00Z"),
  expiresOn: new Date("2031-06-30T00:00:00Z"),
};

beforeEach(resetDatabase);

describe("itinerary entries", () => {
  it("reads a flight's times in its airports' zones and titles it", () => {
    const parsed = parseItem(
      form({
        reference: "tk 1524",
        fromPlace: "fra",
        toPlace: "ist",
        start: "2027-03-28T08:05",
        end: "2027-03-28T12:40",
      }),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    // Frankfurt is already on summer time (+02:00) on 28 March 2027; Istanbul is +03:00.
    expect(parsed.item.startsAt.toISOString()).toBe("2027-03-28T06:05:00.000Z");
    expect(parsed.item.endsAt?.toISOString()).toBe("2027-03-28T09:40:00.000Z");
    expect(parsed.item).toMatchObject({
      startZone: "Europe/Berlin",
      endZone: "Europe/Istanbul",
      title: "TK1524 FRA → IST",
    });
  });

  it("asks for the zone of an airport it does not know, and for what each kind needs", () => {
    const unknown = parseItem(
      form({
        reference: "XY12",
        fromPlace: "ZZZ",
        toPlace: "IST",
        start: "2027-03-01T08:00",
        end: "2027-03-01T12:00",
      }),
    );
    expect(unknown).toEqual({ ok: false, errors: { startZone: "travel:itinerary.errors.zone" } });
    const chosen = parseItem(
      form({
        reference: "XY12",
        fromPlace: "ZZZ",
        startZone: "Asia/Tehran",
        toPlace: "IST",
        start: "2027-03-01T08:00",
        end: "2027-03-01T12:00",
      }),
    );
    expect(chosen.ok && chosen.item.startsAt.toISOString()).toBe("2027-03-01T04:30:00.000Z");
    const backwards = parseItem(
      form({
        kind: "HOTEL",
        fromPlace: "Hotel",
        start: "2027-03-05T14:00",
        end: "2027-03-01T12:00",
      }),
    );
    expect(backwards.ok ? null : backwards.errors.end).toBe(
      "travel:itinerary.errors.endBeforeStart",
    );
    const transfer = parseItem(form({ kind: "TRANSFER", start: "2027-03-01T13:00" }));
    expect(transfer.ok ? null : Object.keys(transfer.errors).sort()).toEqual([
      "contactName",
      "contactPhone",
      "fromPlace",
      "toPlace",
    ]);
  });
});

describe("the coordinator's itinerary form", () => {
  // The coordinator reads Turkish (their saved language).
  it("answers each field's problem in the reader's language, keeps what was typed, and adds an entry once per form", async () => {
    const made = await acceptedCase();
    const cookie = await cookieFor(made.staff.coordinator.id);
    const key = newFormKey();
    const send = (over: Record<string, string>) =>
      call(staffTravel, {
        path: `/staff/cases/${made.kase.id}/travel`,
        params: { caseId: made.kase.id },
        cookie,
        lang: "tr",
        form: new URLSearchParams({ intent: "item", [FORM_KEY]: key, ...over }),
      });
    const start = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const flight = {
      kind: "ARRIVAL_FLIGHT",
      reference: "TK1524",
      fromPlace: "ZZZ",
      toPlace: "IST",
      start: `${start}T08:00`,
      end: `${start}T12:00`,
    };
    const refused = await send(flight);
    expect(refused.status).toBe(400);
    const answer = formReply(refused);
    expect(answer.form).toBe("item");
    expect(answer.errors).toEqual({
      startZone: getFixedT("tr", "travel")("itinerary.errors.zone"),
    });
    expect(answer.values).toMatchObject({ reference: "TK1524", start: `${start}T08:00` });
    expect(await db.itineraryItem.count()).toBe(0);

    const saved = await send({ ...flight, fromPlace: "FRA" });
    expect(saved.status).toBe(200);
    expect(formReply(saved).done).toBe(getFixedT("tr", "travel")("staff.done.item"));
    // Emptied for the next entry.
    expect(formReply(saved).values).toEqual({});
    const again = await send({ ...flight, fromPlace: "FRA" });
    expect(again.status).toBe(409);
    expect(formReply(again).errors[""]).toBe(getFixedT("tr", "common")("form.duplicate"));
    expect(await db.itineraryItem.count()).toBe(1);
  });
});

/** An accepted case with a chair resource, two infusions booked, and the flights. */
async function bookedTrip() {
  const made = await acceptedCase();
  const chair = await db.resource.create({
    data: {
      name: "Chair 1",
      type: "CHAIR",
      hours: {
        create: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 480, endMinute: 1080 })),
      },
    },
  });
  const step = await db.treatmentPlanStep.create({
    data: {
      caseId: made.kase.id,
      position: 2,
      name: "Infusion",
      resourceType: "CHAIR",
      durationMinutes: 180,
    },
  });
  const now = new Date("2027-02-01T00:00:00Z");
  for (const day of ["2027-03-02", "2027-03-03"]) {
    await bookPlanStep({
      caseId: made.kase.id,
      planStepId: step.id,
      resourceId: chair.id,
      startsAt: new Date(`${day}T06:00:00Z`),
      actorId: made.staff.coordinator.id,
      formKey: sentForm(),
      now,
    });
  }
  const coordinator = made.staff.coordinator.id;
  const add = async (over: Partial<ItemValues>) => {
    const parsed = parseItem(form(over));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    await saveItem(made.kase.id, coordinator, parsed.item, { formKey: sentForm() });
  };
  await add({
    reference: "SU2136",
    fromPlace: "SVO",
    toPlace: "IST",
    start: "2027-03-01T09:00",
    end: "2027-03-01T12:30",
  });
  await add({
    kind: "TRANSFER",
    fromPlace: "IST arrivals",
    toPlace: "Hotel",
    start: "2027-03-01T13:30",
    contactName: "Kemal",
    contactPhone: "+90 532 555 01 02",
  });
  await add({
    kind: "HOTEL",
    fromPlace: "Şişli Park Residence",
    start: "2027-03-01T15:00",
    end: "2027-03-05T11:00",
  });
  await add({
    kind: "DEPARTURE_FLIGHT",
    reference: "SU2137",
    fromPlace: "IST",
    toPlace: "SVO",
    start: "2027-03-05T14:00",
    end: "2027-03-05T17:40",
  });
  await db.outboxEmail.deleteMany({});
  return { ...made, coordinator };
}

describe("passports", () => {
  it("stores a passport checked by content, refuses one that expires too soon, and keeps what was stored", async () => {
    const made = await bookedTrip();
    const id = await uploadPassport({
      patientId: made.patient.id,
      caseId: made.kase.id,
      kind: "PASSPORT",
      // Named .pdf, but it is a PNG: the stored type comes from the bytes.
      file: { name: "passport.pdf", bytes: png() },
      data: PASSPORT,
    });
    const stored = await db.document.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({
      kind: "PASSPORT",
      status: "PENDING",
      mimeType: "image/png",
      documentNumber: "754812345",
    });
    const files = storedFiles();
    expect(files).toHaveLength(1);
    // The file at rest is encrypted: no PNG signature in it.
    expect(
      fs.readFileSync(path.join(process.env.UPLOAD_DIR!, files[0]!)).includes(Buffer.from("IHDR")),
    ).toBe(false);

    // The return is 5 March 2027, so the passport must last until 5 September 2027.
    await expect(
      uploadPassport({
        patientId: made.patient.id,
        caseId: made.kase.id,
        kind: "COMPANION_PASSPORT",
        file: { name: "companion.png", bytes: png() },
        data: { ...PASSPORT, expiresOn: new Date("2027-09-04T00:00:00Z") },
      }),
    ).rejects.toMatchObject({
      code: "expiresTooSoon",
      vars: { validUntil: "2027-09-05", returnDate: "2027-03-05" },
    });
    // A text file claiming to be a PDF is refused by content.
    const cookie = await cookieFor(made.patient.id);
    const body = new FormData();
    for (const [k, v] of Object.entries({
      kind: "COMPANION_PASSPORT",
      holderName: "IVAN IVANOV",
      nationality: "RU",
      documentNumber: "754812399",
      birthDate: "1980-01-01",
      expiresOn: "2031-01-01",
    }))
      body.set(k, v);
    body.set("file", new File(["not a passport"], "scan.pdf", { type: "application/pdf" }));
    body.set(FORM_KEY, newFormKey());
    const refused = await call(patientTravel, {
      path: `/portal/cases/${made.kase.id}/travel`,
      params: { caseId: made.kase.id },
      cookie,
      form: body,
    });
    expect(refused.status).toBe(400);
    expect(formReply(refused).errors.file).toBeTruthy();
    // What the patient typed comes back.
    expect(formReply(refused).values.holderName).toBe("IVAN IVANOV");
    expect(await db.document.count()).toBe(1);
    expect(storedFiles()).toEqual(files);
  });

  it("approves only a passport that lasts, and a rejection emails the patient in their language", async () => {
    const made = await bookedTrip();
    const upload = (expiresOn: Date) =>
      uploadPassport({
        patientId: made.patient.id,
        caseId: made.kase.id,
        kind: "PASSPORT",
        file: { name: "p.png", bytes: png() },
        data: { ...PASSPORT, expiresOn },
      });
    const first = await upload(new Date("2031-06-30T00:00:00Z"));
    // The trip grows: a later departure makes the passport's six months fall short.
    const later = parseItem(
      form({
        kind: "DEPARTURE_FLIGHT",
        reference: "SU2139",
        fromPlace: "IST",
        toPlace: "SVO",
        start: "2031-03-01T14:00",
        end: "2031-03-01T17:40",
      }),
      // Planned from a day in 2030, so a 2031 flight is within the months ahead.
      new Date("2030-06-01T00:00:00Z"),
    );
    if (!later.ok) throw new Error("bad fixture");
    const laterId = await saveItem(made.kase.id, made.coordinator, later.item, {
      formKey: sentForm(),
    });
    await expect(
      reviewPassport({
        caseId: made.kase.id,
        documentId: first,
        actorId: made.coordinator,
        ip: null,
        review: { decision: "approve" },
      }),
    ).rejects.toMatchObject({ code: "expiresTooSoon" });
    await db.itineraryItem.delete({ where: { id: laterId } });

    await reviewPassport({
      caseId: made.kase.id,
      documentId: first,
      actorId: made.coordinator,
      ip: "10.0.0.9",
      review: { decision: "reject", reason: "UNREADABLE", note: "The photo is blurred" },
    });
    const mail = await db.outboxEmail.findFirstOrThrow({
      where: { caseId: made.kase.id, template: "notice", toEmail: made.patient.email },
    });
    expect(mail.locale).toBe("ru");
    expect(mail.text).toMatch(/[А-Яа-я]/);
    expect(mail.text).toContain("The photo is blurred");
    expect(mail.text).toContain(`/portal/cases/${made.kase.id}/travel`);
    const second = await upload(new Date("2031-06-30T00:00:00Z"));
    await reviewPassport({
      caseId: made.kase.id,
      documentId: second,
      actorId: made.coordinator,
      ip: null,
      review: { decision: "approve" },
    });
    const audits = await db.auditLog.findMany({
      where: { caseId: made.kase.id, action: { startsWith: "passport." } },
    });
    expect(audits.map((a) => a.action).sort()).toEqual(["passport.approve", "passport.reject"]);
    // Reviewed once: a second decision is refused.
    await expect(
      reviewPassport({
        caseId: made.kase.id,
        documentId: second,
        actorId: made.coordinator,
        ip: null,
        review: { decision: "approve" },
      }),
    ).rejects.toMatchObject({ code: "reviewed" });
  });

  it("lets a second upload supersede the passport still waiting for review: staff see one to check", async () => {
    const made = await bookedTrip();
    const send = (kind: "PASSPORT" | "COMPANION_PASSPORT", name: string) =>
      uploadPassport({
        patientId: made.patient.id,
        caseId: made.kase.id,
        kind,
        file: { name, bytes: png() },
        data: PASSPORT,
      });
    const first = await send("PASSPORT", "first.png");
    const companion = await send("COMPANION_PASSPORT", "companion.png");
    const second = await send("PASSPORT", "second.png");
    const staffPage = async () => {
      const out = await call(staffTravelPage, {
        path: `/staff/cases/${made.kase.id}/travel`,
        params: { caseId: made.kase.id },
        cookie: await cookieFor(made.coordinator),
      });
      expect(out.status).toBe(200);
      return (out.data as { passports: { id: string; kind: string; status: string }[] }).passports;
    };
    // One pending passport (the newer), and the companion's: another kind is not replaced.
    const pending = (await staffPage()).filter((p) => p.status === "PENDING");
    expect(pending.map((p) => p.id).sort()).toEqual([second, companion].sort());
    expect((await db.document.findUniqueOrThrow({ where: { id: first } })).status).toBe(
      "SUPERSEDED",
    );
    // The older one can no longer be reviewed, whatever a stale page posts.
    await expect(
      reviewPassport({
        caseId: made.kase.id,
        documentId: first,
        actorId: made.coordinator,
        ip: null,
        review: { decision: "approve" },
      }),
    ).rejects.toMatchObject({ code: "superseded" });
    // A reviewed passport stays as it is: a later upload replaces only one still waiting.
    await reviewPassport({
      caseId: made.kase.id,
      documentId: second,
      actorId: made.coordinator,
      ip: null,
      review: { decision: "approve" },
    });
    const third = await send("PASSPORT", "third.png");
    const statuses = Object.fromEntries((await staffPage()).map((p) => [p.id, p.status]));
    expect(statuses).toEqual({ [second]: "APPROVED", [third]: "PENDING", [companion]: "PENDING" });
    // The patient's page lists the same passports.
    const patientPage = await call(patientTravelPage, {
      path: `/portal/cases/${made.kase.id}/travel`,
      params: { caseId: made.kase.id },
      cookie: await cookieFor(made.patient.id),
    });
    const mine = (patientPage.data as { passports: { id: string }[] }).passports.map((p) => p.id);
    expect(mine.sort()).toEqual([second, third, companion].sort());
  });

  it("answers 404 to another patient for every one of the owner's documents and PDFs", async () => {
    const made = await bookedTrip();
    const passport = await uploadPassport({
      patientId: made.patient.id,
      caseId: made.kase.id,
      kind: "PASSPORT",
      file: { name: "p.png", bytes: png() },
      data: PASSPORT,
    });
    const companion = await uploadPassport({
      patientId: made.patient.id,
      caseId: made.kase.id,
      kind: "COMPANION_PASSPORT",
      file: { name: "c.png", bytes: png() },
      data: { ...PASSPORT, holderName: "IVAN IVANOV" },
    });
    const other = await createCase();
    const cookie = await cookieFor(other.patient.id);
    for (const documentId of [passport, companion]) {
      const outcome = await call(patientDocument, {
        path: `/portal/cases/${made.kase.id}/documents/${documentId}`,
        params: { caseId: made.kase.id, documentId },
        cookie,
      });
      expect(outcome.status).toBe(404);
      // Not even through their own case id.
      const sideways = await call(patientDocument, {
        path: `/portal/cases/${other.kase.id}/documents/${documentId}`,
        params: { caseId: other.kase.id, documentId },
        cookie,
      });
      expect(sideways.status).toBe(404);
    }
    for (const loader of [patientVisaLetter, patientItinerary]) {
      const outcome = await call(loader, {
        path: `/portal/cases/${made.kase.id}/x.pdf`,
        params: { caseId: made.kase.id },
        cookie,
      });
      expect(outcome.status).toBe(404);
    }
    // The owner gets their passport back, decrypted.
    const own = await call(patientDocument, {
      path: `/portal/cases/${made.kase.id}/documents/${passport}`,
      params: { caseId: made.kase.id, documentId: passport },
      cookie: await cookieFor(made.patient.id),
    });
    expect(own.status).toBe(200);
    expect(Buffer.from(await own.response!.arrayBuffer())).toEqual(Buffer.from(png()));
  });
});

describe("the visa invitation letter and the itinerary", () => {
  it("is refused until the passport is approved, then carries the passport, dates and clinic", async () => {
    const made = await bookedTrip();
    const cookie = await cookieFor(made.patient.id);
    const get = (lang?: string) =>
      call(patientVisaLetter, {
        path: `/portal/cases/${made.kase.id}/visa-letter.pdf${lang ? `?lang=${lang}` : ""}`,
        params: { caseId: made.kase.id },
        cookie,
      });
    const early = await get("en");
    expect(early.status).toBe(409);
    expect(await early.response!.text()).toContain("once your passport is approved");
    const id = await uploadPassport({
      patientId: made.patient.id,
      caseId: made.kase.id,
      kind: "PASSPORT",
      file: { name: "p.png", bytes: png() },
      data: PASSPORT,
    });
    await reviewPassport({
      caseId: made.kase.id,
      documentId: id,
      actorId: made.coordinator,
      ip: null,
      review: { decision: "approve" },
    });
    for (const lang of ["en", "ru", "ar"]) {
      const letter = await get(lang);
      expect(letter.status).toBe(200);
      expect(letter.response!.headers.get("Content-Type")).toBe("application/pdf");
      const file = save(
        `visa-letter-route-${lang}`,
        Buffer.from(await letter.response!.arrayBuffer()),
      );
      expect(pageCount(file)).toBe(1);
      const text = pdfText(file);
      // The phone number and the case number read in order in every language.
      expect(plain(text)).toContain("+90 212 555 01 00");
      expect(plain(text)).not.toContain("00 01 555 212");
      expect(text).toContain(made.kase.number);
      if (lang !== "en") continue;
      const day = (iso: string) => formatDate(new Date(iso), "en", "UTC");
      for (const expected of [
        "OLGA IVANOVA",
        "754812345",
        "Russia",
        day("1981-04-12"),
        day("2031-06-30"),
        day("2027-03-02"),
        day("2027-03-03"),
        "Consular",
        "+90 212 555 01 00",
      ]) {
        expect(text).toContain(expected);
      }
    }
  });

  it("prints the Latin passport name for a Cyrillic-named patient, and refuses a name in another script", async () => {
    const made = await bookedTrip();
    await db.user.update({ where: { id: made.patient.id }, data: { name: "Игорь Петров" } });
    const cookie = await cookieFor(made.patient.id);
    const path = `/portal/cases/${made.kase.id}/travel`;
    const post = (holderName: string, nativeName = "") => {
      const body = new FormData();
      for (const [k, v] of Object.entries({
        kind: "PASSPORT",
        holderName,
        nativeName,
        nationality: "RU",
        documentNumber: "754812345",
        birthDate: "1981-04-12",
        expiresOn: "2031-06-30",
      }))
        body.set(k, v);
      body.set("file", new File([Buffer.from(png())], "scan.png", { type: "image/png" }));
      body.set(FORM_KEY, newFormKey());
      return call(patientTravel, { path, params: { caseId: made.kase.id }, cookie, form: body });
    };
    // The name in Cyrillic is refused beside the field, with what was typed kept.
    const refused = await post("Игорь Петров");
    expect(refused.status).toBe(400);
    const latin = getFixedT(
      made.kase.language ?? "en",
      "travel",
    )("passport.errors.holderNameLatin");
    expect(formReply(refused).errors.holderName).toBe(latin);
    expect(formReply(refused).values.holderName).toBe("Игорь Петров");
    // So is a Latin name with letters the machine-readable zone does not have.
    expect(formReply(await post("Ayşe Yılmaz")).errors.holderName).toBe(latin);
    expect(await db.document.count()).toBe(0);
    // Lower case is raised, a typographic apostrophe read as a plain one; the native name kept.
    expect((await post("igor  o’petrov", "Игорь Петров")).status).toBe(200);
    const stored = await db.document.findFirstOrThrow({ where: { caseId: made.kase.id } });
    expect(stored.holderName).toBe("IGOR O'PETROV");
    expect(stored.nativeName).toBe("Игорь Петров");
    await reviewPassport({
      caseId: made.kase.id,
      documentId: stored.id,
      actorId: made.coordinator,
      ip: null,
      review: { decision: "approve" },
    });
    const letter = await call(patientVisaLetter, {
      path: `/portal/cases/${made.kase.id}/visa-letter.pdf?lang=en`,
      params: { caseId: made.kase.id },
      cookie,
    });
    expect(letter.status).toBe(200);
    const text = pdfText(
      save("visa-letter-cyrillic-en", Buffer.from(await letter.response!.arrayBuffer())),
    );
    expect(text).toContain("IGOR O'PETROV");
    expect(text).not.toMatch(/[\u0400-\u04FF]/);
  });

  it("does not approve, or print a letter for, a passport whose stored name is not the MRZ's", async () => {
    const made = await bookedTrip();
    const cookie = await cookieFor(made.patient.id);
    const id = await uploadPassport({
      patientId: made.patient.id,
      caseId: made.kase.id,
      kind: "PASSPORT",
      file: { name: "p.png", bytes: png() },
      data: PASSPORT,
    });
    // A name kept from before the rule, or written into the database by hand.
    await db.document.update({ where: { id }, data: { holderName: "ИГОРЬ ПЕТРОВ" } });
    await expect(
      reviewPassport({
        caseId: made.kase.id,
        documentId: id,
        actorId: made.coordinator,
        ip: null,
        review: { decision: "approve" },
      }),
    ).rejects.toMatchObject({ code: "passportNameNotLatin" });
    await db.document.update({ where: { id }, data: { status: "APPROVED" } });
    const letter = await call(patientVisaLetter, {
      path: `/portal/cases/${made.kase.id}/visa-letter.pdf?lang=en`,
      params: { caseId: made.kase.id },
      cookie,
    });
    expect(letter.status).toBe(409);
    expect(await letter.response!.text()).toContain("machine-readable lines");
  });

  it("refuses a zone Intl cannot format (UTC+3), and renders every page and PDF if one was stored before", async () => {
    // The one check: the zones Intl lists. Luxon alone would have taken a fixed offset.
    for (const zone of ["UTC+3", "GMT+03:00", "+03:00", "Mars/Olympus", "europe/istanbul"]) {
      expect(
        parseItem(
          form({
            reference: "XY12",
            fromPlace: "ZZZ",
            startZone: zone,
            toPlace: "IST",
            start: "2027-03-01T08:00",
            end: "2027-03-01T12:00",
          }),
        ),
        zone,
      ).toEqual({ ok: false, errors: { startZone: "travel:itinerary.errors.zone" } });
    }
    // A value stored before this check existed (or written by hand) never breaks a page.
    const made = await bookedTrip();
    await db.itineraryItem.updateMany({
      where: { caseId: made.kase.id },
      data: { startZone: "UTC+3", endZone: "UTC+3" },
    });
    await db.user.update({ where: { id: made.patient.id }, data: { timeZone: "UTC+3" } });
    const patient = await cookieFor(made.patient.id);
    const coordinator = await cookieFor(made.staff.coordinator.id);
    const pages: [string, Parameters<typeof call>[0], string][] = [
      ["portal travel", patientTravelPage, patient],
      ["portal itinerary pdf", patientItinerary, patient],
      ["staff travel", staffTravelPage, coordinator],
      ["staff itinerary pdf", staffItinerary, coordinator],
    ];
    for (const [name, loader, cookie] of pages) {
      const outcome = await call(loader, {
        path: `/x/${made.kase.id}`,
        params: { caseId: made.kase.id },
        cookie,
      });
      expect(outcome.status, name).toBe(200);
    }
  });

  it("prints the itinerary in the patient's language with each flight in its airports' zones", async () => {
    const made = await bookedTrip();
    const outcome = await call(patientItinerary, {
      path: `/portal/cases/${made.kase.id}/itinerary.pdf`,
      params: { caseId: made.kase.id },
      cookie: await cookieFor(made.patient.id),
    });
    expect(outcome.status).toBe(200);
    const file = save("itinerary-route-ru", Buffer.from(await outcome.response!.arrayBuffer()));
    const text = pdfText(file);
    expect(text).toContain("SU2136 SVO – IST");
    // The city and the offset are each isolated (FSI/LRI … PDI) and kept together (no-break space).
    expect(text.replace(/[\u2066-\u2069]/g, "").replace(/\u00a0/g, " ")).toContain(
      "Москва (GMT+3)",
    );
    expect(text).not.toContain("Europe/");
    expect(text).toContain("Şişli Park Residence");
    expect(text).toMatch(/[А-Яа-я]{4}/);
    // The staff's conflict check is not part of the patient's document.
    expect(text).not.toContain(getFixedT("ru", "travel")("conflicts.title"));
  });

  it("tells the patient by email that the itinerary is ready, and keeps its details in the portal", async () => {
    const made = await bookedTrip();
    const actor = { id: made.coordinator, role: "COORDINATOR" as const };
    await db.case.update({
      where: { id: made.kase.id },
      data: { stage: "DEPOSIT_PAID", depositWaivedAt: new Date() },
    });
    await changeStage({ caseId: made.kase.id, to: "SCHEDULED", actor });
    await expect(
      changeStage({ caseId: made.kase.id, to: "TRAVEL_READY", actor }),
    ).rejects.toMatchObject({ code: "guard" });
    const id = await uploadPassport({
      patientId: made.patient.id,
      caseId: made.kase.id,
      kind: "PASSPORT",
      file: { name: "p.png", bytes: png() },
      data: PASSPORT,
    });
    await reviewPassport({
      caseId: made.kase.id,
      documentId: id,
      actorId: made.coordinator,
      ip: null,
      review: { decision: "approve" },
    });
    await db.outboxEmail.deleteMany({});
    await changeStage({ caseId: made.kase.id, to: "TRAVEL_READY", actor });
    const mail = await db.outboxEmail.findFirstOrThrow({
      where: { caseId: made.kase.id, toEmail: made.patient.email },
    });
    expect(mail.locale).toBe("ru");
    expect(mail.subject).toBe(getFixedT("ru", "emails")("stage.patient.TRAVEL_READY.subject"));
    expect(mail.text).toContain(`/portal/cases/${made.kase.id}`);
    // No trip entry: its appointments name the treatment steps, and the footer promises
    // that no medical detail is sent by email.
    for (const detail of ["SU2136", "SU2137", "Şişli Park Residence", "Kemal", "Moscow"]) {
      expect(mail.text).not.toContain(detail);
      expect(mail.html).not.toContain(detail);
    }
    expect(mail.html).not.toContain("<li>");
    const trip = await tripOf(db, made.kase.id);
    expect(trip.conflicts).toEqual([]);
  });
});

/**
 * Appointments as they were booked before the patient's own cells existed (issue 19): a second
 * infusion at the same minute in another chair, and cell sourcing overlapping both.
 */
async function doubleBooked(made: Awaited<ReturnType<typeof bookedTrip>>) {
  const [chair2, room] = await Promise.all([
    db.resource.create({ data: { name: "Chair 2", type: "CHAIR" } }),
    db.resource.create({ data: { name: "Procedure room", type: "ROOM" } }),
  ]);
  const at = (iso: string) => new Date(iso);
  await db.appointment.create({
    data: {
      caseId: made.kase.id,
      title: "Infusion",
      resourceId: chair2.id,
      startsAt: at("2027-03-02T06:00:00Z"),
      endsAt: at("2027-03-02T09:00:00Z"),
    },
  });
  await db.appointment.create({
    data: {
      caseId: made.kase.id,
      title: "Cell sourcing",
      resourceId: room.id,
      startsAt: at("2027-03-02T08:00:00Z"),
      endsAt: at("2027-03-02T09:30:00Z"),
    },
  });
}

describe("conflicts name what they are about, and hold back TRAVEL_READY", () => {
  it("lists each overlapping pair once, with title, clinic time and resource", async () => {
    const made = await bookedTrip();
    await doubleBooked(made);
    const trip = await tripOf(db, made.kase.id);
    const overlaps = trip.conflicts.filter((c) => c.code === "appointmentsOverlap");
    // Three appointments at once: three pairs, each once.
    expect(overlaps).toHaveLength(3);
    expect(new Set(overlaps.map((c) => [...c.ids].sort().join())).size).toBe(3);
    const t = getFixedT("en", ["travel"]);
    // (Read without the bidi isolates around each value: checked below, in Arabic.)
    const lines = overlaps.map((c) => conflictText(c, t, "en").replace(/[\u2068\u2069]/g, ""));
    expect(new Set(lines).size).toBe(3);
    // 06:00Z is 09:00 in Istanbul, the clinic's zone.
    expect(lines.some((l) => l.includes("Chair 1") && l.includes("Chair 2"))).toBe(true);
    expect(lines.filter((l) => l.includes("“Cell sourcing”"))).toHaveLength(2);
    for (const l of lines) {
      expect(l).toMatch(/^Two appointments overlap\. Concerns “/);
      expect(l).toMatch(/9:00|11:00/);
    }
    // The coordinator's booking page is given the same named conflicts.
    const page = await call(staffSchedulePage, {
      path: `/staff/cases/${made.kase.id}/schedule`,
      params: { caseId: made.kase.id },
      cookie: await cookieFor(made.coordinator),
    });
    const conflicts = (page.data as { conflicts: DescribedConflict[] }).conflicts;
    expect(conflicts.filter((c) => c.code === "appointmentsOverlap")).toHaveLength(3);
    expect(conflicts[0]!.entries.map((e) => e.resource)).not.toContain(null);
  });

  it("isolates each date, name and resource inside Arabic and Persian sentences", async () => {
    const made = await bookedTrip();
    await doubleBooked(made);
    const trip = await tripOf(db, made.kase.id);
    const overlap = trip.conflicts.find((c) => c.code === "appointmentsOverlap")!;
    for (const locale of ["ar", "fa"]) {
      const line = conflictText(overlap, getFixedT(locale, ["travel"]), locale);
      for (const e of overlap.entries) {
        const when = formatDateTime(e.startsAt, locale, e.zone, "medium");
        // FSI … PDI around each: a Latin name or a date keeps its order in the sentence.
        expect(line, locale).toContain(`\u2068${when}\u2069`);
        expect(line, locale).toContain(`\u2068${e.title}\u2069`);
        if (e.resource) expect(line, locale).toContain(`\u2068${e.resource}\u2069`);
      }
      // Every isolate is closed.
      expect(line.split("\u2068").length, locale).toBe(line.split("\u2069").length);
    }
  });

  it("flags an appointment in the recovery gap the step before it needs", async () => {
    const made = await bookedTrip();
    // The infusion on 2 March ends 09:00Z; an hour's observation after it.
    await db.treatmentPlanStep.updateMany({
      where: { caseId: made.kase.id, name: "Infusion" },
      data: { gapMinutes: 60 },
    });
    await db.appointment.create({
      data: {
        caseId: made.kase.id,
        title: "Physiotherapy",
        startsAt: new Date("2027-03-02T09:30:00Z"),
        endsAt: new Date("2027-03-02T10:30:00Z"),
      },
    });
    const trip = await tripOf(db, made.kase.id);
    expect(trip.conflicts.map((c) => c.code)).toEqual(["recoveryGap"]);
  });

  it("refuses TRAVEL_READY with conflicts open, naming them, until a coordinator overrides with a reason", async () => {
    const made = await bookedTrip();
    const actor = { id: made.coordinator, role: "COORDINATOR" as const };
    await db.case.update({
      where: { id: made.kase.id },
      data: { stage: "DEPOSIT_PAID", depositWaivedAt: new Date() },
    });
    await changeStage({ caseId: made.kase.id, to: "SCHEDULED", actor });
    const id = await uploadPassport({
      patientId: made.patient.id,
      caseId: made.kase.id,
      kind: "PASSPORT",
      file: { name: "p.png", bytes: png() },
      data: PASSPORT,
    });
    await reviewPassport({
      caseId: made.kase.id,
      documentId: id,
      actorId: made.coordinator,
      ip: null,
      review: { decision: "approve" },
    });
    await doubleBooked(made);
    const refusal = await changeStage({ caseId: made.kase.id, to: "TRAVEL_READY", actor }).catch(
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(StageChangeError);
    expect((refusal as StageChangeError).failures).toEqual(["guard.openConflicts"]);
    expect((refusal as StageChangeError).conflicts).toHaveLength(3);

    // Through the case page: the refusal lists what is open, in the reader's language.
    const cookie = await cookieFor(made.coordinator);
    const post = (override: string) => {
      const form = new FormData();
      form.set("intent", "stage");
      form.set("from", "SCHEDULED");
      form.set("to", "TRAVEL_READY");
      form.set("override", override);
      return call(staffCase, {
        path: `/staff/cases/${made.kase.id}?lng=de`,
        params: { caseId: made.kase.id },
        cookie,
        form,
      });
    };
    const refused = await post("   ");
    expect(refused.status).toBe(409);
    const message = formReply(refused).errors[""]!;
    expect(message).toContain(getFixedT("de", "stages")("guard.openConflicts"));
    expect(message).toContain(getFixedT("de", "travel")("conflicts.appointmentsOverlap"));
    expect(message).toContain("Chair 2");
    expect(message).toContain("„\u2068Cell sourcing\u2069“");
    expect((await db.case.findUniqueOrThrow({ where: { id: made.kase.id } })).stage).toBe(
      "SCHEDULED",
    );

    const reason = "Second infusion chair is a data-entry duplicate; fixing it tomorrow.";
    const done = await post(reason);
    expect(done.status).toBe(200);
    expect((await db.case.findUniqueOrThrow({ where: { id: made.kase.id } })).stage).toBe(
      "TRAVEL_READY",
    );
    const event = await db.caseEvent.findFirstOrThrow({
      where: { caseId: made.kase.id, type: "CONFLICTS_OVERRIDDEN" },
    });
    expect(event).toMatchObject({
      internal: true,
      actorId: made.coordinator,
      reason,
      toStage: "TRAVEL_READY",
      body: "appointmentsOverlap",
    });
    const audited = await db.auditLog.findFirstOrThrow({
      where: { caseId: made.kase.id, action: "case.stage_override" },
    });
    expect(audited.detail).toContain("3 open");
    expect(audited.detail).toContain(reason);
  });

  it("never prints the conflict check in the itinerary PDF, the patient's or the staff's copy", async () => {
    const made = await bookedTrip();
    await doubleBooked(made);
    expect((await tripOf(db, made.kase.id)).conflicts.length).toBeGreaterThan(0);
    const t = getFixedT("ru", "travel");
    for (const [name, loader, userId] of [
      ["portal", patientItinerary, made.patient.id],
      ["staff", staffItinerary, made.coordinator],
    ] as const) {
      const outcome = await call(loader, {
        path: `/x/cases/${made.kase.id}/itinerary.pdf?lng=ru`,
        params: { caseId: made.kase.id },
        cookie: await cookieFor(userId),
      });
      expect(outcome.status, name).toBe(200);
      const text = plain(
        pdfText(
          save(`itinerary-conflicts-${name}`, Buffer.from(await outcome.response!.arrayBuffer())),
        ),
      );
      // The appointments are printed; what the staff's check says about them is not.
      expect(text, name).toContain("Cell sourcing");
      for (const key of ["conflicts.title", "conflicts.appointmentsOverlap", "conflicts.flag"]) {
        expect(text, `${name}: ${key}`).not.toContain(plain(t(key)));
      }
    }
  });
});
