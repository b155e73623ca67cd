import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { FallbackI18nProvider, readFallbackScript } from "~/i18n/fallback";

// Set only on a page rendered without the root loader's data (an error page).
const fallback = readFallbackScript(document);

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
