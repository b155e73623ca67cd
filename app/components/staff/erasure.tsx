/** The admins' data-rights page's parts (app/routes/staff.erasure.tsx). */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { FormErrors, FormField, useAppForm, type FormReply, useBusy } from "~/components/form";
import type { EraseForm, FullCopyForm } from "~/forms/erasure";
import { formatDateTime, formatList, formatNumber } from "~/lib/format";
import type { listErasureRequests } from "~/models/privacy/data-rights.server";

type Request = Awaited<ReturnType<typeof listErasureRequests>>[number];

/**
 * An access request (GDPR Art. 15): the full copy downloads as a file, so the form reloads
 * the document instead of fetching; an unknown address comes back beside the field.
 */
export function FullCopy({ reply }: { reply: FormReply | undefined }) {
  const { t } = useTranslation("aftercare");
  const { form, fields, props } = useAppForm<z.input<typeof FullCopyForm>>("fullCopy", reply);
  return (
    <section className="card" aria-labelledby="access-h">
      <h2 id="access-h">{t("erasure.accessTitle")}</h2>
      <p>{t("erasure.accessIntro")}</p>
      <Form method="post" reloadDocument className="stack" {...props}>
        <FormErrors form={form} />
        <input type="hidden" name="intent" value="fullCopy" />
        <FormField meta={fields.email} label={t("erasure.accessEmail")}>
          {({ key, ...control }) => (
            <input key={key} {...control} type="email" dir="ltr" autoComplete="off" required />
          )}
        </FormField>
        <button type="submit">{t("erasure.accessDownload")}</button>
      </Form>
    </section>
  );
}

/** One patient's erasure request: who, their cases, what was done, or the form to do it. */
export function ErasureRequest({
  request: r,
  reply,
  timeZone,
}: {
  request: Request;
  reply: FormReply | undefined;
  timeZone: string;
}) {
  const { t, i18n } = useTranslation(["aftercare", "stages"]);
  const lng = i18n.language;
  return (
    <li className="card">
      <h2>
        <span dir="auto">{r.user.name}</span>{" "}
        <span className="muted small" dir="ltr">
          {r.user.email}
        </span>
      </h2>
      <p>
        {t("erasure.requestedOn", { date: formatDateTime(r.requestedAt, lng, timeZone) })} ·{" "}
        <span className="badge">{t(`erasure.status.${r.status}`)}</span>
      </p>
      <p className="small">
        {formatList(
          r.user.patientCases.map((c) => `${c.number} (${t(`stages:stage.${c.stage}`)})`),
          lng,
        )}
      </p>
      {r.summary ? (
        <table>
          <caption>
            {t("erasure.summary", {
              date: formatDateTime(r.carriedOutAt ?? r.requestedAt, lng, timeZone),
            })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("erasure.table")}</th>
              <th scope="col">{t("erasure.deleted")}</th>
              <th scope="col">{t("erasure.anonymised")}</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(r.summary).map(([table, n]) => (
              <tr key={table}>
                <th scope="row">{table}</th>
                <td>{formatNumber(n.deleted ?? 0, lng)}</td>
                <td>{formatNumber(n.anonymised ?? 0, lng)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {r.status === "REQUESTED" ? <Erase requestId={r.id} reply={reply} /> : null}
    </li>
  );
}

function Erase({ requestId, reply }: { requestId: string; reply: FormReply | undefined }) {
  const { t } = useTranslation("aftercare");
  const busy = useBusy();
  const { form, fields, props } = useAppForm<z.input<typeof EraseForm>>(
    `erase-${requestId}`,
    reply,
  );
  return (
    <Form method="post" {...props}>
      <FormErrors form={form} />
      <input type="hidden" name="intent" value="erase" />
      <input type="hidden" name="requestId" value={requestId} />
      <FormField meta={fields.confirm} label={t("erasure.confirm")} className="checkbox">
        {({ key, defaultValue: _unused, ...control }) => (
          <input key={key} {...control} type="checkbox" value="yes" />
        )}
      </FormField>
      <button type="submit" className="danger" disabled={busy}>
        {t("erasure.carryOut")}
      </button>
    </Form>
  );
}
