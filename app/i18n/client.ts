/** The browser's i18next instance: one language's resources, the shared interpolation. */
import { createInstance, type InitOptions } from "i18next";
import { initReactI18next } from "react-i18next";
import { DEFAULT_LOCALE, type Locale } from "./config";
import { interpolation } from "./interpolation";

/** The options of every instance made from the root loader's resources (pages and titles). */
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

/** The same translations without React: for meta functions, which run outside it. */
export function createPlainI18n(locale: Locale, resources: Record<string, unknown> | undefined) {
  const i18n = createInstance();
  void i18n.init(clientOptions(locale, resources));
  return i18n;
}
