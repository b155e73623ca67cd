/**
 * The price list forms (staff.finance.prices): a programme's items with the new-item row, each
 * item's name in the other languages (ADR 024), and the exchange rates. Prices are in the base currency; the largest one is shown in the
 * reader's language, so the schema is made per request (priceListForm(base, locale)).
 */
import { z } from "zod";
import { nativeDigits } from "~/lib/digits";
import { FORM_KEY } from "~/lib/forms";
import { formatMoney } from "~/lib/format";
import {
  isRate,
  isTaxRule,
  maxUnitPriceMinor,
  parseUnitPrice,
  QUOTE_CURRENCIES,
} from "~/lib/money";
import { CATEGORIES, UNITS } from "~/lib/quote-view";
import { checkbox, formKey, lineName, recordId, wholeNumber, whenNamed } from "./quote";
import { textsShape } from "./translations";

/** A price item's name in every other language (its English is edited in the list). */
export const ITEM_NAME_MAX = 200;

/** A price-list key: lowercase letters, digits and dashes, 2 to 40 long. */
export const ITEM_KEY = /^[a-z0-9][a-z0-9-]{1,39}$/;

const E = {
  invalid: "finance:errors.invalid",
  price: "finance:staff.errors.price",
  quantity: "finance:staff.errors.quantity",
  key: "finance:staff.errors.key",
  rate: "finance:staff.errors.rate",
} as const;

const taxRule = z
  .string()
  .optional()
  .transform((v) => (v && isTaxRule(v) ? v : "EXEMPT"));

export function priceListForm(base: string, locale: string) {
  const max = formatMoney(maxUnitPriceMinor(base), base, locale);
  const price = nativeDigits(
    z
      .unknown()
      .optional()
      .transform((value, ctx) => {
        const minor = typeof value === "string" ? parseUnitPrice(value, base) : null;
        if (minor === null) {
          ctx.addIssue({ code: "custom", message: E.price, params: { max } });
          return z.NEVER;
        }
        return minor;
      }),
  );
  const Item = z.object({
    id: recordId,
    name: lineName,
    price,
    tax: taxRule,
    quantity: wholeNumber(1, 999, E.quantity),
    included: checkbox,
    active: checkbox,
  });
  const NewItem = z.object({
    key: nativeDigits(z.string({ error: E.key }).trim().regex(ITEM_KEY, E.key)),
    name: lineName,
    category: z.enum(CATEGORIES).catch("OTHER"),
    unit: z.enum(UNITS).catch("ITEM"),
    price,
    tax: taxRule,
    quantity: wholeNumber(1, 999, E.quantity, "1"),
    included: checkbox,
  });
  const ItemsForm = z.object({
    intent: z.literal("items"),
    [FORM_KEY]: formKey,
    programmeId: recordId,
    items: z.array(Item).max(500),
    new: whenNamed(NewItem),
  });
  const RatesForm = z.object({
    intent: z.literal("rates"),
    rates: z
      .array(
        z.object({
          currency: z.enum(QUOTE_CURRENCIES, { error: E.invalid }),
          rate: nativeDigits(
            z
              .string()
              .trim()
              .optional()
              .refine((v) => v === undefined || isRate(v), E.rate),
          ),
        }),
      )
      .max(QUOTE_CURRENCIES.length),
  });
  const NamesForm = z.object({
    intent: z.literal("names"),
    itemId: recordId,
    ...textsShape({ name: { max: ITEM_NAME_MAX } }, "site:admin.errors.tooLong"),
  });
  return z.discriminatedUnion("intent", [ItemsForm, RatesForm, NamesForm], { error: E.invalid });
}
