/**
 * The discharge and handover pack (issue 25). OWNED BY the handover work; the lead's shared
 * base only fixes the hook the stage change calls on entering AFTERCARE.
 */
import type { Tx } from "~/db.server";

/** Make the case's handover pack if it has none (called in the stage change's transaction). */
export async function ensureHandover(_tx: Tx, _caseId: string): Promise<void> {
  // Shared-base placeholder: replaced by the handover implementation.
}
