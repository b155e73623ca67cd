/**
 * The reader's language for a page rendered without the root loader's data: an error after a
 * form post (the loaders do not run then), or a root loader that failed. The server detects
 * the language from the request itself (entry.server.tsx) and hands the translations down
 * here, so an error page with JavaScript off is still in the reader's language and direction.
 */
import { createContext, useContext } from "react";
import type { Locale } from "./config";

export interface FallbackI18n {
  locale: Locale;
  resources: Record<string, unknown>;
}

const Context = createContext<FallbackI18n | null>(null);
export const FallbackI18nProvider = Context.Provider;
export const useFallbackI18n = () => useContext(Context);
