/**
 * Messages from numbers no verified patient holds (issue 24): WhatsApp and SMS that could not
 * be matched to a case. Staff who read the inbox see them (the read is audited: the words may
 * be health data); staff who may assign inbox items act on them: link one to a case by its
 * number (the message joins that case's thread with its channel, as the patient's own reply
 * would), start an enquiry (the public enquiry form, the sender's number filled in: there is
 * no staff-side enquiry form), or dismiss it. Each form is spent once (its key).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { Busy } from "~/components/case/parts";
import { iso } from "~/components/case/context";
import {
  FormDone,
  FormErrors,
  FormField,
  FormKey,
  useAppForm,
  type FormReply,
} from "~/components/form";
import { ChannelBadge } from "~/components/inbox/inbox-list";
import { LeadForm, leadFormId, type LeadInput, type LeadLinkForm } from "~/forms/inbound-leads";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { FormReplay, newFormKey, readSubmission, replayReply } from "~/infra/forms.server";
import { clientIp } from "~/infra/request.server";
import { formatDateTime } from "~/lib/format";
import { translatedTitle } from "~/lib/meta";
import { can } from "~/lib/permissions";
import { requirePermission } from "~/models/auth/auth.server";
import {
  dismissLead,
  LeadError,
  linkLeadToCase,
  listOpenLeads,
} from "~/models/channels/leads.server";
import type { loader as rootLoader } from "~/root";

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "inbox.leads.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "inbox:read");
  const leads = await listOpenLeads(user, clientIp(context));
  return {
    leads,
    may: { act: can(user, "inbox:assign") },
    formKey: newFormKey(),
    timeZone: user.timeZone,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "inbox:read");
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["common"]);
  const { submission, sent } = await readSubmission(request, LeadForm, t);
  const form = leadFormId(submission.payload);
  const answer = (status: number, reply: Omit<FormReply, "form">) =>
    data<FormReply>({ form, ...reply }, { status });
  if (submission.status !== "success") return answer(400, { result: submission.reply() });
  const input: LeadInput = submission.value;
  if (!can(user, "inbox:assign")) {
    return answer(403, { result: submission.reply({ formErrors: [t("work.errors.forbidden")] }) });
  }
  const ip = clientIp(context);
  try {
    if (input.intent === "link") {
      await linkLeadToCase(user, input.lead, input.caseNumber, sent, ip);
    } else {
      await dismissLead(user, input.lead, sent, ip);
    }
  } catch (error) {
    if (error instanceof FormReplay) {
      return answer(409, { result: replayReply(submission, error, t) });
    }
    if (error instanceof LeadError) {
      const message = t(`inbox.leads.errors.${error.key}`);
      return answer(error.key === "gone" ? 409 : 400, {
        result: error.field
          ? submission.reply({ fieldErrors: { [error.field]: [message] } })
          : submission.reply({ formErrors: [message] }),
      });
    }
    throw error;
  }
  return answer(200, {
    result: submission.reply({ resetForm: true }),
    done: t(`inbox.leads.done.${input.intent}`),
  });
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>;
type Lead = Page["leads"][number];

export default function StaffInboxLeads() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const locale = useRouteLoaderData<typeof rootLoader>("root")?.locale ?? "en";
  const { t } = useTranslation();
  // A lead just handled is gone from the list: its success message is shown here instead.
  const handled =
    reply?.done && !page.leads.some((l) => reply.form.endsWith(`-${l.id}`)) ? reply.done : null;
  return (
    <section className="inbox-leads">
      <p>
        <Link to="/staff/inbox">{t("inbox.leads.back")}</Link>
      </p>
      <h1>{t("inbox.leads.title")}</h1>
      <p className="hint">{t("inbox.leads.intro")}</p>
      <FormDone message={handled} />
      {page.leads.length === 0 ? (
        <p>{t("inbox.leads.empty")}</p>
      ) : (
        <ul className="lead-list">
          {page.leads.map((lead) => (
            <LeadRow key={lead.id} lead={lead} page={page} reply={reply} locale={locale} />
          ))}
        </ul>
      )}
    </section>
  );
}

function LeadRow({
  lead,
  page,
  reply,
  locale,
}: {
  lead: Lead;
  page: Page;
  reply: FormReply | null | undefined;
  locale: string;
}) {
  const { t } = useTranslation();
  const link = useAppForm<z.input<typeof LeadLinkForm>>(`link-${lead.id}`, reply);
  const dismiss = useAppForm<Record<string, unknown>>(`dismiss-${lead.id}`, reply);
  const heading = `lead-${lead.id}-h`;
  return (
    <li className="card lead" aria-labelledby={heading}>
      <h2 id={heading} className="small">
        <ChannelBadge channel={lead.channel} /> <bdi dir="ltr">{lead.fromPhone}</bdi>
        {lead.profileName ? (
          <>
            {" "}
            · <bdi>{lead.profileName}</bdi>
          </>
        ) : null}{" "}
        ·{" "}
        <time dateTime={iso(lead.createdAt)}>
          {formatDateTime(lead.createdAt, locale, page.timeZone, "short")}
        </time>
      </h2>
      {lead.text ? (
        <p className="pre">
          <bdi>{lead.text}</bdi>
        </p>
      ) : null}
      {lead.media === "kept" ? (
        <p className="small">
          <em>{t("inbox.leads.mediaKept")}</em>
        </p>
      ) : lead.media === "refused" ? (
        <p className="small">
          <em>{t("inbox.event.attachmentRefused")}</em>
        </p>
      ) : null}
      {page.may.act ? (
        <div className="lead-actions">
          <Form method="post" preventScrollReset {...link.props}>
            <FormErrors form={link.form} />
            <input type="hidden" name="intent" value="link" />
            <input type="hidden" name="lead" value={lead.id} />
            <FormKey value={page.formKey} />
            <FormField
              meta={link.fields.caseNumber}
              label={t("inbox.leads.caseNumber")}
              hint={t("inbox.leads.caseNumberHint", { sample: "MT-2026-000042" })}
            >
              {({ key, ...control }) => (
                <input key={key} {...control} dir="ltr" autoComplete="off" required />
              )}
            </FormField>
            <Busy>{t("inbox.leads.link")}</Busy>
          </Form>
          <p>
            <Link
              className="button secondary"
              to={`/enquire?phone=${encodeURIComponent(lead.fromPhone)}`}
            >
              {t("inbox.leads.startEnquiry")}
            </Link>
          </p>
          <Form method="post" preventScrollReset {...dismiss.props}>
            <FormErrors form={dismiss.form} />
            <input type="hidden" name="intent" value="dismiss" />
            <input type="hidden" name="lead" value={lead.id} />
            <FormKey value={page.formKey} />
            <Busy className="secondary">{t("inbox.leads.dismiss")}</Busy>
          </Form>
        </div>
      ) : null}
    </li>
  );
}
