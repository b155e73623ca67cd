/**
 * What an email holds in place of a credential link (a sign-in or confirmation link) while
 * it is stored, shown to staff or kept as a file. Only the SMTP hand-over puts the real link
 * in (app/infra/outbox.server.ts).
 */
export const SECRET_LINK = "urn:medtravel:secret-link";

/** The text with the placeholder replaced, for showing a stored email to staff. */
export function withheld(text: string, note: string): string {
  return text.split(SECRET_LINK).join(note);
}
