/**
 * The programmes the clinic offers now, as the public pages show them: the landing page's
 * catalogue with each pathway, and the enquiry form's list with its questionnaires.
 */
import { db } from "~/db.server";
import type { QuestionnaireView } from "~/lib/questionnaire-content";
import { currentQuestionnaire } from "~/models/catalogue/questionnaire.server";

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

/** Active programmes for the enquiry form, each with the questionnaire version it asks now. */
export async function listEnquiryProgrammes() {
  const programmes = await db.programme.findMany({
    where: { active: true },
    orderBy: { position: "asc" },
    select: { id: true, slug: true, name: true, translations: true },
  });
  return Promise.all(
    programmes.map(async ({ id, ...p }) => ({
      ...p,
      questionnaire: await currentQuestionnaire({ id, slug: p.slug }),
    })),
  );
}

/** The questionnaire each offered programme asks now, by slug (the form's check). */
export async function enquiryQuestionnaires(): Promise<Map<string, QuestionnaireView>> {
  const list = await listEnquiryProgrammes();
  return new Map(list.map((p) => [p.slug, p.questionnaire]));
}
