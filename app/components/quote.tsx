/**
 * One quote version as people read it: the included lines and totals, what is not included,
 * the payment schedule and the terms; and what changed from the version before. Shared by the
 * patient's portal and the staff quote page; strings in the finance namespace.
 */
import { useTranslation } from "react-i18next";
import { RowText } from "~/components/translated";
import { rowText } from "~/lib/catalogue-text";
import {
  formatDate,
  formatDay,
  formatList,
  formatMoney,
  formatNumber,
  formatRate,
} from "~/lib/format";
import {
  percent,
  TERM_KEYS,
  type LineChange,
  type VersionDiff,
  type ViewLine,
} from "~/lib/quote-view";

export interface QuoteLineView extends ViewLine {
  id: string;
  grossMinor: number;
  discountMinor: number;
  taxMinor: number;
}

export interface QuoteVersionView {
  id: string;
  version: number;
  status: string;
  currency: string;
  baseCurrency: string;
  fxRate: string;
  grossMinor: number;
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
  depositBp: number;
  depositMinor: number;
  balanceDueDays: number;
  termsVersion: string;
  note: string | null;
  validUntil: Date | string | null;
  issuedAt: Date | string | null;
  lines: QuoteLineView[];
}

/** The <option>s of an enumeration; `labels` names its finance key prefix (category, unit, tax…). */
export function Options({ values, labels }: { values: readonly string[]; labels?: string }) {
  const { t } = useTranslation("finance");
  return (
    <>
      {values.map((v) => (
        <option key={v} value={v}>
          {labels ? t(`${labels}.${v}`) : v}
        </option>
      ))}
    </>
  );
}

