/**
 * The conversation with the care team on the patient's case page: messages both ways and
 * requests for information, and the form to write (a creating form: it carries its key).
 */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import {
  FormDone,
  FormErrors,
  FormField,
  FormKey,
  useAppForm,
  type FormReply,
  useBusy,
} from "~/components/form";
import type { MessageForm } from "~/forms/portal-case";
import { formatDateTime, formatList } from "~/lib/format";
import { ROLE } from "~/lib/permissions";
import { TEXT_MAX } from "~/lib/review";
import type { PatientCase } from "~/models/cases/portal.server";

export function Messages({
  kase,
  timeZone,
  reply,
  formKey,
}: {
  kase: PatientCase;
  timeZone: string;
  reply: FormReply | undefined;
  formKey: string;
}) {
  const { t, i18n } = useTranslation("portal");
  const lng = i18n.language;
  const busy = useBusy();
  const { form, fields, props, done } = useAppForm<z.input<typeof MessageForm>>("message", reply);
  return (
    <section className="card" aria-labelledby="messages-title">
      <h2 id="messages-title">{t("messages.title")}</h2>
      {kase.messages.length === 0 ? <p className="muted">{t("messages.none")}</p> : null}
      <ol className="thread">
        {kase.messages.map((m) => (
          <li key={m.id} className={m.fromPatient ? "from-patient" : "from-staff"}>
            <p className="small muted">
              {m.fromPatient
                ? t("messages.you")
                : t("messages.from", {
                    name: m.actor?.name ?? "",
                    role: t(`messages.role.${m.actor?.role ?? ROLE.COORDINATOR}`),
                  })}{" "}
              ·{" "}
              <time dateTime={new Date(m.createdAt).toISOString()}>
                {formatDateTime(m.createdAt, lng, timeZone, "short")}
              </time>
            </p>
            {m.type === "INFO_REQUESTED" ? (
              <p>
                <strong>
                  {t("messages.requested", {
                    kinds: formatList(
                      (m.reason ?? "")
                        .split(",")
                        .filter(Boolean)
                        .map((k) => t(`messages.kind.${k}`)),
                      lng,
                    ),
                  })}
                </strong>
              </p>
            ) : null}
            <p className="pre">
              <bdi>{m.body}</bdi>
            </p>
          </li>
        ))}
      </ol>
      <FormDone message={done} />
      <Form method="post" className="message-form" {...props}>
        <FormErrors form={form} />
        <FormKey value={formKey} />
        <input type="hidden" name="intent" value="message" />
        <FormField meta={fields.body} label={t("messages.write")}>
          {(props) => <textarea {...props} rows={3} maxLength={TEXT_MAX} />}
        </FormField>
        <button type="submit" className="primary" disabled={busy}>
          {t("messages.send")}
        </button>
      </Form>
    </section>
  );
}
