/**
 * The inbox's right pane (alone on a phone): the selected item's case thread, oldest first,
 * the reply box (messagePatient, once per form key) and the item's handling: assignee, done /
 * open again, unread again. Every form posts to the page with the item in the address, and
 * works without JavaScript.
 */
import { Form, Link } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { Busy } from "~/components/case/parts";
import {
  FormDone,
  FormErrors,
  FormField,
  FormKey,
  useAppForm,
  type FormReply,
} from "~/components/form";
import { LanguageCheck } from "~/components/language-warning";
import type { InboxAssignForm, InboxReplyForm } from "~/forms/inbox";
import { iso } from "~/components/case/context";
import { formatDateTime } from "~/lib/format";
import { TEXT_MAX } from "~/lib/review";
import { ChannelBadge, inboxHref, type InboxPage } from "./inbox-list";

type Open = NonNullable<InboxPage["open"]>;

const EVENT_WORDS: Record<string, string> = {
  DOCUMENT_UPLOADED: "inbox.event.upload",
  FOLLOW_UP_COMPLETED: "inbox.event.answers",
  ENQUIRY_REPEAT: "inbox.event.enquiry",
  CONSENT_WITHDRAWN: "inbox.event.consent",
  ATTACHMENT_REFUSED: "inbox.event.attachmentRefused",
};

export function InboxThread({
  page,
  open,
  reply,
  locale,
}: {
  page: InboxPage;
  open: Open;
  reply: FormReply | null | undefined;
  locale: string;
}) {
  const { t } = useTranslation();
  const { item, thread } = open;
  const heading = useRef<HTMLHeadingElement>(null);
  // A newly chosen item takes the focus, so a keyboard reader lands on what they opened.
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, [item.id]);
  const last = useRef<HTMLLIElement>(null);
  useEffect(() => {
    last.current?.scrollIntoView({ block: "nearest" });
  }, [item.id, thread.length]);
  return (
    <article className="inbox-thread-pane card" aria-labelledby="inbox-thread-h">
      <p className="inbox-back">
        <Link to={inboxHref(page.query, { item: null })}>{t("inbox.back")}</Link>
      </p>
      <header className="inbox-thread-head">
        <h2 id="inbox-thread-h" ref={heading} tabIndex={-1}>
          <bdi>{item.case.patient.name}</bdi>{" "}
          <Link to={`/staff/cases/${item.case.id}`} className="small">
            {item.case.number}
          </Link>
        </h2>
        <p className="small muted">
          <span className={`badge kind-${item.kind}`}>{t(`inbox.kind.${item.kind}`)}</span> ·{" "}
          <ChannelBadge channel={item.channel} /> ·{" "}
          <time dateTime={iso(item.createdAt)}>
            {formatDateTime(item.createdAt, locale, page.timeZone, "short")}
          </time>{" "}
          ·{" "}
          {item.assignee ? (
            <>
              {t("inbox.assignedTo")} <bdi>{item.assignee.name}</bdi>
            </>
          ) : (
            t("inbox.unassigned")
          )}
          {item.doneAt ? <> · {t("inbox.status.done")}</> : null}
        </p>
        <ItemActions page={page} open={open} reply={reply} />
      </header>
      <ol className="thread inbox-thread" aria-label={t("inbox.thread")}>
        {thread.map((e, i) => (
          <li
            key={e.id}
            ref={i === thread.length - 1 ? last : undefined}
            className={[
              e.fromPatient ? "from-patient" : "from-staff",
              e.id === item.eventId ? "current" : "",
            ]
              .join(" ")
              .trim()}
          >
            <p className="small muted">
              {e.fromPatient ? (
                <bdi>{item.case.patient.name}</bdi>
              ) : e.actor ? (
                <bdi>{e.actor.name}</bdi>
              ) : (
                t("case.system")
              )}{" "}
              ·{" "}
              <time dateTime={iso(e.createdAt)}>
                {formatDateTime(e.createdAt, locale, page.timeZone, "short")}
              </time>
            </p>
            {e.type === "INFO_REQUESTED" ? (
              <p className="small">
                <strong>{t("inbox.event.infoRequested")}</strong>
              </p>
            ) : null}
            {EVENT_WORDS[e.type] ? (
              <p>
                <em>{t(EVENT_WORDS[e.type]!)}</em>
              </p>
            ) : null}
            {e.body ? (
              <p className="pre">
                <bdi>{e.body}</bdi>
              </p>
            ) : null}
          </li>
        ))}
      </ol>
      {page.may.reply ? <ReplyForm itemId={item.id} formKey={page.formKey} reply={reply} /> : null}
    </article>
  );
}

