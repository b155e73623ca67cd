/**
 * Saved views: the signed-in member's named filters as quick links, and a disclosure to save
 * the current filters under a name, rename a view or delete it. Plain forms: they work
 * without JavaScript. A name is used once per person (the server says so beside the field).
 */
import { Form, Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmAction } from "~/components/confirm";
import type { z } from "zod";
import {
  FormDone,
  FormErrors,
  FormField,
  FormKey,
  useAppForm,
  useBusy,
  type FormReply,
} from "~/components/form";
import { VIEW_NAME_MAX, type RenameViewForm, type SaveViewForm } from "~/forms/pipeline";

interface View {
  id: string;
  name: string;
  query: string;
}

export function SavedViews({
  views,
  search,
  formKey,
  reply,
}: {
  views: View[];
  search: string;
  formKey: string;
  reply: FormReply | undefined;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const current = location.search || "?";
  // Open after an answer to one of its forms, so the message or the error is seen.
  const mine = /^(saveView$|renameView-|deleteView-)/.test(reply?.form ?? "");
  return (
    <div className="saved-views">
      <nav aria-label={t("cases.saved.title")} className="saved-links">
        <span className="muted small">{t("cases.saved.title")}:</span>
        {views.length === 0 ? (
          <span className="muted small">{t("cases.saved.none")}</span>
        ) : (
          <ul>
            {views.map((v) => (
              <li key={v.id}>
                <Link to={v.query} aria-current={v.query === current ? "page" : undefined}>
                  {v.name}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </nav>
      <details className="saved-manage" open={mine || undefined}>
        <summary>{t("cases.saved.manage")}</summary>
        <SaveView search={search} formKey={formKey} reply={reply} />
        {views.length ? (
          <ul className="saved-list">
            {views.map((v) => (
              <li key={v.id}>
                <RenameView view={v} reply={reply} />
              </li>
            ))}
          </ul>
        ) : null}
      </details>
    </div>
  );
}

function SaveView({
  search,
  formKey,
  reply,
}: {
  search: string;
  formKey: string;
  reply: FormReply | undefined;
}) {
  const { t } = useTranslation();
  const busy = useBusy();
  const { form, fields, done, props } = useAppForm<z.input<typeof SaveViewForm>>("saveView", reply);
  return (
    <Form method="post" preventScrollReset className="inline-fields" {...props}>
      <FormErrors form={form} />
      <FormDone message={done} />
      <input type="hidden" name="intent" value="saveView" />
      <input type="hidden" name="query" value={search} />
      <FormKey value={formKey} />
      <FormField meta={fields.name} label={t("cases.saved.name")}>
        {({ key, ...control }) => (
          <input key={key} {...control} maxLength={VIEW_NAME_MAX} required autoComplete="off" />
        )}
      </FormField>
      <button type="submit" disabled={busy}>
        {t("cases.saved.save")}
      </button>
    </Form>
  );
}

function RenameView({ view, reply }: { view: View; reply: FormReply | undefined }) {
  const { t } = useTranslation();
  const busy = useBusy();
  const id = `renameView-${view.id}`;
  const { form, fields, done, props } = useAppForm<z.input<typeof RenameViewForm>>(id, reply, {
    name: view.name,
  });
  const deleted = useAppForm(`deleteView-${view.id}`, reply);
  return (
    <div className="saved-row">
      <Form method="post" preventScrollReset className="inline-fields" {...props}>
        <FormErrors form={form} />
        <FormDone message={done} />
        <input type="hidden" name="intent" value="renameView" />
        <input type="hidden" name="id" value={view.id} />
        <FormField meta={fields.name} label={t("cases.saved.renameLabel", { name: view.name })}>
          {({ key, ...control }) => (
            <input key={key} {...control} maxLength={VIEW_NAME_MAX} required autoComplete="off" />
          )}
        </FormField>
        <button type="submit" disabled={busy}>
          {t("cases.saved.rename")}
        </button>
      </Form>
      <ConfirmAction
        intent="deleteView"
        fields={{ id: view.id }}
        label={t("cases.saved.deleteLabel", { name: view.name })}
        question={t("cases.saved.deleteQuestion", { name: view.name })}
        confirm={t("cases.saved.deleteConfirm")}
        busy={busy}
        open={Boolean(deleted.form.errors?.length)}
        formProps={{ ...deleted.props, preventScrollReset: true }}
      >
        <FormErrors form={deleted.form} />
      </ConfirmAction>
    </div>
  );
}
