import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { Pagination } from "~/components/pagination";
import { useTranslation } from "react-i18next";
import { translatedTitle } from "~/lib/meta";
import { env } from "~/env.server";
import { requirePermission } from "~/models/auth/auth.server";
import { listOutbox, OUTBOX_STATUSES, retryEmail } from "~/infra/outbox.server";
import { clientIp } from "~/infra/request.server";
import { formatDateTime, formatNumber } from "~/lib/format";
import type { loader as rootLoader } from "~/root";

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "outbox.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "outbox:read");
  const url = new URL(request.url);
  const status = url.searchParams.get("status");
  const filter = OUTBOX_STATUSES.find((s) => s === status) ?? null;
  const wanted = Number(url.searchParams.get("page"));
  const page = Number.isInteger(wanted) && wanted >= 1 && wanted <= 10_000 ? wanted : 1;
  const { emails, counts, pages } = await listOutbox(
    { id: user.id, ip: clientIp(context) },
    filter,
    page,
  );
  return {
    emails,
    counts,
    filter,
    page,
    pages,
    timeZone: user.timeZone,
    smtp: Boolean(env().SMTP_URL),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  await requirePermission(request, "outbox:retry");
  const form = await request.formData();
  const id = form.get("id");
  if (form.get("intent") === "retry" && typeof id === "string") await retryEmail(id);
  return redirect("/staff/outbox?status=FAILED");
}

export default function Outbox() {
  const { t } = useTranslation();
  const { emails, counts, filter, page, pages, timeZone, smtp } = useLoaderData<typeof loader>();
  const locale = useRouteLoaderData<typeof rootLoader>("root")?.locale ?? "en";
  return (
    <section>
      <h1>{t("outbox.title")}</h1>
      <p className="muted">{smtp ? t("outbox.viaSmtp") : t("outbox.viaFiles")}</p>
      {(counts.FAILED ?? 0) > 0 ? (
        <p role="alert" className="error-summary">
          {t("outbox.failedAlert", { count: counts.FAILED })}
        </p>
      ) : null}
      <ul className="stage-counts">
        <li>
          <Link to="?">{t("outbox.all")}</Link>
        </li>
        {Object.entries(counts).map(([s, n]) => (
          <li key={s}>
            <Link to={`?status=${s}`}>
              {t(`mailStatus.${s}`)} <strong>{formatNumber(n, locale)}</strong>
            </Link>
          </li>
        ))}
      </ul>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("outbox.created")}</th>
              <th scope="col">{t("outbox.to")}</th>
              <th scope="col">{t("outbox.subject")}</th>
              <th scope="col">{t("outbox.case")}</th>
              <th scope="col">{t("outbox.status")}</th>
              <th scope="col">{t("outbox.attempts")}</th>
            </tr>
          </thead>
          <tbody>
            {emails.map((m) => (
              <tr key={m.id}>
                <td>{formatDateTime(m.createdAt, locale, timeZone, "short")}</td>
                <td>{m.toEmail}</td>
                <td>
                  <Link to={`/staff/outbox/${m.id}`}>
                    <bdi>{m.subject}</bdi>
                  </Link>
                </td>
                <td>{m.case?.number ?? "—"}</td>
                <td>
                  <span className={`badge mail-${m.status}`}>{t(`mailStatus.${m.status}`)}</span>
                  {m.lastError ? <div className="small muted">{m.lastError}</div> : null}
                </td>
                <td>
                  {formatNumber(m.attempts, locale)}
                  {m.status === "FAILED" ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="id" value={m.id} />
                      <button type="submit" name="intent" value="retry">
                        {t("outbox.retry")}
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination
        page={page}
        pages={pages}
        locale={locale}
        href={(p) => `?${filter ? `status=${filter}&` : ""}page=${p}`}
      />
    </section>
  );
}
