/**
 * Which i18next instance renders a language, on either side: the server's one per language,
 * made at start-up (i18n.server.ts), or the browser's, filled from the namespace files
 * (client.ts, set up by entry.client.tsx). Components get it through the root's
 * I18nextProvider; meta functions, which run outside React, ask here (app/lib/meta.ts).
 */
import type { i18n as I18n } from "i18next";
import type { Locale } from "./config";

let source: ((locale: Locale) => I18n) | null = null;

export function provideI18n(from: (locale: Locale) => I18n) {
  source = from;
}

/** The instance for `locale`, or null before either side has provided one. */
export function i18nFor(locale: Locale): I18n | null {
  return source ? source(locale) : null;
}
