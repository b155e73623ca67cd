/**
 * The email templates. render() turns a template name, a language and its data into the
 * subject, HTML and plain-text parts, translated through i18next.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { dirOf } from "../app/i18n/config";
import { getFixedT } from "../app/i18n/i18n.server";
import { accountAlertEmail, type AccountAlertData } from "./account-alert";
import { enquiryConfirmEmail, type EnquiryConfirmData } from "./enquiry-confirm";
import { magicLinkEmail, type MagicLinkData } from "./magic-link";
import { noticeEmail, type NoticeData } from "./notice";
import { stageChangeEmail, type StageChangeData } from "./stage-change";

export interface TemplateData {
  "stage-change": StageChangeData;
  notice: NoticeData;
  "magic-link": MagicLinkData;
  "enquiry-confirm": EnquiryConfirmData;
  "account-alert": AccountAlertData;
}
export type TemplateName = keyof TemplateData;

export interface EmailContent {
  subject: string;
  html: string;
  text: string;
}

export function renderEmail<N extends TemplateName>(
  template: N,
  locale: string,
  data: TemplateData[N],
): EmailContent {
  const t = getFixedT(locale, "emails");
  const dir = dirOf(locale);
  const rendered = (() => {
    switch (template) {
      case "stage-change":
        return stageChangeEmail(t, dir, locale, data as StageChangeData);
      case "notice":
        return noticeEmail(t, dir, locale, data as NoticeData);
      case "magic-link":
        return magicLinkEmail(t, dir, locale, data as MagicLinkData);
      case "enquiry-confirm":
        return enquiryConfirmEmail(t, dir, locale, data as EnquiryConfirmData);
      case "account-alert":
        return accountAlertEmail(t, dir, locale, data as AccountAlertData);
      default:
        throw new Error(`Unknown email template: ${String(template)}`);
    }
  })();
  return {
    subject: rendered.subject,
    html: "<!DOCTYPE html>" + renderToStaticMarkup(rendered.html),
    text: rendered.text,
  };
}
