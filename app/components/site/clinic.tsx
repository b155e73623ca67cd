/**
 * The clinic's public facts as the home and programme pages show them (ADR 023): who it is
 * (name, licence, authorisation, accreditations, address with a plain map link), how to reach
 * it (phone, WhatsApp, email: numbers isolated left to right inside Arabic and Persian text),
 * its doctors, its answers to patients' questions, and a programme's indicative price,
 * formatted by Intl for the reader.
 */
import { useTranslation } from "react-i18next";
import { isLocale, type Locale } from "~/i18n/config";
import { currencyDigits } from "~/lib/format";
import {
  accreditationList,
  doctorTextFor,
  faqTextFor,
  mapHref,
  telHref,
  whatsappHref,
  type ClinicView,
  type DoctorText,
  type FaqField,
} from "~/lib/site";
import type { Texts } from "~/lib/translated";

export type { ClinicView };

export interface DoctorView {
  id: string;
  name: string;
  registration: string;
  texts: Partial<Record<Locale, DoctorText>>;
}

export interface PriceView {
  currency: string;
  minMinor: number;
  maxMinor: number;
}

function useLocale(): Locale {
  const { i18n } = useTranslation();
  return isLocale(i18n.language) ? i18n.language : "en";
}

/** "€14,190–€15,270" in the reader's way of writing a range of money, whole units. */
export function formatPriceRange(price: PriceView, locale: string): string {
  const scale = 10 ** currencyDigits(price.currency);
  const format = new Intl.NumberFormat(locale, {
    style: "currency",
    currency: price.currency,
    maximumFractionDigits: 0,
  });
  const min = Math.floor(price.minMinor / scale);
  const max = Math.ceil(price.maxMinor / scale);
  return min === max ? format.format(min) : format.formatRange(min, max);
}

/** The indicative price of a programme, or "after medical review" without a price list. */
export function PriceRange({ price }: { price: PriceView | null }) {
  const { t } = useTranslation("site");
  const locale = useLocale();
  if (!price) return <span className="price-range muted">{t("prices.onRequest")}</span>;
  return (
    <span className="price-range">
      <bdi>{formatPriceRange(price, locale)}</bdi>
    </span>
  );
}

/** A phone number: written left to right, isolated from the text around it. */
function Number_({ children }: { children: string }) {
  return (
    <bdi dir="ltr" className="phone-number">
      {children}
    </bdi>
  );
}
export { Number_ as PhoneNumber };

/** Call, WhatsApp and write: the three ways in, as large tap targets. */
export function ContactActions({ clinic }: { clinic: ClinicView }) {
  const { t } = useTranslation("site");
  return (
    <ul className="contact-actions" aria-label={t("contact.title")}>
      <li>
        <a className="button primary" href={whatsappHref(clinic.whatsapp)} rel="noopener">
          {t("contact.whatsapp")}
        </a>
      </li>
      <li>
        <a className="button" href={telHref(clinic.phone)}>
          {t("contact.call")}
        </a>
      </li>
      <li>
        <a className="button" href={`mailto:${clinic.email}`}>
          {t("contact.email")}
        </a>
      </li>
    </ul>
  );
}

