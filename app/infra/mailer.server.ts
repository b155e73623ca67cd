/**
 * Delivery of one email. With SMTP_URL set, nodemailer's SMTP transport sends it, with any
 * credential link put in at this last step. Without it (the embedded default), the message
 * is written as an .eml file under MAIL_DIR, which admins read on the staff outbox page:
 * there the link stays withheld. In the local demo (DEMO_MODE) the link is printed on the
 * server's console instead, so the person running the demo can follow it.
 */
import fs from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "~/env.server";
import { SECRET_LINK, withheld } from "~/lib/secret-link";

export interface OutgoingMessage {
  id: string;
  to: string;
  toName?: string | null;
  subject: string;
  html: string;
  text: string;
  /** iCalendar text, sent as the text/calendar alternative (and as invite.ics). */
  calendar?: string | null;
  /** The credential link that replaces SECRET_LINK in html and text, over SMTP only. */
  secretLink?: string | null;
}

const WITHHELD = "[link withheld: it was sent only to the recipient]";

function escapeAttribute(value: string) {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

let smtp: { url: string; transporter: Transporter } | undefined;

function smtpTransport(url: string): Transporter {
  if (smtp?.url !== url) {
    smtp?.transporter.close();
    smtp = {
      url,
      transporter: nodemailer.createTransport(url, {
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      }),
    };
  }
  return smtp.transporter;
}

const fileTransport = nodemailer.createTransport({
  streamTransport: true,
  buffer: true,
  newline: "unix",
});

/** A stable Message-ID per outbox row, so a retried delivery can be recognised downstream. */
export function messageIdFor(outboxId: string): string {
  return `<${outboxId}@outbox.medtravel>`;
}

export function mailDir(): string {
  return path.resolve(env().MAIL_DIR);
}

export async function deliver(message: OutgoingMessage): Promise<string> {
  const { SMTP_URL, MAIL_FROM, DEMO_MODE } = env();
  const link = SMTP_URL ? message.secretLink : null;
  const mail = {
    from: MAIL_FROM,
    to: message.toName ? { name: message.toName, address: message.to } : message.to,
    subject: message.subject,
    html: link
      ? message.html.split(SECRET_LINK).join(escapeAttribute(link))
      : withheld(message.html, WITHHELD),
    text: link ? message.text.split(SECRET_LINK).join(link) : withheld(message.text, WITHHELD),
    messageId: messageIdFor(message.id),
    ...(message.calendar
      ? {
          icalEvent: {
            method: /^METHOD:(\w+)/m.exec(message.calendar)?.[1] ?? "REQUEST",
            filename: "invite.ics",
            content: message.calendar,
          },
        }
      : {}),
  };
  if (SMTP_URL) {
    const info = await smtpTransport(SMTP_URL).sendMail(mail);
    return String(info.messageId);
  }
  const info = await fileTransport.sendMail(mail);
  await fs.mkdir(mailDir(), { recursive: true });
  await fs.writeFile(path.join(mailDir(), `${message.id}.eml`), info.message as Buffer);
  if (DEMO_MODE && message.secretLink) {
    // eslint-disable-next-line no-console -- the demo's operator reads the link here
    console.log(`[demo] Link for ${message.to} (no SMTP_URL set): ${message.secretLink}`);
  }
  return String(info.messageId);
}

export function closeMailer() {
  smtp?.transporter.close();
  smtp = undefined;
}
