/** The patient portal's frame: only signed-in patients get past its loader. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePatient } from "~/models/auth/auth.server";
import { countPendingForPatient } from "~/models/enquiry/enquiry.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["portal"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePatient(request);
  // Enquiries sent from the public form with this address, waiting for the owner's word.
  return { pendingEnquiries: await countPendingForPatient(user) };
}

export default function PortalLayout() {
  const { t } = useTranslation("portal");
  const { pendingEnquiries } = useLoaderData<typeof loader>();
  return (
    <>
      {pendingEnquiries > 0 ? (
        <p className="notice warn" role="status">
          {t("pending.banner", { count: pendingEnquiries })}{" "}
          <Link to="/portal/enquiries">{t("pending.review")}</Link>
        </p>
      ) : null}
      <nav aria-label={t("nav.label")} className="subnav">
        <NavLink to="/portal" end>
          {t("nav.cases")}
        </NavLink>
        <NavLink to="/portal/settings">{t("nav.settings")}</NavLink>
        <NavLink to="/portal/data">{t("nav.data")}</NavLink>
      </nav>
      <Outlet />
    </>
  );
}
