/**
 * Seed for the signed procedure consent (issue 25): each demo programme's consent text is
 * published as version 1 in all seven languages, and every demo case that has reached
 * treatment (IN_TREATMENT, AFTERCARE, or CLOSED after aftercare) carries the patient's
 * signature of it, so the demo satisfies the TRAVEL_READY → IN_TREATMENT guard. Cases before
 * that (the Arabic demo patient at SCHEDULED among them) are left to sign in the portal.
 *
 * Seeded signatures are typed-name signatures without an IP or browser (no one signed in a
 * browser), dated the day before treatment started, each with its signed PDF set from the
 * version signed, stored encrypted and its hash kept (ensureSignedPdf). Idempotent.
 */
import type { Db } from "~/db.server";
import { isLocale } from "~/i18n/config";
import { consentIn } from "~/lib/consent-text";
import {
  currentConsent,
  ensureConsent,
  ensureSignedPdf,
  textSha256,
} from "~/models/consent/consent.server";
import { CONSENT_TEXTS } from "./seed-consent-text";

const DAY = 86_400_000;

export async function seedConsent(db: Db) {
  const programmes = await db.programme.findMany({ select: { id: true, slug: true } });
  for (const p of programmes) {
    const text = CONSENT_TEXTS[p.slug];
    if (text) await ensureConsent(p.id, text, db);
  }
  const treated = await db.case.findMany({
    where: {
      OR: [
        { stage: { in: ["IN_TREATMENT", "AFTERCARE"] } },
        { events: { some: { type: "STAGE_CHANGE", toStage: "IN_TREATMENT" } } },
      ],
      signedConsents: { none: { kind: "PROCEDURE" } },
    },
    select: {
      id: true,
      language: true,
      programmeId: true,
      stageChangedAt: true,
      patient: { select: { id: true, name: true } },
      events: {
        where: { type: "STAGE_CHANGE", toStage: "IN_TREATMENT" },
        orderBy: { createdAt: "asc" },
        take: 1,
        select: { createdAt: true },
      },
    },
  });
  for (const kase of treated) {
    const current = await currentConsent(kase.programmeId, db);
    if (!current) continue;
    const shown = consentIn(current.content, isLocale(kase.language) ? kase.language : "en");
    const started = kase.events[0]?.createdAt ?? kase.stageChangedAt;
    const row = await db.signedConsent.create({
      data: {
        caseId: kase.id,
        kind: "PROCEDURE",
        definitionId: current.id,
        version: current.version,
        language: shown.language,
        signerId: kase.patient.id,
        typedName: kase.patient.name,
        signatureMethod: "TYPED",
        textSha256: textSha256(shown.text),
        signedAt: new Date(started.getTime() - DAY),
      },
      select: { id: true },
    });
    await ensureSignedPdf(row.id, db);
  }
  return treated.length;
}
