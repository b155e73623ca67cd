/**
 * The patient's data rights: download everything held about them (JSON, or a ZIP with their
 * documents), and ask for their data to be erased. An admin carries the erasure out; the
 * records the law makes the clinic keep stay, anonymised, and the page says so.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { db } from "~/db.server";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { formatDateTime } from "~/lib/format";
import { translatedTitle } from "~/lib/meta";
import { requirePatient } from "~/models/auth/auth.server";
import { ErasureError, requestErasure } from "~/models/privacy/data-rights.server";

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "portal:nav.data");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  const requests = await db.erasureRequest.findMany({
    where: { userId: user.id },
    orderBy: { requestedAt: "desc" },
    select: { id: true, status: true, requestedAt: true },
  });
  return { requests, timeZone: user.timeZone };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePatient(request);
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, "aftercare");
  const form = await request.formData().catch(() => null);
  if (!form || form.get("confirm") !== "yes") {
    return data({ error: t("rights.confirmRequired"), requested: false }, { status: 400 });
  }
  try {
    await requestErasure(user.id);
  } catch (error) {
    if (error instanceof ErasureError) {
      return data({ error: t("rights.alreadyRequested"), requested: false }, { status: 409 });
    }
    throw error;
  }
  return data({ error: null, requested: true });
}

export default function DataRights() {
  const { t, i18n } = useTranslation("aftercare");
  const { requests, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const confirmRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (actionData?.error) confirmRef.current?.focus();
  }, [actionData]);
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
        {actionData?.requested ? (
          <p role="status" className="notice ok">
            {t("rights.requested")}
          </p>
        ) : null}
        {open ? (
          <p className="notice">
            {t("rights.pending", {
              date: formatDateTime(open.requestedAt, i18n.language, timeZone),
            })}
          </p>
        ) : (
          <Form method="post" noValidate>
            <div className={actionData?.error ? "field checkbox has-error" : "field checkbox"}>
              <input
                ref={confirmRef}
                id="confirm"
                name="confirm"
                type="checkbox"
                value="yes"
                aria-invalid={actionData?.error ? true : undefined}
                aria-describedby={actionData?.error ? "confirm-error" : undefined}
              />
              <label htmlFor="confirm">{t("rights.confirm")}</label>
              {actionData?.error ? (
                <p id="confirm-error" className="field-error">
                  {actionData.error}
                </p>
              ) : null}
            </div>
            <button type="submit" className="danger" disabled={navigation.state === "submitting"}>
              {t("rights.erase")}
            </button>
          </Form>
        )}
      </section>
    </div>
  );
}
