/**
 * A case's quote and payments, for staff. Finance builds the quote (a draft from the price
 * list or from the latest version, edited line by line, then issued), records payments made
 * outside Stripe and refunds. Coordinators and admins see the same page read-only. Every view
 * and change is audited.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { can } from "~/lib/permissions";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Options, QuoteDetails, QuoteDiff } from "~/components/quote";
import { db } from "~/db.server";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { formatDate, formatDateTime, formatMoney } from "~/lib/format";
import { MANUAL_METHODS, PAYMENT_KINDS, refundableOf } from "~/lib/ledger";
import { translatedTitle } from "~/lib/meta";
import {
  maxUnitPriceMinor,
  minorToInput,
  parseAmount,
  parseUnitPrice,
  QUOTE_CURRENCIES,
  TAX_RULES,
} from "~/lib/money";
import { addDays, parseDay } from "~/lib/schedule";
import { canQuote } from "~/lib/stages";
import { CATEGORIES, diffVersions, UNITS } from "~/lib/quote-view";
import { clientIp } from "~/infra/request.server";
import { TEXT_MAX } from "~/lib/review";
import { audit } from "~/infra/audit.server";
import { notFound, requirePermission } from "~/models/auth/auth.server";
import {
  accountOf,
  PaymentError,
  recordManualPayment,
  openExcessOf,
  refundExcess,
  refundPayment,
} from "~/models/finance/payments.server";
import {
  issueQuote,
  QUOTE_VIEW,
  QuoteError,
  saveDraft,
  startDraft,
  type LineInput,
} from "~/models/finance/quotes.server";

const MAX_LINES = 40;

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  translatedTitle(matches, "finance:staff.quoteTitle", data?.kase.number);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "quote:read");
  const kase = await db.case.findUnique({
    where: { id: params.caseId ?? "" },
    select: {
      id: true,
      number: true,
      stage: true,
      eligibility: true,
      language: true,
      currency: true,
      timeZone: true,
      patient: { select: { name: true } },
      programme: { select: { name: true } },
    },
  });
  await audit({
    actorId: user.id,
    action: "quote.view",
    entity: "Case",
    entityId: params.caseId ?? null,
    caseId: kase?.id ?? null,
    ip: clientIp(context),
    outcome: kase ? "success" : "error",
  });
  if (!kase) notFound();
  const quotes = await db.quote.findMany({
    where: { caseId: kase.id },
    orderBy: { version: "desc" },
    select: QUOTE_VIEW,
  });
  const draft = quotes.find((q) => q.status === "DRAFT") ?? null;
  const issued = quotes.filter((q) => q.status !== "DRAFT");
  const wanted = Number(new URL(request.url).searchParams.get("v"));
  const shownIndex = Math.max(
    0,
    issued.findIndex((q) => q.version === wanted),
  );
  const shown = issued[shownIndex] ?? null;
  const before = issued[shownIndex + 1] ?? null;
  const account = await accountOf(db, kase.id);
  const finance = can(user, "quote:write");
  return {
    kase,
    draft,
    versions: issued.map((q) => ({
      id: q.id,
      version: q.version,
      status: q.status,
      totalMinor: q.totalMinor,
      currency: q.currency,
      issuedAt: q.issuedAt,
    })),
    shown,
    diff: shown && before ? diffVersions(before, shown) : null,
    beforeCurrency: before?.currency ?? null,
    account: {
      ...account,
      payments: account.payments.map((p) => ({
        ...p,
        refundable: refundableOf(p, account.payments),
        excessOpen: openExcessOf(p, account.payments),
      })),
    },
    finance,
    quotable: canQuote(kase),
    nextVersion: (quotes[0]?.version ?? 0) + 1,
    timeZone: user.timeZone,
  };
}

type Form = "start" | "draft" | "issue" | "record" | "refund" | "refundExcess";

const percentBp = (value: string) => {
  const m = /^\s*(\d{1,3})(?:[.,](\d{1,2}))?\s*$/.exec(value);
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  return bp <= 10_000 ? bp : null;
};

/** Reads the draft editor: draft-level fields, each line (line.<i>.*) and the new line (new.*). */
function readDraft(
  form: FormData,
  t: (k: string, vars?: Record<string, string>) => string,
  lng: string,
) {
  const errors: Record<string, string> = {};
  const s = (name: string) => String(form.get(name) ?? "").trim();
  const currency = s("currency");
  const depositBp = percentBp(s("depositPercent"));
  if (depositBp === null) errors.depositPercent = t("staff.errors.deposit");
  const days = Number(s("balanceDueDays"));
  if (!Number.isInteger(days) || days < 0 || days > 180)
    errors.balanceDueDays = t("staff.errors.days");
  // A real calendar day (2026-02-30 is refused, not rolled over), from today to a year on.
  const today = new Date().toISOString().slice(0, 10);
  const lastDay = addDays(today, 365);
  const day = s("validUntil");
  const validUntil = new Date(`${day}T23:59:59Z`);
  if (!parseDay(day) || day < today || day > lastDay) {
    errors.validUntil = t("staff.errors.date", {
      min: formatDate(today, lng, "UTC"),
      max: formatDate(lastDay, lng, "UTC"),
    });
  }
  const lines: LineInput[] = [];
  const readLine = (prefix: string, required: boolean): LineInput | null => {
    const name = s(`${prefix}.name`);
    if (!name) {
      if (required) errors[`${prefix}.name`] = t("staff.errors.name");
      return null;
    }
    const quantity = Number(s(`${prefix}.quantity`));
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > 999) {
      errors[`${prefix}.quantity`] = t("staff.errors.quantity");
    }
    const priceCurrency = currency || "EUR";
    const price = parseUnitPrice(s(`${prefix}.unitPrice`), priceCurrency);
    if (price === null) {
      errors[`${prefix}.unitPrice`] = t("staff.errors.price", {
        max: formatMoney(maxUnitPriceMinor(priceCurrency), priceCurrency, lng),
      });
    }
    const discountBp = percentBp(s(`${prefix}.discount`) || "0");
    if (discountBp === null) errors[`${prefix}.discount`] = t("staff.errors.discount");
    const category = s(`${prefix}.category`);
    const unit = s(`${prefix}.unit`);
    const base = Number(s(`${prefix}.unitPriceBaseMinor`));
    return {
      priceItemId: s(`${prefix}.priceItemId`) || null,
      itemKey: s(`${prefix}.itemKey`) || null,
      category: (CATEGORIES as readonly string[]).includes(category) ? category : "OTHER",
      unit: (UNITS as readonly string[]).includes(unit) ? unit : "ITEM",
      name: name.slice(0, 200),
      included: form.get(`${prefix}.included`) === "on",
      quantity,
      unitPriceBaseMinor: Number.isSafeInteger(base) && base >= 0 ? base : (price ?? 0),
      unitPriceMinor: price ?? 0,
      discountBp: discountBp ?? 0,
      taxRule: s(`${prefix}.taxRule`),
    };
  };
  for (let i = 0; i < MAX_LINES; i++) {
    if (!form.has(`line.${i}.name`) || form.get(`line.${i}.remove`) === "on") continue;
    const line = readLine(`line.${i}`, true);
    if (line) lines.push(line);
  }
  const added = readLine("new", false);
  if (added) lines.push(added);
  return {
    errors,
    input: {
      currency,
      depositBp: depositBp ?? 0,
      balanceDueDays: days,
      validUntil,
      note: s("note").slice(0, TEXT_MAX) || null,
      lines,
    },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "quote:read");
  const caseId = params.caseId ?? "";
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, "finance");
  const actor = { id: user.id, role: user.role, ip: clientIp(context) };
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "") as Form;
  const typed = Object.fromEntries(
    [...form.entries()].filter(([, v]) => typeof v === "string"),
  ) as Record<string, string>;
  const reply = (
    body: { error?: string; errors?: Record<string, string>; done?: string },
    status = 200,
  ) =>
    data(
      {
        form: intent,
        error: body.error ?? null,
        errors: body.errors ?? {},
        done: body.done ?? null,
        typed: status === 200 ? {} : typed,
      },
      { status },
    );
  if (!can(user, "quote:write")) {
    await audit({
      actorId: user.id,
      action: `quote.${intent || "unknown"}`,
      entity: "Case",
      entityId: caseId,
      caseId,
      ip: actor.ip,
      outcome: "denied",
    });
    return reply({ error: t("errors.forbidden") }, 403);
  }
  try {
    switch (intent) {
      case "start":
        await startDraft(caseId, actor);
        return reply({});
      case "draft":
      case "issue": {
        const quoteId = String(form.get("quoteId") ?? "");
        const own = await db.quote.findFirst({
          where: { id: quoteId, caseId },
          select: { id: true },
        });
        if (!own) notFound();
        const { errors, input } = readDraft(form, t, locale);
        if (Object.keys(errors).length) {
          return reply({ error: t("errors.invalid"), errors }, 400);
        }
        const { switched } = await saveDraft(quoteId, actor, input);
        if (intent === "issue" && !switched) {
          await issueQuote(quoteId, actor);
          return reply({ done: t("staff.issued") });
        }
        return reply({ done: t(switched ? "staff.repriced" : "staff.saved") });
      }
      case "record": {
        const parsed = z
          .object({
            kind: z.enum(PAYMENT_KINDS),
            method: z.enum(MANUAL_METHODS),
            amount: z.string(),
            reference: z.string().trim().min(1).max(200),
            note: z.string().trim().max(1000).optional(),
          })
          .safeParse(typed);
        const account = await accountOf(db, caseId);
        if (!account.quote) return reply({ error: t("errors.noAcceptedQuote") }, 409);
        if (!parsed.success) {
          return reply(
            {
              error: t("errors.invalid"),
              errors: { reference: t("errors.referenceRequired") },
            },
            400,
          );
        }
        const amountMinor = parseAmount(parsed.data.amount, account.quote.currency);
        if (amountMinor === null) {
          return reply(
            { error: t("errors.amountFormat"), errors: { amount: t("errors.amountFormat") } },
            400,
          );
        }
        const { receiptNumber } = await recordManualPayment(caseId, actor, {
          ...parsed.data,
          amountMinor,
        });
        return reply({ done: t("staff.recorded", { number: receiptNumber }) });
      }
      case "refund": {
        const paymentId = String(form.get("paymentId") ?? "");
        const payment = await db.payment.findFirst({
          where: { id: paymentId, caseId },
          select: { currency: true },
        });
        if (!payment) notFound();
        const amountMinor = parseAmount(String(form.get("amount") ?? ""), payment.currency);
        const reason = String(form.get("reason") ?? "")
          .trim()
          .slice(0, 1000);
        if (amountMinor === null) {
          return reply(
            { error: t("errors.amountFormat"), errors: { amount: t("errors.amountFormat") } },
            400,
          );
        }
        if (!reason) {
          return reply(
            { error: t("errors.reasonRequired"), errors: { reason: t("errors.reasonRequired") } },
            400,
          );
        }
        const result = await refundPayment(paymentId, actor, {
          amountMinor,
          reason,
          reference:
            String(form.get("reference") ?? "")
              .trim()
              .slice(0, 200) || null,
        });
        return reply({
          done: t(result.status === "SUCCEEDED" ? "staff.refunded" : "staff.refundPending"),
        });
      }
      case "refundExcess": {
        const paymentId = String(form.get("paymentId") ?? "");
        const owned = await db.payment.count({ where: { id: paymentId, caseId } });
        if (!owned) notFound();
        const result = await refundExcess(paymentId, actor, t("staff.excessReason"));
        return reply({
          done: t(result.status === "SUCCEEDED" ? "staff.refunded" : "staff.refundPending"),
        });
      }
      default:
        return reply({ error: t("errors.invalid") }, 400);
    }
  } catch (error) {
    if (error instanceof QuoteError || error instanceof PaymentError) {
      if (error.code === "not_found") notFound();
      return reply(
        { error: t(error.key) },
        error.code === "forbidden" ? 403 : error.code === "gateway" ? 502 : 409,
      );
    }
    throw error;
  }
}

