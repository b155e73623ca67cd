/**
 * Insurance on a case (issue 25). OWNED BY the insurance work; the lead's shared base only
 * fixes the signature the stage guards read.
 */
import type { db, Tx } from "~/db.server";

export interface InsuranceFacts {
  /** Policies the programme asks for that are missing or leave days of the stay uncovered. */
  gaps: number;
}

export async function insuranceFacts(
  _tx: Tx | typeof db,
  _caseId: string,
): Promise<InsuranceFacts> {
  // Shared-base placeholder: replaced by the insurance implementation.
  return { gaps: 0 };
}
