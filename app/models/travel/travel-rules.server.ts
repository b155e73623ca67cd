/**
 * The treatment's travel rules on a case (issue 25): the flying gap after a step, the stay
 * after the last step, and the fit-to-fly sign-off. OWNED BY the travel-rules work; the
 * lead's shared base only fixes the signature the stage guards read.
 */
import type { db, Tx } from "~/db.server";

export interface TravelRuleFacts {
  /** Breaches of the flying gap and the stay rule (each names the rule and the step). */
  breaches: number;
  /** Steps asking for a fit-to-fly sign-off that have none after them. */
  fitToFlyMissing: number;
}

export async function travelRuleFacts(
  _tx: Tx | typeof db,
  _caseId: string,
): Promise<TravelRuleFacts> {
  // Shared-base placeholder: replaced by the travel-rules implementation.
  return { breaches: 0, fitToFlyMissing: 0 };
}
