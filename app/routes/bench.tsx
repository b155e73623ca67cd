/**
 * The benchmark's ceiling (`npm run bench`): a tiny page rendered through the same server,
 * root layout and document pipeline as every other page, with no loader of its own and no
 * database access (an anonymous request's root loader reads none). Harmless to leave on:
 * it shows the brand name and nothing else.
 */
import { useTranslation } from "react-i18next";

export default function Bench() {
  const { t } = useTranslation();
  return <p>{t("brand")}</p>;
}
