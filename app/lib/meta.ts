/**
 * Page titles in the reader's language. meta() runs outside React, so it takes the page
 * language from the root loader's data and translates with the same instance the page
 * renders with (app/i18n/instances.ts): on the server the language's instance made at
 * start-up, in the browser the one filled from the page's namespace files, which the
 * browser loads before it renders the page. So the same namespaces ("portal:case.title";
 * without one, "common"), interpolation and plurals as the page. Without the root loader's
 * data (the root loader itself failed) there is no title rather than a bare key.
 */
import type { MetaDescriptor } from "@remix-run/node";
import type { TFunction } from "i18next";
import { isLocale } from "~/i18n/config";
import { i18nFor } from "~/i18n/instances";

interface Match {
  id: string;
  data: unknown;
}
interface RootData {
  locale?: string;
}

/** The page's `t` for meta functions: null without the root loader's data. */
export function metaT(matches: readonly Match[]): TFunction | null {
  const root = matches.find((m) => m.id === "root")?.data as RootData | undefined;
  if (!isLocale(root?.locale)) return null;
  return i18nFor(root.locale)?.getFixedT(root.locale) ?? null;
}

/**
 * `<key's text> · <brand>`, with `values` filled into the text and `prefix` (a case number,
 * say) before it. The key "brand" alone gives the brand.
 */
export function translatedTitle(
  matches: readonly Match[],
  key: string,
  prefix?: string,
  values?: Record<string, unknown>,
): MetaDescriptor[] {
  const t = metaT(matches);
  if (!t) return [];
  const brand = t("brand");
  if (key === "brand") return [{ title: brand }];
  const text = t(key, values ?? {}) as string;
  return [{ title: `${prefix ? `${prefix} · ` : ""}${text} · ${brand}` }];
}

/**
 * `<text> · <brand>` for a title that is data, not a key (a programme's name in the reader's
 * language, app/lib/catalogue-text.ts): `text` gets the page's locale.
 */
export function dataTitle(
  matches: readonly Match[],
  text: (locale: string) => string,
): MetaDescriptor[] {
  const t = metaT(matches);
  const root = matches.find((m) => m.id === "root")?.data as RootData | undefined;
  if (!t || !root?.locale) return [];
  return [{ title: `${text(root.locale)} · ${t("brand")}` }];
}

/** Which error page a status gets (common:errors.<key>.title / .body). */
export function errorKey(status: number): "notFound" | "forbidden" | "busy" | "generic" {
  return status === 404
    ? "notFound"
    : status === 403
      ? "forbidden"
      : status === 503
        ? "busy"
        : "generic";
}
