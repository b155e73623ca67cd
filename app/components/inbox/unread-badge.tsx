/** "3 unread" beside a case: the number for the eye, the words for a screen reader. */
import { useTranslation } from "react-i18next";
import { formatNumber } from "~/lib/format";

export function UnreadBadge({ count, locale }: { count: number; locale: string }) {
  const { t } = useTranslation();
  if (!count) return null;
  return (
    <>
      {" "}
      <span className="badge unread-badge" aria-hidden="true">
        {formatNumber(count, locale)}
      </span>
      <span className="visually-hidden"> ({t("inbox.unreadCount", { count })})</span>
    </>
  );
}
