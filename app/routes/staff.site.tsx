/**
 * The clinic's public facts and doctors, for admins (ADR 023): name, licence and
 * authorisation, accreditations, address and coordinates, phone, WhatsApp and email; each
 * doctor's name, registration, programmes and, per language, title and credentials; the
 * questions patients ask, per language, in order, shown or hidden. Every save is audited. The words around these facts are translations (locales/<lng>/site.json).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { FormReply } from "~/components/form";
import { ClinicEditor, DoctorEditor, FaqEditor, NewDoctor, NewFaq } from "~/components/site/admin";
import { SiteForm, textField } from "~/forms/site";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";
import { LOCALES } from "~/i18n/config";
import { FormReplay, newFormKey, readSubmission, replayReply } from "~/infra/forms.server";
import { translatedTitle } from "~/lib/meta";
import { DOCTOR_FIELDS, FAQ_FIELDS, type DoctorText } from "~/lib/site";
import { requirePermission } from "~/models/auth/auth.server";
import {
  addDoctor,
  addFaqEntry,
  saveClinicProfile,
  saveDoctor,
  saveFaqEntry,
  siteAdminPage,
} from "~/models/site/site.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["enquiry", "portal", "finance"] };

export const meta: MetaFunction = ({ matches }) => translatedTitle(matches, "site:admin.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "site:edit");
  return { ...(await siteAdminPage()), formKey: newFormKey() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "site:edit");
  const { locale } = await detectLocale(request, user.locale);
  const t = getFixedT(locale, ["site", "common"]);
  const { submission, sent } = await readSubmission(request, SiteForm, t);
  const payload = submission.payload;
  const form =
    payload.intent === "doctor"
      ? `doctor-${String(payload.doctorId ?? "")}`
      : payload.intent === "newDoctor"
        ? "new-doctor"
        : payload.intent === "faq"
          ? `faq-${String(payload.faqId ?? "")}`
          : payload.intent === "newFaq"
            ? "new-faq"
            : "clinic";
  const answer = (status: number, reply: Omit<FormReply, "form">) =>
    data<FormReply>({ form, ...reply }, { status });
  if (submission.status !== "success") return answer(400, { result: submission.reply() });
  const actor = { id: user.id, ip: (context as { ip?: string }).ip ?? null };
  const input = submission.value;
  try {
    switch (input.intent) {
      case "clinic": {
        const { intent: _intent, ...facts } = input;
        await saveClinicProfile(facts, actor);
        return answer(200, {
          result: submission.reply({ resetForm: true }),
          done: t("admin.saved"),
        });
      }
      case "doctor": {
        const fields = input as unknown as Record<string, string>;
        const texts = Object.fromEntries(
          LOCALES.map((lng) => [
            lng,
            Object.fromEntries(DOCTOR_FIELDS.map((f) => [f, fields[textField(f, lng)] ?? ""])),
          ]),
        ) as unknown as Record<string, DoctorText>;
        const saved = await saveDoctor(
          input.doctorId,
          {
            name: input.name,
            registration: input.registration,
            programmes: input.programmes.replace(/\s+/g, ""),
            position: input.position,
            active: input.active,
            texts,
          },
          actor,
        );
        if (!saved)
          return answer(404, {
            result: submission.reply({ formErrors: [t("admin.errors.notFound")] }),
          });
        return answer(200, {
          result: submission.reply({ resetForm: true }),
          done: t("admin.saved"),
        });
      }
      case "newDoctor":
        await addDoctor({ name: input.name, registration: input.registration }, sent, actor);
        return answer(200, {
          result: submission.reply({ resetForm: true }),
          done: t("admin.added"),
        });
      case "faq": {
        const fields = input as unknown as Record<string, string>;
        const texts = Object.fromEntries(
          LOCALES.map((lng) => [
            lng,
            Object.fromEntries(FAQ_FIELDS.map((f) => [f, fields[textField(f, lng)] ?? ""])),
          ]),
        );
        const saved = await saveFaqEntry(
          input.faqId,
          {
            question: fields[textField("question", "en")]!,
            answer: fields[textField("answer", "en")]!,
            position: input.position,
            active: input.active,
            texts,
          },
          actor,
        );
        if (saved === "missing")
          return answer(404, {
            result: submission.reply({ formErrors: [t("admin.errors.faqNotFound")] }),
          });
        return answer(200, {
          result: submission.reply({ resetForm: true }),
          done: t(saved === "same" ? "admin.unchanged" : "admin.saved"),
        });
      }
      case "newFaq":
        await addFaqEntry({ question: input.question, answer: input.answer }, sent, actor);
        return answer(200, {
          result: submission.reply({ resetForm: true }),
          done: t("admin.faqAdded"),
        });
    }
  } catch (error) {
    if (error instanceof FormReplay)
      return answer(409, { result: replayReply(submission, error, t) });
    throw error;
  }
}

export default function SitePage() {
  const { t } = useTranslation("site");
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <article className="site-admin">
      <h1>{t("admin.title")}</h1>
      <p className="muted">{t("admin.intro")}</p>
      <ClinicEditor clinic={d.clinic} reply={reply} busy={busy} />
      <section aria-labelledby="doctors-admin-h">
        <h2 id="doctors-admin-h">{t("admin.doctors")}</h2>
        {d.doctors.map((doctor) => (
          <DoctorEditor key={doctor.id} doctor={doctor} reply={reply} busy={busy} />
        ))}
        <NewDoctor formKey={d.formKey} reply={reply} busy={busy} />
      </section>
      <section aria-labelledby="faq-admin-h">
        <h2 id="faq-admin-h">{t("admin.faq")}</h2>
        <p className="muted">{t("admin.faqIntro")}</p>
        {d.faq.map((entry) => (
          <FaqEditor key={entry.id} entry={entry} reply={reply} busy={busy} />
        ))}
        <NewFaq formKey={d.formKey} reply={reply} busy={busy} />
      </section>
    </article>
  );
}
