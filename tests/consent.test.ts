/**
 * Signed informed consent (issue 25) on the database: treatment (IN_TREATMENT) is refused
 * without a signature of the current version, allowed after signing, and refused again once a
 * new version is published; the hash is of the exact text signed; the PDF is stored encrypted
 * and decrypts to a PDF whose hash is kept; a patient reaches only their own; a clinician's
 * download is audited; a double submit or a second tab signs once; bad input is answered in
 * the patient's language with what was typed kept; a signed quote acceptance keeps the hash of
 * the quote as issued.
 */
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import zlib from "node:zlib";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { getFixedT } from "~/i18n/i18n.server";
import { FORM_KEY, newFormKey } from "~/infra/forms.server";
import { readDecrypted } from "~/infra/document-store.server";
import { canonicalText, type ConsentContentT } from "~/lib/consent-text";
import { changeStage, StageChangeError } from "~/models/cases/stage.server";
import {
  consentFacts,
  consentStatus,
  ensureConsent,
  patientConsentPdf,
  publishConsent,
  saveConsentLanguage,
  signConsent,
  textSha256,
} from "~/models/consent/consent.server";
import { checkSignaturePng, SignatureError } from "~/models/consent/signature.server";
import { acceptQuote, issueQuote, startDraft } from "~/models/finance/quotes.server";
import {
  action as consentAction,
  loader as consentLoader,
} from "~/routes/portal.cases.$caseId_.consent";
import { loader as patientPdf } from "~/routes/portal.cases.$caseId_.consents.$consentId.pdf";
import { loader as staffPdf } from "~/routes/staff.cases.$caseId_.consents.$consentId.pdf";
import { action as editorAction } from "~/routes/staff.catalogue_.$programmeId.consent";
import { resetDatabase } from "./support/db";
import { createCase, createStaff } from "./support/factories";
import { eligibleCase } from "./support/finance";
import { call, cookieFor, formReply } from "./support/requests";

// --- a PNG as a canvas exports it --------------------------------------------------------------

function chunk(type: string, body: Buffer) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([Buffer.from(type, "latin1"), body])), 0);
  return Buffer.concat([head, body, crc]);
}

