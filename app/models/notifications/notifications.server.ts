/**
 * One member of staff's notifications (the bell) and their choice per kind. Every query is
 * scoped by the reader's own id: someone else's notification is "not found". A notification
 * holds no health data (the case number and the times its email names), so reading one is not
 * audited; opening its case is, by the case page.
 */
import type { TFunction } from "i18next";
import { db } from "~/db.server";
import { spendFormKey, type SentForm } from "~/infra/forms.server";
import { formatDateTime } from "~/lib/format";
import {
  CHANNELS,
  DEFAULT_CHANNEL,
  isNotificationKind,
  sentenceKey,
  type Channel,
  type NotificationKind,
  type NotificationParams,
} from "~/lib/notification-kinds";

export const NOTIFICATIONS_PAGE_SIZE = 30;

/** The unread count for the bell: one indexed count (userId, readAt). */
export function countUnreadNotifications(userId: string) {
  return db.notification.count({ where: { userId, readAt: null } });
}

function parseParams(raw: string | null): NotificationParams {
  try {
    const value = JSON.parse(raw ?? "{}") as NotificationParams;
    return value && typeof value === "object" ? value : { caseNumber: "" };
  } catch {
    return { caseNumber: "" };
  }
}

/** The sentence, as the staff email's subject says it, in the reader's language and zone. */
export function sentenceOf(
  t: TFunction,
  kind: string,
  params: NotificationParams,
  reader: { locale: string; timeZone: string },
): string {
  const time = (iso?: string) =>
    iso ? formatDateTime(new Date(iso), reader.locale, reader.timeZone) : undefined;
  return t(sentenceKey(kind, params), {
    caseNumber: params.caseNumber ?? "",
    due: time(params.due),
    when: time(params.when),
    previous: time(params.previous),
  });
}

/** A page of the reader's notifications, newest first, each with its sentence. */
export async function listNotifications(
  reader: { id: string; locale: string; timeZone: string },
  t: TFunction,
  page = 1,
) {
  const [rows, total, unread] = await Promise.all([
    db.notification.findMany({
      where: { userId: reader.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * NOTIFICATIONS_PAGE_SIZE,
      take: NOTIFICATIONS_PAGE_SIZE,
      select: { id: true, kind: true, caseId: true, params: true, readAt: true, createdAt: true },
    }),
    db.notification.count({ where: { userId: reader.id } }),
    countUnreadNotifications(reader.id),
  ]);
  return {
    unread,
    pages: Math.max(1, Math.ceil(total / NOTIFICATIONS_PAGE_SIZE)),
    items: rows.map((r) => {
      const params = parseParams(r.params);
      return {
        id: r.id,
        caseId: r.caseId,
        caseNumber: params.caseNumber || null,
        sentence: sentenceOf(t, r.kind, params, reader),
        read: r.readAt !== null,
        createdAt: r.createdAt.toISOString(),
      };
    }),
  };
}

/**
 * Opens one of the reader's notifications: marks it read and says where its case is. Null
 * when it is not the reader's (or does not exist).
 */
export async function openNotification(userId: string, id: string) {
  const found = await db.notification.findFirst({
    where: { id, userId },
    select: { id: true, caseId: true, readAt: true },
  });
  if (!found) return null;
  if (!found.readAt) {
    await db.notification.updateMany({
      where: { id, userId, readAt: null },
      data: { readAt: new Date() },
    });
  }
  return { caseId: found.caseId };
}

/** Marks every unread notification of the reader read; returns how many. */
export async function markAllNotificationsRead(userId: string) {
  const { count } = await db.notification.updateMany({
    where: { userId, readAt: null },
    data: { readAt: new Date() },
  });
  return count;
}

/** The reader's choice per kind (every kind; no row is the default, both). */
export async function notificationChoices(userId: string): Promise<Record<string, Channel>> {
  const rows = await db.notificationPreference.findMany({
    where: { userId },
    select: { kind: true, channel: true },
  });
  const saved = new Map(rows.map((r) => [r.kind, r.channel]));
  return Object.fromEntries(
    [...saved.keys()]
      .filter(isNotificationKind)
      .map((k) => [
        k,
        (CHANNELS as readonly string[]).includes(saved.get(k)!) ? saved.get(k) : DEFAULT_CHANNEL,
      ]),
  ) as Record<string, Channel>;
}

/**
 * Saves the reader's choices, all in one transaction: a kind set to both loses its row (no
 * row means both), any other is written. Only the reader's own rows: there is no way to
 * name anyone else. Kinds not sent are left as they were. Choices that change nothing write
 * nothing (the same form sent twice finds them saved); a change spends the form's key, and
 * the same content under a fresh key is allowed, since switching back is a real change.
 * Returns how many kinds changed.
 */
export async function saveNotificationChoices(
  userId: string,
  choices: Partial<Record<NotificationKind, Channel>>,
  sent: SentForm,
) {
  const entries = Object.entries(choices).filter(
    (e): e is [NotificationKind, Channel] => isNotificationKind(e[0]) && Boolean(e[1]),
  );
  return db.$transaction(async (tx) => {
    const rows = await tx.notificationPreference.findMany({
      where: { userId, kind: { in: entries.map(([k]) => k) } },
      select: { kind: true, channel: true },
    });
    const saved = new Map(rows.map((r) => [r.kind, r.channel]));
    const changed = entries.filter(([kind, channel]) =>
      channel === DEFAULT_CHANNEL ? saved.has(kind) : saved.get(kind) !== channel,
    );
    if (changed.length === 0) return 0;
    await spendFormKey(tx, sent, userId, { repeats: "allowed" });
    const both = changed.filter(([, c]) => c === DEFAULT_CHANNEL).map(([k]) => k);
    if (both.length) {
      await tx.notificationPreference.deleteMany({ where: { userId, kind: { in: both } } });
    }
    for (const [kind, channel] of changed) {
      if (channel === DEFAULT_CHANNEL) continue;
      await tx.notificationPreference.upsert({
        where: { userId_kind: { userId, kind } },
        create: { userId, kind, channel },
        update: { channel },
      });
    }
    return changed.length;
  });
}
