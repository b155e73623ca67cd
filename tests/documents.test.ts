/**
 * The secure document store through the portal's real routes: a corpus of bad uploads is
 * refused with a localized message and leaves nothing behind; a good file is encrypted at
 * rest and comes back byte for byte to its owner only; staff reads are audited.
 */
import fs from "node:fs";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { db } from "~/db.server";
import { exportArchive } from "~/models/privacy/data-rights.server";
import { env } from "~/env.server";
import { getFixedT } from "~/i18n/i18n.server";
import { readDecrypted, sanitizeFileName } from "~/infra/document-store.server";
import { action as portalCaseAction } from "~/routes/portal.cases.$caseId";
import { loader as patientDownload } from "~/routes/portal.cases.$caseId.documents.$documentId";
import { loader as staffDownload } from "~/routes/staff.cases.$caseId.documents.$documentId";
import { demoPdf } from "../prisma/demo-pdf";
import { resetDatabase } from "./support/db";
import { createCase, createUser } from "./support/factories";
import { storedFiles } from "./support/files";
import { formKey } from "./support/enquiry-form";
import { call, cookieFor, formReply } from "./support/requests";

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);
const JPEG = Buffer.concat([
  Buffer.from("ffd8ffe000104a46494600010100000100010000", "hex"),
  Buffer.alloc(64, 0x11),
  Buffer.from("ffd9", "hex"),
]);

let owner: { id: string; cookie: string; caseId: string };
let other: { cookie: string };

beforeEach(async () => {
  await resetDatabase();
  const { kase, patient } = await createCase({ locale: "de" });
  owner = { id: patient.id, cookie: await cookieFor(patient.id), caseId: kase.id };
  const b = await createUser({ role: "PATIENT" });
  other = { cookie: await cookieFor(b.id) };
});

function upload(
  files: { name: string; bytes: Buffer | string; type?: string }[],
  cookie = owner.cookie,
) {
  const form = new FormData();
  form.append("intent", "upload");
  form.append("_key", formKey());
  for (const f of files)
    form.append(
      "files",
      new Blob([typeof f.bytes === "string" ? f.bytes : new Uint8Array(f.bytes)], {
        type: f.type ?? "application/pdf",
      }),
      f.name,
    );
  return call(portalCaseAction, {
    path: `/portal/cases/${owner.caseId}`,
    params: { caseId: owner.caseId },
    cookie,
    form,
    lang: "de",
  });
}

