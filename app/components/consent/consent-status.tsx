/**
 * The procedure consent on the staff case page (issue 25): signed in the current version (on
 * which date, by which typed name), signed an older version only, or not signed; the quote
 * acceptances signed; and, for the clinical team (consent:read), each signed PDF.
 */
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/lib/format";

interface Signed {
  id: string;
  kind: string;
  version: number;
  typedName: string;
  signedAt: string | Date;
}

export interface ConsentStatusView {
  state: "none" | "signed" | "older" | "unsigned";
  currentVersion: number | null;
  latest: Signed | null;
  signatures: readonly Signed[];
  download: boolean;
}

export function ConsentStatus({
  caseId,
  status,
  timeZone,
}: {
  caseId: string;
  status: ConsentStatusView;
  timeZone: string;
}) {
  const { t, i18n } = useTranslation("common");
  const when = (d: string | Date) => formatDateTime(d, i18n.language, timeZone, "medium");
  const latest = status.latest;
  return (
    <section className="card" aria-labelledby="signed-consent-h" id="signed-consent">
      <h2 id="signed-consent-h">{t("signedConsent.title")}</h2>
      <p
        className={
          status.state === "signed"
            ? "notice ok"
            : status.state === "none"
              ? "muted"
              : "notice warn"
        }
      >
        {status.state === "none"
          ? t("signedConsent.noText")
          : status.state === "unsigned"
            ? t("signedConsent.unsigned", { version: status.currentVersion })
            : status.state === "older" && latest
              ? t("signedConsent.older", {
                  version: latest.version,
                  current: status.currentVersion,
                  date: when(latest.signedAt),
                  name: latest.typedName,
                })
              : latest
                ? t("signedConsent.signed", {
                    version: latest.version,
                    date: when(latest.signedAt),
                    name: latest.typedName,
                  })
                : null}
      </p>
      {status.signatures.length ? (
        <ul>
          {status.signatures.map((s) => (
            <li key={s.id}>
              {t(s.kind === "QUOTE" ? "signedConsent.quoteLine" : "signedConsent.line", {
                version: s.version,
                date: when(s.signedAt),
                name: s.typedName,
              })}
              {status.download ? (
                <>
                  {" "}
                  <a href={`/staff/cases/${caseId}/consents/${s.id}/pdf`} download>
                    {t("signedConsent.download")}
                  </a>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
