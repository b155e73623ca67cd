/**
 * The price list per programme, and the exchange rates quotes convert with. Finance and
 * admins edit both; an issued quote keeps its own copies of every price and its rate, so a
 * change here never alters it. Every change is audited.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Options } from "~/components/quote";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { formatDate, formatMoney } from "~/lib/format";
import { CATEGORIES, UNITS } from "~/lib/quote-view";
import { translatedTitle } from "~/lib/meta";
import {
  isRate,
  isTaxRule,
  maxUnitPriceMinor,
  minorToInput,
  parseUnitPrice,
  TAX_RULES,
} from "~/lib/money";
import { clientIp } from "~/infra/request.server";
import { notFound, requirePermission } from "~/models/auth/auth.server";
import {
  priceListPage,
  savePriceItems,
  saveRates,
  type PriceItemInput,
} from "~/models/finance/finance.server";
import { db } from "~/db.server";

export const meta: MetaFunction = ({ matches }) =>
  translatedTitle(matches, "finance:staff.pricesTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "finance:read");
  const programmeId = new URL(request.url).searchParams.get("programme");
  return { ...(await priceListPage(programmeId)), timeZone: user.timeZone };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "price-list:write");
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, "finance");
  const form = await request.formData();
  const s = (name: string) => String(form.get(name) ?? "").trim();
  const typed = Object.fromEntries(
    [...form.entries()].filter(([, v]) => typeof v === "string"),
  ) as Record<string, string>;
  const actor = { id: user.id, ip: clientIp(context) };
  const base = (await priceListPage(null)).base;
  const priceError = t("staff.errors.price", {
    max: formatMoney(maxUnitPriceMinor(base), base, locale),
  });
  const errors: Record<string, string> = {};
  const refuse = (form: string) =>
    data({ form, error: t("errors.invalid"), errors, done: null, typed }, { status: 400 });

  if (s("intent") === "rates") {
    const rates = [...form.keys()]
      .filter((k) => k.startsWith("rate."))
      .map((k) => ({ currency: k.slice(5), rate: s(k) }))
      .filter((r) => r.rate !== "");
    for (const r of rates)
      if (!isRate(r.rate)) errors[`rate.${r.currency}`] = t("staff.errors.rate");
    if (Object.keys(errors).length) return refuse("rates");
    await saveRates(rates, actor);
    return data({ form: "rates", error: null, errors, done: t("staff.ratesSaved"), typed: {} });
  }

  const programmeId = s("programmeId");
  if (!programmeId) return refuse("items");
  if (!(await db.programme.findUnique({ where: { id: programmeId }, select: { id: true } }))) {
    notFound();
  }
  const items = await db.priceItem.findMany({ where: { programmeId }, select: { id: true } });
  const rows: PriceItemInput[] = [];
  for (const { id } of items) {
    if (!form.has(`${id}.name`)) continue;
    const price = parseUnitPrice(s(`${id}.price`), base);
    const quantity = Number(s(`${id}.quantity`));
    if (!s(`${id}.name`)) errors[`${id}.name`] = t("staff.errors.name");
    if (price === null) errors[`${id}.price`] = priceError;
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > 999) {
      errors[`${id}.quantity`] = t("staff.errors.quantity");
    }
    rows.push({
      id,
      name: s(`${id}.name`).slice(0, 200),
      unitPriceMinor: price ?? 0,
      taxRule: isTaxRule(s(`${id}.tax`)) ? s(`${id}.tax`) : "EXEMPT",
      defaultQuantity: quantity,
      includedByDefault: form.get(`${id}.included`) === "on",
      active: form.get(`${id}.active`) === "on",
    });
  }
  let added: Parameters<typeof savePriceItems>[2] = null;
  if (s("new.name")) {
    const key = s("new.key");
    const price = parseUnitPrice(s("new.price"), base);
    const quantity = Number(s("new.quantity") || "1");
    const taken = await db.priceItem.findFirst({
      where: { programmeId, key },
      select: { id: true },
    });
    if (!/^[a-z0-9][a-z0-9-]{1,39}$/.test(key) || taken) errors["new.key"] = t("staff.errors.key");
    if (price === null) errors["new.price"] = priceError;
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > 999) {
      errors["new.quantity"] = t("staff.errors.quantity");
    }
    const category = s("new.category");
    const unit = s("new.unit");
    added = {
      key,
      name: s("new.name").slice(0, 200),
      category: (CATEGORIES as readonly string[]).includes(category) ? category : "OTHER",
      unit: (UNITS as readonly string[]).includes(unit) ? unit : "ITEM",
      unitPriceMinor: price ?? 0,
      taxRule: isTaxRule(s("new.tax")) ? s("new.tax") : "EXEMPT",
      defaultQuantity: quantity,
      includedByDefault: form.get("new.included") === "on",
      active: true,
    };
  }
  if (Object.keys(errors).length) return refuse("items");
  await savePriceItems(programmeId, rows, added, actor);
  return data({ form: "items", error: null, errors, done: t("staff.itemSaved"), typed: {} });
}

export default function PriceList() {
  const { t, i18n } = useTranslation("finance");
  const lng = i18n.language;
  const { programmes, chosen, items, base, rates, timeZone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (result) ref.current?.focus();
  }, [result]);
  const errors: Record<string, string> = result?.errors ?? {};
  const typed = (name: string, fallback: string) =>
    (result?.typed as Record<string, string> | undefined)?.[name] ?? fallback;
  const banner = (form: string) =>
    result?.form === form ? (
      <p
        className={result.error ? "field-error" : "notice ok"}
        role={result.error ? "alert" : "status"}
        tabIndex={-1}
        ref={ref}
      >
        {result.error ?? result.done}
      </p>
    ) : null;
  const field = (name: string, label: string, fallback: string, props: object = {}) => (
    <>
      <input
        name={name}
        id={name}
        aria-label={label}
        defaultValue={typed(name, fallback)}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `${name}-err` : undefined}
        {...props}
      />
      {errors[name] ? (
        <span className="field-error" id={`${name}-err`}>
          {errors[name]}
        </span>
      ) : null}
    </>
  );
  return (
    <div>
      <h1>{t("staff.pricesTitle")}</h1>
      <p className="muted">{t("staff.pricesIntro", { base })}</p>
      <Form method="get" className="inline">
        <label htmlFor="programme">{t("staff.programme")}</label>{" "}
        <select id="programme" name="programme" defaultValue={chosen?.id}>
          {programmes.map((p) => (
            <option key={p.id} value={p.id}>
              {t(`catalogue:${p.slug}.name`, { defaultValue: p.name })}
            </option>
          ))}
        </select>{" "}
        <button type="submit" className="button">
          {t("staff.programme")}
        </button>
      </Form>
      {chosen ? (
        <section className="card" aria-labelledby="items-h">
          <h2 id="items-h">{t(`catalogue:${chosen.slug}.name`, { defaultValue: chosen.name })}</h2>
          {banner("items")}
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="items" />
            <input type="hidden" name="programmeId" value={chosen.id} />
            <table className="table editor">
              <thead>
                <tr>
                  <th scope="col">{t("staff.lineCategory")}</th>
                  <th scope="col">{t("staff.itemName")}</th>
                  <th scope="col">{t("staff.itemPrice", { currency: base })}</th>
                  <th scope="col">{t("staff.itemTax")}</th>
                  <th scope="col">{t("staff.itemQuantity")}</th>
                  <th scope="col">{t("staff.itemIncluded")}</th>
                  <th scope="col">{t("staff.itemActive")}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.id}>
                    <th scope="row">
                      {t(`category.${item.category}`)}
                      <span className="muted small block">
                        {item.key} · {t(`unit.${item.unit}`)}
                      </span>
                    </th>
                    <td>
                      {field(`${item.id}.name`, `${t("staff.itemName")} (${item.key})`, item.name, {
                        maxLength: 200,
                      })}
                    </td>
                    <td>
                      {field(
                        `${item.id}.price`,
                        `${t("staff.itemPrice", { currency: base })} (${item.key})`,
                        minorToInput(item.unitPriceMinor, base),
                        { inputMode: "decimal", size: 10 },
                      )}
                    </td>
                    <td>
                      <select
                        name={`${item.id}.tax`}
                        aria-label={`${t("staff.itemTax")} (${item.key})`}
                        defaultValue={typed(`${item.id}.tax`, item.taxRule)}
                      >
                        <Options values={Object.keys(TAX_RULES)} labels="tax" />
                      </select>
                    </td>
                    <td>
                      {field(
                        `${item.id}.quantity`,
                        `${t("staff.itemQuantity")} (${item.key})`,
                        String(item.defaultQuantity),
                        {
                          inputMode: "numeric",
                          size: 4,
                        },
                      )}
                    </td>
                    <td>
                      <input
                        type="checkbox"
                        name={`${item.id}.included`}
                        aria-label={`${t("staff.itemIncluded")} (${item.key})`}
                        defaultChecked={item.includedByDefault}
                      />
                    </td>
                    <td>
                      <input
                        type="checkbox"
                        name={`${item.id}.active`}
                        aria-label={`${t("staff.itemActive")} (${item.key})`}
                        defaultChecked={item.active}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h3>{t("staff.addItem")}</h3>
            <div className="grid-4">
              <p>
                <label htmlFor="new.key">{t("staff.itemKey")}</label>
                {field("new.key", t("staff.itemKey"), "", { maxLength: 40 })}
              </p>
              <p>
                <label htmlFor="new.name">{t("staff.itemName")}</label>
                {field("new.name", t("staff.itemName"), "", { maxLength: 200 })}
              </p>
              <p>
                <label htmlFor="new.category">{t("staff.lineCategory")}</label>
                <select
                  id="new.category"
                  name="new.category"
                  defaultValue={typed("new.category", "OTHER")}
                >
                  <Options values={CATEGORIES} labels="category" />
                </select>
              </p>
              <p>
                <label htmlFor="new.unit">{t("staff.lineUnit")}</label>
                <select id="new.unit" name="new.unit" defaultValue={typed("new.unit", "ITEM")}>
                  <Options values={UNITS} labels="unit" />
                </select>
              </p>
              <p>
                <label htmlFor="new.price">{t("staff.itemPrice", { currency: base })}</label>
                {field("new.price", t("staff.itemPrice", { currency: base }), "", {
                  inputMode: "decimal",
                })}
              </p>
              <p>
                <label htmlFor="new.tax">{t("staff.itemTax")}</label>
                <select id="new.tax" name="new.tax" defaultValue={typed("new.tax", "EXEMPT")}>
                  <Options values={Object.keys(TAX_RULES)} labels="tax" />
                </select>
              </p>
              <p>
                <label htmlFor="new.quantity">{t("staff.itemQuantity")}</label>
                {field("new.quantity", t("staff.itemQuantity"), "1", { inputMode: "numeric" })}
              </p>
              <p className="check">
                <input type="checkbox" id="new.included" name="new.included" />
                <label htmlFor="new.included">{t("staff.itemIncluded")}</label>
              </p>
            </div>
            <button type="submit" className="button primary" disabled={busy}>
              {t("staff.itemSave")}
            </button>
          </Form>
        </section>
      ) : null}
      <section className="card" aria-labelledby="rates-h">
        <h2 id="rates-h">{t("staff.ratesTitle")}</h2>
        <p className="muted">{t("staff.ratesIntro", { base })}</p>
        {banner("rates")}
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="rates" />
          <table className="table">
            <tbody>
              {rates.map((r) => (
                <tr key={r.currency}>
                  <th scope="row">
                    <label htmlFor={`rate.${r.currency}`}>
                      {t("staff.rate", { base })} {r.currency}
                    </label>
                  </th>
                  <td>
                    <input
                      id={`rate.${r.currency}`}
                      name={`rate.${r.currency}`}
                      inputMode="decimal"
                      defaultValue={typed(`rate.${r.currency}`, r.rate)}
                      aria-invalid={errors[`rate.${r.currency}`] ? true : undefined}
                      aria-describedby={
                        errors[`rate.${r.currency}`] ? `rate.${r.currency}-err` : undefined
                      }
                    />
                    {errors[`rate.${r.currency}`] ? (
                      <span className="field-error" id={`rate.${r.currency}-err`}>
                        {errors[`rate.${r.currency}`]}
                      </span>
                    ) : null}
                  </td>
                  <td className="muted small">
                    {r.updatedAt
                      ? t("staff.rateUpdated", { date: formatDate(r.updatedAt, lng, timeZone) })
                      : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="submit" className="button primary" disabled={busy}>
            {t("staff.ratesSave")}
          </button>
        </Form>
      </section>
    </div>
  );
}
