/**
 * A provider's refusal of a message, with the provider's own error code (Meta's Graph error
 * code, Twilio's error code) and the HTTP status, so the outbox's last error tells an admin
 * what went wrong and the WhatsApp client can react to a closed 24-hour window (131047).
 */
export class ChannelError extends Error {
  constructor(
    message: string,
    readonly code: number | null,
    readonly status: number | null,
  ) {
    super(message);
    this.name = "ChannelError";
  }
}

/** The message the provider is handed: the row's words with any credential put back. */
export interface ChannelMessage {
  id: string;
  /** E.164 (+905551234567). */
  to: string;
  kind: "TEMPLATE" | "TEXT";
  template: string;
  locale: string;
  text: string;
  params: Record<string, string>;
}
