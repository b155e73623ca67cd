/**
 * The team page's parts (app/routes/staff.team.tsx): each person as a card (role, status,
 * second factor, last seen) with their forms, the invitations not yet accepted, and the
 * invitation form. Cards rather than a table, so the page reads at 360px and right to left.
 */
import { Form, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ltr } from "~/components/bidi";
import { ConfirmAction } from "~/components/confirm";
import {
  FormDone,
  FormErrors,
  FormField,
  FormKey,
  LanguageOptions,
  useAppForm,
  useBusy,
  type FormReply,
} from "~/components/form";
import { formatDateTime } from "~/lib/format";
import type { StaffRole } from "~/lib/permissions";
import type { loader as rootLoader } from "~/root";

interface Person {
  id: string;
  name: string;
  email: string;
  role: StaffRole;
  active: boolean;
  enrolled: boolean;
  lastSignIn: string | Date | null;
  lastSeen: string | Date | null;
  deactivatedAt: string | Date | null;
  lastAdmin: boolean;
}

interface Invite {
  id: string;
  email: string;
  name: string | null;
  role: string | null;
  expiresAt: string | Date;
  createdAt: string | Date;
  expired: boolean;
}

type Reply = FormReply | null | undefined;

/** A name inside a translated sentence, isolated in its own direction (FSI … PDI). */
const isolated = (text: string) => `\u2068${text}\u2069`;

function useLocale() {
  return useRouteLoaderData<typeof rootLoader>("root")?.locale ?? "en";
}

export function TeamTable({
  people,
  roles,
  selfId,
  timeZone,
  reply,
}: {
  people: Person[];
  roles: readonly StaffRole[];
  selfId: string;
  timeZone: string;
  reply: Reply;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="team-people">
      <h2 id="team-people">{t("team.people")}</h2>
      <ul className="team-list plain-list">
        {people.map((p) => (
          <PersonCard
            key={p.id}
            person={p}
            roles={roles}
            self={p.id === selfId}
            timeZone={timeZone}
            reply={reply}
          />
        ))}
      </ul>
    </section>
  );
}

