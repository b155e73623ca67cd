/** Languages the platform speaks. ar and fa read right to left. */
export const LOCALES = ["en", "tr", "ar", "de", "ru", "fr", "fa"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
export const NAMESPACES = [
  "common",
  "stages",
  "emails",
  "enquiry",
  "portal",
  "privacy",
  "finance",
  "travel",
  "aftercare",
  "site",
  "handover",
] as const;
export type Namespace = (typeof NAMESPACES)[number];
/** Namespaces the browser needs; "emails" stays on the server. */
export const CLIENT_NAMESPACES = [
  "common",
  "stages",
  "enquiry",
  "portal",
  "privacy",
  "finance",
  "travel",
  "aftercare",
  "site",
  "handover",
] as const;
export type ClientNamespace = (typeof CLIENT_NAMESPACES)[number];

const RTL = new Set<string>(["ar", "fa"]);

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function dirOf(locale: string): "rtl" | "ltr" {
  return RTL.has(locale) ? "rtl" : "ltr";
}

/** Each language's own name, for the language switcher. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: "English",
  tr: "Türkçe",
  ar: "العربية",
  de: "Deutsch",
  ru: "Русский",
  fr: "Français",
  fa: "فارسی",
};