function useResult(intent: Form) {
  const result = useActionData<typeof action>();
  const ref = useRef<HTMLParagraphElement>(null);
  const mine = result && result.form === intent ? result : null;
  useEffect(() => {
    if (mine?.error || mine?.done) ref.current?.focus();
  }, [mine]);
  const banner = mine?.error ? (
    <p className="field-error" role="alert" tabIndex={-1} ref={ref} id={`${intent}-error`}>
      {mine.error}
    </p>
  ) : mine?.done ? (
    <p className="notice ok" role="status" tabIndex={-1} ref={ref}>
      {mine.done}
    </p>
  ) : null;
  return {
    banner,
    error: mine?.error ?? null,
    done: mine?.done ?? null,
    errors: mine?.errors ?? {},
    typed: (name: string, fallback: string) => mine?.typed?.[name] ?? fallback,
  };
}

function Err({ name, errors }: { name: string; errors: Record<string, string> }) {
  return errors[name] ? (
    <span className="field-error" id={`${name}-err`}>
      {errors[name]}
    </span>
  ) : null;
}

const inputProps = (name: string, errors: Record<string, string>) => ({
  name,
  id: name,
  "aria-invalid": errors[name] ? true : undefined,
  "aria-describedby": errors[name] ? `${name}-err` : undefined,
});

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function DraftEditor({ draft }: { draft: NonNullable<Data["draft"]> }) {
  const { t, i18n } = useTranslation("finance");
  const lng = i18n.language;
  const busy = useNavigation().state !== "idle";
  const { banner, errors, typed } = useResult("draft");
  const issue = useResult("issue");
  const allErrors = { ...errors, ...issue.errors };
  const v = (name: string, fallback: string) => issue.typed(name, typed(name, fallback));
  const validUntil = draft.validUntil ? new Date(draft.validUntil).toISOString().slice(0, 10) : "";
  return (
    <section className="card" aria-labelledby="draft-h">
      <h2 id="draft-h">{t("staff.editDraft", { version: draft.version })}</h2>
      <p className="small muted">{t("staff.draftHint")}</p>
      {banner}
      {/* A successful issue is reported above, with the versions: this editor is gone by then. */}
      {issue.error ? issue.banner : null}
      <Form method="post" noValidate>
        <input type="hidden" name="quoteId" value={draft.id} />
        <div className="grid-4">
          <p>
            <label htmlFor="currency">{t("quote.currency")}</label>
            <select
              {...inputProps("currency", allErrors)}
              defaultValue={v("currency", draft.currency)}
            >
              <Options values={QUOTE_CURRENCIES} />
            </select>
          </p>
          <p>
            <label htmlFor="validUntil">{t("staff.validUntil")}</label>
            <input
              type="date"
              {...inputProps("validUntil", allErrors)}
              defaultValue={v("validUntil", validUntil)}
            />
            <Err name="validUntil" errors={allErrors} />
          </p>
          <p>
            <label htmlFor="depositPercent">{t("staff.depositPercent")}</label>
            <input
              inputMode="decimal"
              {...inputProps("depositPercent", allErrors)}
              defaultValue={v("depositPercent", String(draft.depositBp / 100))}
            />
            <Err name="depositPercent" errors={allErrors} />
          </p>
          <p>
            <label htmlFor="balanceDueDays">{t("staff.balanceDueDays")}</label>
            <input
              inputMode="numeric"
              {...inputProps("balanceDueDays", allErrors)}
              defaultValue={v("balanceDueDays", String(draft.balanceDueDays))}
            />
            <Err name="balanceDueDays" errors={allErrors} />
          </p>
        </div>
        <table className="table editor">
          <caption>{t("staff.lines")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("staff.lineIncluded")}</th>
              <th scope="col">{t("staff.lineName")}</th>
              <th scope="col">{t("staff.lineCategory")}</th>
              <th scope="col">{t("staff.lineUnit")}</th>
              <th scope="col">{t("staff.lineQuantity")}</th>
              <th scope="col">{t("staff.lineUnitPrice")}</th>
              <th scope="col">{t("staff.lineDiscount")}</th>
              <th scope="col">{t("staff.lineTax")}</th>
              <th scope="col">{t("staff.lineTotal")}</th>
              <th scope="col">{t("staff.lineRemove")}</th>
            </tr>
          </thead>
          <tbody>
            {draft.lines.map((l, i) => (
              <LineRow
                key={l.id}
                prefix={`line.${i}`}
                line={{
                  ...l,
                  unitPrice: minorToInput(l.unitPriceMinor, draft.currency),
                  total: formatMoney(l.totalMinor, draft.currency, lng),
                }}
                errors={allErrors}
                value={v}
              />
            ))}
            <LineRow prefix="new" line={null} errors={allErrors} value={v} />
          </tbody>
        </table>
        <p className="small muted">{t("staff.addLine")}</p>
        <p>
          <label htmlFor="note">{t("staff.note")}</label>
          <textarea
            id="note"
            name="note"
            rows={2}
            maxLength={TEXT_MAX}
            defaultValue={v("note", draft.note ?? "")}
          />
        </p>
        <p className="small">
          {t("staff.totals", {
            gross: formatMoney(draft.grossMinor, draft.currency, lng),
            discount: formatMoney(draft.discountMinor, draft.currency, lng),
            tax: formatMoney(draft.taxMinor, draft.currency, lng),
            total: formatMoney(draft.totalMinor, draft.currency, lng),
            deposit: formatMoney(draft.depositMinor, draft.currency, lng),
          })}
        </p>
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

function LineRow({
  prefix,
  line,
  errors,
  value,
}: {
  prefix: string;
  line: (NonNullable<Data["draft"]>["lines"][number] & { unitPrice: string; total: string }) | null;
  errors: Record<string, string>;
  value: (name: string, fallback: string) => string;
}) {
  const { t } = useTranslation("finance");
  const n = (f: string) => `${prefix}.${f}`;
  const label = (f: string) => `${t(`staff.line${f}`)} (${line ? line.name : t("staff.addLine")})`;
  return (
    <tr className={line ? undefined : "new-line"}>
      <td>
        {line ? (
          <>
            <input type="hidden" name={n("priceItemId")} value={line.priceItemId ?? ""} />
            <input type="hidden" name={n("itemKey")} value={line.itemKey ?? ""} />
            <input type="hidden" name={n("unitPriceBaseMinor")} value={line.unitPriceBaseMinor} />
          </>
        ) : null}
        <input
          type="checkbox"
          name={n("included")}
          aria-label={label("Included")}
          defaultChecked={line ? line.included : true}
        />
      </td>
      <td>
        <input
          {...inputProps(n("name"), errors)}
          aria-label={line ? t("staff.lineName") + ` ${line.position + 1}` : t("staff.addLine")}
          defaultValue={value(n("name"), line?.name ?? "")}
          maxLength={200}
        />
        <Err name={n("name")} errors={errors} />
      </td>
      <td>
        <select
          name={n("category")}
          aria-label={label("Category")}
          defaultValue={value(n("category"), line?.category ?? "OTHER")}
        >
          <Options values={CATEGORIES} labels="category" />
        </select>
      </td>
      <td>
        <select
          name={n("unit")}
          aria-label={label("Unit")}
          defaultValue={value(n("unit"), line?.unit ?? "ITEM")}
        >
          <Options values={UNITS} labels="unit" />
        </select>
      </td>
      <td>
        <input
          {...inputProps(n("quantity"), errors)}
          aria-label={label("Quantity")}
          inputMode="numeric"
          size={4}
          defaultValue={value(n("quantity"), String(line?.quantity ?? 1))}
        />
        <Err name={n("quantity")} errors={errors} />
      </td>
      <td>
        <input
          {...inputProps(n("unitPrice"), errors)}
          aria-label={label("UnitPrice")}
          inputMode="decimal"
          size={10}
          defaultValue={value(n("unitPrice"), line?.unitPrice ?? "")}
        />
        <Err name={n("unitPrice")} errors={errors} />
      </td>
      <td>
        <input
          {...inputProps(n("discount"), errors)}
          aria-label={label("Discount")}
          inputMode="decimal"
          size={5}
          defaultValue={value(n("discount"), line ? String(line.discountBp / 100) : "0")}
        />
        <Err name={n("discount")} errors={errors} />
      </td>
      <td>
        <select
          name={n("taxRule")}
          aria-label={label("Tax")}
          defaultValue={value(n("taxRule"), line?.taxRule ?? "EXEMPT")}
        >
          <Options values={Object.keys(TAX_RULES)} labels="tax" />
        </select>
      </td>
      <td className="num">{line?.total ?? ""}</td>
      <td>
        {line ? <input type="checkbox" name={n("remove")} aria-label={label("Remove")} /> : null}
      </td>
    </tr>
  );
}

function Payments() {
  const { t, i18n } = useTranslation("finance");
  const lng = i18n.language;
  const { kase, account, finance, timeZone } = useLoaderData<typeof loader>();
  const busy = useNavigation().state !== "idle";
  const record = useResult("record");
  const refund = useResult("refund");
  const excess = useResult("refundExcess");
  const { quote, balance } = account;
  const money = (m: number, c: string) => formatMoney(m, c, lng);
  const overpaid = account.payments.filter((p) => p.excessOpen > 0);
  return (
    <section className="card" aria-labelledby="pay-h">
      <h2 id="pay-h">{t("staff.account")}</h2>
      {quote ? (
        <p>
          {t("staff.accountLine", {
            total: money(quote.totalMinor, quote.currency),
            paid: money(balance.paidMinor, quote.currency),
            refunded: money(balance.refundedMinor, quote.currency),
            outstanding: money(balance.outstandingMinor, quote.currency),
            depositDue: money(balance.depositDueMinor, quote.currency),
          })}
        </p>
      ) : (
        <p className="muted">{t("staff.noAccepted")}</p>
      )}
      {refund.banner}
      {excess.banner}
      {overpaid.map((p) => (
        <div key={p.id} className="notice warn" role="alert">
          <p>
            {t("staff.excess", {
              receipt: p.receiptNumber ?? "",
              amount: money(p.excessOpen, p.currency),
            })}
          </p>
          {finance ? (
            <Form method="post">
              <input type="hidden" name="intent" value="refundExcess" />
              <input type="hidden" name="paymentId" value={p.id} />
              <button type="submit" className="button" disabled={busy}>
                {t("staff.refundExcess", { amount: money(p.excessOpen, p.currency) })}
              </button>
            </Form>
          ) : null}
        </div>
      ))}
      {account.payments.length ? (
        <table className="table">
          <caption>{t("staff.payments")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("staff.date")}</th>
              <th scope="col">{t("staff.kind")}</th>
              <th scope="col">{t("staff.method")}</th>
              <th scope="col" className="num">
                {t("staff.amount")}
              </th>
              <th scope="col">{t("staff.status")}</th>
              <th scope="col">{t("staff.reference")}</th>
              <th scope="col">{t("staff.receipt")}</th>
              {finance ? <th scope="col">{t("staff.refundTitle")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {account.payments.map((p) => (
              <tr key={p.id}>
                <td>{formatDateTime(p.paidAt ?? p.createdAt, lng, timeZone, "short")}</td>
                <td>{t(`kind.${p.kind}`)}</td>
                <td>{t(`method.${p.method}`)}</td>
                <td className="num">{money(p.amountMinor, p.currency)}</td>
                <td>{t(`paymentStatus.${p.status}`)}</td>
                <td>{p.reference ?? p.note ?? ""}</td>
                <td>
                  {p.receiptNumber ? (
                    <a href={`/staff/cases/${kase.id}/receipts/${p.id}/pdf`}>{p.receiptNumber}</a>
                  ) : null}
                </td>
                {finance ? (
                  <td>
                    {p.refundable > 0 ? (
                      <details>
                        <summary>{t("staff.refund")}</summary>
                        <Form method="post" noValidate className="stack">
                          <input type="hidden" name="intent" value="refund" />
                          <input type="hidden" name="paymentId" value={p.id} />
                          <label htmlFor={`amount-${p.id}`}>
                            {t("staff.refundAmount", { max: money(p.refundable, p.currency) })}
                          </label>
                          <input
                            id={`amount-${p.id}`}
                            name="amount"
                            inputMode="decimal"
                            defaultValue={minorToInput(p.refundable, p.currency)}
                          />
                          <label htmlFor={`reason-${p.id}`}>{t("staff.refundReason")}</label>
                          <input id={`reason-${p.id}`} name="reason" maxLength={1000} />
                          <label htmlFor={`ref-${p.id}`}>{t("staff.refundReference")}</label>
                          <input
                            id={`ref-${p.id}`}
                            name="reference"
                            maxLength={200}
                            aria-describedby={`ref-hint-${p.id}`}
                          />
                          <span className="small muted" id={`ref-hint-${p.id}`}>
                            {t("staff.refundReferenceHint")}
                          </span>
                          <button type="submit" className="button" disabled={busy}>
                            {t("staff.refund")}
                          </button>
                        </Form>
                      </details>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {finance && quote ? (
        <Form method="post" noValidate className="stack">
          <h3>{t("staff.recordTitle")}</h3>
          {record.banner}
          <input type="hidden" name="intent" value="record" />
          <div className="grid-4">
            <p>
              <label htmlFor="kind">{t("staff.recordKind")}</label>
              <select
                id="kind"
                name="kind"
                defaultValue={record.typed(
                  "kind",
                  balance.depositDueMinor > 0 ? "DEPOSIT" : "BALANCE",
                )}
              >
                <Options values={PAYMENT_KINDS} labels="kind" />
              </select>
            </p>
            <p>
              <label htmlFor="method">{t("staff.recordMethod")}</label>
              <select
                id="method"
                name="method"
                defaultValue={record.typed("method", "BANK_TRANSFER")}
              >
                <Options values={MANUAL_METHODS} labels="method" />
              </select>
            </p>
            <p>
              <label htmlFor="amount">
                {t("staff.recordAmount", { currency: quote.currency })}
              </label>
              <input
                {...inputProps("amount", record.errors)}
                inputMode="decimal"
                defaultValue={record.typed(
                  "amount",
                  minorToInput(
                    balance.depositDueMinor > 0
                      ? balance.depositDueMinor
                      : Math.max(0, balance.outstandingMinor),
                    quote.currency,
                  ),
                )}
              />
              <Err name="amount" errors={record.errors} />
            </p>
            <p>
              <label htmlFor="reference">{t("staff.recordReference")}</label>
              <input
                {...inputProps("reference", record.errors)}
                maxLength={200}
                defaultValue={record.typed("reference", "")}
              />
              <Err name="reference" errors={record.errors} />
            </p>
          </div>
          <p>
            <label htmlFor="payment-note">{t("staff.recordNote")}</label>
            <input
              id="payment-note"
              name="note"
              maxLength={1000}
              defaultValue={record.typed("note", "")}
            />
          </p>
          <button type="submit" className="button" disabled={busy}>
            {t("staff.record")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

export default function StaffQuote() {
  const { t, i18n } = useTranslation("finance");
  const lng = i18n.language;
  const {
    kase,
    draft,
    versions,
    shown,
    diff,
    beforeCurrency,
    finance,
    quotable,
    nextVersion,
    timeZone,
  } = useLoaderData<typeof loader>();
  const busy = useNavigation().state !== "idle";
  const start = useResult("start");
  const issued = useResult("issue");
  return (
    <div className="staff-quote">
      <p>
        <Link to={`/staff/cases/${kase.id}`}>← {t("staff.backToCase")}</Link>
      </p>
      <h1>{t("staff.quoteTitle", { caseNumber: kase.number })}</h1>
      <p className="muted">
        {kase.patient.name} · {kase.programme.name} · {t(`stages:stage.${kase.stage}`)}
      </p>
      {!finance ? <p className="notice">{t("staff.readOnly")}</p> : null}

      <section className="card" aria-labelledby="versions-h">
        <h2 id="versions-h">{t("staff.versions")}</h2>
        {issued.done ? issued.banner : null}
        {versions.length === 0 ? <p className="muted">{t("staff.noVersions")}</p> : null}
        {versions.length ? (
          <table className="table">
            <tbody>
              {versions.map((q) => (
                <tr key={q.id}>
                  <th scope="row">
                    {q.id === shown?.id ? (
                      <strong aria-current="true">
                        {t("quote.version", { version: q.version })}
                      </strong>
                    ) : (
                      <Link to={`?v=${q.version}`}>
                        {t("quote.version", { version: q.version })}
                      </Link>
                    )}
                  </th>
                  <td>{t(`status.${q.status}`)}</td>
                  <td className="num">{formatMoney(q.totalMinor, q.currency, lng)}</td>
                  <td>{q.issuedAt ? formatDate(q.issuedAt, lng, timeZone) : ""}</td>
                  <td>
                    <a href={`/staff/cases/${kase.id}/quotes/${q.id}/pdf`}>{t("staff.pdf")}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {finance && !draft ? (
          quotable ? (
            <Form method="post">
              {start.banner}
              <input type="hidden" name="intent" value="start" />
              <button type="submit" className="button primary" disabled={busy}>
                {versions.length
                  ? t("staff.revise", { version: nextVersion })
                  : t("staff.startQuote")}
              </button>
            </Form>
          ) : (
            <p className="small muted">{t("staff.notQuotable")}</p>
          )
        ) : null}
      </section>

      {draft && finance ? <DraftEditor draft={draft} /> : null}

      {shown && diff && beforeCurrency ? (
        <QuoteDiff diff={diff} beforeCurrency={beforeCurrency} afterCurrency={shown.currency} />
      ) : null}
      {shown ? (
        <section className="card" aria-labelledby="shown-h">
          <h2 id="shown-h">
            {t("quote.version", { version: shown.version })}{" "}
            <span className="badge">{t(`status.${shown.status}`)}</span>
          </h2>
          <QuoteDetails quote={shown} timeZone={timeZone} />
        </section>
      ) : null}
      <Payments />
    </div>
  );
}
