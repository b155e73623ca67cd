/**
 * An enquiry sent from the public form, waiting for the address's owner: what was sent, what
 * confirming does, and the two choices. The emailed link's page and the portal both show it;
 * `hidden` carries what identifies it to the action (the link's token, or its id).
 */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CONSENT_VERSION } from "~/lib/consent";
import { formatDateTime, formatNumber } from "~/lib/format";

export interface PendingView {
  programme: string;
  name: string;
  createdAt: string;
  fileCount: number;
  joinsCase: string | null;
}

export function PendingEnquiry({
  pending,
  hidden,
  locale,
  timeZone,
  busy,
}: {
  pending: PendingView;
  hidden: { name: string; value: string };
  locale: string;
  timeZone: string;
  busy: boolean;
}) {
  const { t } = useTranslation("enquiry");
  return (
    <>
      <dl className="facts">
        <dt>{t("confirmPage.name")}</dt>
        <dd>
          <bdi>{pending.name}</bdi>
        </dd>
        <dt>{t("fields.programme")}</dt>
        <dd>{t(`catalogue:${pending.programme}.name`, { defaultValue: pending.programme })}</dd>
        <dt>{t("confirmPage.sent")}</dt>
        <dd>{formatDateTime(pending.createdAt, locale, timeZone)}</dd>
        <dt>{t("confirmPage.files")}</dt>
        <dd>{formatNumber(pending.fileCount, locale)}</dd>
      </dl>
      <p>
        {pending.joinsCase
          ? t("confirmPage.joins", { caseNumber: pending.joinsCase })
          : t("confirmPage.opens")}
      </p>
      <p className="muted small">{t("confirmPage.consent", { version: CONSENT_VERSION })}</p>
      <div className="actions">
        {(["confirm", "discard"] as const).map((intent) => (
          <Form method="post" key={intent}>
            <input type="hidden" name={hidden.name} value={hidden.value} />
            <button
              type="submit"
              name="intent"
              value={intent}
              className={intent === "confirm" ? "primary" : undefined}
              disabled={busy}
            >
              {t(`confirmPage.${intent}`)}
            </button>
          </Form>
        ))}
      </div>
    </>
  );
}
