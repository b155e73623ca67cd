/** Previous / "page n of m" / next, for server-side paged lists. Numbers in the reader's locale. */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "~/lib/format";

export function Pagination({
  page,
  pages,
  href,
  locale,
}: {
  page: number;
  pages: number;
  href: (page: number) => string;
  locale: string;
}) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("cases.pagination")} className="pagination">
      {page > 1 ? <Link to={href(page - 1)}>{t("cases.previous")}</Link> : null}
      <span>
        {t("cases.page", { page: formatNumber(page, locale), pages: formatNumber(pages, locale) })}
      </span>
      {page < pages ? <Link to={href(page + 1)}>{t("cases.next")}</Link> : null}
    </nav>
  );
}
