import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { browserI18n, registerNamespaceUrls } from "~/i18n/client";
import { DEFAULT_LOCALE, isLocale } from "~/i18n/config";
import { FallbackI18nProvider, readFallbackScript } from "~/i18n/fallback";
import { provideI18n } from "~/i18n/instances";

// Set only on a page rendered without the root loader's data (an error page).
const fallback = readFallbackScript(document);

// The page's language and its namespace files, as the server rendered them: <html lang> and
// the root's preload links (ADR 034). The translations themselves are not in the page.
const lang = document.documentElement.lang;
const locale = isLocale(lang) ? lang : DEFAULT_LOCALE;
const links = [...document.querySelectorAll<HTMLLinkElement>("link[data-i18n]")];
registerNamespaceUrls(
  locale,
  Object.fromEntries(links.map((link) => [link.dataset.i18n!, link.getAttribute("href")!])),
);
provideI18n(browserI18n);

function hydrate() {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <FallbackI18nProvider value={fallback}>
          <RemixBrowser />
        </FallbackI18nProvider>
      </StrictMode>,
    );
  });
}

// Hydrate only once the page's namespaces are in (the preload links have already started
// fetching them), so the first render in the browser says what the server's HTML says. A file
// that fails to load does not keep the page from working: React takes over regardless.
void browserI18n(locale)
  .loadNamespaces(links.map((link) => link.dataset.i18n!))
  .catch(() => undefined)
  .finally(hydrate);
