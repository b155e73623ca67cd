/**
 * The programmes the clinic offers now, as the public pages show them: the landing page's
 * catalogue with each pathway, and the enquiry form's list with its questionnaires.
 */
import { db } from "~/db.server";
import { QUESTIONNAIRES } from "~/lib/questionnaires";

/** Active programmes with their pathway steps, in catalogue order. */
export function listCatalogue() {
  return db.programme.findMany({
    where: { active: true },
    orderBy: { position: "asc" },
    select: {
      slug: true,
      name: true,
      condition: true,
      summary: true,
      translations: true,
      steps: {
        where: { retiredAt: null },
        orderBy: { position: "asc" },
        select: { key: true, name: true, description: true, translations: true },
      },
    },
  });
}

/** Active programmes for the enquiry form, each with its questionnaire. */
export async function listEnquiryProgrammes() {
  const programmes = await db.programme.findMany({
    where: { active: true },
    orderBy: { position: "asc" },
    select: { slug: true, name: true, translations: true },
  });
  return programmes.map((p) => ({ ...p, questions: QUESTIONNAIRES[p.slug] ?? [] }));
}
