/**
 * Signed informed consent per procedure (issue 25). OWNED BY the consent work; the lead's
 * shared base only fixes the signature the stage guards read.
 */
import type { db, Tx } from "~/db.server";

export interface ConsentFacts {
  /** The programme has a published procedure consent and its current version is unsigned. */
  missing: boolean;
}

export async function consentFacts(_tx: Tx | typeof db, _caseId: string): Promise<ConsentFacts> {
  // Shared-base placeholder: replaced by the consent implementation.
  return { missing: false };
}