function PersonCard({
  person: p,
  roles,
  self,
  timeZone,
  reply,
}: {
  person: Person;
  roles: readonly StaffRole[];
  self: boolean;
  timeZone: string;
  reply: Reply;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const busy = useBusy();
  const role = useAppForm<{ role: string }>(`role-${p.id}`, reply, { role: p.role });
  const person = useAppForm(`person-${p.id}`, reply);
  const when = (d: string | Date | null) =>
    d ? formatDateTime(d, locale, timeZone, "short") : t("team.never");
  const headingId = `person-${p.id}-name`;
  // The last active admin and oneself: no demotion or deactivation is offered (the model
  // refuses them anyway).
  const locked = self || p.lastAdmin;
  return (
    <li className={`card team-person${p.active ? "" : " inactive"}`} aria-labelledby={headingId}>
      <h3 id={headingId}>
        <bdi>{p.name}</bdi>
        {self ? <span className="muted small"> ({t("team.you")})</span> : null}
      </h3>
      <p className="muted">
        <bdi dir="ltr">{p.email}</bdi>
      </p>
      <dl className="facts">
        <dt>{t("team.role")}</dt>
        <dd>{t(`roles.${p.role}`)}</dd>
        <dt>{t("team.status")}</dt>
        <dd>
          <span className={`badge ${p.active ? "ok" : "warn"}`}>
            {p.active ? t("team.active") : t("team.deactivated")}
          </span>
          {!p.active && p.deactivatedAt ? (
            <span className="muted small"> {when(p.deactivatedAt)}</span>
          ) : null}
        </dd>
        <dt>{t("team.secondFactor")}</dt>
        <dd>{p.enrolled ? t("team.enrolled") : t("team.notEnrolled")}</dd>
        <dt>{t("team.lastSignIn")}</dt>
        <dd>{when(p.lastSignIn)}</dd>
        <dt>{t("team.lastSeen")}</dt>
        <dd>{when(p.lastSeen)}</dd>
      </dl>
      {p.lastAdmin ? <p className="hint">{t("team.lastAdminHint")}</p> : null}
      {locked ? null : (
        <Form method="post" className="inline-form" {...role.props}>
          <FormErrors form={role.form} />
          <input type="hidden" name="intent" value="role" />
          <input type="hidden" name="userId" value={p.id} />
          <FormField
            meta={role.fields.role}
            label={t("team.changeRole", { name: isolated(p.name) })}
          >
            {({ key, ...control }) => (
              <select key={key} {...control}>
                {roles.map((r) => (
                  <option key={r} value={r}>
                    {t(`roles.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <button type="submit" disabled={busy}>
            {t("team.saveRole")}
          </button>
          <FormDone message={role.done} />
        </Form>
      )}
      <FormErrors form={person.form} />
      <FormDone message={person.done} />
      <div className="stack">
        {p.active && !locked ? (
          <ConfirmAction
            intent="deactivate"
            fields={{ userId: p.id }}
            label={t("team.deactivate", { name: isolated(p.name) })}
            question={t("team.deactivateQuestion", { name: isolated(p.name) })}
            confirm={t("team.deactivateConfirm")}
            busy={busy}
            open={Boolean(person.form.errors?.length)}
          />
        ) : null}
        {!p.active ? (
          <Form method="post">
            <input type="hidden" name="intent" value="reactivate" />
            <input type="hidden" name="userId" value={p.id} />
            <button type="submit" disabled={busy}>
              {t("team.reactivate", { name: isolated(p.name) })}
            </button>
          </Form>
        ) : null}
        {!self && p.enrolled ? (
          <ConfirmAction
            intent="resetTotp"
            fields={{ userId: p.id }}
            label={t("team.resetTotp", { name: isolated(p.name) })}
            question={t("team.resetTotpQuestion", { name: isolated(p.name) })}
            confirm={t("team.resetTotpConfirm")}
            busy={busy}
          />
        ) : null}
      </div>
    </li>
  );
}

export function InviteList({
  invites,
  formKey,
  timeZone,
  reply,
}: {
  invites: Invite[];
  formKey: string;
  timeZone: string;
  reply: Reply;
}) {
  const { t } = useTranslation();
  if (invites.length === 0) return null;
  return (
    <section aria-labelledby="team-invites">
      <h2 id="team-invites">{t("team.invites")}</h2>
      <ul className="team-list plain-list">
        {invites.map((i) => (
          <InviteItem key={i.id} invite={i} formKey={formKey} timeZone={timeZone} reply={reply} />
        ))}
      </ul>
    </section>
  );
}

function InviteItem({
  invite: i,
  formKey,
  timeZone,
  reply,
}: {
  invite: Invite;
  formKey: string;
  timeZone: string;
  reply: Reply;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const busy = useBusy();
  const resend = useAppForm<{ locale: string }>(`invite-${i.id}`, reply, { locale });
  const headingId = `invite-${i.id}-name`;
  return (
    <li className="card team-invite" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <bdi>{i.name ?? i.email}</bdi>
      </h3>
      <p className="muted">
        <bdi dir="ltr">{i.email}</bdi>
        {i.role ? <> · {t(`roles.${i.role}`, { defaultValue: i.role })}</> : null}
      </p>
      <p>
        {i.expired
          ? t("team.inviteExpired", {
              when: formatDateTime(i.expiresAt, locale, timeZone, "short"),
            })
          : t("team.inviteExpires", {
              when: formatDateTime(i.expiresAt, locale, timeZone, "short"),
            })}
      </p>
      <FormErrors form={resend.form} />
      <Form method="post" className="inline-form" {...resend.props}>
        <FormKey value={formKey} />
        <input type="hidden" name="intent" value="resendInvite" />
        <input type="hidden" name="inviteId" value={i.id} />
        <FormField meta={resend.fields.locale} label={t("team.inviteLanguage")}>
          {({ key, ...control }) => (
            <select key={key} {...control}>
              <LanguageOptions />
            </select>
          )}
        </FormField>
        <button type="submit" disabled={busy}>
          {t("team.resend", { email: ltr(i.email) })}
        </button>
      </Form>
      <ConfirmAction
        intent="revokeInvite"
        fields={{ inviteId: i.id }}
        label={t("team.revoke", { email: ltr(i.email) })}
        question={t("team.revokeQuestion", { email: ltr(i.email) })}
        confirm={t("team.revokeConfirm")}
        busy={busy}
      />
    </li>
  );
}

export function InviteCard({
  roles,
  formKey,
  reply,
}: {
  roles: readonly StaffRole[];
  formKey: string;
  reply: Reply;
}) {
  const { t } = useTranslation();
  const busy = useBusy();
  const invite = useAppForm<{ name: string; email: string; role: string; locale: string }>(
    "invite",
    reply,
    { role: roles[0], locale: "en" },
  );
  const { fields } = invite;
  return (
    <section className="card" aria-labelledby="team-invite">
      <h2 id="team-invite">{t("team.inviteHeading")}</h2>
      <p className="hint">{t("team.inviteIntro")}</p>
      <FormDone message={invite.done} />
      <Form method="post" {...invite.props} noValidate>
        <FormErrors form={invite.form} />
        <FormKey value={formKey} />
        <input type="hidden" name="intent" value="invite" />
        <div className="field-row">
          <FormField meta={fields.name} label={t("team.name")}>
            {({ key, ...control }) => (
              <input key={key} {...control} autoComplete="off" maxLength={120} />
            )}
          </FormField>
          <FormField meta={fields.email} label={t("team.email")}>
            {({ key, ...control }) => (
              <input
                key={key}
                {...control}
                type="email"
                dir="ltr"
                autoComplete="off"
                maxLength={254}
              />
            )}
          </FormField>
        </div>
        <div className="field-row">
          <FormField meta={fields.role} label={t("team.role")}>
            {({ key, ...control }) => (
              <select key={key} {...control}>
                {roles.map((r) => (
                  <option key={r} value={r}>
                    {t(`roles.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField
            meta={fields.locale}
            label={t("team.inviteLanguage")}
            hint={t("team.inviteLanguageHint")}
          >
            {({ key, ...control }) => (
              <select key={key} {...control}>
                <LanguageOptions />
              </select>
            )}
          </FormField>
        </div>
        <button type="submit" disabled={busy}>
          {t("team.send")}
        </button>
      </Form>
    </section>
  );
}
