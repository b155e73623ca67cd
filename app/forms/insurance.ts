/**
 * An insurance policy on a case (issue 25): its kind, insurer, number, the days it covers
 * (calendar days, inclusive) and the procedures it names. The policy document comes with the
 * form as a file; the action checks it by content (app/infra/document-store.server.ts).
 * Coordinators add and change any kind (travel page); the patient adds their own travel
 * health insurance from the portal. Messages are translation keys (travel namespace).
 */
import { z } from "zod";
import { normalizeDigits } from "~/lib/digits";
import { POLICY_KINDS } from "~/lib/insurance";
import { parseDay } from "~/lib/schedule";
import { cleanLine } from "~/lib/text";

const E = (field: string) => `travel:insurance.errors.${field}`;

/** A calendar day (YYYY-MM-DD, native digits read as ASCII) as UTC midnight. */
const day = (message: string) =>
  z.string({ error: message }).transform((value, ctx) => {
    const parsed = parseDay(normalizeDigits(value).trim());
    if (!parsed) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return parsed;
  });

const line = (field: string, max: number) =>
  z
    .string({ error: E(field) })
    .transform((value) => cleanLine(normalizeDigits(value)))
    .pipe(z.string().min(2, E(field)).max(max, E(field)));

/** The policy's details, as both forms send them. */
const policyShape = {
  kind: z.enum(POLICY_KINDS, { error: E("kind") }),
  insurer: line("insurer", 120),
  policyNumber: line("policyNumber", 60),
  coversFrom: day(E("coversFrom")),
  coversUntil: day(E("coversUntil")),
  coveredProcedures: z
    .string()
    .optional()
    .transform((value) => (value ? cleanLine(value) : ""))
    .refine((value) => value.length <= 500, E("coveredProcedures")),
};

/** The last day covered is on or after the first: said beside "until", where it is typed. */
function untilAfterFrom(value: { coversFrom: Date; coversUntil: Date }, ctx: z.RefinementCtx) {
  if (value.coversUntil < value.coversFrom) {
    ctx.addIssue({ code: "custom", path: ["coversUntil"], message: E("untilBeforeFrom") });
  }
}

export const PolicyFields = z.object(policyShape).superRefine(untilAfterFrom);

/** The coordinator's forms on the travel page: add or change a policy, or remove one. */
export const StaffPolicyForm = z.discriminatedUnion("intent", [
  z
    .object({ intent: z.literal("savePolicy"), policyId: z.string().optional(), ...policyShape })
    .superRefine(untilAfterFrom),
  z.object({ intent: z.literal("removePolicy"), policyId: z.string() }),
]);

/** The patient's form: their travel health insurance, always with its document. */
export const PatientPolicyForm = z
  .object({ intent: z.literal("insurance"), ...policyShape })
  .superRefine(untilAfterFrom);

export type PolicyInput = z.output<typeof PolicyFields>;
export type PolicyFormInput = z.input<typeof PolicyFields>;
