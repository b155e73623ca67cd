/**
 * Server-side i18n: language detection for a request, and a fixed-language `t` for
 * loaders, actions and emails.
 */
import { createInstance, type TFunction } from "i18next";
import {
  CLIENT_NAMESPACES,
  DEFAULT_LOCALE,
  isLocale,
  LOCALES,
  NAMESPACES,
  type Locale,
} from "./config";
import { resources } from "./resources";
import { interpolation } from "./interpolation";
import { createCookie } from "@remix-run/node";

const instance = createInstance();
void instance.init({
  resources,
  supportedLngs: [...LOCALES],
  fallbackLng: DEFAULT_LOCALE,
  defaultNS: "common",
  ns: [...NAMESPACES],
  interpolation,
  initAsync: false,
  returnNull: false,
  showSupportNotice: false,
});

export function getFixedT(locale: string, ns: string | string[] = "common"): TFunction {
  return instance.getFixedT(isLocale(locale) ? locale : DEFAULT_LOCALE, ns);
}

/** The visitor's explicit choice, remembered for a year. Not a secret, so not signed. */
export const localeCookie = createCookie("lng", {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  maxAge: 60 * 60 * 24 * 365,
});

/** Parses Accept-Language with q-values and returns the best supported locale. */
export function fromAcceptLanguage(header: string | null): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return {
        tag: tag.trim().toLowerCase(),
        quality: Number.isFinite(quality) ? quality : 0,
        index,
      };
    })
    .filter((entry) => entry.tag && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranked) {
    const base = tag.split("-")[0];
    if (isLocale(base)) return base;
  }
  return undefined;
}

export interface DetectedLocale {
  locale: Locale;
  /** Where it came from; "query" means the visitor just chose it and the cookie should be set. */
  source: "query" | "cookie" | "user" | "header" | "default";
}

/**
 * Detection order: explicit choice (?lng=, then cookie), then the signed-in user's saved
 * language, then Accept-Language, then English.
 */
export async function detectLocale(
  request: Request,
  userLocale?: string | null,
): Promise<DetectedLocale> {
  const query = new URL(request.url).searchParams.get("lng");
  if (isLocale(query)) return { locale: query, source: "query" };
  const cookie: unknown = await localeCookie.parse(request.headers.get("Cookie"));
  if (isLocale(cookie)) return { locale: cookie, source: "cookie" };
  if (isLocale(userLocale)) return { locale: userLocale, source: "user" };
  const header = fromAcceptLanguage(request.headers.get("Accept-Language"));
  if (header) return { locale: header, source: "header" };
  return { locale: DEFAULT_LOCALE, source: "default" };
}

/** The translations the browser needs for one language. */
export function clientResources(locale: Locale) {
  return Object.fromEntries(CLIENT_NAMESPACES.map((ns) => [ns, resources[locale][ns]]));
}
