/**
 * The staff viewer's inline route (…/documents/:id/view): a record opens in the page with its
 * stored type, inline, never sniffed, framed by the app's own pages only; it is checked again
 * by content (a row whose bytes are not its type, HTML above all, is refused with 415); it
 * takes the download's permissions (finance 403, patients 404, a clinician no passport) and
 * every look is audited as "document.view".
 */
import { db } from "~/db.server";
import { checkFile, saveDocuments, writeEncrypted } from "~/infra/document-store.server";
import { loader as view } from "~/routes/staff.cases.$caseId.documents.$documentId.view";
import { demoPdf } from "../prisma/demo-pdf";
import { resetDatabase } from "./support/db";
import { createCase, createStaff, createUser } from "./support/factories";
import { call, cookieFor } from "./support/requests";

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);

beforeEach(resetDatabase);

async function setUp() {
  const staff = await createStaff();
  const { kase, patient } = await createCase();
  const save = async (kind: string, name: string, bytes: Buffer) =>
    (
      await saveDocuments({
        caseId: kase.id,
        kind,
        uploadedById: patient.id,
        files: [await checkFile({ name, bytes })],
      })
    )[0]!;
  const open = async (who: { id: string }, documentId: string, caseId = kase.id) =>
    call(view, {
      path: `/staff/cases/${caseId}/documents/${documentId}/view`,
      params: { caseId, documentId },
      cookie: await cookieFor(who.id),
    });
  return { staff, kase, patient, save, open };
}

it("answers a PDF and an image inline with their stored type, unsniffable, framed only by the app", async () => {
  const { staff, save, open } = await setUp();
  const pdf = await save("MEDICAL_RECORD", "befund.pdf", demoPdf("record"));
  const png = await save("MEDICAL_RECORD", "scan.png", PNG);

  const a = await open(staff.clinician, pdf);
  expect(a.status).toBe(200);
  const h = a.response!.headers;
  expect(h.get("Content-Type")).toBe("application/pdf");
  expect(h.get("Content-Disposition")).toMatch(/^inline; filename="befund\.pdf"/);
  expect(h.get("X-Content-Type-Options")).toBe("nosniff");
  expect(h.get("Cache-Control")).toBe("private, no-store");
  expect(h.get("Content-Security-Policy")).toContain("default-src 'none'");
  expect(h.get("Content-Security-Policy")).toContain("frame-ancestors 'self'");
  expect(
    Buffer.from(await a.response!.arrayBuffer())
      .subarray(0, 5)
      .toString(),
  ).toBe("%PDF-");

  const b = await open(staff.coordinator, png);
  expect(b.status).toBe(200);
  expect(b.response!.headers.get("Content-Type")).toBe("image/png");
  expect(b.response!.headers.get("Content-Disposition")).toMatch(/^inline;/);
  // An image needs no script or plugin: it is sandboxed outright.
  expect(b.response!.headers.get("Content-Security-Policy")).toContain("sandbox");
});

it("audits every look as document.view, not as a download, refusals too", async () => {
  const { staff, kase, save, open } = await setUp();
  const record = await save("MEDICAL_RECORD", "a.pdf", demoPdf("a"));
  const passport = await save("PASSPORT", "p.pdf", demoPdf("p"));
  expect((await open(staff.clinician, record)).status).toBe(200);
  // A clinician reads records, not passports: as if it were not there, and on record.
  expect((await open(staff.clinician, passport)).status).toBe(404);
  expect((await open(staff.coordinator, passport)).status).toBe(200);
  const rows = await db.auditLog.findMany({
    where: { action: { startsWith: "document." } },
    orderBy: { createdAt: "asc" },
    select: { action: true, actorId: true, entityId: true, caseId: true, outcome: true },
  });
  expect(rows).toEqual([
    {
      action: "document.view",
      actorId: staff.clinician.id,
      entityId: record,
      caseId: kase.id,
      outcome: "success",
    },
    {
      action: "document.view",
      actorId: staff.clinician.id,
      entityId: passport,
      caseId: kase.id,
      outcome: "denied",
    },
    {
      action: "document.view",
      actorId: staff.coordinator.id,
      entityId: passport,
      caseId: kase.id,
      outcome: "success",
    },
  ]);
});

it("refuses finance (403) and patients, the owner too (404), and another case's path (404)", async () => {
  const { staff, patient, save, open } = await setUp();
  const record = await save("MEDICAL_RECORD", "a.pdf", demoPdf("a"));
  expect((await open(staff.finance, record)).status).toBe(403);
  expect((await open(patient, record)).status).toBe(404);
  const stranger = await createUser({ role: "PATIENT" });
  expect((await open(stranger, record)).status).toBe(404);
  const { kase: otherCase } = await createCase();
  expect((await open(staff.clinician, record, otherCase.id)).status).toBe(404);
  expect((await open(staff.clinician, "no-such-document")).status).toBe(404);
  // Finance's refusal is on record at the door, with the permission it lacked.
  expect(
    await db.auditLog.findFirstOrThrow({
      where: { actorId: staff.finance.id, action: "access.denied" },
    }),
  ).toMatchObject({ outcome: "denied", detail: "document:read" });
});

it("never renders what is not its stored type: HTML under a PDF's name, or an HTML row, is 415", async () => {
  const { staff, kase, open } = await setUp();
  const html = Buffer.from("<!doctype html><html><script>alert(1)</script></html>");
  const row = async (mimeType: string) =>
    (
      await db.document.create({
        data: {
          caseId: kase.id,
          kind: "MEDICAL_RECORD",
          fileName: "x.pdf",
          mimeType,
          sizeBytes: html.length,
          sha256: "0".repeat(64),
          storageKey: await writeEncrypted(html),
        },
      })
    ).id;
  for (const id of [await row("application/pdf"), await row("text/html")]) {
    const res = await open(staff.clinician, id);
    expect(res.status).toBe(415);
    expect(res.response!.headers.get("Content-Type")).toMatch(/^text\/plain/);
    expect(res.response!.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(await res.response!.text()).not.toContain("<script>");
  }
});
