/**
 * Server-side i18n: language detection for a request, and a fixed-language `t` for
 * loaders, actions and emails.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createInstance, type i18n as I18n, type TFunction } from "i18next";
import { initReactI18next } from "react-i18next";
import {
  CLIENT_NAMESPACES,
  DEFAULT_LOCALE,
  isLocale,
  LOCALES,
  NAMESPACES,
  type ClientNamespace,
  type Locale,
} from "./config";
import { resources } from "./resources";
import { interpolation } from "./interpolation";
import { clientOptions } from "./client";
import { provideI18n } from "./instances";
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
  // Readable by the page's script: a tab left in an older language compares it with its own
  // and reloads the root's data (app/root.tsx shouldRevalidate). It holds only a language.
  httpOnly: false,
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

/**
 * The instance each page is rendered with, one per language, made once at start-up: the same
 * options and namespaces as the browser's (clientOptions), so the server's HTML and the
 * browser's first render agree word for word. Meta functions on the server use them too.
 */
const renderInstances = Object.fromEntries(
  LOCALES.map((locale) => {
    const instance = createInstance();
    void instance.use(initReactI18next).init(clientOptions(locale, clientResources(locale)));
    return [locale, instance];
  }),
) as Record<Locale, I18n>;

export function renderI18n(locale: Locale): I18n {
  return renderInstances[locale];
}
provideI18n(renderI18n);

// --- The namespace files the browser loads (ADR 034) -------------------------------------
// Each client namespace of each language is one JSON file named by a hash of its content,
// under the immutable /build/ mount of server.mjs: a browser fetches it once per version and
// never asks again. The names are computed here from the bundled translations, and the
// files are written from the same bytes (scripts/build-locales.ts after `remix build`, and
// again at start-up when missing), so a name always matches its content.

/** Where the files go (server.mjs serves public/build at /build, cached for a year). */
export const LOCALE_FILES_DIR = path.join("public", "build", "locales");
const URL_PREFIX = "/build/locales";

interface LocaleFile {
  /** Relative to LOCALE_FILES_DIR, e.g. "ru/common.3f2a9c01de.json". */
  file: string;
  url: string;
  json: string;
}

const localeFiles: Record<Locale, Record<ClientNamespace, LocaleFile>> = Object.fromEntries(
  LOCALES.map((locale) => [
    locale,
    Object.fromEntries(
      CLIENT_NAMESPACES.map((ns) => {
        const json = JSON.stringify(resources[locale][ns]);
        const hash = createHash("sha256").update(json).digest("hex").slice(0, 10);
        const file = `${locale}/${ns}.${hash}.json`;
        return [ns, { file, url: `${URL_PREFIX}/${file}`, json }];
      }),
    ),
  ]),
) as Record<Locale, Record<ClientNamespace, LocaleFile>>;

/** Each client namespace's file address for one language: what the root loader hands the page. */
export function namespaceUrls(locale: Locale): Record<ClientNamespace, string> {
  return Object.fromEntries(
    CLIENT_NAMESPACES.map((ns) => [ns, localeFiles[locale][ns].url]),
  ) as Record<ClientNamespace, string>;
}

/**
 * Writes every namespace file that is not there yet, under `dir`. Returns how many it wrote.
 * `remix build` empties public/build, so the build script runs after it; the server calls
 * this too at start-up, for the ways of building that skip the script (`remix dev`).
 */
export function writeLocaleFiles(dir = LOCALE_FILES_DIR): number {
  let written = 0;
  for (const locale of LOCALES) {
    for (const ns of CLIENT_NAMESPACES) {
      const { file, json } = localeFiles[locale][ns];
      const target = path.join(dir, file);
      if (fs.existsSync(target)) continue;
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, json);
      written++;
    }
  }
  return written;
}
