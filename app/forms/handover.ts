/**
 * The handover forms (issue 25): the clinician's pack on the staff aftercare page (rows of
 * medication at discharge, instructions, warning signs), the patient's share links on the
 * portal aftercare page, and the home doctor's lab value through a share link. Numbers and
 * dates are read through the one native-digit normalisation (app/lib/digits). Messages are
 * translation keys.
 */
import { z } from "zod";
import { labsFormFor, ResolveForm } from "~/forms/aftercare";
import { normalizeDigits } from "~/lib/digits";
import type { Outcomes } from "~/lib/outcomes";
import { TEXT_MAX } from "~/lib/review";
import { cleanText } from "~/lib/text";

const E = (key: string) => `handover:errors.${key}`;

/** Medication rows the clinician's form offers (filled ones, then blank ones up to this). */
export const MEDICATION_ROWS_SHOWN = 8;
export const MED_FIELD_MAX = 120;
export const LABEL_MAX = 80;
export const NAME_MAX = 120;

const short = (max: number) =>
  z
    .string()
    .optional()
    .transform((v) => cleanText(v ?? ""))
    .refine((v) => v.length <= max, { message: E("tooLong"), params: { max } });

const long = z
  .string()
  .optional()
  .transform((v) => (v ?? "").replace(/\r\n/g, "\n").trim())
  .refine((v) => v.length <= TEXT_MAX, { message: E("tooLong"), params: { max: TEXT_MAX } });

/** A calendar day as a date input sends it ("2026-06-01", native digits read as ASCII). */
const day = (required: boolean) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const s = normalizeDigits(raw ?? "").trim();
      if (!s) {
        if (required) ctx.addIssue({ code: "custom", message: E("date") });
        return null;
      }
      const ok = /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
      if (!ok || new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) !== s) {
        ctx.addIssue({ code: "custom", message: E("date") });
        return null;
      }
      return s;
    });

const medicationRow = z
  .object({
    name: short(MED_FIELD_MAX),
    dose: short(MED_FIELD_MAX),
    frequency: short(MED_FIELD_MAX),
    until: day(false),
  })
  .superRefine((r, ctx) => {
    if (!r.name && (r.dose || r.frequency || r.until)) {
      ctx.addIssue({ code: "custom", message: E("nameRequired"), path: ["name"] });
    }
  });

/** The clinician's pack; rows left empty are dropped. */
export const HandoverForm = z.object({
  intent: z.literal("handover"),
  med: z
    .array(medicationRow)
    .max(MEDICATION_ROWS_SHOWN + 20)
    .optional()
    .transform((rows) =>
      (rows ?? [])
        .filter((r) => r.name)
        .map((r) => ({ name: r.name, dose: r.dose, frequency: r.frequency, until: r.until })),
    ),
  followUpPlan: long,
  warningSigns: long,
});

/** The staff aftercare page's forms: lab values, closing a task, and the handover pack. */
export const aftercareFormFor = (o: Outcomes) =>
  z.discriminatedUnion("intent", [labsFormFor(o), ResolveForm, HandoverForm], {
    error: "common:form.malformed",
  });

/** The patient makes a link: for whom (a free label), and for how many days. */
export const ShareCreateForm = z.object({
  intent: z.literal("share"),
  label: z
    .string({ error: E("label") })
    .transform(cleanText)
    .refine((v) => v.length >= 1 && v.length <= LABEL_MAX, {
      message: E("label"),
      params: { max: LABEL_MAX },
    }),
  days: z
    .string({ error: E("days") })
    .transform((v) => Number(normalizeDigits(v).trim()))
    .refine((v) => v === 7 || v === 30 || v === 90, { message: E("days") })
    .transform((v) => v as 7 | 30 | 90),
});

export const ShareRevokeForm = z.object({
  intent: z.literal("revoke"),
  linkId: z.string({ error: "common:form.malformed" }).min(1).max(64),
});

export const ShareForm = z.discriminatedUnion("intent", [ShareCreateForm, ShareRevokeForm], {
  error: "common:form.malformed",
});

/** A decimal as typed: "1.5" or "1,5", in any digits; NaN when it is no number. */
function decimal(raw: string): number {
  const s = normalizeDigits(raw).trim().replace(",", ".");
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

/**
 * The home doctor's lab value. The marker's bounds are the outcome set's (the route passes
 * them); a value outside its plausible range needs "I have checked this value" (the model
 * checks, as staff lab entry does).
 */
export const shareLabFormFor = (markers: { key: string; min: number; max: number }[]) =>
  z
    .object({
      marker: z.string({ error: E("marker") }).refine((k) => markers.some((m) => m.key === k), {
        message: E("marker"),
      }),
      value: z.string({ error: E("value") }).transform((raw) => decimal(raw)),
      takenOn: day(true),
      doctorName: z
        .string({ error: E("doctorName") })
        .transform(cleanText)
        .refine((v) => v.length >= 1 && v.length <= NAME_MAX, {
          message: E("doctorName"),
          params: { max: NAME_MAX },
        }),
      checked: z
        .string()
        .optional()
        .transform((v) => v === "on"),
    })
    .superRefine((v, ctx) => {
      const m = markers.find((x) => x.key === v.marker);
      if (!m) return;
      if (Number.isNaN(v.value) || v.value < m.min || v.value > m.max) {
        ctx.addIssue({
          code: "custom",
          message: E("value"),
          path: ["value"],
          params: { min: m.min, max: m.max },
        });
      }
    });

export const ShareLabForm = shareLabFormFor([{ key: "crp", min: 0, max: 1000 }]);

export type HandoverInput = z.input<typeof HandoverForm>;
export type ShareCreateInput = z.input<typeof ShareCreateForm>;
export type ShareLabInput = z.input<typeof ShareLabForm>;
