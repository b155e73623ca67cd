/**
 * The draft editor of the staff quote page: currency, validity, deposit and balance terms, every
 * line (untick "included" to list a line as not included, tick "remove" to drop it) and a row
 * that adds a line once it has a name; then "save" or "issue". One form ("draft"), one key:
 * a double click or a reload that posts again adds the new line once.
 */
import type { SerializeFrom } from "@remix-run/node";
import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LanguageCheck } from "~/components/language-warning";
import {
  FormDone,
  FormErrors,
  FormField,
  FormKey,
  ProblemList,
  useAppForm,
  type FieldMetadata,
  type FormReply,
} from "~/components/form";
import { Options } from "~/components/quote";
import { languageName, MissingLanguages } from "~/components/translations";
import { formatMoney } from "~/lib/format";
import { minorToInput, QUOTE_CURRENCIES, TAX_RULES } from "~/lib/money";
import { CATEGORIES, UNITS } from "~/lib/quote-view";
import { TEXT_MAX } from "~/lib/review";
import type { staffQuotePage } from "~/models/finance/quote-pages.server";

type Draft = NonNullable<SerializeFrom<typeof staffQuotePage>["draft"]>;
type DraftLine = Draft["lines"][number];

/** What the editor's controls hold, by name (Conform's `lines[0].name`, `new.unitPrice`…). */
interface LineValues {
  priceItemId: string;
  itemKey: string;
  unitPriceBaseMinor: string;
  included: string;
  name: string;
  category: string;
  unit: string;
  quantity: string;
  unitPrice: string;
  discount: string;
  taxRule: string;
  remove: string;
}
interface DraftValues extends Record<string, unknown> {
  currency: string;
  validUntil: string;
  depositPercent: string;
  balanceDueDays: string;
  note: string;
  lines: LineValues[];
  new: LineValues;
}

const NEW_LINE = {
  included: "on",
  category: "OTHER",
  unit: "ITEM",
  quantity: "1",
  discount: "0",
  taxRule: "EXEMPT",
};
const LINE_FIELDS = ["included", "name", "category", "unit", "quantity", "unitPrice", "discount"];

function defaultsOf(draft: Draft) {
  return {
    currency: draft.currency,
    validUntil: draft.validUntil ? new Date(draft.validUntil).toISOString().slice(0, 10) : "",
    depositPercent: String(draft.depositBp / 100),
    balanceDueDays: String(draft.balanceDueDays),
    note: draft.note ?? "",
    lines: draft.lines.map((l) => ({
      included: l.included ? "on" : undefined,
      name: l.name,
      category: l.category,
      unit: l.unit,
      quantity: String(l.quantity),
      unitPrice: minorToInput(l.unitPriceMinor, draft.currency),
      discount: String(l.discountBp / 100),
      taxRule: l.taxRule,
    })),
    new: NEW_LINE,
  };
}

