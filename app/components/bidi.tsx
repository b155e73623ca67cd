/**
 * Text that must read the same way whatever the page's direction, and glyphs that must follow
 * it. In Arabic or Persian a phone number, an IBAN or a case number keeps its own left-to-right
 * order only when it is isolated from the sentence around it (`<bdi dir="ltr">`); and an arrow
 * that means "back" points to the reading start (← in English, → in Arabic), which Unicode's
 * mirroring does not do for arrows.
 */
import { Link } from "@remix-run/react";
import { Fragment, useEffect, useState, useSyncExternalStore, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** A phone number, IBAN, code or reference: always left to right, isolated from its sentence. */
export function Ltr({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <bdi dir="ltr" className={className}>
      {children}
    </bdi>
  );
}

/** The same isolation inside a translated string (LRI … PDI), for values passed to t(). */
export function ltr(text: string): string {
  return `\u2066${text}\u2069`;
}

/** "back" points to where reading starts, "forward" to where it goes, in the page's direction. */
export function Arrow({ to }: { to: "back" | "forward" }) {
  const { i18n } = useTranslation();
  const rtl = i18n.dir(i18n.language) === "rtl";
  const glyph = (to === "back") !== rtl ? "←" : "→";
  return (
    <span className="arrow" aria-hidden="true">
      {glyph}
    </span>
  );
}

/** A link back to the page above, its arrow on the reading side. */
export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link to={to} className="back-link">
      <Arrow to="back" /> {children}
    </Link>
  );
}

/** True once React runs in the browser (false in the server's HTML and without JavaScript). */
export function useHydrated() {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
const noSubscription = () => () => {};

/**
 * A value to copy into a banking app (an IBAN, a reference, an amount): shown whole, wrapping
 * only between its groups, selectable with one tap; with JavaScript a copy button (44 px)
 * beside it says so when done. Without JavaScript there is no button, only the value.
 * `copy` is what goes to the clipboard when it differs from what is shown (an IBAN's spaces).
 */
export function CopyValue({
  label,
  value,
  copy = value,
  groups = false,
  dir = "ltr",
}: {
  /** What the value is, for the button's accessible name ("Copy IBAN"). */
  label: string;
  value: string;
  copy?: string;
  /** Split at spaces into groups that never break inside (an IBAN's blocks of four). */
  groups?: boolean;
  /** "auto" for text that may be in any script (a name, an amount in Arabic digits). */
  dir?: "ltr" | "auto";
}) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2500);
    return () => clearTimeout(timer);
  }, [copied]);
  const parts = value.split(/\s+/).filter(Boolean);
  return (
    <span className="copy-value">
      <bdi dir={dir} className="copy-text">
        {groups
          ? parts.map((part, i) => (
              // The space between groups stays outside them: the line may break there only.
              <Fragment key={i}>
                {i ? " " : null}
                <span className="copy-group">{part}</span>
              </Fragment>
            ))
          : value}
      </bdi>
      {hydrated ? (
        <button
          type="button"
          className="copy-button"
          aria-label={t("copy.label", { what: label })}
          onClick={() => {
            void navigator.clipboard?.writeText(copy).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          {copied ? t("copy.done") : t("copy.button")}
        </button>
      ) : null}
      <span className="visually-hidden" role="status">
        {copied ? t("copy.doneFor", { what: label }) : ""}
      </span>
    </span>
  );
}
