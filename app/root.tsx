import { isBusyMessage } from "~/lib/busy";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  Form,
  type ShouldRevalidateFunction,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { LanguageOptions } from "~/components/form";
import { useNonce } from "~/components/nonce";
import { FallbackScript, useFallbackI18n } from "~/i18n/fallback";
import { registerNamespaceUrls } from "~/i18n/client";
import { DEFAULT_LOCALE, dirOf, isLocale, type Locale } from "~/i18n/config";
import { i18nFor } from "~/i18n/instances";
import { namespacesOf, type I18nHandle } from "~/i18n/namespaces";
import { detectLocale, localeCookie, namespaceUrls } from "~/i18n/i18n.server";
import { SiteFooter } from "~/components/site/footer";
import { getUser } from "~/models/auth/auth.server";
import { clinicContact } from "~/models/site/site.server";
import { clinicSettings } from "~/models/site/clinic-settings.server";
import { can, isStaffRole } from "~/lib/permissions";
import { errorKey, translatedTitle } from "~/lib/meta";
import stylesheet from "~/styles/app.css";
import siteStylesheet from "~/styles/site.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "stylesheet", href: siteStylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

/**
 * The brand, or on an error page its heading: a page whose loader failed renders the root's
 * error boundary, and Remix then takes the title from the root alone. Pages name their own.
 */
export const meta: MetaFunction = ({ matches, error }) =>
  error
    ? translatedTitle(
        matches,
        `errors.${errorKey(isRouteErrorResponse(error) ? error.status : 500)}.title`,
      )
    : translatedTitle(matches, "brand");

/** The logo's version (its address changes with it), or null without one. */
function logoVersion(): number | null {
  return clinicSettings().logo?.version ?? null;
}

/** What the header, the footer and the root's error page say (every page needs these). */
export const handle: I18nHandle = { i18n: ["common", "site"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, contact] = await Promise.all([getUser(request), clinicContact()]);
  const { locale, source } = await detectLocale(request, user?.locale);
  const headers = new Headers();
  if (source === "query") headers.append("Set-Cookie", await localeCookie.serialize(locale));
  return data(
    {
      locale,
      // Where the browser finds each namespace of the language (ADR 034): addresses, not
      // translations, so the page data stays small.
      i18n: namespaceUrls(locale),
      contact,
      // The letterhead logo's address in the header, when an admin uploaded one (issue 23).
      logo: logoVersion(),
      user: user
        ? {
            name: user.name,
            role: user.role,
            isStaff: isStaffRole(user.role),
            outbox: can(user, "outbox:read"),
            portal: can(user, "portal:use"),
          }
        : null,
    },
    { headers },
  );
}

type RootData = Awaited<ReturnType<typeof loader>>["data"];

