/** What a 503 "busy, try again" carries, already in the reader's language (app/infra/busy.server.ts). */
export interface BusyMessage {
  busy: true;
  lang: string;
  dir: "ltr" | "rtl";
  title: string;
  body: string;
}

export function isBusyMessage(data: unknown): data is BusyMessage {
  return typeof data === "object" && data !== null && (data as { busy?: unknown }).busy === true;
}