/** An RGBA PNG, transparent, with a dark diagonal stroke when `ink`. */
function png(width: number, height: number, ink: boolean) {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = y % 2 ? 1 : 2; // Sub and Up filters, as encoders mix them
    if (!ink) continue;
    for (let x = 0; x < width; x++) {
      if (Math.abs(x - y * 2) > 2) continue;
      // Filtered bytes: written as the raw pixel here (the filter is undone on read; for this
      // test the exact pixels do not matter, only that some are dark and opaque).
      const at = y * (width * 4 + 1) + 1 + x * 4;
      raw[at + 3] = 255;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
const dataUrl = (bytes: Buffer) => `data:image/png;base64,${bytes.toString("base64")}`;
const SIGNATURE = png(300, 100, true);

// --- the text -----------------------------------------------------------------------------------

const CONTENT: ConsentContentT = {
  en: {
    title: "Consent to MSC therapy",
    sections: [
      {
        heading: "What is done",
        body: "Intravenous infusions of cultured cells.\n\nOver two weeks.",
      },
      { heading: "Risks", body: "Fever, headache, infection at the line." },
    ],
  },
  ar: {
    title: "الموافقة على العلاج بالخلايا الجذعية",
    sections: [
      { heading: "ما سيُجرى", body: "حقن وريدية لخلايا مستزرعة." },
      { heading: "المخاطر", body: "حمى، صداع، عدوى في موضع القسطرة." },
    ],
  },
};

async function travelReadyCase(locale = "ar") {
  const staff = await createStaff();
  const made = await createCase({ locale, patientName: "Khaled Otaibi" });
  await ensureConsent(made.programme.id, CONTENT);
  await db.case.update({ where: { id: made.kase.id }, data: { stage: "TRAVEL_READY" } });
  return { ...made, staff };
}

const treat = (caseId: string, clinicianId: string) =>
  changeStage({
    caseId,
    to: "IN_TREATMENT",
    expectedFrom: "TRAVEL_READY",
    actor: { id: clinicianId, role: "CLINICIAN" },
  });

async function sign(
  made: { kase: { id: string }; patient: { id: string } },
  over: Partial<Parameters<typeof signConsent>[0]> = {},
) {
  const def = await db.formDefinition.findFirstOrThrow({
    where: {
      kind: "CONSENT",
      status: "PUBLISHED",
      programme: { cases: { some: { id: made.kase.id } } },
    },
  });
  return signConsent({
    patientId: made.patient.id,
    caseId: made.kase.id,
    definitionId: def.id,
    language: "ar",
    typedName: "خالد العتيبي",
    method: "DRAWN",
    png: SIGNATURE,
    ip: "198.51.100.4",
    userAgent: "Mozilla/5.0 (test)",
    timeZone: "Asia/Riyadh",
    ...over,
  });
}

function signForm(definitionId: string, over: Record<string, string> = {}) {
  const form = new URLSearchParams({
    intent: "sign",
    [FORM_KEY]: newFormKey(),
    definitionId,
    language: "ar",
    read: "yes",
    typedName: "خالد العتيبي",
    method: "DRAWN",
    signature: dataUrl(SIGNATURE),
    ...over,
  });
  return form;
}

beforeEach(async () => {
  await resetDatabase();
});

describe("the stage guard", () => {
  it("refuses IN_TREATMENT without a signed consent, and allows it after signing", async () => {
    const made = await travelReadyCase();
    expect((await consentFacts(db, made.kase.id)).missing).toBe(true);
    const refused = await treat(made.kase.id, made.staff.clinician.id).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StageChangeError);
    expect((refused as StageChangeError).failures).toEqual(["guard.consentNotSigned"]);
    expect((await db.case.findUniqueOrThrow({ where: { id: made.kase.id } })).stage).toBe(
      "TRAVEL_READY",
    );

    await sign(made);
    expect((await consentFacts(db, made.kase.id)).missing).toBe(false);
    await treat(made.kase.id, made.staff.clinician.id);
    expect((await db.case.findUniqueOrThrow({ where: { id: made.kase.id } })).stage).toBe(
      "IN_TREATMENT",
    );
  });

  it("refuses it again once a new version is published, until that version is signed", async () => {
    const made = await travelReadyCase();
    await sign(made);
    expect((await consentStatus(made.kase.id)).state).toBe("signed");

    // The admin changes the English risks and publishes version 2.
    const who = { actorId: made.staff.admin.id, ip: null };
    const saved = await saveConsentLanguage(
      made.programme.id,
      "en",
      {
        ...CONTENT.en,
        sections: [...CONTENT.en.sections, { heading: "Costs", body: "As in your quote." }],
      },
      who,
    );
    expect(saved.ok).toBe(true);
    // A draft alone changes nothing for the patient.
    expect((await consentFacts(db, made.kase.id)).missing).toBe(false);
    const v2 = await publishConsent(made.programme.id, who);
    expect(v2?.version).toBe(2);

    expect((await consentFacts(db, made.kase.id)).missing).toBe(true);
    const status = await consentStatus(made.kase.id);
    expect(status.state).toBe("older");
    expect(status.latest?.version).toBe(1);
    const refused = await treat(made.kase.id, made.staff.clinician.id).catch((e: unknown) => e);
    expect((refused as StageChangeError).failures).toEqual(["guard.consentNotSigned"]);

    const row = await sign(made);
    expect(row.version).toBe(2);
    await treat(made.kase.id, made.staff.clinician.id);
  });

  it("asks nothing of a programme that has no published consent", async () => {
    const staff = await createStaff();
    const made = await createCase();
    await db.case.update({ where: { id: made.kase.id }, data: { stage: "TRAVEL_READY" } });
    expect((await consentFacts(db, made.kase.id)).missing).toBe(false);
    await treat(made.kase.id, staff.clinician.id);
  });
});

describe("what is signed and stored", () => {
  it("keeps the SHA-256 of the exact text shown, in the language signed", async () => {
    const made = await travelReadyCase();
    const row = await sign(made);
    const stored = await db.signedConsent.findUniqueOrThrow({ where: { id: row.id } });
    // The canonical bytes: title, then each heading and body, separated by one blank line.
    const canonical = [
      "الموافقة على العلاج بالخلايا الجذعية",
      "ما سيُجرى\n\nحقن وريدية لخلايا مستزرعة.",
      "المخاطر\n\nحمى، صداع، عدوى في موضع القسطرة.",
    ].join("\n\n");
    expect(canonicalText(CONTENT.ar!)).toBe(canonical);
    const expected = crypto
      .createHash("sha256")
      .update(Buffer.from(canonical, "utf8"))
      .digest("hex");
    expect(stored.textSha256).toBe(expected);
    expect(textSha256(CONTENT.ar!)).toBe(expected);
    // Not the English text's hash.
    expect(stored.textSha256).not.toBe(textSha256(CONTENT.en));
    expect(stored).toMatchObject({
      kind: "PROCEDURE",
      version: 1,
      language: "ar",
      typedName: "خالد العتيبي",
      signatureMethod: "DRAWN",
      ip: "198.51.100.4",
      userAgent: "Mozilla/5.0 (test)",
    });
  });

  it("stores the PDF encrypted; it decrypts to a PDF whose SHA-256 is kept", async () => {
    const made = await travelReadyCase();
    const row = await sign(made);
    const stored = await db.signedConsent.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored.storageKey).toMatch(/^[a-f0-9]{48}$/);
    const file = path.join(
      path.resolve(env().UPLOAD_DIR),
      stored.storageKey!.slice(0, 2),
      stored.storageKey!,
    );
    const onDisk = await fs.readFile(file);
    expect(onDisk.subarray(0, 5).toString("latin1")).not.toBe("%PDF-");
    expect(onDisk.includes(Buffer.from("%PDF-"))).toBe(false);
    const pdf = await readDecrypted(stored.storageKey!);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(crypto.createHash("sha256").update(pdf).digest("hex")).toBe(stored.pdfSha256);
  });
});

