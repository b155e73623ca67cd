/**
 * The eligibility questionnaire of each programme, as data. Each question has an answer
 * type and says which answers are red flags. Red flags mark a case for the clinician's
 * attention; they never decide eligibility (the product rule: a clinician, never a rule, decides).
 *
 * Wording lives in locales/<lng>/enquiry.json under questions.<id>, so one question can be
 * shared by several programmes and every language has it.
 */

export type Question =
  | { id: string; type: "yesno"; redFlagWhen?: "yes" | "no" }
  | { id: string; type: "choice"; options: readonly string[]; redFlagWhen?: readonly string[] }
  | { id: string; type: "number"; min: number; max: number; redFlagAbove?: number };

const infection = { id: "activeInfection", type: "yesno", redFlagWhen: "yes" } as const;
const malignancy = { id: "malignancy", type: "yesno", redFlagWhen: "yes" } as const;
const pregnancy = {
  id: "pregnancy",
  type: "choice",
  options: ["no", "pregnant", "planning", "breastfeeding"],
  redFlagWhen: ["pregnant", "planning", "breastfeeding"],
} as const;
const travel = { id: "fitToTravel", type: "yesno", redFlagWhen: "no" } as const;

/** Keyed by programme slug. A programme without an entry has only the common questions. */
export const QUESTIONNAIRES: Record<string, readonly Question[]> = {
  "lupus-msc": [
    infection,
    { id: "organCrisis", type: "yesno", redFlagWhen: "yes" },
    { id: "dialysis", type: "yesno", redFlagWhen: "yes" },
    pregnancy,
    malignancy,
    { id: "recentCytotoxic", type: "yesno", redFlagWhen: "yes" },
    { id: "thrombosis", type: "yesno", redFlagWhen: "yes" },
    { id: "flaresLastYear", type: "number", min: 0, max: 52 },
    travel,
  ],
  "ra-msc": [
    infection,
    malignancy,
    pregnancy,
    { id: "dmardsTried", type: "number", min: 0, max: 20 },
    { id: "tuberculosis", type: "yesno", redFlagWhen: "yes" },
    travel,
  ],
  "knee-oa": [
    { id: "kneeInfection", type: "yesno", redFlagWhen: "yes" },
    malignancy,
    {
      id: "klGrade",
      type: "choice",
      options: ["unknown", "1", "2", "3", "4"],
      redFlagWhen: ["4"],
    },
    { id: "kneeReplacement", type: "yesno", redFlagWhen: "yes" },
    travel,
  ],
};

export function questionsFor(slug: string): readonly Question[] {
  return QUESTIONNAIRES[slug] ?? [];
}

/** Organs or areas a condition may involve; labels in enquiry.json under organs.<key>. */
export const ORGANS = [
  "skin",
  "joints",
  "kidneys",
  "blood",
  "heart",
  "lungs",
  "nervous",
  "other",
] as const;
export type Organ = (typeof ORGANS)[number];

/** Answer values are strings in forms and in the database. */
export function isRedFlag(question: Question, value: string): boolean {
  switch (question.type) {
    case "yesno":
      return question.redFlagWhen !== undefined && value === question.redFlagWhen;
    case "choice":
      return question.redFlagWhen?.includes(value) ?? false;
    case "number":
      return question.redFlagAbove !== undefined && Number(value) > question.redFlagAbove;
  }
}

/** An answer as a person reads it, in their language (t bound to any namespace). */
export function answerText(
  t: (key: string) => string,
  question: Question,
  value: string,
  locale: string,
): string {
  switch (question.type) {
    case "yesno":
      return t(`enquiry:${value}`);
    case "choice":
      return t(`enquiry:questions.${question.id}.options.${value}`);
    case "number":
      return new Intl.NumberFormat(locale).format(Number(value));
  }
}

/** The form field name of a question, scoped by programme so questionnaires never mix. */
export function fieldName(slug: string, questionId: string) {
  return `q.${slug}.${questionId}`;
}
