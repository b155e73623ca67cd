/**
 * The coordinator's travel page in parts: the itinerary entry form (add, or change the entry
 * being edited), each entry's change and remove actions, and a passport's review (approve,
 * or reject with a reason and a note to the patient).
 */
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LanguageCheck } from "~/components/language-warning";
import { ConfirmAction } from "~/components/confirm";
import { formatZone } from "~/lib/format";
import type { z } from "zod";
import {
  FormErrors,
  FormField,
  FormKey,
  ProblemList,
  TimeZoneOptions,
  useAppForm,
  type FormReply,
} from "~/components/form";
import type { ItemInput, RejectForm } from "~/forms/itinerary";
import { isFlight, ITEM_FIELDS, ITEM_KINDS, REJECT_REASONS } from "~/lib/itinerary";
import { TEXT_MAX } from "~/lib/review";

interface Common {
  reply: FormReply | null | undefined;
  busy: boolean;
}

/** The form of an entry: "item" to add one, "item-<id>" to change that one. */
export const itemFormId = (itemId: string | null | undefined) =>
  itemId ? `item-${itemId}` : "item";

/** Add an entry to the itinerary, or change the one being edited. */
export function ItemEntry({
  editing,
  zones,
  airports,
  clinicZone,
  formKey,
  reply,
  busy,
}: Common & {
  editing: { id: string; values: Record<string, string> } | null;
  zones: readonly { value: string; label: string }[];
  airports: string[];
  clinicZone: string;
  formKey: string;
}) {
  const { t, i18n } = useTranslation("travel");
  const { form, fields, props } = useAppForm<ItemInput>(
    itemFormId(editing?.id),
    reply,
    editing?.values ?? { kind: ITEM_KINDS[0] },
  );
  const labels = Object.fromEntries(ITEM_FIELDS.map((f) => [f, t(`itinerary.field.${f}`)]));
  const field = (
    name: "reference" | "note" | "fromPlace" | "toPlace" | "contactName",
    hint?: string,
    list?: string,
  ) => (
    <FormField meta={fields[name]} label={labels[name]} hint={hint}>
      {(control) => <input {...control} list={list} autoComplete="off" />}
    </FormField>
  );
  const kind = String(fields.kind.value ?? fields.kind.initialValue ?? "");
  return (
    <section id="item-form" aria-labelledby="item-heading">
      <h2 id="item-heading">{t(editing ? "itinerary.editHeading" : "itinerary.addHeading")}</h2>
      <p className="hint">{t("itinerary.hint", { zone: formatZone(clinicZone, i18n.language) })}</p>
      <Form method="post" {...props}>
        <input type="hidden" name="intent" value="item" />
        {editing ? <input type="hidden" name="itemId" value={editing.id} /> : null}
        <FormKey value={formKey} />
        <FormErrors form={form} />
        <ProblemList form={form} fields={ITEM_FIELDS} labels={labels} />
        <FormField meta={fields.kind} label={labels.kind}>
          {(control) => (
            <select {...control}>
              {ITEM_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`itinerary.kind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <div className="grid-2">
          {field("reference", t("itinerary.hintReference"))}
          {field("note")}
          {field("fromPlace", t("itinerary.hintFrom"), "airports")}
          {field("toPlace", t("itinerary.hintTo"), "airports")}
          <FormField meta={fields.start} label={labels.start} hint={t("itinerary.hintStart")}>
            {(control) => <input {...control} type="datetime-local" />}
          </FormField>
          <FormField meta={fields.end} label={labels.end} hint={t("itinerary.hintEnd")}>
            {(control) => <input {...control} type="datetime-local" />}
          </FormField>
          {(["startZone", "endZone"] as const).map((name) => (
            <FormField
              key={name}
              meta={fields[name]}
              label={labels[name]}
              hint={t("itinerary.hintZone")}
            >
              {(control) => (
                <select {...control}>
                  <option value="">{t("itinerary.zoneFromAirport")}</option>
                  <TimeZoneOptions zones={zones} />
                </select>
              )}
            </FormField>
          ))}
          {field("contactName")}
          <FormField meta={fields.contactPhone} label={labels.contactPhone}>
            {(control) => <input {...control} type="tel" dir="ltr" />}
          </FormField>
        </div>
        <datalist id="airports">
          {airports.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
        {isFlight(kind) ? <p className="hint">{t("itinerary.flightHint")}</p> : null}
        <LanguageCheck
          form={itemFormId(editing?.id)}
          reply={reply}
          label={t("common:language.saveAnyway")}
        />
        <button type="submit" disabled={busy}>
          {t(editing ? "itinerary.save" : "itinerary.add")}
        </button>
        {editing ? <Link to="?#item-form"> {t("itinerary.cancelEdit")}</Link> : null}
      </Form>
    </section>
  );
}

/** An entry's actions on the timeline: change it, or remove it. */
export function ItemActions({ id, title, busy }: { id: string; title: string; busy: boolean }) {
  const { t } = useTranslation("travel");
  return (
    <div className="actions">
      <Link to={`?edit=${id}#item-form`}>
        {t("itinerary.edit")}
        <span className="visually-hidden"> {title}</span>
      </Link>
      <ConfirmAction
        intent="deleteItem"
        fields={{ itemId: id }}
        label={
          <>
            {t("itinerary.delete")}
            <span className="visually-hidden"> {title}</span>
          </>
        }
        question={t("itinerary.deleteQuestion", { title })}
        confirm={t("itinerary.deleteConfirm")}
        busy={busy}
      />
    </div>
  );
}

/** A pending passport's review: approve (forms "approve-<id>"), or reject ("reject-<id>"). */
export function PassportReview({
  id,
  holderName,
  reply,
  busy,
}: Common & { id: string; holderName: string | null }) {
  const { t } = useTranslation("travel");
  const approve = useAppForm(`approve-${id}`, reply);
  const reject = useAppForm<z.input<typeof RejectForm>>(`reject-${id}`, reply);
  return (
    <div className="review-forms">
      <Form method="post" {...approve.props}>
        <FormErrors form={approve.form} />
        <input type="hidden" name="intent" value="approve" />
        <input type="hidden" name="documentId" value={id} />
        <button type="submit" disabled={busy}>
          {t("passport.approve")}
          <span className="visually-hidden"> {holderName}</span>
        </button>
      </Form>
      <Form method="post" className="reject-form" {...reject.props}>
        <FormErrors form={reject.form} />
        <input type="hidden" name="intent" value="reject" />
        <input type="hidden" name="documentId" value={id} />
        <FormField meta={reject.fields.reason} label={t("passport.rejectReason")}>
          {(control) => (
            <select {...control}>
              <option value="">{t("passport.chooseReason")}</option>
              {REJECT_REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`passport.reason.${r}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField meta={reject.fields.note} label={t("passport.rejectNote")}>
          {(control) => <input {...control} maxLength={TEXT_MAX} />}
        </FormField>
        <LanguageCheck
          form={`reject-${id}`}
          reply={reply}
          label={t("common:language.rejectAnyway")}
        />
        <button type="submit" className="secondary" disabled={busy}>
          {t("passport.reject")}
        </button>
      </Form>
    </div>
  );
}