describe("the upload corpus is refused, and nothing from it is stored", () => {
  const t = getFixedT("de", "enquiry");
  const pdf = demoPdf("a real record");
  const corpus: [string, { name: string; bytes: Buffer | string; type?: string }, string][] = [
    [
      "a renamed executable",
      {
        name: "befund.pdf",
        bytes: Buffer.concat([Buffer.from("MZ\x90\x00", "latin1"), Buffer.alloc(200)]),
      },
      "type",
    ],
    [
      "an ELF binary named as an image",
      {
        name: "scan.png",
        bytes: Buffer.concat([Buffer.from("\x7fELF\x02\x01\x01", "latin1"), Buffer.alloc(200)]),
        type: "image/png",
      },
      "type",
    ],
    [
      "an SVG carrying a script",
      {
        name: "scan.png",
        bytes:
          '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>',
        type: "image/png",
      },
      "type",
    ],
    [
      "an HTML page",
      { name: "report.pdf", bytes: "<!DOCTYPE html><script>alert(1)</script>" },
      "type",
    ],
    [
      "a truncated PDF",
      { name: "labs.pdf", bytes: pdf.subarray(0, Math.floor(pdf.length / 2)) },
      "corrupt",
    ],
    [
      "a truncated PNG",
      { name: "x.png", bytes: PNG.subarray(0, PNG.length - 20), type: "image/png" },
      "corrupt",
    ],
    ["an empty file", { name: "empty.pdf", bytes: "" }, "empty"],
    ["a path-traversal name", { name: "../../etc/passwd.pdf", bytes: pdf }, "name"],
    ["a Windows path-traversal name", { name: "..\\..\\boot.pdf", bytes: pdf }, "name"],
  ];
  for (const [label, file, problem] of corpus) {
    it(`refuses ${label}`, async () => {
      const before = storedFiles();
      const res = await upload([{ name: "good.pdf", bytes: pdf }, file]);
      expect(res.status).toBe(400);
      const error = formReply(res).errors.files;
      expect(error).toBe(t(`errors.file.${problem}`, { name: file.name, max: 10 }));
      // All or nothing: the good file in the same upload was not stored either.
      expect(await db.document.count()).toBe(0);
      expect(storedFiles()).toEqual(before);
    });
  }

  it("refuses an oversize file without reading it into the store", async () => {
    const big = Buffer.concat([pdf, Buffer.alloc(env().UPLOAD_MAX_BYTES)]);
    const res = await upload([{ name: "huge.pdf", bytes: big }]);
    expect(res.status).toBe(400);
    expect(formReply(res).errors.files).toBe(
      t("errors.file.tooLarge", { name: "huge.pdf", max: 10 }),
    );
    expect(await db.document.count()).toBe(0);
  });

  it("refuses more files than one upload may carry", async () => {
    const six = Array.from({ length: 6 }, (_, i) => ({ name: `r${i}.pdf`, bytes: pdf }));
    const res = await upload(six);
    expect(res.status).toBe(400);
    expect(await db.document.count()).toBe(0);
  });

  it("a refused upload leaves earlier documents untouched", async () => {
    expect((await upload([{ name: "first.pdf", bytes: pdf }])).status).toBe(200);
    const files = storedFiles();
    await upload([{ name: "bad.pdf", bytes: "MZ" + "\0".repeat(100) }]);
    expect(await db.document.count()).toBe(1);
    expect(storedFiles()).toEqual(files);
  });
});

