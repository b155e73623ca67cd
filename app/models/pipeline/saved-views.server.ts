/**
 * A staff member's saved pipeline views: a name and the filters' query string, one name once
 * per user (a unique index). Every read and write is scoped by the owner, so another user's
 * view is "not found". A view holds filters, not patients: nothing here is health data.
 */
import { db, isUniqueViolation } from "~/db.server";
import { spendFormKey, type SentForm } from "~/infra/forms.server";
import { caseListHref, parseCaseListQuery } from "~/lib/pipeline";

/** At most this many views per person: the quick links stay one row. */
export const MAX_SAVED_VIEWS = 20;

export type SavedViewError = "nameTaken" | "notFound" | "tooMany";

export class SavedViewRefused extends Error {
  constructor(public readonly reason: SavedViewError) {
    super(`Saved view refused: ${reason}`);
    this.name = "SavedViewRefused";
  }
}

/** The query as the pipeline writes it (known filters only, no page), so a view is canonical. */
export function canonicalQuery(search: string): string {
  const query = parseCaseListQuery(
    new URL(`http://x/staff/cases${search.startsWith("?") ? search : `?${search}`}`),
  );
  return caseListHref({ ...query, page: 1 });
}

export function listSavedViews(userId: string) {
  return db.savedView.findMany({
    where: { userId },
    orderBy: { name: "asc" },
    select: { id: true, name: true, query: true },
    take: MAX_SAVED_VIEWS,
  });
}

export async function saveView(userId: string, name: string, search: string, sent: SentForm) {
  try {
    return await db.$transaction(async (tx) => {
      await spendFormKey(tx, sent, userId);
      if ((await tx.savedView.count({ where: { userId } })) >= MAX_SAVED_VIEWS) {
        throw new SavedViewRefused("tooMany");
      }
      return tx.savedView.create({
        data: { userId, name, query: canonicalQuery(search) },
        select: { id: true, name: true, query: true },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new SavedViewRefused("nameTaken");
    throw error;
  }
}

export async function renameView(userId: string, id: string, name: string) {
  try {
    const { count } = await db.savedView.updateMany({ where: { id, userId }, data: { name } });
    if (count !== 1) throw new SavedViewRefused("notFound");
  } catch (error) {
    if (isUniqueViolation(error)) throw new SavedViewRefused("nameTaken");
    throw error;
  }
}

export async function deleteView(userId: string, id: string) {
  const { count } = await db.savedView.deleteMany({ where: { id, userId } });
  if (count !== 1) throw new SavedViewRefused("notFound");
}
