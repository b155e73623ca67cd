/**
 * Patients' data rights, for admins. Erasure requests: each patient's request with their
 * cases, carried out here after a confirmation; the page then shows what was deleted and
 * what was kept anonymised. Access requests (GDPR Art. 15): the full copy of a patient's
 * data, including what staff wrote for staff, which the patient's self-service download
 * leaves out (ADR 015); released after review, and audited.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { db } from "~/db.server";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { formatDateTime, formatNumber } from "~/lib/format";
import { translatedTitle } from "~/lib/meta";
import { clientIp } from "~/infra/request.server";
import { requirePermission } from "~/models/auth/auth.server";
import {
  carryOutErasure,
  ErasureError,
  fullCopyFor,
  type ErasureSummary,
} from "~/models/privacy/data-rights.server";

export const meta: MetaFunction = ({ matches }) =>
  translatedTitle(matches, "aftercare:erasure.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "data-rights:manage");
  const requests = await db.erasureRequest.findMany({
    orderBy: [{ status: "desc" }, { requestedAt: "desc" }],
    take: 100,
    select: {
      id: true,
      status: true,
      requestedAt: true,
      carriedOutAt: true,
      summary: true,
      user: {
        select: {
          name: true,
          email: true,
          patientCases: { select: { number: true, stage: true } },
        },
      },
    },
  });
  return { requests, timeZone: user.timeZone };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "data-rights:manage");
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, "aftercare");
  const form = await request.formData().catch(() => null);
  if (form?.get("intent") === "fullCopy") {
    const email = String(form.get("email") ?? "")
      .trim()
      .toLowerCase()
      .slice(0, 254);
    const copy = await fullCopyFor(email, { id: user.id, ip: clientIp(context) });
    if (!copy) {
      return data(
        { requestId: "", error: null, done: false, fullCopyError: t("erasure.fullCopyUnknown") },
        { status: 404 },
      );
    }
    return new Response(JSON.stringify(copy.data, null, 2), {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="access-request-${copy.userId}.json"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  }
  const requestId = typeof form?.get("requestId") === "string" ? String(form.get("requestId")) : "";
  if (!requestId || form?.get("confirm") !== "yes") {
    return data({ requestId, error: t("erasure.confirmRequired"), done: false }, { status: 400 });
  }
  try {
    await carryOutErasure(requestId, user.id, clientIp(context));
  } catch (error) {
    if (error instanceof ErasureError) {
      return data(
        { requestId, error: t(`erasure.errors.${error.code}`), done: false },
        { status: error.code === "not_found" ? 404 : 409 },
      );
    }
    throw error;
  }
  return data({ requestId, error: null, done: true });
}

export default function ErasureRequests() {
  const { t, i18n } = useTranslation(["aftercare", "stages"]);
  const lng = i18n.language;
  const { requests, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <section>
      <h1>{t("erasure.title")}</h1>
      <p className="muted">{t("erasure.intro")}</p>
      {actionData?.done ? (
        <p role="status" className="notice ok">
          {t("erasure.done")}
        </p>
      ) : null}
      <section className="card" aria-labelledby="access-h">
        <h2 id="access-h">{t("erasure.accessTitle")}</h2>
        <p>{t("erasure.accessIntro")}</p>
        <Form method="post" reloadDocument noValidate className="stack">
          <input type="hidden" name="intent" value="fullCopy" />
          <div className="field">
            <label htmlFor="access-email">{t("erasure.accessEmail")}</label>
            <input
              id="access-email"
              name="email"
              type="email"
              dir="ltr"
              required
              aria-invalid={actionData?.fullCopyError ? true : undefined}
              aria-describedby={actionData?.fullCopyError ? "access-email-error" : undefined}
            />
            {actionData?.fullCopyError ? (
              <p id="access-email-error" className="field-error" role="alert">
                {actionData.fullCopyError}
              </p>
            ) : null}
          </div>
          <button type="submit">{t("erasure.accessDownload")}</button>
        </Form>
      </section>
      <h2>{t("erasure.requestsTitle")}</h2>
      {requests.length === 0 ? <p className="muted">{t("erasure.none")}</p> : null}
      <ul className="erasure-list">
        {requests.map((r) => {
          const summary = r.summary ? (JSON.parse(r.summary) as ErasureSummary) : null;
          const error = actionData?.requestId === r.id ? actionData.error : null;
          return (
            <li key={r.id} className="card">
              <h2>
                <span dir="auto">{r.user.name}</span>{" "}
                <span className="muted small" dir="ltr">
                  {r.user.email}
                </span>
              </h2>
              <p>
                {t("erasure.requestedOn", {
                  date: formatDateTime(r.requestedAt, lng, timeZone),
                })}{" "}
                · <span className="badge">{t(`erasure.status.${r.status}`)}</span>
              </p>
              <p className="small">
                {r.user.patientCases
                  .map((c) => `${c.number} (${t(`stages:stage.${c.stage}`)})`)
                  .join(", ")}
              </p>
              {summary ? (
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
                    {Object.entries(summary).map(([table, n]) => (
                      <tr key={table}>
                        <th scope="row">{table}</th>
                        <td>{formatNumber(n.deleted ?? 0, lng)}</td>
                        <td>{formatNumber(n.anonymised ?? 0, lng)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
              {r.status === "REQUESTED" ? (
                <Form method="post" noValidate>
                  <input type="hidden" name="requestId" value={r.id} />
                  <div className={error ? "field checkbox has-error" : "field checkbox"}>
                    <input
                      id={`confirm-${r.id}`}
                      name="confirm"
                      type="checkbox"
                      value="yes"
                      autoFocus={Boolean(error)}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `confirm-${r.id}-error` : undefined}
                    />
                    <label htmlFor={`confirm-${r.id}`}>{t("erasure.confirm")}</label>
                    {error ? (
                      <p id={`confirm-${r.id}-error`} className="field-error">
                        {error}
                      </p>
                    ) : null}
                  </div>
                  <button
                    type="submit"
                    className="danger"
                    disabled={navigation.state === "submitting"}
                  >
                    {t("erasure.carryOut")}
                  </button>
                </Form>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
