/**
 * The email each party receives when a Case reaches a stage (docs/architecture.md, "Who hears what").
 * Bodies carry no diagnosis or other health detail: email is not a secure channel, so the
 * details stay behind the sign-in and the email links there.
 */
import type { TFunction } from "i18next";
import { caseEmail } from "./case-email";
import type { RenderedEmail } from "./types";

export type Audience = "patient" | "coordinator" | "clinician" | "finance";

export interface StageChangeData {
  audience: Audience;
  stage: string;
  caseNumber: string;
  recipientName: string;
  link: string;
}

export function stageChangeEmail(
  t: TFunction,
  dir: "ltr" | "rtl",
  lang: string,
  data: StageChangeData,
): RenderedEmail {
  const base = `stage.${data.audience}.${data.stage}`;
  const vars = { caseNumber: data.caseNumber, name: data.recipientName };
  return caseEmail(t, dir, lang, {
    ...data,
    patient: data.audience === "patient",
    subject: t(`${base}.subject`, vars),
    body: t(`${base}.body`, vars),
  });
}
