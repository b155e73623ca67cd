/**
 * The patient's documents on their case page, each a download, and the upload of medical
 * records (a creating form: it carries its key). No upload once consent is withdrawn.
 */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import {
  type FieldMetadata,
  FileField,
  FormDone,
  FormErrors,
  FormKey,
  type FormReply,
  useAppForm,
  useBusy,
} from "~/components/form";
import type { UploadForm } from "~/forms/portal-case";
import { formatDate, formatNumber } from "~/lib/format";
import type { PatientCase } from "~/models/cases/portal.server";

export function Documents({
  kase,
  timeZone,
  reply,
  formKey,
  maxMb,
  maxFiles,
}: {
  kase: PatientCase;
  timeZone: string;
  reply: FormReply | undefined;
  formKey: string;
  maxMb: number;
  maxFiles: number;
}) {
  const { t, i18n } = useTranslation("portal");
  const lng = i18n.language;
  const busy = useBusy();
  const { form, fields, props, done } = useAppForm<z.input<typeof UploadForm>>("upload", reply);
  // The files are not a value of the form (they are never sent back): only their errors are.
  const files = (fields as unknown as Record<string, FieldMetadata<unknown>>).files!;
  return (
    <section className="card" aria-labelledby="documents-title">
      <h2 id="documents-title">{t("documents.title")}</h2>
      {kase.documents.length === 0 ? (
        <p className="muted">{t("documents.none")}</p>
      ) : (
        <ul className="documents">
          {kase.documents.map((d) => (
            <li key={d.id}>
              <a href={`/portal/cases/${kase.id}/documents/${d.id}`} download>
                {d.fileName}
              </a>{" "}
              <span className="muted small">
                {t(`documents.kind.${d.kind}`, { defaultValue: d.kind })} ·{" "}
                {formatNumber(Math.max(1, Math.round(d.sizeBytes / 1024)), lng)} KB ·{" "}
                {formatDate(d.createdAt, lng, timeZone)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <FormDone message={done} />
      {kase.consentWithdrawnAt ? null : (
        <Form method="post" encType="multipart/form-data" className="upload-form" {...props}>
          <FormErrors form={form} />
          <FormKey value={formKey} />
          <input type="hidden" name="intent" value="upload" />
          <FileField
            meta={files}
            label={t("documents.choose")}
            hint={t("enquiry:hints.files", { max: maxMb, count: maxFiles })}
            multiple
          />
          <button type="submit" className="primary" disabled={busy}>
            {t("documents.upload")}
          </button>
        </Form>
      )}
    </section>
  );
}
