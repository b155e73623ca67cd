/**
 * The reader's language for a page rendered without the root loader's data: an error after a
 * form post (the loaders do not run then), or a root loader that failed. The server detects
 * the language from the request itself (entry.server.tsx) and hands it down here, so an error
 * page with JavaScript off is still in the reader's language and direction. The page carries
 * the language and its namespace file addresses (not the translations) in a small JSON
 * script (FallbackScript), which the browser reads before hydrating (entry.client.tsx):
 * without it, React would take over in the wrong language.
 */
import { createContext, useContext } from "react";
import type { Locale } from "./config";

export interface FallbackI18n {
  locale: Locale;
  /** namespace → its file's address, as the root loader's `i18n` gives them. */
  urls: Record<string, string>;
}

const Context = createContext<FallbackI18n | null>(null);
export const FallbackI18nProvider = Context.Provider;
export const useFallbackI18n = () => useContext(Context);

const SCRIPT_ID = "i18n-fallback";

/** The fallback language as inert JSON in the page, for the browser to pick up. */
export function FallbackScript({ value, nonce }: { value: FallbackI18n; nonce?: string }) {
  // "<" escaped so that no string in a translation can close the script element.
  const json = JSON.stringify(value).replace(/</g, "\\u003c");
  return (
    <script
      id={SCRIPT_ID}
      type="application/json"
      nonce={nonce}
      suppressHydrationWarning
      dangerouslySetInnerHTML={{ __html: json }}
    />
  );
}

/** In the browser: the language the server embedded, if this page was rendered without root data. */
export function readFallbackScript(doc: Document): FallbackI18n | null {
  const text = doc.getElementById(SCRIPT_ID)?.textContent;
  if (!text) return null;
  try {
    return JSON.parse(text) as FallbackI18n;
  } catch {
    return null;
  }
}
