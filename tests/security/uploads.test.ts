/**
 * The upload attack corpus against every route that takes a file: the public enquiry, the
 * patient's records, their passport, and a follow-up's lab report. Each hostile file is
 * refused with 400 (never 500) and the localized message for its problem, and nothing is
 * stored: no document row, no file in the encrypted store. A real file then goes through
 * each route, so the refusals are not the route refusing everything.
 */
import { db } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { FORM_KEY, newFormKey } from "~/infra/forms.server";
import { action as enquire } from "~/routes/enquire";
import { action as caseAction } from "~/routes/portal.cases.$caseId";
import { action as followUpAction } from "~/routes/portal.cases.$caseId_.aftercare.$followUpId";
import { action as travelAction } from "~/routes/portal.cases.$caseId_.travel";
import { demoPdf } from "../../prisma/demo-pdf";
import { resetDatabase } from "../support/db";
import { formKey, lupusEnquiry } from "../support/enquiry-form";
import { createCase, createProgramme } from "../support/factories";
import { png, storedFiles } from "../support/files";
import { call, cookieFor } from "../support/requests";

type Bad = { name: string; bytes: Uint8Array | string; type?: string };

const pdf = demoPdf("a real record");
const bytes = (s: string) => Buffer.from(s, "latin1");

/** Hostile files and the problem each must be refused for. */
const CORPUS: [string, Bad, string][] = [
  [
    "a Windows executable named .pdf",
    { name: "report.pdf", bytes: Buffer.concat([bytes("MZ\x90\x00"), Buffer.alloc(300)]) },
    "type",
  ],
  [
    "an ELF binary named .png",
    {
      name: "x.png",
      bytes: Buffer.concat([bytes("\x7fELF\x02\x01\x01"), Buffer.alloc(300)]),
      type: "image/png",
    },
    "type",
  ],
  [
    "an HTML page named .pdf",
    { name: "labs.pdf", bytes: "<!doctype html><script>fetch('/x?'+document.cookie)</script>" },
    "type",
  ],
  [
    "an SVG with a script named .png",
    {
      name: "scan.png",
      bytes: '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
      type: "image/png",
    },
    "type",
  ],
  [
    "a ZIP archive named .pdf",
    {
      name: "records.pdf",
      bytes: Buffer.concat([bytes("PK\x03\x04\x14\x00\x00\x00\x08\x00"), Buffer.alloc(300)]),
    },
    "type",
  ],
  [
    "a GIF (not an accepted type)",
    {
      name: "scan.gif",
      bytes: Buffer.concat([
        bytes("GIF89a\x01\x00\x01\x00\x80\x00\x00"),
        Buffer.alloc(40),
        bytes("\x3b"),
      ]),
      type: "image/gif",
    },
    "type",
  ],
  [
    "a PDF header over an HTML body",
    { name: "x.pdf", bytes: "%PDF-1.7\n<html><script>alert(1)</script></html>" },
    "corrupt",
  ],
  [
    "a truncated PDF",
    { name: "half.pdf", bytes: pdf.subarray(0, Math.floor(pdf.length / 2)) },
    "corrupt",
  ],
  [
    "a JPEG header alone",
    {
      name: "x.jpg",
      bytes: Buffer.from("ffd8ffe000104a46494600010100000100010000", "hex"),
      type: "image/jpeg",
    },
    "corrupt",
  ],
  ["an empty file", { name: "empty.pdf", bytes: "" }, "empty"],
  ["a path-traversal name", { name: "../../../etc/cron.d/x.pdf", bytes: pdf }, "name"],
  ["a Windows path name", { name: "..\\..\\boot.ini.pdf", bytes: pdf }, "name"],
  ["a name with a control character", { name: "a\u0007b.pdf", bytes: pdf }, "name|malformed"],
];

let patient: { id: string; cookie: string; caseId: string; followUpId: string };

beforeEach(async () => {
  await resetDatabase();
  const programme = await createProgramme();
  await db.programme.update({ where: { id: programme.id }, data: { slug: "lupus-msc" } });
  const { kase, patient: p } = await createCase({ locale: "fr" });
  // In treatment: a passport is still taken (the trip is on) and a follow-up can be answered.
  await db.case.update({ where: { id: kase.id }, data: { stage: "IN_TREATMENT" } });
  const f = await db.followUp.create({
    data: { caseId: kase.id, kind: "FOLLOW_UP", label: "P1W", dueAt: new Date() },
  });
  patient = { id: p.id, cookie: await cookieFor(p.id), caseId: kase.id, followUpId: f.id };
});

