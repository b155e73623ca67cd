/**
 * Bulk actions on the list's ticked rows: assign a coordinator, or move to a stage (with a
 * reason, which some moves need). The row checkboxes belong to this form by their `form`
 * attribute, so the table stays a table and the form works without JavaScript. The answer is
 * a summary: how many were done, and each refused case with the reason in the reader's
 * language.
 */
import { Form } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { FormErrors, useAppForm, useBusy, type FormReply } from "~/components/form";
import { BULK_REASON_MAX, type BulkForm } from "~/forms/pipeline";
import { STAGES } from "~/lib/stages";

export const BULK_FORM = "bulk";

export interface BulkReply extends FormReply {
  bulk?: {
    done: string;
    already: string | null;
    refused: { number: string; reason: string }[];
  };
}

export function BulkBar({
  coordinators,
  reply,
}: {
  coordinators: { id: string; name: string }[];
  reply: BulkReply | FormReply | undefined;
  search: string;
}) {
  const { t } = useTranslation(["common", "stages"]);
  const busy = useBusy();
  const { form, fields, props } = useAppForm<z.input<typeof BulkForm>>(BULK_FORM, reply);
  const summary = reply?.form === BULK_FORM && "bulk" in reply ? reply.bulk : undefined;
  // Once a bulk action is answered, its ticks are spent: the rows re-sort, and a tick left on a
  // case that moved would carry it into the next action unseen. Each answer is a new object.
  useEffect(() => {
    if (!summary) return;
    for (const box of document.querySelectorAll<HTMLInputElement>(
      `input[form="${BULK_FORM}"][name="ids"], .select-col input[type="checkbox"]`,
    ))
      box.checked = false;
  }, [summary]);
  const fieldError = [fields.ids, fields.coordinator, fields.to, fields.reason]
    .flatMap((f) => f.errors ?? [])
    .join(" ");
  return (
    <Form method="post" preventScrollReset className="bulk-bar" {...props} id={BULK_FORM}>
      <input type="hidden" name="intent" value="bulk" />
      <FormErrors form={form} />
      {fieldError ? (
        <p className="error-summary" role="alert">
          {fieldError}
        </p>
      ) : null}
      {summary ? (
        <div className="notice ok bulk-summary" role="status">
          <p>
            {summary.done}
            {summary.already ? ` ${summary.already}` : ""}
          </p>
          {summary.refused.length ? (
            <>
              <p>{t("cases.bulk.refused", { count: summary.refused.length })}</p>
              <ul>
                {summary.refused.map((r) => (
                  <li key={r.number}>
                    <strong>{r.number}</strong>: {r.reason}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      <fieldset className="bulk-controls">
        <legend className="visually-hidden">{t("cases.bulk.title")}</legend>
        <span className="bulk-title" aria-hidden="true">
          {t("cases.bulk.title")}
        </span>
        <div className="bulk-group">
          <label htmlFor="bulk-coordinator">{t("cases.bulk.assignTo")}</label>
          <select id="bulk-coordinator" name="coordinator" defaultValue="">
            <option value="">—</option>
            {coordinators.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <button type="submit" name="op" value="assign" disabled={busy}>
            {t("cases.bulk.assign")}
          </button>
        </div>
        <div className="bulk-group">
          <label htmlFor="bulk-to">{t("cases.bulk.moveTo")}</label>
          <select id="bulk-to" name="to" defaultValue="">
            <option value="">—</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {t(`stages:stage.${s}`)}
              </option>
            ))}
          </select>
          <label htmlFor="bulk-reason" className="visually-hidden">
            {t("cases.bulk.reason")}
          </label>
          <input
            id="bulk-reason"
            name="reason"
            maxLength={BULK_REASON_MAX}
            placeholder={t("cases.bulk.reason")}
            autoComplete="off"
          />
          <button type="submit" name="op" value="move" disabled={busy}>
            {t("cases.bulk.move")}
          </button>
        </div>
      </fieldset>
    </Form>
  );
}
