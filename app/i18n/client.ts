/**
 * The browser's i18next instances, one per language, and the options every instance that
 * renders a page shares with the server's (clientOptions). The browser's instances start
 * empty and load a namespace from its content-hashed file (ADR 034) through
 * i18next-http-backend; the file addresses come from the page (the preload links the root
 * renders, and the root loader's `i18n` map for the language).
 */
import { createInstance, type i18n as I18n, type InitOptions } from "i18next";
import HttpBackend, { type HttpBackendOptions } from "i18next-http-backend";
import { initReactI18next } from "react-i18next";
import { DEFAULT_LOCALE, type Locale } from "./config";
import { interpolation } from "./interpolation";

/** The options of every instance that renders pages and titles, on the server and in tests. */
export function clientOptions(
  locale: Locale,
  resources: Record<string, unknown> | undefined,
): InitOptions {
  return {
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    resources: resources ? { [locale]: resources as Record<string, Record<string, unknown>> } : {},
    defaultNS: "common",
    interpolation,
    initAsync: false,
    showSupportNotice: false,
  };
}

export function createClientI18n(locale: Locale, resources: Record<string, unknown> | undefined) {
  const i18n = createInstance();
  void i18n.use(initReactI18next).init(clientOptions(locale, resources));
  return i18n;
}

/** The same translations without React: for code that runs outside it. */
export function createPlainI18n(locale: Locale, resources: Record<string, unknown> | undefined) {
  const i18n = createInstance();
  void i18n.init(clientOptions(locale, resources));
  return i18n;
}

// --- In the browser ------------------------------------------------------------------------

/** language → namespace → file address, as the page and the root loader give them. */
const fileUrls = new Map<string, Record<string, string>>();

export function registerNamespaceUrls(locale: string, urls: Record<string, string>) {
  fileUrls.set(locale, { ...fileUrls.get(locale), ...urls });
}

const browserInstances = new Map<string, I18n>();

/**
 * The browser's instance for `locale`. It holds only the namespaces loaded so far, and loads
 * one when a component asks for it (useTranslation suspends meanwhile) or when the page does
 * (loadNamespaces before hydration and on navigation). The server falls back to English for
 * a key a language lacks only from the language's own resources (clientOptions): the browser
 * never holds English beside another language either, so fallbackLng stays as it was.
 */
export function browserI18n(locale: Locale): I18n {
  let instance = browserInstances.get(locale);
  if (instance) return instance;
  instance = createInstance();
  void instance
    .use(HttpBackend)
    .use(initReactI18next)
    .init<HttpBackendOptions>({
      ...clientOptions(locale, undefined),
      resources: undefined,
      // Only this language's files: never English's beside them, as on the server.
      fallbackLng: false,
      load: "currentOnly",
      // Nothing at start: the page says which namespaces it needs.
      ns: [],
      backend: {
        loadPath: (lngs: string[], namespaces: string[]) =>
          fileUrls.get(lngs[0] ?? "")?.[namespaces[0] ?? ""] ?? "",
      },
    });
  browserInstances.set(locale, instance);
  return instance;
}
