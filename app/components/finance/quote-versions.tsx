/**
 * The versions of a case's quote on the staff page: each issued version with its status, total
 * and PDF, the one shown marked; and for finance the button that starts the first draft or a
 * revision (a creating form: it carries the page's key).
 */
import type { SerializeFrom } from "@remix-run/node";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormDone, FormErrors, FormKey, useAppForm, type FormReply } from "~/components/form";
import { formatDate, formatMoney } from "~/lib/format";
import type { staffQuotePage } from "~/models/finance/quote-pages.server";

type Page = SerializeFrom<typeof staffQuotePage>;

export function QuoteVersions({
  page,
  timeZone,
  formKey,
  reply,
}: {
  page: Pick<
    Page,
    "kase" | "versions" | "shown" | "draft" | "finance" | "quotable" | "nextVersion"
  >;
  timeZone: string;
  formKey: string;
  reply: FormReply | undefined;
}) {
  const { t, i18n } = useTranslation("finance");
  const lng = i18n.language;
  const busy = useNavigation().state !== "idle";
  const { kase, versions, shown, draft, finance, quotable, nextVersion } = page;
  const start = useAppForm("start", reply);
  // Issuing closes the editor: its answer is shown here, with the new version.
  const issued = reply?.form === "draft" && !draft ? reply.done : null;
  return (
    <section className="card" aria-labelledby="versions-h">
      <h2 id="versions-h">{t("staff.versions")}</h2>
      <FormDone message={issued} />
      {versions.length === 0 ? <p className="muted">{t("staff.noVersions")}</p> : null}
      {versions.length ? (
        <div className="table-wrap">
          <table className="table">
            <tbody>
              {versions.map((q) => (
                <tr key={q.id}>
                  <th scope="row">
                    {q.id === shown?.id ? (
                      <strong aria-current="true">
                        {t("quote.version", { version: q.version })}
                      </strong>
                    ) : (
                      <Link to={`?v=${q.version}`}>
                        {t("quote.version", { version: q.version })}
                      </Link>
                    )}
                  </th>
                  <td>{t(`status.${q.status}`)}</td>
                  <td className="num">{formatMoney(q.totalMinor, q.currency, lng)}</td>
                  <td>{q.issuedAt ? formatDate(q.issuedAt, lng, timeZone) : ""}</td>
                  <td>
                    <a href={`/staff/cases/${kase.id}/quotes/${q.id}/pdf`}>{t("staff.pdf")}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {finance && !draft ? (
        quotable ? (
          <Form method="post" {...start.props}>
            <FormErrors form={start.form} />
            <FormKey value={formKey} />
            <input type="hidden" name="intent" value="start" />
            <input type="hidden" name="version" value={nextVersion} />
            <button type="submit" className="button primary" disabled={busy}>
              {versions.length
                ? t("staff.revise", { version: nextVersion })
                : t("staff.startQuote")}
            </button>
          </Form>
        ) : (
          <p className="small muted">{t("staff.notQuotable")}</p>
        )
      ) : null}
    </section>
  );
}