function ReplyForm({
  itemId,
  formKey,
  reply,
}: {
  itemId: string;
  formKey: string;
  reply: FormReply | null | undefined;
}) {
  const { t } = useTranslation();
  const { form, fields, done, props } = useAppForm<z.input<typeof InboxReplyForm>>("reply", reply);
  return (
    <Form method="post" preventScrollReset className="inbox-reply" {...props}>
      <FormErrors form={form} />
      <FormDone message={done} />
      <input type="hidden" name="intent" value="reply" />
      <input type="hidden" name="item" value={itemId} />
      <FormKey value={formKey} />
      <FormField meta={fields.body} label={t("inbox.replyLabel")} hint={t("inbox.replyHint")}>
        {({ key, ...control }) => (
          <textarea key={key} {...control} rows={3} maxLength={TEXT_MAX} required />
        )}
      </FormField>
      <LanguageCheck form="reply" reply={reply} />
      <Busy>{t("inbox.send")}</Busy>
    </Form>
  );
}

/** Assign, done / open again, unread again: small forms in one row. */
function ItemActions({
  page,
  open,
  reply,
}: {
  page: InboxPage;
  open: Open;
  reply: FormReply | null | undefined;
}) {
  const { t } = useTranslation();
  const { item } = open;
  const assign = useAppForm<z.input<typeof InboxAssignForm>>("assign", reply, {
    assignee: item.assignee?.id ?? "",
  });
  const status = useAppForm<Record<string, unknown>>(item.doneAt ? "reopen" : "done", reply);
  const unread = useAppForm<Record<string, unknown>>("unread", reply);
  return (
    <div className="inbox-actions">
      {page.may.assign ? (
        <Form method="post" preventScrollReset className="inbox-assign" {...assign.props}>
          <FormErrors form={assign.form} />
          <FormDone message={assign.done} />
          <input type="hidden" name="intent" value="assign" />
          <input type="hidden" name="item" value={item.id} />
          <FormField meta={assign.fields.assignee} label={t("inbox.assignLabel")}>
            {({ key, ...control }) => (
              <select key={key} {...control}>
                <option value="">{t("inbox.nobody")}</option>
                {page.assignees.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name} · {t(`roles.${a.role}`)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <Busy>{t("inbox.assign")}</Busy>
        </Form>
      ) : null}
      {page.may.assign && item.assignee?.id !== page.me ? (
        <Form method="post" preventScrollReset className="inbox-assign-me">
          <input type="hidden" name="intent" value="assign" />
          <input type="hidden" name="item" value={item.id} />
          <input type="hidden" name="assignee" value="me" />
          <Busy className="secondary">{t("inbox.assignMe")}</Busy>
        </Form>
      ) : null}
      <div className="inbox-buttons">
        {page.may.assign ? (
          <Form method="post" preventScrollReset {...status.props}>
            <FormErrors form={status.form} />
            <FormDone message={status.done} />
            <input type="hidden" name="intent" value={item.doneAt ? "reopen" : "done"} />
            <input type="hidden" name="item" value={item.id} />
            <Busy>{item.doneAt ? t("inbox.reopen") : t("inbox.markDone")}</Busy>
          </Form>
        ) : null}
        <Form method="post" preventScrollReset {...unread.props}>
          <FormErrors form={unread.form} />
          <FormDone message={unread.done} />
          <input type="hidden" name="intent" value="unread" />
          <input type="hidden" name="item" value={item.id} />
          <Busy className="secondary">{t("inbox.markUnread")}</Busy>
        </Form>
      </div>
    </div>
  );
}
