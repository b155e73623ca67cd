/** The browser's i18next instance: one language's resources, the shared interpolation. */
import { createInstance } from "i18next";
import { initReactI18next } from "react-i18next";
import { DEFAULT_LOCALE, type Locale } from "./config";
import { interpolation } from "./interpolation";

export function createClientI18n(locale: Locale, resources: Record<string, unknown> | undefined) {
  const i18n = createInstance();
  void i18n.use(initReactI18next).init({
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    resources: resources ? { [locale]: resources as Record<string, Record<string, unknown>> } : {},
    defaultNS: "common",
    interpolation,
    initAsync: false,
    showSupportNotice: false,
  });
  return i18n;
}