export function DraftEditor({
  draft,
  formKey,
  reply,
  patientLanguage,
  untranslated,
  currencies = QUOTE_CURRENCIES,
}: {
  draft: Draft;
  formKey: string;
  reply: FormReply | undefined;
  /** The language the case's patient reads, and the lines with no name in it (ADR 024). */
  patientLanguage: string;
  untranslated: string[];
  /** The currencies a quote may be issued in (the clinic's settings); the draft's own stays. */
  currencies?: readonly string[];
}) {
  const { t, i18n } = useTranslation("finance");
  const lng = i18n.language;
  const busy = useNavigation().state !== "idle";
  const { form, fields, done, props } = useAppForm<DraftValues>("draft", reply, defaultsOf(draft));
  const rows = fields.lines.getFieldList();
  const added = fields.new;
  // Labels for the list of problems, in the order of the page.
  const labels: Record<string, string> = {
    currency: t("quote.currency"),
    validUntil: t("staff.validUntil"),
    depositPercent: t("staff.depositPercent"),
    balanceDueDays: t("staff.balanceDueDays"),
    note: t("staff.note"),
  };
  const order = Object.keys(labels);
  const lineLabels = (meta: FieldMetadata<LineValues>, who: string) => {
    for (const f of LINE_FIELDS) {
      const name = `${meta.name}.${f}`;
      order.push(name);
      labels[name] = `${t(`staff.line${f[0]!.toUpperCase()}${f.slice(1)}`)} (${who})`;
    }
  };
  rows.forEach((row, i) => lineLabels(row, draft.lines[i]?.name ?? String(i + 1)));
  lineLabels(added, t("staff.addLine"));
  const money = (minor: number) => formatMoney(minor, draft.currency, lng);
  return (
    <section className="card" aria-labelledby="draft-h">
      <h2 id="draft-h">{t("staff.editDraft", { version: draft.version })}</h2>
      <p className="small muted">{t("staff.draftHint")}</p>
      {untranslated.length ? (
        <p className="notice warn">
          {t("staff.linesUntranslated", {
            count: untranslated.length,
            language: languageName(patientLanguage, lng),
          })}
        </p>
      ) : null}
      <FormDone message={done} />
      <ProblemList form={form} fields={order} labels={labels} />
      <Form method="post" {...props}>
        <FormErrors form={form} />
        <FormKey value={formKey} />
        <input type="hidden" name="quoteId" value={draft.id} />
        <div className="grid-4">
          <FormField meta={fields.currency} label={t("quote.currency")}>
            {(p) => (
              <select {...p}>
                <Options
                  values={
                    currencies.includes(draft.currency)
                      ? currencies
                      : [draft.currency, ...currencies]
                  }
                />
              </select>
            )}
          </FormField>
          <FormField meta={fields.validUntil} label={t("staff.validUntil")}>
            {(p) => <input {...p} type="date" />}
          </FormField>
          <FormField meta={fields.depositPercent} label={t("staff.depositPercent")}>
            {(p) => <input {...p} inputMode="decimal" />}
          </FormField>
          <FormField meta={fields.balanceDueDays} label={t("staff.balanceDueDays")}>
            {(p) => <input {...p} inputMode="numeric" />}
          </FormField>
        </div>
        {/* Fits the page at 1024 px; on a phone each line is a card (app.css); anything wider
            still scrolls inside this box, never the page. */}
        <div className="table-wrap">
          <table className="table editor lines-editor">
            <caption>{t("staff.lines")}</caption>
            <thead>
              <tr>
                {[...LINE_FIELDS, "tax", "total", "remove"].map((f) => (
                  <th key={f} scope="col">
                    {t(`staff.line${f[0]!.toUpperCase()}${f.slice(1)}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) =>
                draft.lines[i] ? (
                  <LineRow
                    key={row.key}
                    meta={row}
                    line={draft.lines[i]!}
                    total={money(draft.lines[i]!.totalMinor)}
                    missing={
                      untranslated.includes(draft.lines[i]!.id) ? [patientLanguage] : undefined
                    }
                  />
                ) : null,
              )}
              <LineRow meta={added} line={null} total="" />
            </tbody>
          </table>
        </div>
        <p className="small muted">{t("staff.addLine")}</p>
        <FormField meta={fields.note} label={t("staff.note")}>
          {(p) => <textarea {...p} rows={2} maxLength={TEXT_MAX} />}
        </FormField>
        <p className="small">
          {t("staff.totals", {
            gross: money(draft.grossMinor),
            discount: money(draft.discountMinor),
            tax: money(draft.taxMinor),
            total: money(draft.totalMinor),
            deposit: money(draft.depositMinor),
          })}
        </p>
        <LanguageCheck
          form="draft"
          reply={reply}
          intent="issue"
          label={t("common:language.issueAnyway")}
        />
        <div className="actions">
          <button type="submit" name="intent" value="draft" className="button" disabled={busy}>
            {t("staff.save")}
          </button>
          <button
            type="submit"
            name="intent"
            value="issue"
            className="button primary"
            disabled={busy}
          >
            {t("staff.issue")}
          </button>
        </div>
      </Form>
    </section>
  );
}

/** A label read by assistive technology only: the column says it for sighted readers. */
const Hidden = ({ children }: { children: ReactNode }) => (
  <span className="visually-hidden">{children}</span>
);

/** One line of the draft, or (line null) the row that adds one. */
function LineRow({
  meta,
  line,
  total,
  missing,
}: {
  meta: FieldMetadata<LineValues>;
  line: DraftLine | null;
  total: string;
  /** The patient's language, when this line has no name in it. */
  missing?: string[];
}) {
  const { t } = useTranslation("finance");
  const f = meta.getFieldset();
  const who = line ? line.name : t("staff.addLine");
  const label = (field: string) => <Hidden>{`${t(`staff.line${field}`)} (${who})`}</Hidden>;
  const checkbox = (m: FieldMetadata<string>, text: ReactNode) => (
    <FormField meta={m} label={text}>
      {({ defaultValue: _typed, ...p }) => (
        <input {...p} type="checkbox" defaultChecked={m.initialValue === "on"} />
      )}
    </FormField>
  );
  return (
    <tr className={line ? undefined : "new-line"}>
      <td data-label={t("staff.lineIncluded")}>
        {line ? (
          <>
            <input type="hidden" name={f.priceItemId.name} value={line.priceItemId ?? ""} />
            <input type="hidden" name={f.itemKey.name} value={line.itemKey ?? ""} />
            <input type="hidden" name={f.unitPriceBaseMinor.name} value={line.unitPriceBaseMinor} />
          </>
        ) : null}
        {checkbox(f.included, label("Included"))}
      </td>
      <td data-label={t("staff.lineName")}>
        <FormField
          meta={f.name}
          label={
            <Hidden>
              {line ? `${t("staff.lineName")} ${line.position + 1}` : t("staff.addLine")}
            </Hidden>
          }
        >
          {(p) => <input {...p} maxLength={200} />}
        </FormField>
        {missing ? <MissingLanguages missing={missing} patient /> : null}
      </td>
      <td data-label={t("staff.lineCategory")}>
        <FormField meta={f.category} label={label("Category")}>
          {(p) => (
            <select {...p}>
              <Options values={CATEGORIES} labels="category" />
            </select>
          )}
        </FormField>
      </td>
      <td data-label={t("staff.lineUnit")}>
        <FormField meta={f.unit} label={label("Unit")}>
          {(p) => (
            <select {...p}>
              <Options values={UNITS} labels="unit" />
            </select>
          )}
        </FormField>
      </td>
      <td data-label={t("staff.lineQuantity")}>
        <FormField meta={f.quantity} label={label("Quantity")}>
          {(p) => <input {...p} inputMode="numeric" size={4} />}
        </FormField>
      </td>
      <td data-label={t("staff.lineUnitPrice")}>
        <FormField meta={f.unitPrice} label={label("UnitPrice")}>
          {(p) => <input {...p} inputMode="decimal" size={10} />}
        </FormField>
      </td>
      <td data-label={t("staff.lineDiscount")}>
        <FormField meta={f.discount} label={label("Discount")}>
          {(p) => <input {...p} inputMode="decimal" size={5} />}
        </FormField>
      </td>
      <td data-label={t("staff.lineTax")}>
        <FormField meta={f.taxRule} label={label("Tax")}>
          {(p) => (
            <select {...p}>
              <Options values={Object.keys(TAX_RULES)} labels="tax" />
            </select>
          )}
        </FormField>
      </td>
      <td className="num" data-label={t("staff.lineTotal")}>
        {total}
      </td>
      <td data-label={t("staff.lineRemove")}>
        {line ? checkbox(f.remove, label("Remove")) : null}
      </td>
    </tr>
  );
}