export function LinesTable({
  lines,
  currency,
  caption,
}: {
  lines: QuoteLineView[];
  currency: string;
  caption: string;
}) {
  const { t, i18n } = useTranslation("finance");
  const lng = i18n.language;
  const money = (m: number) => formatMoney(m, currency, lng);
  return (
    <div className="table-wrap">
      <table className="table quote-lines stack-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("quote.item")}</th>
            <th scope="col" className="num">
              {t("quote.quantity")}
            </th>
            <th scope="col" className="num">
              {t("quote.unitPrice")}
            </th>
            <th scope="col" className="num">
              {t("quote.discount")}
            </th>
            <th scope="col" className="num">
              {t("quote.lineTotal")}
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.id}>
              <th scope="row">
                {t(`category.${l.category}`)}
                <span className="muted small block">
                  <RowText row={l} field="name" /> · {t(`unit.${l.unit}`)} · {t(`tax.${l.taxRule}`)}
                </span>
              </th>
              <td className="num" data-label={t("quote.quantity")}>
                {formatNumber(l.quantity, lng)}
              </td>
              <td className="num" data-label={t("quote.unitPrice")}>
                {money(l.unitPriceMinor)}
              </td>
              <td className="num" data-label={t("quote.discount")}>
                {l.discountBp ? percent(l.discountBp, lng) : "—"}
              </td>
              <td className="num" data-label={t("quote.lineTotal")}>
                {money(l.totalMinor)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function QuoteDetails({ quote, timeZone }: { quote: QuoteVersionView; timeZone: string }) {
  const { t, i18n } = useTranslation("finance");
  const lng = i18n.language;
  const money = (m: number) => formatMoney(m, quote.currency, lng);
  const included = quote.lines.filter((l) => l.included);
  const excluded = quote.lines.filter((l) => !l.included);
  return (
    <div className="quote">
      <dl className="facts">
        <dt>{t("quote.issued")}</dt>
        <dd>{quote.issuedAt ? formatDate(quote.issuedAt, lng, timeZone) : "—"}</dd>
        <dt>{t("quote.validUntil")}</dt>
        <dd>{quote.validUntil ? formatDay(quote.validUntil, lng) : "—"}</dd>
        <dt>{t("quote.currency")}</dt>
        <dd>{quote.currency}</dd>
      </dl>
      {quote.currency !== quote.baseCurrency ? (
        <p className="small muted">
          {t("quote.rateNote", {
            base: quote.baseCurrency,
            // The formula isolated left to right (LRI … PDI): in Arabic and Persian it
            // still reads "1 EUR = 0.85 USD", not "EUR = 0.85 USD 1".
            formula: `\u2066${t("quote.rateFormula", {
              base: quote.baseCurrency,
              rate: formatRate(quote.fxRate, i18n.language),
              currency: quote.currency,
            })}\u2069`,
          })}
        </p>
      ) : null}

      <h3>{t("quote.included")}</h3>
      <LinesTable lines={included} currency={quote.currency} caption={t("quote.included")} />
      <dl className="totals">
        <dt>{t("quote.gross")}</dt>
        <dd>{money(quote.grossMinor)}</dd>
        {quote.discountMinor ? (
          <>
            <dt>{t("quote.discountTotal")}</dt>
            <dd>{money(-quote.discountMinor)}</dd>
          </>
        ) : null}
        <dt>{t("quote.taxTotal")}</dt>
        <dd>{money(quote.taxMinor)}</dd>
        <dt className="grand">{t("quote.total")}</dt>
        <dd className="grand">{money(quote.totalMinor)}</dd>
      </dl>

      <h3>{t("quote.notIncluded")}</h3>
      <p className="small muted">{t("quote.notIncludedIntro")}</p>
      {excluded.length ? (
        <LinesTable lines={excluded} currency={quote.currency} caption={t("quote.notIncluded")} />
      ) : null}
      <ul>
        {(["flights", "visa", "personal"] as const).map((k) => (
          <li key={k}>{t(`quote.alwaysExcluded.${k}`)}</li>
        ))}
      </ul>

      <h3>{t("quote.schedule")}</h3>
      <dl className="totals">
        <dt>{t("quote.depositLine", { percent: percent(quote.depositBp, lng) })}</dt>
        <dd>{money(quote.depositMinor)}</dd>
        <dt>{t("quote.balanceLine", { days: quote.balanceDueDays })}</dt>
        <dd>{money(quote.totalMinor - quote.depositMinor)}</dd>
      </dl>
      {quote.note ? (
        <>
          <h3>{t("quote.note")}</h3>
          <p className="prewrap">{quote.note}</p>
        </>
      ) : null}

      <h3>{t("terms.title", { version: quote.termsVersion })}</h3>
      <ul className="small">
        {TERM_KEYS.map((k) => (
          <li key={k}>{t(`terms.${quote.termsVersion}.${k}`)}</li>
        ))}
      </ul>
    </div>
  );
}

function describeChange(
  c: LineChange,
  t: (k: string, o?: Record<string, unknown>) => string,
  money: (m: number) => string,
  lng: string,
) {
  const item = `${t(`category.${c.line.category}`)} (${rowText(c.line, "name", lng).text})`;
  if (c.kind !== "changed") return t(`portal.change.${c.kind}`, { item });
  const parts = c.fields.map((f) => {
    if (f === "quantity") {
      return t("portal.change.quantity", { before: c.before.quantity, after: c.line.quantity });
    }
    if (f === "unitPrice") {
      return t("portal.change.unitPrice", {
        before: money(c.before.unitPriceMinor),
        after: money(c.line.unitPriceMinor),
      });
    }
    if (f === "discount") {
      return t("portal.change.discount", {
        before: percent(c.before.discountBp, lng),
        after: percent(c.line.discountBp, lng),
      });
    }
    return t("portal.change.tax", {
      before: t(`tax.${c.before.taxRule}`),
      after: t(`tax.${c.line.taxRule}`),
    });
  });
  return `${t("portal.change.changed", { item })}: ${formatList(parts, lng)}`;
}

export function QuoteDiff({
  diff,
  beforeCurrency,
  afterCurrency,
}: {
  diff: VersionDiff;
  beforeCurrency: string;
  afterCurrency: string;
}) {
  const { t, i18n } = useTranslation("finance");
  const lng = i18n.language;
  const moneyAfter = (m: number) => formatMoney(m, afterCurrency, lng);
  const moneyBefore = (m: number) => formatMoney(m, beforeCurrency, lng);
  const items: string[] = diff.lines.map((c) => describeChange(c, t, moneyAfter, lng));
  if (diff.currency) items.push(t("portal.change.currency", diff.currency));
  if (diff.total) {
    items.push(
      t("portal.change.total", {
        before: moneyBefore(diff.total.before),
        after: moneyAfter(diff.total.after),
      }),
    );
  }
  if (diff.deposit) {
    items.push(
      t("portal.change.deposit", {
        before: moneyBefore(diff.deposit.before),
        after: moneyAfter(diff.deposit.after),
      }),
    );
  }
  if (diff.balanceDueDays) items.push(t("portal.change.balanceDueDays", diff.balanceDueDays));
  return (
    <section className="card diff" aria-labelledby="diff-h">
      <h2 id="diff-h">{t("portal.whatChanged", { version: diff.from })}</h2>
      {items.length ? (
        <ul>
          {items.map((text, i) => (
            <li key={i}>{text}</li>
          ))}
        </ul>
      ) : (
        <p>{t("portal.noChanges")}</p>
      )}
    </section>
  );
}
