/**
 * Every page's footer: how to reach the clinic (phone and WhatsApp isolated left to right in
 * Arabic and Persian), the privacy notice, and the way in for staff, which the patients'
 * navigation no longer carries (ADR 023).
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { telHref, whatsappHref } from "~/lib/site";
import { PhoneNumber } from "./clinic";

export interface FooterContact {
  name: string;
  phone: string;
  phoneDisplay: string;
  whatsapp: string;
  whatsappDisplay: string;
  email: string;
}

export function SiteFooter({
  contact,
  signedIn,
}: {
  contact: FooterContact | null;
  signedIn: boolean;
}) {
  const { t } = useTranslation(["site", "common"]);
  return (
    <footer className="site-footer">
      {contact ? (
        <section aria-labelledby="footer-contact-h" className="footer-contact">
          <h2 id="footer-contact-h">
            <bdi>{contact.name}</bdi>
          </h2>
          <ul className="plain-list">
            <li>
              {t("site:contact.phone")}:{" "}
              <a href={telHref(contact.phone)}>
                <PhoneNumber>{contact.phoneDisplay}</PhoneNumber>
              </a>
            </li>
            <li>
              {t("site:contact.whatsapp")}:{" "}
              <a href={whatsappHref(contact.whatsapp)} rel="noopener">
                <PhoneNumber>{contact.whatsappDisplay}</PhoneNumber>
              </a>
            </li>
            <li>
              {t("site:contact.email")}:{" "}
              <a href={`mailto:${contact.email}`}>
                <bdi dir="ltr">{contact.email}</bdi>
              </a>
            </li>
          </ul>
        </section>
      ) : null}
      <nav aria-label={t("site:footer.label")} className="footer-nav">
        <Link to="/">{t("site:footer.programmes")}</Link>
        <Link to="/privacy">{t("common:nav.privacy")}</Link>
        {signedIn ? null : <Link to="/login">{t("common:nav.staffSignIn")}</Link>}
      </nav>
      <p className="muted footer-note">{t("site:footer.note")}</p>
    </footer>
  );
}