/** The licence, the authorisation and the accreditations: the facts a patient can check. */
export function Credentials({ clinic }: { clinic: ClinicView }) {
  const { t } = useTranslation("site");
  const accreditations = accreditationList(clinic.accreditations);
  return (
    <dl className="clinic-facts">
      <div>
        <dt>{t("clinic.licence")}</dt>
        <dd>
          <bdi dir="ltr">{clinic.licenceNumber}</bdi>
        </dd>
      </div>
      <div>
        <dt>{t("clinic.authorisation")}</dt>
        <dd>
          <bdi dir="ltr">{clinic.authorisationNumber}</bdi>
        </dd>
      </div>
      {accreditations.length ? (
        <div>
          <dt>{t("clinic.accreditations")}</dt>
          <dd>
            <ul className="plain-list">
              {accreditations.map((a) => (
                <li key={a}>
                  <bdi>{a}</bdi>
                </li>
              ))}
            </ul>
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

/** The address as the post writes it in Turkey, with a plain link to the map. */
export function Address({ clinic }: { clinic: ClinicView }) {
  const { t } = useTranslation("site");
  const locale = useLocale();
  const country = new Intl.DisplayNames([locale], { type: "region" }).of(clinic.country);
  return (
    <>
      <address className="clinic-address" lang="tr" dir="ltr">
        {clinic.legalName}
        <br />
        {clinic.street}
        <br />
        {clinic.postcode} {clinic.district} / {clinic.city}
      </address>
      <p className="muted">{country}</p>
      <p>
        <a href={mapHref(clinic.latitude, clinic.longitude)} rel="noopener">
          {t("clinic.map")}
        </a>
      </p>
    </>
  );
}

/** Every way to reach the clinic, written out. */
export function ContactDetails({ clinic }: { clinic: ClinicView }) {
  const { t } = useTranslation("site");
  return (
    <dl className="clinic-facts">
      <div>
        <dt>{t("contact.phone")}</dt>
        <dd>
          <a href={telHref(clinic.phone)}>
            <Number_>{clinic.phoneDisplay}</Number_>
          </a>
        </dd>
      </div>
      <div>
        <dt>{t("contact.whatsapp")}</dt>
        <dd>
          <a href={whatsappHref(clinic.whatsapp)} rel="noopener">
            <Number_>{clinic.whatsappDisplay}</Number_>
          </a>
        </dd>
      </div>
      <div>
        <dt>{t("contact.email")}</dt>
        <dd>
          <a href={`mailto:${clinic.email}`}>
            <bdi dir="ltr">{clinic.email}</bdi>
          </a>
        </dd>
      </div>
    </dl>
  );
}

/** The doctors with their credentials; text in the reader's language, else English. */
export function DoctorList({
  doctors,
  headingLevel = 3,
}: {
  doctors: DoctorView[];
  headingLevel?: 3 | 4;
}) {
  const { t } = useTranslation("site");
  const locale = useLocale();
  const H = headingLevel === 3 ? "h3" : "h4";
  if (!doctors.length) return <p className="muted">{t("doctors.none")}</p>;
  return (
    <ul className="doctor-list">
      {doctors.map((d) => {
        const text = doctorTextFor(d.texts, locale);
        const lang = text.lang === locale ? undefined : text.lang;
        return (
          <li key={d.id} className="doctor">
            <H>
              <bdi>{d.name}</bdi>
            </H>
            <p className="doctor-title" lang={lang} dir={lang ? "ltr" : undefined}>
              {text.title}
            </p>
            <p className="doctor-credentials muted" lang={lang} dir={lang ? "ltr" : undefined}>
              {text.credentials}
            </p>
            <p className="doctor-registration muted">
              {t("doctors.registration")} <bdi dir="ltr">{d.registration}</bdi>
            </p>
          </li>
        );
      })}
    </ul>
  );
}

export interface FaqView {
  id: string;
  question: string;
  answer: string;
  texts: Texts<FaqField>;
}

/**
 * The questions a careful patient asks, as the clinic's admins answer them (/staff/site): each
 * in the reader's language, or its English marked lang="en" and isolated (as InLanguage does).
 */
export function Faq({ id = "faq", entries }: { id?: string; entries: FaqView[] }) {
  const { t } = useTranslation("site");
  const locale = useLocale();
  if (!entries.length) return null;
  return (
    <section aria-labelledby={`${id}-h`} className="card faq">
      <h2 id={`${id}-h`}>{t("faq.title")}</h2>
      {entries.map((entry) => {
        const text = faqTextFor(entry, locale);
        const lang = text.lang === locale ? undefined : text.lang;
        return (
          <details key={entry.id} lang={lang} dir={lang ? "ltr" : undefined}>
            <summary>{text.question}</summary>
            <p>{text.answer}</p>
          </details>
        );
      })}
    </section>
  );
}
