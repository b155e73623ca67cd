/**
 * The insurance a programme asks for (issue 25), in the catalogue editor: two boxes, each
 * with what it means. Complication cover is for interventional programmes (a harvest, an
 * injection, surgery), which Turkey's 2025 health-tourism rules ask to insure; travel health
 * insurance is asked when the clinic wants it. TRAVEL_READY then waits for valid cover.
 */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormDone, FormErrors, useAppForm, type FormReply } from "~/components/form";

const BOXES = ["requiresComplicationCover", "requiresTravelInsurance"] as const;

export function ProgrammeInsurance({
  programme: p,
  reply,
  busy,
}: {
  programme: {
    id: string;
    name: string;
    requiresComplicationCover: boolean;
    requiresTravelInsurance: boolean;
  };
  reply: FormReply | null | undefined;
  busy: boolean;
}) {
  const { t } = useTranslation("site");
  const id = `insurance-${p.id}`;
  const { form, props, done } = useAppForm(id, reply);
  return (
    <Form method="post" className="catalogue-insurance" {...props}>
      <fieldset>
        <legend>
          {t("catalogue.insurance.legend")}
          <span className="visually-hidden">
            : <bdi>{p.name}</bdi>
          </span>
        </legend>
        <FormErrors form={form} />
        <FormDone message={done} />
        <input type="hidden" name="intent" value="programmeInsurance" />
        <input type="hidden" name="programmeId" value={p.id} />
        {BOXES.map((box) => (
          <div key={box}>
            {/* The whole row is the tap target (.choice: at least 44 px high). */}
            <label className="choice">
              <input
                type="checkbox"
                name={box}
                defaultChecked={p[box]}
                aria-describedby={`${id}-${box}-hint`}
              />
              <span>{t(`catalogue.insurance.${box}`)}</span>
            </label>
            <p id={`${id}-${box}-hint`} className="hint">
              {t(`catalogue.insurance.${box}Hint`)}
            </p>
          </div>
        ))}
        <button type="submit" disabled={busy}>
          {t("catalogue.insurance.save")}
        </button>
      </fieldset>
    </Form>
  );
}
