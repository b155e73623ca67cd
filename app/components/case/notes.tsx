/** Internal notes: staff only, never shown to the patient. */
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/lib/format";
import type { CaseCtx } from "./context";
import { Author, TextForm } from "./parts";

export function NotesSection(ctx: CaseCtx) {
  const { kase, locale, timeZone } = ctx;
  const { t } = useTranslation();
  const notes = kase.events.filter((e) => e.type === "NOTE");
  return (
    <section className="card internal" aria-labelledby="notes-h" id="notes">
      <h2 id="notes-h">{t("notes.title")}</h2>
      <p className="hint">{t("notes.hint")}</p>
      {notes.length === 0 ? <p className="muted">{t("notes.none")}</p> : null}
      <ul className="notes">
        {notes.map((e) => (
          <li key={e.id}>
            <p className="small muted">
              <Author e={e} patientName={kase.patient.name} /> ·{" "}
              {formatDateTime(e.createdAt, locale, timeZone, "short")}
            </p>
            <p className="pre">
              <bdi>{e.body}</bdi>
            </p>
          </li>
        ))}
      </ul>
      <TextForm intent="note" label={t("notes.add")} submit={t("notes.save")} rows={2} ctx={ctx} />
    </section>
  );
}
