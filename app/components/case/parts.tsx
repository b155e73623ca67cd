/** Small pieces shared by the staff case page's sections. */
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { FormDone, FormErrors, FormField, FormKey, useAppForm, useBusy } from "~/components/form";
import { LanguageCheck } from "~/components/language-warning";
import type { NoteForm } from "~/forms/case";
import { TEXT_MAX } from "~/lib/review";
import type { CaseCtx, CaseEvent } from "./context";

/** A submit button that waits while a form is being sent. */
export function Busy({ children, className }: { children: ReactNode; className?: string }) {
  const busy = useBusy();
  return (
    <button type="submit" className={className} disabled={busy}>
      {children}
    </button>
  );
}

/** Who wrote an event: the patient, a staff member with their role, or the platform. */
export function Author({ e, patientName }: { e: CaseEvent; patientName: string }) {
  const { t } = useTranslation();
  if (e.fromPatient) return <bdi>{patientName}</bdi>;
  if (!e.actor) return <span>{t("case.system")}</span>;
  return (
    <span>
      <bdi>{e.actor.name}</bdi> · {t(`roles.${e.actor.role}`)}
    </span>
  );
}

/**
 * A one-textarea creating form (a message, a note): its key, its errors, its success, and a
 * box that is empty again once the text was saved.
 */
export function TextForm({
  intent,
  label,
  submit,
  rows,
  ctx,
}: {
  intent: "message" | "note";
  label: string;
  submit: string;
  rows: number;
  ctx: Pick<CaseCtx, "formKey" | "reply">;
}) {
  const { form, fields, done, props } = useAppForm<z.input<typeof NoteForm>>(intent, ctx.reply);
  return (
    <Form method="post" preventScrollReset className={`${intent}-form`} {...props}>
      <FormErrors form={form} />
      <FormDone message={done} focus />
      <input type="hidden" name="intent" value={intent} />
      <FormKey value={ctx.formKey} />
      <FormField meta={fields.body} label={label}>
        {({ key, ...control }) => (
          <textarea key={key} {...control} rows={rows} maxLength={TEXT_MAX} required />
        )}
      </FormField>
      {intent === "message" ? <LanguageCheck form={intent} reply={ctx.reply} /> : null}
      <Busy>{submit}</Busy>
    </Form>
  );
}
