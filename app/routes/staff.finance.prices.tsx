/**
 * The price list per programme, each item's name in every language (ADR 024; a marker says
 * which are missing), and the exchange rates quotes convert with. Finance and admins edit them; an issued quote keeps its own copies of every price and its rate, so a
 * change here never alters it. Every change is audited.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  Form,
  useActionData,
  useLoaderData,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ExchangeRates, ItemNames, PriceItems } from "~/components/finance/price-list";
import type { FormReply } from "~/components/form";
import { useRowText } from "~/components/translated";
import { priceListForm } from "~/forms/prices";
import { textsOf } from "~/forms/translations";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { FormReplay, newFormKey, readSubmission, replayReply } from "~/infra/forms.server";
import { clientIp } from "~/infra/request.server";
import { translatedTitle } from "~/lib/meta";
import { missingLocales, parseTexts } from "~/lib/translated";
import { notFound, requirePermission } from "~/models/auth/auth.server";
import { readSeen, savePriceItemNames } from "~/models/catalogue/catalogue.server";
import {
  baseCurrency,
  priceListPage,
  PriceListError,
  savePriceItems,
  saveRates,
} from "~/models/finance/finance.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["enquiry", "portal", "finance"] };

export const meta: MetaFunction = ({ matches }) =>
  translatedTitle(matches, "finance:staff.pricesTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "finance:read");
  const programmeId = new URL(request.url).searchParams.get("programme");
  const page = await priceListPage(programmeId);
  return {
    ...page,
    // Each item's name in every language, and the languages it has none in yet.
    items: page.items.map(({ translations, ...item }) => {
      const texts = parseTexts(translations, ["name"] as const);
      return { ...item, texts, missing: missingLocales(texts, ["name"] as const) };
    }),
    timeZone: user.timeZone,
    formKey: newFormKey(),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "price-list:write");
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["finance", "common", "enquiry"]);
  const { submission, sent } = await readSubmission(
    request,
    priceListForm(baseCurrency(), locale),
    t,
  );
  const intent = submission.payload.intent;
  const form =
    intent === "rates"
      ? "rates"
      : intent === "names"
        ? `names-${String(submission.payload.itemId ?? "")}`
        : "items";
  const answer = (status: number, reply: Omit<FormReply, "form">) =>
    data<FormReply>({ form, ...reply }, { status });
  if (submission.status !== "success") return answer(400, { result: submission.reply() });

  const input = submission.value;
  const actor = { id: user.id, ip: clientIp(context) };
  const saved = (message: string) =>
    answer(200, { result: submission.reply({ resetForm: true }), done: t(message) });
  if (input.intent === "rates") {
    const typed = input.rates.flatMap((r) =>
      r.rate ? [{ currency: r.currency, rate: r.rate }] : [],
    );
    await saveRates(typed, actor);
    return saved("staff.ratesSaved");
  }
  if (input.intent === "names") {
    const names = await savePriceItemNames(
      input.itemId,
      { texts: textsOf(input, ["name"] as const), seen: readSeen(submission.payload) },
      actor,
    );
    if (!names.found) notFound();
    if (names.conflicts.length)
      return answer(409, {
        result: submission.reply({ formErrors: [t("common:translations.conflict")] }),
      });
    return saved(names.changed.length ? "staff.namesSaved" : "staff.namesUnchanged");
  }
  const items = input.items.map((item) => ({
    id: item.id,
    name: item.name,
    unitPriceMinor: item.price,
    taxRule: item.tax,
    defaultQuantity: item.quantity,
    includedByDefault: item.included,
    active: item.active,
  }));
  const added = input.new
    ? {
        key: input.new.key,
        name: input.new.name,
        category: input.new.category,
        unit: input.new.unit,
        unitPriceMinor: input.new.price,
        taxRule: input.new.tax,
        defaultQuantity: input.new.quantity,
        includedByDefault: input.new.included,
        active: true,
      }
    : null;
  try {
    await savePriceItems(input.programmeId, items, added, actor, sent);
  } catch (error) {
    if (error instanceof FormReplay) {
      return answer(409, { result: replayReply(submission, error, t) });
    }
    if (error instanceof PriceListError) {
      if (error.code === "not_found") notFound();
      const message = [t(error.key)];
      return answer(409, {
        result: submission.reply(
          error.field ? { fieldErrors: { [error.field]: message } } : { formErrors: message },
        ),
      });
    }
    throw error;
  }
  return saved("staff.itemSaved");
}

/** After a refusal that may reflect a change made elsewhere: reload, with a fresh form key. */
export const shouldRevalidate: ShouldRevalidateFunction = ({
  actionStatus,
  defaultShouldRevalidate,
}) => actionStatus === 409 || defaultShouldRevalidate;

export default function PriceList() {
  const { t } = useTranslation("finance");
  const { programmes, chosen, items, base, rates, timeZone, formKey } =
    useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const nameOf = useRowText();
  return (
    <div>
      <h1>{t("staff.pricesTitle")}</h1>
      <p className="muted">{t("staff.pricesIntro", { base })}</p>
      <Form method="get" className="inline">
        <label htmlFor="programme">{t("staff.programme")}</label>{" "}
        <select id="programme" name="programme" defaultValue={chosen?.id}>
          {programmes.map((p) => (
            <option key={p.id} value={p.id}>
              {nameOf(p, "name")}
            </option>
          ))}
        </select>{" "}
        <button type="submit" className="button">
          {t("staff.programmeShow")}
        </button>
      </Form>
      {chosen ? (
        <PriceItems
          key={chosen.id}
          programme={chosen}
          items={items}
          base={base}
          formKey={formKey}
          reply={reply}
        />
      ) : null}
      {chosen ? <ItemNames key={`names-${chosen.id}`} items={items} reply={reply} /> : null}
      <ExchangeRates rates={rates} base={base} timeZone={timeZone} reply={reply} />
    </div>
  );
}
