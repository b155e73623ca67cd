import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { db } from "~/db.server";
import { requireStaff } from "~/models/auth/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  // An email that still failed after every retry is an alert on every staff page for admins.
  const failedEmails =
    user.role === "ADMIN" ? await db.outboxEmail.count({ where: { status: "FAILED" } }) : 0;
  return { role: user.role, name: user.name, failedEmails };
}

export default function StaffLayout() {
  const { t } = useTranslation();
  const { role, name, failedEmails } = useLoaderData<typeof loader>();
  return (
    <div className="staff">
      <nav aria-label={t("staff.nav")} className="subnav">
        <NavLink to="/staff/cases" end>
          {t("nav.cases")}
        </NavLink>
        {role === "CLINICIAN" || role === "ADMIN" || role === "COORDINATOR" ? (
          <NavLink to="/staff/review">{t("nav.review")}</NavLink>
        ) : null}
        {role === "FINANCE" || role === "ADMIN" ? (
          <NavLink to="/staff/finance" end>
            {t("finance:staff.nav")}
          </NavLink>
        ) : null}
        {role === "FINANCE" || role === "ADMIN" ? (
          <NavLink to="/staff/finance/prices">{t("finance:staff.navPrices")}</NavLink>
        ) : null}
        {role === "COORDINATOR" || role === "ADMIN" ? (
          <NavLink to="/staff/resources">{t("travel:resources.nav")}</NavLink>
        ) : null}
        {role === "FINANCE" || role === "ADMIN" ? (
          <NavLink to="/staff/reports">{t("aftercare:reports.nav")}</NavLink>
        ) : null}
        {role === "ADMIN" ? (
          <NavLink to="/staff/erasure">{t("aftercare:erasure.nav")}</NavLink>
        ) : null}
        {role === "ADMIN" ? <NavLink to="/staff/outbox">{t("nav.outbox")}</NavLink> : null}
        {role === "ADMIN" ? <NavLink to="/staff/audit">{t("nav.audit")}</NavLink> : null}
        <span className="muted">
          {name} · {t(`roles.${role}`)}
        </span>
      </nav>
      {failedEmails > 0 ? (
        <p className="notice warn" role="status">
          {t("outbox.failedAlert", { count: failedEmails })}{" "}
          <Link to="/staff/outbox?status=FAILED">{t("outbox.review")}</Link>
        </p>
      ) : null}
      <Outlet />
    </div>
  );
}
