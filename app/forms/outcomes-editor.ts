/**
 * The outcome set editor's forms (staff.catalogue_.$programmeId.outcomes): one form saves
 * the whole draft (every PROM, lab marker and follow-up as rows "proms[i].…", "markers[i].…",
 * "schedule[i].…"; a row ticked "remove" is dropped, the empty row at the end of each list
 * adds one), and two confirmed buttons publish or discard the draft. Works without
 * JavaScript. Each rule's message is a translation key (aftercare:editor.errors.*).
 */
import { z } from "zod";
import {
  markerSchema,
  MAX_MARKERS,
  MAX_PROMS,
  MAX_SCHEDULE,
  promSchema,
  scheduleSchema,
  typedNumber,
  type Outcomes,
} from "~/lib/outcomes";

const E = (key: string) => `aftercare:editor.errors.${key}`;

/** A row: null when ticked "remove", or when it is the empty row for a new entry. */
function row<S extends z.ZodType>(schema: S, filled: (raw: Record<string, unknown>) => boolean) {
  return z.preprocess((raw) => {
    if (!raw || typeof raw !== "object") return null;
    const r = raw as Record<string, unknown>;
    if (r.remove === "on") return null;
    if (r.new === "1" && !filled(r)) return null;
    return r;
  }, schema.nullable());
}

const has = (v: unknown) => typeof v === "string" && v.trim() !== "";

const PromRow = row(
  promSchema(typedNumber(true), typedNumber(false)),
  (r) => has(r.key) || has(r.min) || has(r.max),
);
const MarkerRow = row(
  markerSchema(typedNumber(true), typedNumber(false)),
  (r) => has(r.key) || has(r.unit),
);
const ScheduleRow = row(scheduleSchema, (r) => has(r.duration));

/** The same key twice in one list: the second is refused where it was typed. */
function unique(
  rows: ({ key?: string; duration?: string } | null)[],
  field: "key" | "duration",
  list: string,
  ctx: z.core.$RefinementCtx<unknown>,
) {
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    const k = r?.[field];
    if (!k) return;
    if (seen.has(k))
      ctx.addIssue({ code: "custom", message: E("duplicate"), path: [list, i, field] });
    seen.add(k);
  });
}

export const SaveOutcomesForm = z
  .object({
    intent: z.literal("save"),
    proms: z
      .array(PromRow)
      .max(MAX_PROMS + 1, E("tooMany"))
      .optional()
      .default([]),
    markers: z
      .array(MarkerRow)
      .max(MAX_MARKERS + 1, E("tooMany"))
      .optional()
      .default([]),
    schedule: z
      .array(ScheduleRow)
      .max(MAX_SCHEDULE + 1, E("tooMany"))
      .optional()
      .default([]),
  })
  .superRefine((v, ctx) => {
    unique(v.proms, "key", "proms", ctx);
    unique(v.markers, "key", "markers", ctx);
    unique(v.schedule, "duration", "schedule", ctx);
    if (v.proms.filter(Boolean).length === 0)
      ctx.addIssue({ code: "custom", message: E("noProms"), path: ["proms"] });
    if (v.schedule.filter(Boolean).length === 0)
      ctx.addIssue({ code: "custom", message: E("noSchedule"), path: ["schedule"] });
  });

/** The draft's content from a valid save: the rows kept, in their order. */
export function contentOf(v: z.output<typeof SaveOutcomesForm>): Outcomes {
  return {
    proms: v.proms.filter((p) => p !== null),
    markers: v.markers.filter((m) => m !== null),
    schedule: v.schedule.filter((s) => s !== null),
  } as Outcomes;
}

const Publish = z.object({ intent: z.literal("publish") });
const Discard = z.object({ intent: z.literal("discard") });

export const OutcomesEditorForm = z.discriminatedUnion(
  "intent",
  [SaveOutcomesForm, Publish, Discard],
  {
    error: "common:form.malformed",
  },
);

/** The form's values from a set: every number as text, an empty row at the end of each list. */
export function editorValues(o: Outcomes) {
  const text = (n: number | undefined) => (n === undefined ? "" : String(n));
  return {
    proms: [
      ...o.proms.map((p) => ({
        key: p.key,
        label: p.label,
        min: text(p.min),
        max: text(p.max),
        step: text(p.step),
        worse: p.worse,
        threshold: text(p.threshold),
        zeroBaseline: p.zeroBaseline ? "on" : "",
      })),
      { new: "1", worse: "up", step: "1" },
    ],
    markers: [
      ...o.markers.map((m) => ({
        key: m.key,
        name: m.name,
        unit: m.unit,
        worse: m.worse,
        min: text(m.min),
        max: text(m.max),
        plausibleLow: text(m.plausibleLow),
        plausibleHigh: text(m.plausibleHigh),
        referenceLow: text(m.referenceLow),
        referenceHigh: text(m.referenceHigh),
        threshold: text(m.threshold),
      })),
      { new: "1", worse: "up" },
    ],
    schedule: [...o.schedule.map((s) => ({ duration: s.duration, label: s.label })), { new: "1" }],
  };
}

export type EditorValues = ReturnType<typeof editorValues>;