describe("a good upload", () => {
  it("is stored encrypted, under a random name, and comes back byte for byte to its owner", async () => {
    const pdf = demoPdf("CONFIDENTIAL LAB VALUES");
    const res = await upload([
      { name: "Laborwerte März.pdf", bytes: pdf },
      { name: "knee.jpg", bytes: JPEG, type: "image/jpeg" },
      { name: "rash.png", bytes: PNG, type: "image/png" },
    ]);
    expect(res.status).toBe(200);
    const docs = await db.document.findMany({ orderBy: { fileName: "asc" } });
    expect(docs.map((d) => [d.fileName, d.mimeType])).toEqual([
      ["Laborwerte März.pdf", "application/pdf"],
      ["knee.jpg", "image/jpeg"],
      ["rash.png", "image/png"],
    ]);
    const doc = docs[0]!;
    const onDisk = fs.readFileSync(
      path.join(env().UPLOAD_DIR, doc.storageKey!.slice(0, 2), doc.storageKey!),
    );
    expect(onDisk.includes(Buffer.from("CONFIDENTIAL"))).toBe(false);
    expect(onDisk.includes(Buffer.from("%PDF"))).toBe(false);
    expect(doc.storageKey).not.toContain("Laborwerte");

    const got = await call(patientDownload, {
      path: `/portal/cases/${owner.caseId}/documents/${doc.id}`,
      params: { caseId: owner.caseId, documentId: doc.id },
      cookie: owner.cookie,
    });
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.response!.arrayBuffer()).equals(pdf)).toBe(true);
    expect(got.response!.headers.get("Content-Type")).toBe("application/pdf");
    expect(got.response!.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(got.response!.headers.get("Content-Disposition")).toMatch(/^attachment;/);
  });

  it("cannot be read once its ciphertext is altered", async () => {
    await upload([{ name: "a.pdf", bytes: demoPdf("x") }]);
    const doc = await db.document.findFirstOrThrow();
    const file = path.join(env().UPLOAD_DIR, doc.storageKey!.slice(0, 2), doc.storageKey!);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 1]! ^= 0xff;
    fs.writeFileSync(file, bytes);
    await expect(readDecrypted(doc.storageKey!)).rejects.toThrow();
  });

  it("answers 404, not a server error, when a document's file is gone from the store, and the archive names it", async () => {
    await upload([
      { name: "kept.pdf", bytes: demoPdf("kept") },
      { name: "lost.pdf", bytes: demoPdf("lost") },
    ]);
    const lost = await db.document.findFirstOrThrow({ where: { fileName: "lost.pdf" } });
    fs.rmSync(path.join(env().UPLOAD_DIR, lost.storageKey!.slice(0, 2), lost.storageKey!));
    const warned = vi.spyOn(console, "warn").mockImplementation(() => {});
    const got = await call(patientDownload, {
      path: `/portal/cases/${owner.caseId}/documents/${lost.id}`,
      params: { caseId: owner.caseId, documentId: lost.id },
      cookie: owner.cookie,
    });
    expect(got.status).toBe(404);
    const zip = unzipSync((await exportArchive(owner.id))!);
    expect(Object.keys(zip).some((name) => name.endsWith("-kept.pdf"))).toBe(true);
    expect(Object.keys(zip).some((name) => name.endsWith("-lost.pdf"))).toBe(false);
    expect(strFromU8(zip["documents/MISSING.txt"]!)).toContain(`${lost.id}-lost.pdf`);
    // The operator is told, each time.
    expect(warned).toHaveBeenCalledTimes(2);
    warned.mockRestore();
  });

  it("answers 404 to patient B for every one of patient A's files, and to A for a wrong case", async () => {
    await upload([
      { name: "a.pdf", bytes: demoPdf("a") },
      { name: "b.png", bytes: PNG, type: "image/png" },
    ]);
    const { kase: otherCase } = await createCase();
    for (const doc of await db.document.findMany()) {
      const asB = await call(patientDownload, {
        path: `/portal/cases/${owner.caseId}/documents/${doc.id}`,
        params: { caseId: owner.caseId, documentId: doc.id },
        cookie: other.cookie,
      });
      expect(asB.status).toBe(404);
      const wrongCase = await call(patientDownload, {
        path: `/portal/cases/${otherCase.id}/documents/${doc.id}`,
        params: { caseId: otherCase.id, documentId: doc.id },
        cookie: owner.cookie,
      });
      expect(wrongCase.status).toBe(404);
    }
    // Patient B cannot upload into A's case either.
    const intoA = await upload([{ name: "x.pdf", bytes: demoPdf("x") }], other.cookie);
    expect(intoA.status).toBe(404);
  });

  it("is audited when staff download it", async () => {
    await upload([{ name: "a.pdf", bytes: demoPdf("a") }]);
    const doc = await db.document.findFirstOrThrow();
    const clinician = await createUser({ role: "CLINICIAN" });
    const res = await call(staffDownload, {
      path: `/staff/cases/${owner.caseId}/documents/${doc.id}`,
      params: { caseId: owner.caseId, documentId: doc.id },
      cookie: await cookieFor(clinician.id),
    });
    expect(res.status).toBe(200);
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: "document.download" } });
    expect(entry).toMatchObject({
      actorId: clinician.id,
      entityId: doc.id,
      caseId: owner.caseId,
      outcome: "success",
    });
  });
});

describe("file names", () => {
  it("are cleaned for display and take the extension of the detected type", () => {
    expect(sanitizeFileName("  <b>report<b>.exe ", "application/pdf")).toBe("_b_report_b_.pdf");
    expect(sanitizeFileName("تقرير طبي.PDF", "application/pdf")).toBe("تقرير طبي.pdf");
    expect(() => sanitizeFileName("a/../b.pdf", "application/pdf")).toThrow();
    expect(() => sanitizeFileName("x\u0000.pdf", "application/pdf")).toThrow();
  });
});
