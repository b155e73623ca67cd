/**
 * Sharing the handover pack (issue 25). In the portal: the downloads, the form that makes a
 * link for the home doctor (for whom, for how long; the link is shown once), and the list of
 * links with their openings, each revocable. On the public share page: the pack in the chosen
 * language and the home doctor's lab entry.
 */
import { ConfirmAction } from "~/components/confirm";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { HandoverDownloads } from "~/components/aftercare/handover";
import {
  ChoiceField,
  FormDone,
  FormErrors,
  FormField,
  FormKey,
  useAppForm,
  useBusy,
  type FormReply,
} from "~/components/form";
import type { ShareCreateInput, ShareLabInput } from "~/forms/handover";
import { formatDate, formatNumber } from "~/lib/format";

export interface ShareLinkView {
  id: string;
  label: string;
  createdAt: string | Date;
  expiresAt: string | Date;
  revokedAt: string | Date | null;
  openCount: number;
  lastOpenedAt: string | Date | null;
}

const DAYS = [7, 30, 90] as const;

/** "7 days" in the reader's language, with its plural, from Intl. */
function daysWords(count: number, lng: string) {
  return new Intl.NumberFormat(lng, { style: "unit", unit: "day", unitDisplay: "long" }).format(
    count,
  );
}

export function ShareLinks({
  caseId,
  ready,
  links,
  formKey,
  timeZone,
  now,
  reply,
}: {
  caseId: string;
  /** The server's time of the page (what "expired" is measured against). */
  now: string;
  ready: boolean;
  links: ShareLinkView[];
  formKey: string;
  timeZone: string;
  reply: (FormReply & { url?: string }) | null | undefined;
}) {
  const { t, i18n } = useTranslation("handover");
  const lng = i18n.language;
  const busy = useBusy();
  const share = useAppForm<ShareCreateInput>("share", reply, { days: "30" });
  const revoke = useAppForm("revoke", reply);
  const url = reply?.form === "share" && reply.url ? reply.url : null;
  const today = new Date(now).getTime();
  return (
    <section className="card" aria-labelledby="handover-title">
      <h2 id="handover-title">{t("portal.title")}</h2>
      {!ready ? (
        <p className="muted">{t("portal.notYet")}</p>
      ) : (
        <>
          <p>{t("portal.intro")}</p>
          <HandoverDownloads base={`/portal/cases/${caseId}`} />
          <h3>{t("portal.shareTitle")}</h3>
          <p className="muted">{t("portal.shareIntro")}</p>
          {url ? (
            <div className="notice" role="status">
              <p>{share.done}</p>
              <label htmlFor="share-url">{t("portal.linkLabel")}</label>
              <input
                id="share-url"
                readOnly
                dir="ltr"
                value={url}
                onFocus={(e) => e.target.select()}
              />
            </div>
          ) : null}
          <Form method="post" {...share.props}>
            <FormErrors form={share.form} />
            <input type="hidden" name="intent" value="share" />
            <FormKey value={formKey} />
            <FormField
              meta={share.fields.label}
              label={t("portal.label")}
              hint={t("portal.labelHint")}
            />
            <ChoiceField
              meta={share.fields.days}
              legend={t("portal.days")}
              type="radio"
              options={DAYS.map((d) => ({ value: String(d), label: daysWords(d, lng) }))}
            />
            <button type="submit" className="primary" disabled={busy}>
              {t("portal.create")}
            </button>
          </Form>
          <h3>{t("portal.linksTitle")}</h3>
          <FormDone message={revoke.done} />
          <FormErrors form={revoke.form} />
          {links.length === 0 ? (
            <p className="muted">{t("portal.noLinks")}</p>
          ) : (
            // On a phone the table scrolls inside its box, never the page.
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("portal.col.for")}</th>
                    <th scope="col">{t("portal.col.created")}</th>
                    <th scope="col">{t("portal.col.expires")}</th>
                    <th scope="col">{t("portal.col.opened")}</th>
                    <th scope="col">{t("portal.col.lastOpened")}</th>
                    <th scope="col">{t("pack.col.status")}</th>
                  </tr>
                </thead>
                <tbody>
                  {links.map((l) => {
                    const expired = new Date(l.expiresAt).getTime() <= today;
                    return (
                      <tr key={l.id}>
                        <td dir="auto">{l.label}</td>
                        <td>{formatDate(l.createdAt, lng, timeZone)}</td>
                        <td>{formatDate(l.expiresAt, lng, timeZone)}</td>
                        <td>{formatNumber(l.openCount, lng)}</td>
                        <td>
                          {l.lastOpenedAt
                            ? formatDate(l.lastOpenedAt, lng, timeZone)
                            : t("portal.never")}
                        </td>
                        <td>
                          {l.revokedAt ? (
                            t("portal.revoked")
                          ) : expired ? (
                            t("portal.expired")
                          ) : (
                            // Revoking cannot be taken back (the doctor needs a new link),
                            // so it asks first, like every destructive action. One form per
                            // link, none of them conform's: its answer shows above the table.
                            <ConfirmAction
                              intent="revoke"
                              fields={{ linkId: l.id }}
                              label={t("portal.revokeLink", { label: l.label })}
                              question={t("portal.revokeQuestion", { label: l.label })}
                              confirm={t("portal.revokeConfirm")}
                              busy={busy}
                            />
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}

// --- the public share page ----------------------------------------------------------------

/** The pack in one language, as the server wrote it (app/models/handover/handover-docs). */
export interface PackText {
  lang: string;
  dir: "ltr" | "rtl";
  title: string;
  clinicName: string;
  facts: { label: string; value: string }[];
  labels: Record<
    "treatment" | "medication" | "plan" | "warnings" | "results" | "contacts" | "instructions",
    string
  >;
  treatment: { head: string[]; rows: string[][]; empty: string };
  medication: { head: string[]; rows: string[][]; empty: string };
  plan: { head: string[]; rows: string[][]; empty: string };
  instructions: string | null;
  warnings: string;
  results: { head: string[]; rows: string[][] };
  clinic: {
    label: string;
    name: string | null;
    address: string | null;
    phone: string | null;
    email: string | null;
  };
  coordinator: { label: string; name: string | null; email: string | null; phone: string | null };
  footer: string;
}

function Table({ head, rows, empty }: { head: string[]; rows: string[][]; empty?: string }) {
  if (!rows.length) return empty ? <p className="muted">{empty}</p> : null;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) => (
                <td key={j} dir="auto">
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The pack as the home doctor reads it, in its own language and direction. */
export function PackView({ pack }: { pack: PackText }) {
  // Phone and email as they are written, left to right, set apart by a middle dot.
  const ids = (...xs: (string | null)[]) =>
    xs
      .filter((x): x is string => Boolean(x))
      .map((x) => (
        <span key={x}>
          {" · "}
          <bdi dir="ltr">{x}</bdi>
        </span>
      ));
  return (
    <article lang={pack.lang} dir={pack.dir} className="handover-pack">
      <dl className="facts">
        {pack.facts.map((f) => (
          <div key={f.label}>
            <dt>{f.label}</dt>
            <dd dir="auto">{f.value}</dd>
          </div>
        ))}
      </dl>
      <h2>{pack.labels.treatment}</h2>
      <Table {...pack.treatment} />
      <h2>{pack.labels.medication}</h2>
      <Table {...pack.medication} />
      <h2>{pack.labels.plan}</h2>
      <Table {...pack.plan} />
      {pack.instructions ? (
        <p>
          <strong>{pack.labels.instructions}:</strong>{" "}
          <span dir="auto" style={{ whiteSpace: "pre-line" }}>
            {pack.instructions}
          </span>
        </p>
      ) : null}
      <h2>{pack.labels.warnings}</h2>
      <p dir="auto" className="warning-signs" style={{ whiteSpace: "pre-line" }}>
        {pack.warnings}
      </p>
      {pack.results.rows.length ? (
        <>
          <h2>{pack.labels.results}</h2>
          <Table {...pack.results} />
        </>
      ) : null}
      <h2>{pack.labels.contacts}</h2>
      <dl className="facts">
        <div>
          <dt>{pack.clinic.label}</dt>
          <dd>
            {pack.clinic.name ? <bdi>{pack.clinic.name}</bdi> : null}
            {pack.clinic.address ? (
              <>
                {" "}
                · <bdi>{pack.clinic.address}</bdi>
              </>
            ) : null}{" "}
            {ids(pack.clinic.phone, pack.clinic.email)}
          </dd>
        </div>
        {pack.coordinator.name ? (
          <div>
            <dt>{pack.coordinator.label}</dt>
            <dd>
              <bdi>{pack.coordinator.name}</bdi>{" "}
              {ids(pack.coordinator.email, pack.coordinator.phone)}
            </dd>
          </div>
        ) : null}
      </dl>
      <p className="small muted">{pack.footer}</p>
    </article>
  );
}

/** The words of the lab form, in the share page's language (the server translates them). */
export interface LabFormWords {
  title: string;
  intro: string;
  marker: string;
  value: string;
  takenOn: string;
  doctorName: string;
  doctorHint: string;
  submit: string;
  checkLegend: string;
  checked: string;
}

export function ShareLabEntry({
  words,
  markers,
  formKey,
  reply,
  lang,
  dir,
}: {
  words: LabFormWords;
  markers: { key: string; label: string }[];
  formKey: string;
  reply: FormReply | null | undefined;
  lang: string;
  dir: "ltr" | "rtl";
}) {
  const busy = useBusy();
  const { form, fields, props, done } = useAppForm<ShareLabInput>("share-lab", reply);
  const checking = Boolean(fields.checked.errors?.length) || fields.checked.initialValue === "on";
  return (
    <section className="card" aria-labelledby="share-lab-title" lang={lang} dir={dir}>
      <h2 id="share-lab-title">{words.title}</h2>
      <p className="muted">{words.intro}</p>
      <FormDone message={done} />
      <Form method="post" {...props}>
        <FormErrors form={form} />
        <FormKey value={formKey} />
        <FormField meta={fields.marker} label={words.marker}>
          {({ key, ...p }) => (
            <select key={key} {...p}>
              <option value="" />
              {markers.map((m) => (
                <option key={m.key} value={m.key}>
                  {m.label}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField meta={fields.value} label={words.value}>
          {({ key, ...p }) => <input key={key} inputMode="decimal" {...p} />}
        </FormField>
        <FormField meta={fields.takenOn} label={words.takenOn}>
          {({ key, ...p }) => <input key={key} type="date" {...p} />}
        </FormField>
        <FormField meta={fields.doctorName} label={words.doctorName} hint={words.doctorHint}>
          {({ key, ...p }) => <input key={key} autoComplete="name" {...p} />}
        </FormField>
        {checking ? (
          <ChoiceField
            meta={fields.checked}
            legend={words.checkLegend}
            type="checkbox"
            options={[{ value: "on", label: words.checked }]}
          />
        ) : null}
        <button type="submit" className="primary" disabled={busy}>
          {words.submit}
        </button>
      </Form>
    </section>
  );
}