export function Layout({ children }: { children: ReactNode }) {
  const root = useRouteLoaderData<typeof loader>("root");
  const fallback = useFallbackI18n();
  const locale = root?.locale ?? fallback?.locale ?? DEFAULT_LOCALE;
  const urls: Record<string, string> = root?.i18n ?? fallback?.urls ?? {};
  // The browser's instance loads its files from these addresses (a no-op on the server).
  registerNamespaceUrls(locale, urls);
  // The language's own instance: on the server the one made at start-up, in the browser the
  // one entry.client.tsx filled before hydrating.
  const i18n = i18nFor(locale)!;
  const namespaces = namespacesOf(useMatches());
  const nonce = useNonce();
  return (
    <html lang={locale} dir={dirOf(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        {/* The page's namespace files: fetched at once, and read by entry.client.tsx before
            hydrating (data-i18n names the namespace). */}
        {namespaces.map((ns) =>
          urls[ns] ? (
            <link
              key={ns}
              rel="preload"
              as="fetch"
              crossOrigin="anonymous"
              href={urls[ns]}
              data-i18n={ns}
            />
          ) : null,
        )}
      </head>
      <body>
        <I18nextProvider i18n={i18n}>
          <Header user={root?.user ?? null} locale={locale} logo={root?.logo ?? null} />
          <main id="main" className="main">
            {children}
          </main>
          <SiteFooter contact={root?.contact ?? null} signedIn={Boolean(root?.user)} />
        </I18nextProvider>
        {!root && fallback ? <FallbackScript value={fallback} nonce={nonce} /> : null}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function Header({
  user,
  locale,
  logo,
}: {
  user: RootData["user"];
  locale: Locale;
  logo?: number | null;
}) {
  const { t } = useTranslation();
  return (
    <header className="site-header">
      <a href="#main" className="skip-link">
        {t("nav.skip")}
      </a>
      <Link to="/" className="brand">
        {logo ? (
          <img src={`/clinic-logo?v=${logo}`} alt="" className="brand-logo" height={32} />
        ) : null}
        {t("brand")}
      </Link>
      <nav aria-label={t("nav.label")} className="site-nav">
        {user?.isStaff ? <Link to="/staff/cases">{t("nav.cases")}</Link> : null}
        {user?.outbox ? <Link to="/staff/outbox">{t("nav.outbox")}</Link> : null}
        {user?.isStaff ? null : <Link to="/enquire">{t("nav.enquire")}</Link>}
        {user?.portal ? <Link to="/portal">{t("nav.portal")}</Link> : null}
        {user ? null : <Link to="/portal/login">{t("nav.patientSignIn")}</Link>}
        <Link to="/privacy">{t("nav.privacy")}</Link>
        {user ? (
          // A full page load: nothing of the signed-in pages stays in this tab's memory.
          <Form method="post" action="/logout" className="inline-form" reloadDocument>
            <button type="submit" className="link-button">
              {t("nav.signOut")}
            </button>
          </Form>
        ) : null}
      </nav>
      <LanguageSwitcher current={locale} />
    </header>
  );
}

/** A plain GET form: works without JavaScript, and keeps the current path. */
function LanguageSwitcher({ current }: { current: Locale }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <form method="get" action={location.pathname} className="lang-switcher">
      <label htmlFor="lng-select">{t("nav.language")}</label>
      <select id="lng-select" name="lng" defaultValue={current} key={current}>
        <LanguageOptions />
      </select>
      <button type="submit">{t("nav.change")}</button>
    </form>
  );
}

/**
 * After a client navigation, the new page renders only once its namespaces are loaded:
 * useTranslation suspends until the missing files arrive, and since Remix navigates inside a
 * transition, the old page stays on screen meanwhile (no bare keys in between).
 */
function RouteNamespaces({ children }: { children: ReactNode }) {
  useTranslation(namespacesOf(useMatches()));
  return children;
}

export default function App() {
  return (
    <RouteNamespaces>
      <Outlet />
    </RouteNamespaces>
  );
}

/**
 * The root's data (language, the signed-in person, the clinic's contact and logo) changes
 * only in a few places, so it is not fetched again after every form post or filter change:
 * - a new language: ?lng= in the address (the language switcher), or a different one;
 * - a form sent to sign in or out, or to a page that changes the person's name, role or
 *   language (their settings, the team page) or the clinic's contact and logo;
 * - Remix's own reasons otherwise (a reload, or revalidate()) for anything but a form post or
 *   a move within the app.
 */
const ROOT_CHANGING_ACTIONS = [
  /^\/login(\/|$)/,
  /^\/logout$/,
  /^\/portal\/(login|auth)(\/|$)/,
  /^\/staff\/invite\//,
  /^\/portal\/settings$/,
  /^\/staff\/account$/,
  /^\/staff\/team$/,
  /^\/staff\/clinic$/,
  /^\/staff\/site$/,
  /^\/staff\/erasure$/,
  /^\/portal\/data$/,
];

/**
 * The language this browser last chose (the `lng` cookie, which Remix writes as base64 JSON),
 * or null. Read in the browser only: another tab may have changed it since this page loaded.
 */
export function chosenLocale(cookieHeader: string): Locale | null {
  const raw = /(?:^|;\s*)lng=([^;]*)/.exec(cookieHeader)?.[1];
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(atob(decodeURIComponent(raw)));
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

export const shouldRevalidate: ShouldRevalidateFunction = ({
  currentUrl,
  nextUrl,
  formMethod,
  formAction,
  defaultShouldRevalidate,
}) => {
  // Another tab chose another language: the server now answers in it, so the whole page
  // follows at the next move or post instead of mixing the two (a German notice on an
  // English page).
  if (typeof document !== "undefined") {
    const chosen = chosenLocale(document.cookie);
    if (chosen && chosen !== document.documentElement.lang) return true;
  }
  const lng = nextUrl.searchParams.get("lng");
  if (lng && lng !== currentUrl.searchParams.get("lng")) return true;
  if (formMethod && formMethod.toUpperCase() !== "GET") {
    const action = new URL(formAction ?? currentUrl.pathname, currentUrl).pathname;
    return ROOT_CHANGING_ACTIONS.some((pattern) => pattern.test(action));
  }
  // A move to another page or filter: nothing the root returns depends on the address.
  if (currentUrl.href !== nextUrl.href) return false;
  return defaultShouldRevalidate;
};

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key = errorKey(status);
  // The busy answer carries its own language: after a failed action the root loader has not run.
  const busy = isRouteErrorResponse(error) && isBusyMessage(error.data) ? error.data : null;
  if (busy) {
    return (
      <section className="card" role="alert" lang={busy.lang} dir={busy.dir}>
        <h1>{busy.title}</h1>
        <p>{busy.body}</p>
      </section>
    );
  }
  return (
    <section className="card" role="alert">
      <h1>{t(`errors.${key}.title`)}</h1>
      <p>{t(`errors.${key}.body`)}</p>
      <p>
        <Link to="/">{t("errors.home")}</Link>
      </p>
    </section>
  );
}
