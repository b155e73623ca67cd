import { isBusyMessage } from "~/lib/busy";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useMemo, type ReactNode } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { LanguageOptions } from "~/components/form";
import { useNonce } from "~/components/nonce";
import { FallbackScript, useFallbackI18n } from "~/i18n/fallback";
import { createClientI18n } from "~/i18n/client";
import { DEFAULT_LOCALE, dirOf, type Locale } from "~/i18n/config";
import { clientResources, detectLocale, localeCookie } from "~/i18n/i18n.server";
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

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, contact] = await Promise.all([getUser(request), clinicContact()]);
  const { locale, source } = await detectLocale(request, user?.locale);
  const headers = new Headers();
  if (source === "query") headers.append("Set-Cookie", await localeCookie.serialize(locale));
  return data(
    {
      locale,
      resources: clientResources(locale),
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

function useI18n(locale: Locale, resources: RootData["resources"] | undefined) {
  return useMemo(() => createClientI18n(locale, resources), [locale, resources]);
}

export function Layout({ children }: { children: ReactNode }) {
  const root = useRouteLoaderData<typeof loader>("root");
  const fallback = useFallbackI18n();
  const locale = root?.locale ?? fallback?.locale ?? DEFAULT_LOCALE;
  const i18n = useI18n(
    locale,
    (root?.resources ?? fallback?.resources) as RootData["resources"] | undefined,
  );
  const nonce = useNonce();
  return (
    <html lang={locale} dir={dirOf(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
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

export default function App() {
  return <Outlet />;
}

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
