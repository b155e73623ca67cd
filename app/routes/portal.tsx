/** The patient portal's frame: only signed-in patients get past its loader. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePatient } from "~/models/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePatient(request);
  return null;
}

export default function PortalLayout() {
  const { t } = useTranslation("portal");
  return (
    <>
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