describe("the signature", () => {
  it("takes a real PNG with ink, and refuses a blank, a fake or an oversized one", () => {
    expect(checkSignaturePng(SIGNATURE)).toBe(SIGNATURE);
    const problem = (bytes: Buffer) => {
      try {
        checkSignaturePng(bytes);
        return null;
      } catch (e) {
        return (e as SignatureError).problem;
      }
    };
    expect(problem(png(300, 100, false))).toBe("blank");
    expect(problem(Buffer.from("%PDF-1.7 not a png at all, just text pretending"))).toBe("notPng");
    const broken = Buffer.from(SIGNATURE);
    const at = broken.length - 20;
    broken[at] = broken[at]! ^ 0xff; // a flipped byte breaks a chunk's CRC
    expect(problem(broken)).toBe("notPng");
    expect(problem(Buffer.alloc(400 * 1024, 1))).toBe("tooLarge");
  });
});

describe("the portal page", () => {
  it("signs once: a second press of the same form, or a second tab, signs nothing", async () => {
    const made = await travelReadyCase();
    const cookie = await cookieFor(made.patient.id);
    const def = await db.formDefinition.findFirstOrThrow({ where: { kind: "CONSENT" } });
    const path = `/portal/cases/${made.kase.id}/consent`;
    const params = { caseId: made.kase.id };
    const form = signForm(def.id);
    const [first, again] = await Promise.all([
      call(consentAction, { path, params, cookie, form }),
      call(consentAction, { path, params, cookie, form: new URLSearchParams(form) }),
    ]);
    expect([first.status, again.status].sort()).toEqual([302, 409]);
    // A second tab: its own key, the same version.
    const tab = await call(consentAction, { path, params, cookie, form: signForm(def.id) });
    expect(tab.status).toBe(409);
    expect(await db.signedConsent.count({ where: { caseId: made.kase.id } })).toBe(1);
    expect(
      await db.caseEvent.count({ where: { caseId: made.kase.id, type: "CONSENT_SIGNED" } }),
    ).toBe(1);
  });

  it("answers bad input in the patient's language and keeps what was typed", async () => {
    const made = await travelReadyCase();
    const cookie = await cookieFor(made.patient.id);
    const def = await db.formDefinition.findFirstOrThrow({ where: { kind: "CONSENT" } });
    const path = `/portal/cases/${made.kase.id}/consent`;
    const params = { caseId: made.kase.id };
    const t = getFixedT("ar", "portal");

    const blank = formReply(
      await call(consentAction, {
        path,
        params,
        cookie,
        lang: "ar",
        form: signForm(def.id, { signature: dataUrl(png(300, 100, false)) }),
      }),
    );
    expect(blank.errors.signature).toBe(t("consent.errors.signature.blank"));
    expect(blank.values.typedName).toBe("خالد العتيبي");

    const noName = formReply(
      await call(consentAction, {
        path,
        params,
        cookie,
        lang: "ar",
        form: signForm(def.id, { typedName: "  " }),
      }),
    );
    expect(noName.errors.typedName).toBe(t("consent.errors.name"));
    // The drawing travels back, so it is not lost either.
    expect(noName.values.signature).toBe(dataUrl(SIGNATURE));

    const notDrawn = formReply(
      await call(consentAction, {
        path,
        params,
        cookie,
        lang: "ar",
        form: signForm(def.id, { signature: "" }),
      }),
    );
    expect(notDrawn.errors.signature).toBe(t("consent.errors.draw"));
    expect(await db.signedConsent.count()).toBe(0);

    // The keyboard way: the typed name is the signature.
    const typed = await call(consentAction, {
      path,
      params,
      cookie,
      form: signForm(def.id, { method: "TYPED", signature: "" }),
    });
    expect(typed.status).toBe(302);
    const row = await db.signedConsent.findFirstOrThrow({ where: { caseId: made.kase.id } });
    expect(row.signatureMethod).toBe("TYPED");
  });

  it("opens only where the case page leads: not before the quote is accepted", async () => {
    const made = await travelReadyCase();
    await db.case.update({ where: { id: made.kase.id }, data: { stage: "QUOTED" } });
    const page = await call(consentLoader, {
      path: `/portal/cases/${made.kase.id}/consent`,
      params: { caseId: made.kase.id },
      cookie: await cookieFor(made.patient.id),
    });
    expect(page.status).toBe(302);
    expect(page.response?.headers.get("Location")).toBe(`/portal/cases/${made.kase.id}`);
  });

  it("shows the text in the patient's language, or English with a notice", async () => {
    const made = await travelReadyCase("de");
    const cookie = await cookieFor(made.patient.id);
    const page = await call(consentLoader, {
      path: `/portal/cases/${made.kase.id}/consent?lng=de`,
      params: { caseId: made.kase.id },
      cookie,
    });
    const data = page.data as {
      current: { language: string; fallback: boolean };
      canSign: boolean;
    };
    expect(data.current).toMatchObject({ language: "en", fallback: true });
    expect(data.canSign).toBe(true);
  });
});

