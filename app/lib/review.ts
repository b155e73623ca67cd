/**
 * The vocabulary of medical review, shared by the staff pages, the portal and the server.
 * A clinician decides; these lists only give the decision a structure that can be
 * translated for the patient and counted in reports. Labels are in locales/<lng>/common.json
 * (review.reason.*, review.info.*) and portal.json (decision.reason.*).
 */

/** Why a case is not eligible. OTHER needs the free text to say more. */
export const NOT_ELIGIBLE_REASONS = [
  "ACTIVE_INFECTION",
  "ORGAN_CRISIS",
  "MALIGNANCY",
  "PREGNANCY",
  "DISEASE_ACTIVITY",
  "INSUFFICIENT_PRIOR_TREATMENT",
  "NOT_FIT_TO_TRAVEL",
  "OUTSIDE_PROGRAMME_CRITERIA",
  "OTHER",
] as const;
export type NotEligibleReason = (typeof NOT_ELIGIBLE_REASONS)[number];

export function isNotEligibleReason(value: string): value is NotEligibleReason {
  return (NOT_ELIGIBLE_REASONS as readonly string[]).includes(value);
}

/** What a request for more information asks the patient for. */
export const INFO_REQUEST_KINDS = ["RECORDS", "ANSWERS", "LABS", "IMAGING"] as const;
export type InfoRequestKind = (typeof INFO_REQUEST_KINDS)[number];

/** The longest note, message or free-text reason accepted. */
export const TEXT_MAX = 4000;
/** The most steps a treatment plan may hold. */
export const PLAN_MAX_STEPS = 20;

/** The review queue's sections: waiting for a decision, waiting on the patient, decided. */
export const REVIEW_TABS = ["pending", "waiting", "decided"] as const;
export type ReviewTab = (typeof REVIEW_TABS)[number];

/** A step name as compared for sameness: NFC, one space for any run, case folded. */
const stepNameKey = (name: string) =>
  name.normalize("NFC").replace(/\s+/g, " ").trim().toLocaleLowerCase("en");

/**
 * The indexes (in `steps`) of steps whose name an earlier step already has: a plan names each
 * step once, so the coordinator books, and the patient reads, the one step it means.
 */
export function repeatedStepNames(steps: readonly { name: string }[]): number[] {
  const seen = new Set<string>();
  const repeated: number[] = [];
  steps.forEach((s, i) => {
    const k = stepNameKey(s.name);
    if (seen.has(k)) repeated.push(i);
    seen.add(k);
  });
  return repeated;
}
