/**
 * The price list editor (staff.finance.prices): a programme's items, each editable, with a row
 * that adds an item once it has a name (a creating form: it carries the page's key); and the
 * exchange rates quotes convert with.
 */
import type { SerializeFrom } from "@remix-run/node";
import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
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
import { RowText } from "~/components/translated";
import { LanguageFields, MissingLanguages } from "~/components/translations";
import { ITEM_NAME_MAX } from "~/forms/prices";
import { OTHER_LOCALES, textDefaults, textField } from "~/forms/translations";
import type { Locale } from "~/i18n/config";
import type { Texts } from "~/lib/translated";
import { formatDate } from "~/lib/format";
import { minorToInput, TAX_RULES } from "~/lib/money";
import { CATEGORIES, UNITS } from "~/lib/quote-view";
import type { priceListPage } from "~/models/finance/finance.server";

type Page = SerializeFrom<typeof priceListPage>;
/** An item as the page's loader gives it: with its name in each language and what is missing. */
type Item = Omit<Page["items"][number], "translations"> & {
  texts: Texts<"name">;
  missing: Locale[];
};

interface ItemValues {
  id: string;
  key: string;
  name: string;
  category: string;
  unit: string;
  price: string;
  tax: string;
  quantity: string;
  included: string;
  active: string;
}
interface ItemsValues extends Record<string, unknown> {
  items: ItemValues[];
  new: ItemValues;
}

const Hidden = ({ children }: { children: ReactNode }) => (
  <span className="visually-hidden">{children}</span>
);

function Checkbox({ meta, label }: { meta: FieldMetadata<string>; label: ReactNode }) {
  return (
    <FormField meta={meta} label={label}>
      {({ defaultValue: _typed, ...p }) => (
        <input {...p} type="checkbox" defaultChecked={meta.initialValue === "on"} />
      )}
    </FormField>
  );
}

