/**
 * The patient's own answers with red flags marked, and their medical records (health data).
 * A record opens in the page, in a viewer beside the answers (kept in view while they scroll
 * on a wide screen): an image as an image, a PDF in a frame, both from the inline
 * route (…/documents/:id/view, audited as "document.view"). Without JavaScript the "View"
 * link opens the same page with the viewer (`?view=<id>`).
 */
import { useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime, formatList, formatNumber } from "~/lib/format";
import { QuestionAnswers } from "~/components/enquiry/question-answers";
import { PASSPORT_KINDS } from "~/lib/itinerary";
import type { CaseCtx } from "./context";
import { Viewer } from "./viewer";

/** What the viewer shows in the page; anything else is downloaded only. */
const VIEWABLE = new Set(["application/pdf", "image/jpeg", "image/png"]);
const PASSPORTS = new Set<string>(PASSPORT_KINDS);

/** Shown in the viewer: a type it shows, and a kind this reader opens (passports: travel). */
function viewable(d: { kind: string; mimeType: string }, links: CaseCtx["links"]) {
  return VIEWABLE.has(d.mimeType) && (!PASSPORTS.has(d.kind) || links.travel);
}

export function HealthSection(ctx: CaseCtx) {
  const { kase } = ctx;
  const [params] = useSearchParams();
  const [viewing, setViewing] = useState<string | null>(params.get("view"));
  const doc = kase.documents.find((d) => d.id === viewing && viewable(d, ctx.links)) ?? null;
  return (
    <div className={doc ? "records viewing" : "records"}>
      <Answers {...ctx} />
      <div className="records-side">
        <Documents {...ctx} viewing={doc?.id ?? null} onView={setViewing} />
        {doc ? <Viewer caseId={kase.id} doc={doc} onClose={() => setViewing(null)} /> : null}
      </div>
    </div>
  );
}

function Answers({ kase, locale, timeZone, questionnaires }: CaseCtx) {
  const { t } = useTranslation(["common", "enquiry"]);
  return (
    <section className="card" aria-labelledby="answers-h" id="answers">
      <h2 id="answers-h">{t("case.answers")}</h2>
      {kase.enquiries.length === 0 ? <p className="muted">{t("case.noAnswers")}</p> : null}
      {kase.enquiries.map((e) => (
        <div key={e.id} className="enquiry-answers">
          <h3>
            {t("case.submitted", { date: formatDateTime(e.createdAt, locale, timeZone) })}
            {e.redFlagCount > 0 ? (
              <span className="flag"> · {t("cases.redFlags", { n: e.redFlagCount })}</span>
            ) : null}
          </h3>
          <dl className="facts">
            <dt>{t("enquiry:fields.diagnosis")}</dt>
            <dd>
              <bdi>{e.diagnosis}</bdi>
            </dd>
            <dt>{t("enquiry:fields.diagnosedYear")}</dt>
            <dd>{e.diagnosedYear ?? "—"}</dd>
            <dt>{t("enquiry:fields.medication")}</dt>
            <dd>
              <bdi>{e.medication ?? "—"}</bdi>
            </dd>
            <dt>{t("enquiry:fields.steroidDose")}</dt>
            <dd>
              {e.steroidDoseMg === null ? "—" : `${formatNumber(e.steroidDoseMg, locale)} mg`}
            </dd>
            <dt>{t("enquiry:fields.organs")}</dt>
            <dd>
              {e.organs
                ? formatList(
                    e.organs.split(",").map((o) => t(`enquiry:organs.${o}`)),
                    locale,
                  )
                : "—"}
            </dd>
            {questionnaires[e.id] ? (
              <QuestionAnswers
                questionnaire={questionnaires[e.id]!}
                answers={e.answers}
                locale={locale}
                flags
              />
            ) : null}
          </dl>
        </div>
      ))}
    </section>
  );
}

function Documents({
  kase,
  links,
  locale,
  timeZone,
  viewing,
  onView,
}: CaseCtx & { viewing: string | null; onView: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="docs-h" id="documents">
      <h2 id="docs-h">{t("case.documents")}</h2>
      {kase.documents.length === 0 ? <p className="muted">{t("case.noDocuments")}</p> : null}
      <ul className="documents">
        {kase.documents.map((d) => (
          <li key={d.id} aria-current={d.id === viewing ? "true" : undefined}>
            <a href={`/staff/cases/${kase.id}/documents/${d.id}`} download>
              <bdi>{d.fileName}</bdi>
            </a>{" "}
            {viewable(d, links) ? (
              <a
                className="view-link"
                href={`?view=${encodeURIComponent(d.id)}#viewer`}
                onClick={(event) => {
                  event.preventDefault();
                  onView(d.id);
                  // Once shown, the viewer takes the focus (see Viewer).
                }}
              >
                {t("case.viewer.view")}
                <span className="visually-hidden">
                  {" "}
                  <bdi>{d.fileName}</bdi>
                </span>
              </a>
            ) : null}{" "}
            <span className="muted small">
              {t(`documentKind.${d.kind}`, { defaultValue: d.kind })} ·{" "}
              {formatNumber(Math.max(1, Math.round(d.sizeBytes / 1024)), locale)} KB ·{" "}
              {formatDateTime(d.createdAt, locale, timeZone, "short")}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