function fileOf(f: Bad) {
  return new Blob([typeof f.bytes === "string" ? f.bytes : new Uint8Array(f.bytes)], {
    type: f.type ?? "application/pdf",
  });
}

/** Each upload route: how to post one file to it, in French. */
const ROUTES = {
  enquiry: (f: Bad, n: number) => {
    const form = new FormData();
    for (const [k, v] of lupusEnquiry("Marie Curie", `marie.${n}@example.com`)) form.append(k, v);
    form.set("language", "fr");
    form.append("files", fileOf(f), f.name);
    return call(enquire, { path: "/enquire", form, lang: "fr", ip: `10.5.0.${n}` });
  },
  records: (f: Bad) => {
    const form = new FormData();
    form.append("intent", "upload");
    form.append("_key", formKey());
    form.append("files", fileOf(f), f.name);
    return call(caseAction, {
      path: `/portal/cases/${patient.caseId}`,
      params: { caseId: patient.caseId },
      cookie: patient.cookie,
      form,
      lang: "fr",
    });
  },
  passport: (f: Bad) => {
    const form = new FormData();
    for (const [k, v] of Object.entries({
      kind: "PASSPORT",
      holderName: "MARIE CURIE",
      nationality: "FR",
      documentNumber: "19AB12345",
      birthDate: "1980-05-01",
      expiresOn: "2035-05-01",
    }))
      form.append(k, v);
    // A new form each time (the page's key): a refused post spends nothing.
    form.append(FORM_KEY, newFormKey());
    form.append("file", fileOf(f), f.name);
    return call(travelAction, {
      path: `/portal/cases/${patient.caseId}/travel`,
      params: { caseId: patient.caseId },
      cookie: patient.cookie,
      form,
      lang: "fr",
    });
  },
  labReport: (f: Bad) => {
    const form = new FormData();
    for (const [k, v] of Object.entries({
      "prom.fatigue": "3",
      "prom.pain": "3",
      "prom.stiffness": "3",
      "prom.flares": "0",
      "prom.steroidDoseMg": "5",
      "prom.qualityOfLife": "70",
    }))
      form.append(k, v);
    form.append(FORM_KEY, newFormKey());
    form.append("labReport", fileOf(f), f.name);
    return call(followUpAction, {
      path: `/portal/cases/${patient.caseId}/aftercare/${patient.followUpId}`,
      params: { caseId: patient.caseId, followUpId: patient.followUpId },
      cookie: patient.cookie,
      form,
      lang: "fr",
    });
  },
};

const t = getFixedT("fr", "enquiry");
const common = getFixedT("fr", "common");

describe.each(Object.keys(ROUTES) as (keyof typeof ROUTES)[])(
  "uploads to the %s route",
  (route) => {
    it("refuse every file of the corpus with its localized reason, storing nothing", async () => {
      let n = 0;
      for (const [label, file, problem] of CORPUS) {
        const before = {
          files: storedFiles(),
          docs: await db.document.count(),
          cases: await db.case.count(),
        };
        const res = await ROUTES[route](file, ++n);
        expect(res.status, `${label}: status`).toBe(400);
        // A control character in a part's header may stop the form being read at all;
        // either answer is a refusal in the visitor's language (a route reading its form
        // through readSubmission says so in common:form.malformed).
        const messages = problem
          .split("|")
          .flatMap((p) =>
            p === "malformed"
              ? [t("errors.malformed"), common("form.malformed")]
              : [t(`errors.file.${p}`, { name: file.name, max: 10 })],
          );
        const body = JSON.stringify(res.data);
        expect(
          messages.some((m) => body.includes(JSON.stringify(m).slice(1, -1))),
          `${label}: message in ${body.slice(0, 300)}`,
        ).toBe(true);
        expect(storedFiles(), `${label}: store`).toEqual(before.files);
        expect(await db.document.count(), `${label}: rows`).toBe(before.docs);
        expect(await db.case.count(), `${label}: cases`).toBe(before.cases);
      }
      // The follow-up was not completed by any of the refused posts.
      expect(
        (await db.followUp.findUniqueOrThrow({ where: { id: patient.followUpId } })).status,
      ).toBe("SCHEDULED");
    });

    it("accept a real file", async () => {
      const before = storedFiles().length;
      const res = await ROUTES[route]({ name: "scan.png", bytes: png(), type: "image/png" }, 200);
      expect([200, 302]).toContain(res.status);
      expect(storedFiles().length).toBe(before + 1);
    });
  },
);
