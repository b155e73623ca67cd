/**
 * Fetching a patient's photo or PDF sent by WhatsApp or SMS (issue 24). The webhook carries
 * only a reference; the bytes stay with the provider behind our credentials:
 * - WhatsApp Cloud API: GET /{version}/{media-id} with the access token answers the media's
 *   short-lived URL; a second GET of that URL, with the same token, answers the bytes.
 * - Twilio: GET the message's MediaUrl with HTTP Basic auth (account SID : auth token).
 * Nothing here trusts the provider's content type: the caller checks the bytes by content
 * (checkFile). A download is capped at the upload limit and given a time limit.
 */
import { env } from "~/env.server";

export interface FetchedMedia {
  bytes: Uint8Array;
  /** What the provider says it is: shown nowhere, checked against nothing. */
  type: string;
}

const TIMEOUT_MS = 15_000;

export class MediaFetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MediaFetchError";
  }
}

async function download(url: string, authorization: string): Promise<FetchedMedia> {
  const res = await fetch(url, {
    headers: { Authorization: authorization },
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!res.ok) throw new MediaFetchError(`media download: HTTP ${res.status}`);
  const max = env().UPLOAD_MAX_BYTES;
  const declared = Number(res.headers.get("content-length") ?? "0");
  // One byte over the limit is enough for checkFile to refuse it as too large.
  if (declared > max) return { bytes: new Uint8Array(max + 1), type: "" };
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { bytes, type: res.headers.get("content-type") ?? "" };
}

/** A WhatsApp media id's bytes, through the Graph API's two steps. */
export async function fetchWhatsappMedia(mediaId: string): Promise<FetchedMedia> {
  const e = env();
  if (!e.WHATSAPP_ACCESS_TOKEN) throw new MediaFetchError("WhatsApp is not configured");
  if (!/^[A-Za-z0-9_.-]{1,128}$/.test(mediaId)) throw new MediaFetchError("bad media id");
  const bearer = `Bearer ${e.WHATSAPP_ACCESS_TOKEN}`;
  const base = e.WHATSAPP_API_URL.replace(/\/$/, "");
  const res = await fetch(`${base}/${e.WHATSAPP_API_VERSION}/${encodeURIComponent(mediaId)}`, {
    headers: { Authorization: bearer },
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!res.ok) throw new MediaFetchError(`media lookup: HTTP ${res.status}`);
  const info = (await res.json()) as { url?: unknown };
  if (typeof info.url !== "string" || !/^https?:\/\//.test(info.url)) {
    throw new MediaFetchError("media lookup: no url");
  }
  return download(info.url, bearer);
}

/** A Twilio MediaUrl's bytes, with the account's credentials. */
export async function fetchTwilioMedia(url: string): Promise<FetchedMedia> {
  const e = env();
  if (!e.TWILIO_ACCOUNT_SID || !e.TWILIO_AUTH_TOKEN) {
    throw new MediaFetchError("Twilio is not configured");
  }
  if (!/^https?:\/\//.test(url)) throw new MediaFetchError("bad media url");
  const basic = Buffer.from(`${e.TWILIO_ACCOUNT_SID}:${e.TWILIO_AUTH_TOKEN}`).toString("base64");
  return download(url, `Basic ${basic}`);
}