export function PriceItems({
  programme,
  items,
  base,
  formKey,
  reply,
}: {
  programme: { id: string; name: string; slug: string };
  items: Item[];
  base: string;
  formKey: string;
  reply: FormReply | undefined;
}) {
  const { t } = useTranslation("finance");
  const busy = useNavigation().state !== "idle";
  const { form, fields, done, props } = useAppForm<ItemsValues>("items", reply, {
    items: items.map((item) => ({
      name: item.name,
      price: minorToInput(item.unitPriceMinor, base),
      tax: item.taxRule,
      quantity: String(item.defaultQuantity),
      included: item.includedByDefault ? "on" : undefined,
      active: item.active ? "on" : undefined,
    })),
    new: { category: "OTHER", unit: "ITEM", tax: "EXEMPT", quantity: "1" },
  });
  const rows = fields.items.getFieldList();
  const added = fields.new.getFieldset();
  const price = t("staff.itemPrice", { currency: base });
  const labels: Record<string, string> = {};
  rows.forEach((row, i) => {
    const key = items[i]?.key ?? String(i + 1);
    labels[`${row.name}.name`] = `${t("staff.itemName")} (${key})`;
    labels[`${row.name}.price`] = `${price} (${key})`;
    labels[`${row.name}.quantity`] = `${t("staff.itemQuantity")} (${key})`;
  });
  Object.assign(labels, {
    "new.key": t("staff.itemKey"),
    "new.name": t("staff.itemName"),
    "new.price": price,
    "new.quantity": t("staff.itemQuantity"),
  });
  const title = <RowText row={programme} field="name" />;
  return (
    <section className="card" aria-labelledby="items-h">
      <h2 id="items-h">{title}</h2>
      <FormDone message={done} />
      <ProblemList form={form} fields={Object.keys(labels)} labels={labels} />
      <Form method="post" {...props}>
        <FormErrors form={form} />
        <FormKey value={formKey} />
        <input type="hidden" name="intent" value="items" />
        <input type="hidden" name="programmeId" value={programme.id} />
        {/* The table scrolls inside its card on a narrow screen; the page itself does not. */}
        <div className="table-wrap">
          <table className="table editor">
            <thead>
              <tr>
                <th scope="col">{t("staff.lineCategory")}</th>
                <th scope="col">{t("staff.itemName")}</th>
                <th scope="col">{price}</th>
                <th scope="col">{t("staff.itemTax")}</th>
                <th scope="col">{t("staff.itemQuantity")}</th>
                <th scope="col">{t("staff.itemIncluded")}</th>
                <th scope="col">{t("staff.itemActive")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => {
                const item = items[i];
                if (!item) return null;
                const f = row.getFieldset();
                const label = (text: string) => <Hidden>{`${text} (${item.key})`}</Hidden>;
                return (
                  <tr key={item.id}>
                    <th scope="row">
                      <input type="hidden" name={f.id.name} value={item.id} />
                      {t(`category.${item.category}`)}
                      <span className="muted small block">
                        {item.key} · {t(`unit.${item.unit}`)}
                      </span>
                    </th>
                    <td>
                      <FormField meta={f.name} label={label(t("staff.itemName"))}>
                        {(p) => <input {...p} maxLength={200} />}
                      </FormField>
                      {item.missing.length ? (
                        <a href={`#item-names-${item.id}`} className="small">
                          <MissingLanguages missing={item.missing} short />
                        </a>
                      ) : null}
                    </td>
                    <td>
                      <FormField meta={f.price} label={label(price)}>
                        {(p) => <input {...p} inputMode="decimal" size={10} />}
                      </FormField>
                    </td>
                    <td>
                      <FormField meta={f.tax} label={label(t("staff.itemTax"))}>
                        {(p) => (
                          <select {...p}>
                            <Options values={Object.keys(TAX_RULES)} labels="tax" />
                          </select>
                        )}
                      </FormField>
                    </td>
                    <td>
                      <FormField meta={f.quantity} label={label(t("staff.itemQuantity"))}>
                        {(p) => <input {...p} inputMode="numeric" size={4} />}
                      </FormField>
                    </td>
                    <td>
                      <Checkbox meta={f.included} label={label(t("staff.itemIncluded"))} />
                    </td>
                    <td>
                      <Checkbox meta={f.active} label={label(t("staff.itemActive"))} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <h3>{t("staff.addItem")}</h3>
        <div className="grid-4 add-item">
          <FormField meta={added.key} label={t("staff.itemKey")}>
            {(p) => <input {...p} maxLength={40} />}
          </FormField>
          <FormField meta={added.name} label={t("staff.itemName")}>
            {(p) => <input {...p} maxLength={200} />}
          </FormField>
          <FormField meta={added.category} label={t("staff.lineCategory")}>
            {(p) => (
              <select {...p}>
                <Options values={CATEGORIES} labels="category" />
              </select>
            )}
          </FormField>
          <FormField meta={added.unit} label={t("staff.lineUnit")}>
            {(p) => (
              <select {...p}>
                <Options values={UNITS} labels="unit" />
              </select>
            )}
          </FormField>
          <FormField meta={added.price} label={price}>
            {(p) => <input {...p} inputMode="decimal" />}
          </FormField>
          <FormField meta={added.tax} label={t("staff.itemTax")}>
            {(p) => (
              <select {...p}>
                <Options values={Object.keys(TAX_RULES)} labels="tax" />
              </select>
            )}
          </FormField>
          <FormField meta={added.quantity} label={t("staff.itemQuantity")}>
            {(p) => <input {...p} inputMode="numeric" />}
          </FormField>
          <Checkbox meta={added.included} label={t("staff.itemIncluded")} />
        </div>
        <button type="submit" className="button primary" disabled={busy}>
          {t("staff.itemSave")}
        </button>
      </Form>
    </section>
  );
}

/**
 * Each item's name in the languages other than English (ADR 024), one form an item, opened
 * from the marker on its row. Patients reading a language the name is missing in see English.
 */
export function ItemNames({ items, reply }: { items: Item[]; reply: FormReply | undefined }) {
  const { t } = useTranslation("finance");
  if (!items.length) return null;
  return (
    <section className="card" aria-labelledby="names-h">
      <h2 id="names-h">{t("staff.namesTitle")}</h2>
      <p className="muted">{t("staff.namesIntro")}</p>
      {items.map((item) => (
        <ItemNameEditor key={item.id} item={item} reply={reply} />
      ))}
    </section>
  );
}

function ItemNameEditor({ item, reply }: { item: Item; reply: FormReply | undefined }) {
  const { t } = useTranslation("finance");
  const busy = useNavigation().state !== "idle";
  const shown = textDefaults(item.texts, ["name"]);
  const { form, fields, done, props } = useAppForm(`names-${item.id}`, reply, shown);
  const all = fields as unknown as Record<string, FieldMetadata<unknown>>;
  return (
    <details
      id={`item-names-${item.id}`}
      className="names-editor"
      open={Boolean(done) || Boolean(form.errors?.length) || !form.valid}
    >
      <summary>
        <bdi>{item.name}</bdi> <span className="muted small">({item.key})</span>{" "}
        <MissingLanguages missing={item.missing} />
      </summary>
      <Form method="post" {...props}>
        <FormErrors form={form} />
        <FormDone message={done} />
        <input type="hidden" name="intent" value="names" />
        <input type="hidden" name="itemId" value={item.id} />
        <LanguageFields
          seen={shown}
          locales={OTHER_LOCALES}
          missing={item.missing}
          metaOf={(f, lng) => all[textField(f, lng)]!}
          fields={[{ name: "name", label: t("staff.itemName"), max: ITEM_NAME_MAX }]}
        />
        <button type="submit" className="button primary" disabled={busy}>
          {t("staff.namesSave")}
        </button>
      </Form>
    </details>
  );
}

interface RatesValues extends Record<string, unknown> {
  rates: { currency: string; rate: string }[];
}

export function ExchangeRates({
  rates,
  base,
  timeZone,
  reply,
}: {
  rates: Page["rates"];
  base: string;
  timeZone: string;
  reply: FormReply | undefined;
}) {
  const { t, i18n } = useTranslation("finance");
  const busy = useNavigation().state !== "idle";
  const { form, fields, done, props } = useAppForm<RatesValues>("rates", reply, {
    rates: rates.map((r) => ({ currency: r.currency, rate: r.rate })),
  });
  const rows = fields.rates.getFieldList();
  return (
    <section className="card" aria-labelledby="rates-h">
      <h2 id="rates-h">{t("staff.ratesTitle")}</h2>
      <p className="muted">{t("staff.ratesIntro", { base })}</p>
      <FormDone message={done} />
      <Form method="post" {...props}>
        <FormErrors form={form} />
        <input type="hidden" name="intent" value="rates" />
        <div className="table-wrap">
          <table className="table">
            <tbody>
              {rates.map((r, i) => {
                const row = rows[i];
                if (!row) return null;
                const f = row.getFieldset();
                return (
                  <tr key={r.currency}>
                    <td>
                      <input type="hidden" name={f.currency.name} value={r.currency} />
                      <FormField
                        meta={f.rate}
                        label={
                          // The formula reads left to right in every language ("1 EUR = … USD").
                          <bdi dir="ltr">{t("staff.rate", { base, currency: r.currency })}</bdi>
                        }
                      >
                        {(p) => <input {...p} inputMode="decimal" />}
                      </FormField>
                    </td>
                    <td className="muted small">
                      {r.updatedAt
                        ? t("staff.rateUpdated", {
                            date: formatDate(r.updatedAt, i18n.language, timeZone),
                          })
                        : ""}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <button type="submit" className="button primary" disabled={busy}>
          {t("staff.ratesSave")}
        </button>
      </Form>
    </section>
  );
}
