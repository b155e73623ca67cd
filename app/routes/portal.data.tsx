/**
 * The patient's data rights: download everything held about them (JSON, or a ZIP with their
 * documents), and ask for their data to be erased. An admin carries the erasure out; the
 * records the law makes the clinic keep stay, anonymised, and the page says so.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import {
  FormDone,
  FormErrors,
  FormField,
  useAppForm,
  type FormReply,
  type SubmissionResult,
  useBusy,
} from "~/components/form";
import { ErasureForm } from "~/forms/data-rights";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { readSubmission } from "~/infra/forms.server";
import { formatDateTime } from "~/lib/format";
import { translatedTitle } from "~/lib/meta";
import { requirePatient } from "~/models/auth/auth.server";
import {
  ErasureError,
  listOwnErasureRequests,
  requestErasure,
} from "~/models/privacy/data-rights.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["portal", "aftercare"] };

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "portal:nav.data");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  return { requests: await listOwnErasureRequests(user.id), timeZone: user.timeZone };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePatient(request);
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["aftercare", "common"]);
  const { submission } = await readSubmission(request, ErasureForm, t);
  const answer = (status: number, result: SubmissionResult<string[]>, done?: string) =>
    data<FormReply>({ form: "erasure", result, done }, { status });
  if (submission.status !== "success") return answer(400, submission.reply());
  try {
    // One open request at a time: asking twice is answered, never recorded twice.
    await requestErasure(user.id);
  } catch (error) {
    if (!(error instanceof ErasureError)) throw error;
    return answer(409, submission.reply({ formErrors: [t("rights.alreadyRequested")] }));
  }
  return answer(200, submission.reply({ resetForm: true }), t("rights.requested"));
}

export default function DataRights() {
  const { t, i18n } = useTranslation("aftercare");
  const { requests, timeZone } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useBusy();
  const { form, fields, props, done } = useAppForm<z.input<typeof ErasureForm>>("erasure", reply);
  const open = requests.find((r) => r.status === "REQUESTED");
  return (
    <div className="portal">
      <section className="card" aria-labelledby="export-title">
        <h1 id="export-title">{t("rights.title")}</h1>
        <p>{t("rights.exportIntro")}</p>
        <p className="muted">{t("rights.withheld")}</p>
        <ul className="actions-list">
          <li>
            <a className="button" href="/portal/data.zip" download>
              {t("rights.downloadZip")}
            </a>
          </li>
          <li>
            <a href="/portal/data.json" download>
              {t("rights.downloadJson")}
            </a>
          </li>
        </ul>
      </section>
      <section className="card" aria-labelledby="erase-title">
        <h2 id="erase-title">{t("rights.eraseTitle")}</h2>
        <p>{t("rights.eraseIntro")}</p>
        <p className="muted">{t("rights.eraseKept")}</p>
        <FormDone message={done} />
        {open ? (
          <p className="notice">
            {t("rights.pending", {
              date: formatDateTime(open.requestedAt, i18n.language, timeZone),
            })}
          </p>
        ) : (
          <Form method="post" {...props}>
            <FormErrors form={form} />
            <FormField meta={fields.confirm} label={t("rights.confirm")} className="checkbox">
              {({ defaultValue: _unused, ...p }) => <input {...p} type="checkbox" value="yes" />}
            </FormField>
            <button type="submit" className="danger" disabled={busy}>
              {t("rights.erase")}
            </button>
          </Form>
        )}
      </section>
    </div>
  );
}
