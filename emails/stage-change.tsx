/**
 * The email each party receives when a Case reaches a stage (DESIGN.md, "who hears what").
 * Bodies carry no diagnosis or other health detail: email is not a secure channel, so the
 * details stay behind the sign-in and the email links there.
 */
import type { TFunction } from "i18next";
import { Button, EmailLayout } from "./layout";
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
  const subject = t(`${base}.subject`, vars);
  const body = t(`${base}.body`, vars);
  const greeting = t(
    data.audience === "patient" ? "layout.greetingPatient" : "layout.greetingStaff",
    vars,
  );
  const cta = t(data.audience === "patient" ? "layout.ctaPatient" : "layout.ctaStaff");
  const privacy = t("layout.privacy");
  const signature = t("layout.signature");
  const footer = t("layout.footer", { caseNumber: data.caseNumber });

  const html = (
    <EmailLayout lang={lang} dir={dir} title={subject} preheader={body} footer={footer}>
      <p>{greeting}</p>
      <p>{body}</p>
      <Button href={data.link}>{cta}</Button>
      {data.audience === "patient" ? (
        <p style={{ color: "#4a5563", fontSize: 14 }}>{privacy}</p>
      ) : null}
      <p>{signature}</p>
    </EmailLayout>
  );

  const text = [
    greeting,
    "",
    body,
    "",
    `${cta}: ${data.link}`,
    ...(data.audience === "patient" ? ["", privacy] : []),
    "",
    signature,
    "--",
    footer,
  ].join("\n");

  return { subject, html, text };
}
