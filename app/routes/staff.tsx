import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaff } from "~/models/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  return { role: user.role, name: user.name };
}

export default function StaffLayout() {
  const { t } = useTranslation();
  const { role, name } = useLoaderData<typeof loader>();
  return (
    <div className="staff">
      <nav aria-label={t("staff.nav")} className="subnav">
        <NavLink to="/staff/cases">{t("nav.cases")}</NavLink>
        {role === "ADMIN" ? <NavLink to="/staff/outbox">{t("nav.outbox")}</NavLink> : null}
        <span className="muted">
          {name} · {t(`roles.${role}`)}
        </span>
      </nav>
      <Outlet />
    </div>
  );
}
