/**
 * "Messages on your phone" in the patient's settings (issue 24): the number and whether it is
 * proved, each channel on or off, "send me a code" and the code typed back. Every form is a
 * plain POST to portal.settings, answered in place; errors about the code are shown beside
 * the code field, which gets the focus (with or without JavaScript).
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
} from "~/components/form";
import type { ConfirmCodeForm } from "~/forms/settings";
import { formatDate } from "~/lib/format";
import { CHANNELS, isChannel, type Channel } from "~/lib/message-templates";

/**
 * The form a reply of the phone section belongs to: each channel's toggle is its own form;
 * "send me a code" answers at the code field, where the next step is. Null for other intents.
 */
export function phoneFormId(payload: Record<string, unknown>): string | null {
  if (payload.intent === "channel") {
    return isChannel(payload.channel) ? `channel-${payload.channel}` : "channel";
  }
  if (payload.intent === "sendCode" || payload.intent === "confirmCode") return "code";
  return null;
}

type Dateish = string | Date;

export interface PhoneChannelsProps {
  phone: string | null;
  phoneVerifiedAt: Dateish | null;
  channels: { channel: Channel; since: Dateish | null }[];
  codeMinutes: number;
  formKey: string;
  timeZone: string;
  reply: FormReply | null | undefined;
  busy: boolean;
}

export function PhoneChannels(props: PhoneChannelsProps) {
  const { t, i18n } = useTranslation("privacy");
  const { phone, phoneVerifiedAt, timeZone, formKey, busy } = props;
  const code = useAppForm<z.input<typeof ConfirmCodeForm>>("code", props.reply);
  const codeInvalid = Boolean(code.fields.code.errors?.length);
  return (
    <section className="card phone-channels" aria-labelledby="phone-channels-h">
      <h2 id="phone-channels-h">{t("channels.settings.title")}</h2>
      <p className="muted small">{t("channels.settings.intro")}</p>
      <p>
        <strong>{t("channels.settings.number")}</strong>{" "}
        {phone ? <bdi dir="ltr">{phone}</bdi> : t("channels.settings.noPhone")}
        {phone ? (
          <>
            <br />
            {phoneVerifiedAt ? (
              <span className="badge ok">
                {t("channels.settings.proved", {
                  date: formatDate(phoneVerifiedAt, i18n.language, timeZone),
                })}
              </span>
            ) : (
              <span className="muted small">{t("channels.settings.notProved")}</span>
            )}
          </>
        ) : null}
      </p>

      <FormDone message={code.done} focus />
      {phone && !phoneVerifiedAt ? (
        <>
          <Form method="post" className="actions">
            <input type="hidden" name="intent" value="sendCode" />
            <FormKey value={formKey} />
            {CHANNELS.map((channel) => (
              <button key={channel} type="submit" name="channel" value={channel} disabled={busy}>
                {t(`channels.settings.sendCode.${channel}`)}
              </button>
            ))}
          </Form>
          <Form method="post" className="inline-form" {...code.props}>
            <FormErrors form={code.form} />
            <input type="hidden" name="intent" value="confirmCode" />
            <FormKey value={formKey} />
            <FormField
              meta={code.fields.code}
              label={t("channels.settings.code")}
              hint={t("channels.settings.codeHint", { minutes: props.codeMinutes })}
            >
              {({ defaultValue: _typed, key, ...field }) => (
                // A spent or wrong code is not worth keeping: the field starts empty again.
                <input
                  key={key}
                  {...field}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  dir="ltr"
                  size={8}
                  maxLength={12}
                  // Without scripts too, the field answering the error has the focus.
                  autoFocus={codeInvalid}
                />
              )}
            </FormField>
            <button type="submit" className="primary" disabled={busy}>
              {t("channels.settings.confirm")}
            </button>
          </Form>
        </>
      ) : null}

      {props.channels.map((c) => (
        <ChannelToggle
          key={c.channel}
          {...c}
          {...{ formKey, timeZone, busy }}
          proved={Boolean(phone && phoneVerifiedAt)}
          reply={props.reply}
        />
      ))}
    </section>
  );
}

/** One channel: on since when, or off; one button turns it the other way. */
function ChannelToggle({
  channel,
  since,
  formKey,
  timeZone,
  busy,
  reply,
  proved,
}: {
  channel: Channel;
  since: Dateish | null;
  /** Whether the number is proved: until it is, "on" sends nothing yet. */
  proved: boolean;
  formKey: string;
  timeZone: string;
  busy: boolean;
  reply: FormReply | null | undefined;
}) {
  const { t, i18n } = useTranslation("privacy");
  const toggle = useAppForm(`channel-${channel}`, reply);
  const on = since !== null;
  return (
    <Form method="post" {...toggle.props} className="phone-channel">
      <h3>{t(`channels.name.${channel}`)}</h3>
      <FormErrors form={toggle.form} />
      <FormDone message={toggle.done} focus />
      <p>
        {on && proved ? (
          <span className="badge ok">
            {t("channels.settings.on", { date: formatDate(since, i18n.language, timeZone) })}
          </span>
        ) : on ? (
          <span className="badge warn">{t("channels.settings.onWaiting")}</span>
        ) : (
          <span className="badge">{t("channels.settings.off")}</span>
        )}
      </p>
      {/* Turning it on records this wording's consent: it is shown before the button. */}
      {on ? null : <p className="small">{t(`channels.optIn.${channel}`)}</p>}
      <input type="hidden" name="intent" value="channel" />
      <input type="hidden" name="channel" value={channel} />
      <input type="hidden" name="choice" value={on ? "off" : "on"} />
      <FormKey value={formKey} />
      <button type="submit" className={on ? undefined : "primary"} disabled={busy}>
        {t(on ? `channels.settings.turnOff.${channel}` : `channels.settings.turnOn.${channel}`)}
      </button>
    </Form>
  );
}
