/**
 * The pipeline's keyboard: `/` puts the cursor in the search box, `j` and `k` move a visible
 * focus through the rows of the list or the cards of the board (the case's link takes the
 * focus, so its focus ring shows and the screen reader reads it), and `Enter` opens the
 * focused case (the link's own behaviour). Nothing happens while typing in a field, or with
 * a modifier key held. A short hint says so.
 */
import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/** The rows and cards, in reading order: each is marked with data-nav and holds its case link. */
const ITEMS = "[data-nav]";

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) ||
    target.closest("[contenteditable=true]") !== null
  );
}

export function usePipelineKeys() {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (typing(event.target)) return;
      if (event.key === "/") {
        const search = document.getElementById("q");
        if (search instanceof HTMLInputElement) {
          event.preventDefault();
          search.focus();
          search.select();
        }
        return;
      }
      if (event.key !== "j" && event.key !== "k") return;
      const items = [...document.querySelectorAll<HTMLElement>(ITEMS)];
      if (items.length === 0) return;
      event.preventDefault();
      const at = items.findIndex((el) => el.contains(document.activeElement));
      const next =
        at === -1
          ? event.key === "j"
            ? 0
            : items.length - 1
          : Math.max(0, Math.min(items.length - 1, at + (event.key === "j" ? 1 : -1)));
      for (const el of items) el.classList.remove("kbd-current");
      const item = items[next]!;
      item.classList.add("kbd-current");
      const link = item.querySelector<HTMLElement>("a[data-case-link]");
      link?.focus({ preventScroll: true });
      item.scrollIntoView({ block: "nearest", inline: "nearest" });
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
}

export function KeyboardHint() {
  const { t } = useTranslation();
  return (
    <details className="kbd-hint popover small">
      <summary title={t("cases.keys.title")}>
        <span aria-hidden="true">⌨</span>
        <span className="visually-hidden">{t("cases.keys.title")}</span>
      </summary>
      <ul className="popover-panel">
        <li>
          <kbd>/</kbd> {t("cases.keys.search")}
        </li>
        <li>
          <kbd>j</kbd> / <kbd>k</kbd> {t("cases.keys.move")}
        </li>
        <li>
          <kbd>Enter</kbd> {t("cases.keys.open")}
        </li>
      </ul>
    </details>
  );
}
