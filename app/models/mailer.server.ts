/**
 * Delivery of one email. With SMTP_URL set, nodemailer's SMTP transport sends it. Without
 * it (the embedded default), the message is written as an .eml file under MAIL_DIR, which
 * admins read on the staff outbox page.
 */
import fs from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "~/env.server";

export interface OutgoingMessage {
  id: string;
  to: string;
  toName?: string | null;
  subject: string;
  html: string;
  text: string;
  /** iCalendar text, sent as the text/calendar alternative (and as invite.ics). */
  calendar?: string | null;
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
  const { SMTP_URL, MAIL_FROM } = env();
  const mail = {
    from: MAIL_FROM,
    to: message.toName ? { name: message.toName, address: message.to } : message.to,
    subject: message.subject,
    html: message.html,
    text: message.text,
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
  return String(info.messageId);
}

export function closeMailer() {
  smtp?.transporter.close();
  smtp = undefined;
}
