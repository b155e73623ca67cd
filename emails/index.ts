/**
 * The email templates. render() turns a template name, a language and its data into the
 * subject, HTML and plain-text parts, translated through i18next.
 */
import type { TFunction } from "i18next";
import { renderToStaticMarkup } from "react-dom/server";
import { dirOf } from "../app/i18n/config";
import { getFixedT } from "../app/i18n/i18n.server";
import { accountAlertEmail, type AccountAlertData } from "./account-alert";
import { enquiryConfirmEmail, type EnquiryConfirmData } from "./enquiry-confirm";
import { magicLinkEmail, type MagicLinkData } from "./magic-link";
import { noticeEmail, type NoticeData } from "./notice";
import { secondFactorResetEmail, type SecondFactorResetData } from "./second-factor-reset";
import { stageChangeEmail, type StageChangeData } from "./stage-change";
import { staffPasswordResetEmail, type StaffPasswordResetData } from "./staff-password-reset";
import { staffInviteEmail, type StaffInviteData } from "./staff-invite";
import type { RenderedEmail } from "./types";

export interface TemplateData {
  "stage-change": StageChangeData;
  notice: NoticeData;
  "magic-link": MagicLinkData;
  "enquiry-confirm": EnquiryConfirmData;
  "account-alert": AccountAlertData;
  "staff-password-reset": StaffPasswordResetData;
  "staff-invite": StaffInviteData;
  "second-factor-reset": SecondFactorResetData;
}
export type TemplateName = keyof TemplateData;

export interface EmailContent {
  subject: string;
  html: string;
  text: string;
}

type Renderer<N extends TemplateName> = (
  t: TFunction,
  dir: "ltr" | "rtl",
  lang: string,
  data: TemplateData[N],
) => RenderedEmail;

/** Each template's renderer: a new template must be named here (and so in TEMPLATES). */
const RENDERERS: { [N in TemplateName]: Renderer<N> } = {
  "stage-change": stageChangeEmail,
  notice: noticeEmail,
  "magic-link": magicLinkEmail,
  "enquiry-confirm": enquiryConfirmEmail,
  "account-alert": accountAlertEmail,
  "staff-password-reset": staffPasswordResetEmail,
  "staff-invite": staffInviteEmail,
  "second-factor-reset": secondFactorResetEmail,
};

/** Every email template, e.g. for the test that no email carries health detail. */
export const TEMPLATES = Object.keys(RENDERERS) as TemplateName[];

export function renderEmail<N extends TemplateName>(
  template: N,
  locale: string,
  data: TemplateData[N],
): EmailContent {
  const t = getFixedT(locale, "emails");
  const render = RENDERERS[template] as Renderer<N> | undefined;
  if (!render) throw new Error(`Unknown email template: ${String(template)}`);
  const rendered = render(t, dirOf(locale), locale, data);
  return {
    subject: rendered.subject,
    html: "<!DOCTYPE html>" + renderToStaticMarkup(rendered.html),
    text: rendered.text,
  };
}
