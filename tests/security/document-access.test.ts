/**
 * Staff downloads by kind of document: medical records for clinical staff, passports for the
 * coordinators only (a clinician who reads records has no business with passports; finance
 * reads neither). Refusals look like a missing file and are audited.
 */
import { db } from "~/db.server";
import { checkFile, saveDocuments } from "~/infra/document-store.server";
import { loader as download } from "~/routes/staff.cases.$caseId.documents.$documentId";
import { demoPdf } from "../../prisma/demo-pdf";
import { resetDatabase } from "../support/db";
import { createCase, createStaff } from "../support/factories";
import { call, cookieFor } from "../support/requests";

beforeEach(resetDatabase);

it("lets each role download only its kind of document, and audits every attempt", async () => {
  const staff = await createStaff();
  const { kase, patient } = await createCase();
  const save = async (kind: string) =>
    (
      await saveDocuments({
        caseId: kase.id,
        kind,
        uploadedById: patient.id,
        files: [await checkFile({ name: `${kind}.pdf`, bytes: demoPdf(kind) })],
      })
    )[0]!;
  const record = await save("MEDICAL_RECORD");
  const passport = await save("PASSPORT");
  const get = async (who: { id: string }, documentId: string) =>
    (
      await call(download, {
        path: `/staff/cases/${kase.id}/documents/${documentId}`,
        params: { caseId: kase.id, documentId },
        cookie: await cookieFor(who.id),
      })
    ).status;
  expect(await get(staff.clinician, record)).toBe(200);
  expect(await get(staff.clinician, passport)).toBe(404);
  expect(await get(staff.coordinator, passport)).toBe(200);
  expect(await get(staff.coordinator, record)).toBe(200);
  expect(await get(staff.finance, record)).toBe(403);
  const denied = await db.auditLog.findMany({
    where: { action: "document.download", outcome: "denied" },
  });
  expect(denied.map((a) => [a.actorId, a.entityId])).toEqual([[staff.clinician.id, passport]]);
  // Finance was refused at the door: that is on record too, with the permission it lacked.
  expect(
    await db.auditLog.findFirstOrThrow({
      where: { actorId: staff.finance.id, action: "access.denied" },
    }),
  ).toMatchObject({ outcome: "denied", detail: "document:read" });
});
