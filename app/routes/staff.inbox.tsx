/**
 * The staff inbox (issue 22): everything patients send, one row per conversation (a case's
 * items), newest first, in the views "mine / unassigned / all", open or done, all or unread
 * only. ?item=ID opens a conversation beside the list (alone on a phone): its case's thread, a
 * reply to the patient, the assignee, done / reopen (for every open item of the case) and
 * unread again. Opening it marks the conversation read for this reader only; reading the list's previews
 * and the thread is audited (listInbox, openInboxItem). The layout (staff.tsx) polls
 * /staff/inbox/changes and reloads this page's data when something new arrives.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { InboxFilters, InboxList } from "~/components/inbox/inbox-list";
import { InboxThread } from "~/components/inbox/inbox-thread";
import type { FormReply } from "~/components/form";
import { InboxForm, inboxFormId, type InboxInput } from "~/forms/inbox";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { FormReplay, newFormKey, readSubmission, replayReply } from "~/infra/forms.server";
import { clientIp } from "~/infra/request.server";
import { translatedTitle } from "~/lib/meta";
import { can } from "~/lib/permissions";
import { notFound, requirePermission } from "~/models/auth/auth.server";
import { patientLanguageWarning } from "~/models/cases/patient-language.server";
import { messagePatient, WorkError } from "~/models/cases/workspace.server";
import {
  assignInboxItem,
  caseOfInboxItem,
  countUnread,
  InboxError,
  listInbox,
  listInboxAssignees,
  markInboxItemUnread,
  openInboxItem,
  parseInboxQuery,
  setInboxItemDone,
} from "~/models/inbox/inbox.server";
import { countOpenLeads } from "~/models/channels/leads.server";
import type { loader as rootLoader } from "~/root";

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "inbox.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "inbox:read");
  const query = parseInboxQuery(new URL(request.url));
  const ip = clientIp(context);
  // Opened first, so the list already shows it read.
  const open = query.item ? await openInboxItem(user, query.item, ip) : null;
  const list = await listInbox(user, query, ip);
  const mayAssign = can(user, "inbox:assign");
  return {
    ...list,
    query: { ...query, before: query.before?.toISOString() ?? null },
    open,
    me: user.id,
    assignees: mayAssign && open ? await listInboxAssignees() : [],
    may: { assign: mayAssign, reply: can(user, "case.message:write") },
    formKey: newFormKey(),
    timeZone: user.timeZone,
    // After this page's reads: the navigation shows this (its own loader ran alongside).
    navUnread: await countUnread(user.id),
    // Messages from numbers no verified patient holds wait on their own page (issue 24).
    openLeads: await countOpenLeads(),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "inbox:read");
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["common"]);
  const { submission, sent } = await readSubmission(request, InboxForm, t);
  const form = inboxFormId(submission.payload);
  const answer = (status: number, reply: Omit<FormReply, "form">) =>
    data<FormReply>({ form, ...reply }, { status });
  if (submission.status !== "success") return answer(400, { result: submission.reply() });
  const input: InboxInput = submission.value;
  const refuse = (status: number, key: string) =>
    answer(status, { result: submission.reply({ formErrors: [t(key)] }) });
  const mayDo =
    input.intent === "reply"
      ? can(user, "case.message:write")
      : input.intent === "unread" || can(user, "inbox:assign");
  if (!mayDo) return refuse(403, "work.errors.forbidden");
  try {
    switch (input.intent) {
      case "reply": {
        const caseId = await caseOfInboxItem(input.item);
        // Text for the patient in a language they do not read waits for "Send anyway".
        const language = await patientLanguageWarning(caseId, [input.body], submission.payload);
        if (language) return answer(409, { result: submission.reply(), language });
        await messagePatient(
          caseId,
          { id: user.id, role: user.role, ip: clientIp(context) },
          input.body,
          sent,
        );
        break;
      }
      case "assign":
        await assignInboxItem(
          user,
          input.item,
          input.assignee === "me" ? user.id : input.assignee || null,
        );
        break;
      case "done":
      case "reopen":
        await setInboxItemDone(user, input.item, input.intent === "done");
        break;
      case "unread": {
        await markInboxItemUnread(user, input.item);
        // Staying on the item would read it again: back to the list, as a mail client does.
        const url = new URL(request.url);
        url.searchParams.delete("item");
        url.searchParams.delete("index");
        return redirect(`${url.pathname}${url.search}`);
      }
    }
  } catch (error) {
    if (error instanceof FormReplay)
      return answer(409, { result: replayReply(submission, error, t) });
    if (error instanceof InboxError) {
      if (error.key === "notFound") notFound();
      return refuse(400, "inbox.errors.assignee");
    }
    if (error instanceof WorkError) {
      if (error.code === "not_found") notFound();
      return refuse(error.code === "forbidden" ? 403 : 409, error.key);
    }
    throw error;
  }
  return answer(200, {
    result: submission.reply({ resetForm: true }),
    done: t(`inbox.done.${input.intent}`),
  });
}

export default function StaffInbox() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const locale = useRouteLoaderData<typeof rootLoader>("root")?.locale ?? "en";
  return (
    <section className={page.open ? "inbox has-item" : "inbox"}>
      <div className="inbox-list-pane">
        <InboxFilters page={page} locale={locale} />
        <InboxList page={page} locale={locale} />
      </div>
      {page.open ? (
        <InboxThread page={page} open={page.open} reply={reply} locale={locale} />
      ) : (
        <div className="inbox-thread-pane inbox-empty" aria-hidden="true" />
      )}
    </section>
  );
}
