/** A member of staff's sessions, each with its end button (app/routes/staff.account.tsx). */
import { Form, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ltr } from "~/components/bidi";
import { ConfirmAction } from "~/components/confirm";
import { FormErrors, useAppForm, useBusy, type FormReply } from "~/components/form";
import { formatDateTime } from "~/lib/format";
import type { loader as rootLoader } from "~/root";

interface SessionRow {
  ref: string;
  current: boolean;
  device: string | null;
  ip: string | null;
  createdAt: string | Date;
  lastSeenAt: string | Date;
}

export function SessionList({
  sessions,
  timeZone,
  reply,
}: {
  sessions: SessionRow[];
  timeZone: string;
  reply: FormReply | null | undefined;
}) {
  const { t } = useTranslation();
  const locale = useRouteLoaderData<typeof rootLoader>("root")?.locale ?? "en";
  const busy = useBusy();
  const page = useAppForm("sessions", reply);
  const others = sessions.filter((s) => !s.current).length;
  const when = (d: string | Date) => formatDateTime(d, locale, timeZone, "short");
  return (
    <section aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">{t("mySessions.list")}</h2>
      <p className="hint">{t("mySessions.intro")}</p>
      <FormErrors form={page.form} />
      <ul className="plain-list">
        {sessions.map((s, i) => {
          const device = s.device ?? t("mySessions.unknownDevice");
          return (
            <li key={s.ref} className="card" aria-labelledby={`session-${i}`}>
              <h3 id={`session-${i}`}>
                <bdi dir="ltr">{device}</bdi>
                {s.current ? (
                  <>
                    {" "}
                    <span className="badge ok">{t("mySessions.current")}</span>
                  </>
                ) : null}
              </h3>
              <dl className="facts">
                <dt>{t("mySessions.ip")}</dt>
                <dd dir="ltr">{s.ip ?? "—"}</dd>
                <dt>{t("mySessions.started")}</dt>
                <dd>{when(s.createdAt)}</dd>
                <dt>{t("mySessions.lastSeen")}</dt>
                <dd>{when(s.lastSeenAt)}</dd>
              </dl>
              {s.current ? (
                <p className="hint">{t("mySessions.currentHint")}</p>
              ) : (
                <Form method="post">
                  <input type="hidden" name="intent" value="endSession" />
                  <input type="hidden" name="session" value={s.ref} />
                  <button type="submit" disabled={busy}>
                    {t("mySessions.end", { device: s.device ? ltr(s.device) : device })}
                  </button>
                </Form>
              )}
            </li>
          );
        })}
      </ul>
      {others > 0 ? (
        <ConfirmAction
          intent="endOthers"
          fields={{}}
          label={t("mySessions.endOthers")}
          question={t("mySessions.endOthersQuestion", { count: others })}
          confirm={t("mySessions.endOthersConfirm")}
          busy={busy}
        />
      ) : (
        <p className="muted">{t("mySessions.noOthers")}</p>
      )}
    </section>
  );
}