describe("who reaches a signed PDF", () => {
  it("the patient gets their own; another patient gets 'not found', for the page too", async () => {
    const made = await travelReadyCase();
    const other = await createCase({ locale: "en" });
    const row = await sign(made);
    const own = await call(patientPdf, {
      path: `/portal/cases/${made.kase.id}/consents/${row.id}/pdf`,
      params: { caseId: made.kase.id, consentId: row.id },
      cookie: await cookieFor(made.patient.id),
    });
    expect(own.status).toBe(200);
    expect(own.response!.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await own.response!.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");

    const otherCookie = await cookieFor(other.patient.id);
    for (const params of [
      { caseId: made.kase.id, consentId: row.id },
      { caseId: other.kase.id, consentId: row.id },
    ]) {
      const res = await call(patientPdf, { path: "/x", params, cookie: otherCookie });
      expect(res.status).toBe(404);
    }
    await expect(patientConsentPdf(other.patient.id, made.kase.id, row.id)).rejects.toMatchObject({
      status: 404,
    });
    const page = await call(consentLoader, {
      path: `/portal/cases/${made.kase.id}/consent`,
      params: { caseId: made.kase.id },
      cookie: otherCookie,
    });
    expect(page.status).toBe(404);
    // Signing someone else's case: not found, nothing signed.
    const def = await db.formDefinition.findFirstOrThrow({ where: { kind: "CONSENT" } });
    const forged = await call(consentAction, {
      path: `/portal/cases/${made.kase.id}/consent`,
      params: { caseId: made.kase.id },
      cookie: otherCookie,
      form: signForm(def.id),
    });
    expect(forged.status).toBe(404);
    expect(await db.signedConsent.count()).toBe(1);
  });

  it("a clinician downloads it (audited); finance may not", async () => {
    const made = await travelReadyCase();
    const row = await sign(made);
    const params = { caseId: made.kase.id, consentId: row.id };
    const path = `/staff/cases/${made.kase.id}/consents/${row.id}/pdf`;
    const res = await call(staffPdf, {
      path,
      params,
      cookie: await cookieFor(made.staff.clinician.id),
      ip: "192.0.2.9",
    });
    expect(res.status).toBe(200);
    const pdf = Buffer.from(await res.response!.arrayBuffer());
    const stored = await db.signedConsent.findUniqueOrThrow({ where: { id: row.id } });
    expect(crypto.createHash("sha256").update(pdf).digest("hex")).toBe(stored.pdfSha256);
    const audit = await db.auditLog.findFirst({
      where: { action: "consent.read", entityId: row.id },
    });
    expect(audit).toMatchObject({
      actorId: made.staff.clinician.id,
      caseId: made.kase.id,
      ip: "192.0.2.9",
      outcome: "success",
    });
    const finance = await call(staffPdf, {
      path,
      params,
      cookie: await cookieFor(made.staff.finance.id),
    });
    expect(finance.status).toBe(403);
    // Another case's id in the path: not found.
    const wrong = await call(staffPdf, {
      path,
      params: { caseId: (await createCase()).kase.id, consentId: row.id },
      cookie: await cookieFor(made.staff.clinician.id),
    });
    expect(wrong.status).toBe(404);
  });
});

describe("a quote accepted with a signature", () => {
  it("stores a QUOTE signature with the hash of the quote as issued, and its PDF", async () => {
    const made = await eligibleCase();
    const draft = await startDraft(made.kase.id, made.finance);
    await issueQuote(draft.id, made.finance);
    await acceptQuote(
      made.patient.id,
      made.kase.id,
      draft.id,
      "203.0.113.7",
      new Date(),
      undefined,
      {
        typedName: "Ivan Petrov",
        method: "TYPED",
        png: null,
        ip: "203.0.113.7",
        userAgent: "test",
        timeZone: "Europe/Moscow",
      },
    );
    const row = await db.signedConsent.findFirstOrThrow({ where: { caseId: made.kase.id } });
    const issued = await db.issuedDocument.findUniqueOrThrow({
      where: { kind_subjectId: { kind: "QUOTE", subjectId: draft.id } },
    });
    expect(row).toMatchObject({ kind: "QUOTE", quoteId: draft.id, version: 1, language: "ru" });
    expect(row.textSha256).toBe(
      crypto.createHash("sha256").update(Buffer.from(issued.data, "utf8")).digest("hex"),
    );
    const pdf = await readDecrypted(row.storageKey!);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect((await db.case.findUniqueOrThrow({ where: { id: made.kase.id } })).stage).toBe(
      "QUOTE_ACCEPTED",
    );
  });
});

describe("the admin's editor", () => {
  it("saves a language to the draft, answers bad markup in the admin's language, and publishes", async () => {
    const made = await travelReadyCase();
    const cookie = await cookieFor(made.staff.admin.id);
    const path = `/staff/catalogue/${made.programme.id}/consent`;
    const params = { programmeId: made.programme.id };
    const t = getFixedT("en", "site");

    const bad = formReply(
      await call(editorAction, {
        path,
        params,
        cookie,
        form: new URLSearchParams({
          intent: "save",
          language: "de",
          title: "Einwilligung",
          markup: "Text ohne Überschrift\n## Risiken\nFieber.",
        }),
      }),
    );
    expect(bad.errors.markup).toBe(t("consentText.errors.noHeading"));
    expect(bad.values.title).toBe("Einwilligung");

    const saved = await call(editorAction, {
      path,
      params,
      cookie,
      form: new URLSearchParams({
        intent: "save",
        language: "de",
        title: "Einwilligung in die MSC-Therapie",
        markup: "## Was gemacht wird\nInfusionen.\n\n## Risiken\nFieber.\n\nKopfschmerzen.",
      }),
    });
    expect(saved.status).toBe(302);
    const draft = await db.formDefinition.findFirstOrThrow({
      where: { programmeId: made.programme.id, kind: "CONSENT", status: "DRAFT" },
    });
    expect(JSON.parse(draft.content).de).toEqual({
      title: "Einwilligung in die MSC-Therapie",
      sections: [
        { heading: "Was gemacht wird", body: "Infusionen." },
        { heading: "Risiken", body: "Fieber.\n\nKopfschmerzen." },
      ],
    });
    // The patient still reads version 1 until it is published.
    expect((await consentStatus(made.kase.id)).currentVersion).toBe(1);
    const published = await call(editorAction, {
      path,
      params,
      cookie,
      form: new URLSearchParams({ intent: "publish" }),
    });
    expect(published.status).toBe(302);
    expect((await consentStatus(made.kase.id)).currentVersion).toBe(2);
    expect(
      await db.auditLog.count({ where: { action: { in: ["consent.draft", "consent.publish"] } } }),
    ).toBe(2);
    // A clinician may not edit the text.
    const clinician = await call(editorAction, {
      path,
      params,
      cookie: await cookieFor(made.staff.clinician.id),
      form: new URLSearchParams({ intent: "publish" }),
    });
    expect(clinician.status).toBe(403);
  });
});
