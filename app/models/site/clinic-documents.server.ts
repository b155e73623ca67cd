/**
 * The clinic as documents print it (app/lib/site.ts): the admin-edited ClinicProfile's name and
 * address (ADR 023), or null without one (a document then prints the unit's name from its
 * translations). Read inside the transaction that issues a document, so the issued copy keeps
 * the facts as they stood (ADR 020). Its own file: the finance models that issue documents
 * must not import the public pages' model (which reads their price lists).
 */
import { db, type Tx } from "~/db.server";
import type { ClinicOnDocuments } from "~/lib/site";

export const CLINIC_ID = "clinic";

export async function clinicOnDocuments(
  client: Pick<Tx, "clinicProfile"> = db,
): Promise<ClinicOnDocuments | null> {
  return client.clinicProfile.findUnique({
    where: { id: CLINIC_ID },
    select: { name: true, street: true, district: true, postcode: true, city: true, country: true },
  });
}
