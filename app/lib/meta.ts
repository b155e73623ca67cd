/**
 * Page titles in the reader's language. meta() runs outside React, so it reads the
 * translations the root loader sent for this request and translates with an i18next
 * instance made from them with the page's own options (clientOptions): the same
 * namespaces ("portal:case.title"; without one, "common"), interpolation and plurals.
 * Without the root loader's data (the root loader itself failed) there is no title rather
 * than a bare key.
 */
import type { MetaDescriptor } from "@remix-run/node";
import type { TFunction } from "i18next";
import { createPlainI18n } from "~/i18n/client";
import { isLocale } from "~/i18n/config";

interface Match {
  id: string;
  data: unknown;
}
interface RootData {
  locale?: string;
  resources?: Record<string, unknown>;
}

// One instance per set of resources (one per page load), not one per title.
const instances = new WeakMap<object, TFunction>();

/** The page's `t` for meta functions: null without the root loader's data. */
export function metaT(matches: readonly Match[]): TFunction | null {
  const root = matches.find((m) => m.id === "root")?.data as RootData | undefined;
  if (!root?.resources || !isLocale(root.locale)) return null;
  let t = instances.get(root.resources);
  if (!t) {
    t = createPlainI18n(root.locale, root.resources).getFixedT(root.locale);
    instances.set(root.resources, t);
  }
  return t;
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
