/**
 * The root loader (language, the signed-in person, the clinic's contact and logo, ADR 034) is
 * fetched again only where what it returns can change: a new ?lng=, a form sent to sign in or
 * out or to change the person's or the clinic's settings. Any other form post, filter or move
 * keeps the root's data, so the page's data after a post is the route's own.
 */
import type { ShouldRevalidateFunctionArgs } from "@remix-run/react";
import { localeCookie } from "~/i18n/i18n.server";
import { chosenLocale, shouldRevalidate } from "~/root";

const at = (path: string) => new URL(path, "http://localhost");
function args(
  from: string,
  to: string,
  form?: { method: string; action: string },
): ShouldRevalidateFunctionArgs {
  return {
    currentUrl: at(from),
    currentParams: {},
    nextUrl: at(to),
    nextParams: {},
    formMethod: form?.method as ShouldRevalidateFunctionArgs["formMethod"],
    formAction: form?.action,
    defaultShouldRevalidate: true,
  };
}

describe("the root loader's revalidation", () => {
  it.each([
    ["/login", "/staff/cases"],
    ["/login/code", "/staff/cases"],
    ["/portal/login", "/portal/login"],
    ["/portal/settings", "/portal/settings"],
    ["/staff/account", "/staff/account"],
    ["/staff/clinic", "/staff/clinic"],
    ["/staff/site", "/staff/site"],
    ["/staff/team", "/staff/team"],
    ["/staff/invite/abc", "/staff/cases"],
    ["/logout", "/"],
  ])("runs after a form sent to %s", (action, to) => {
    expect(shouldRevalidate(args(action, to, { method: "POST", action }))).toBe(true);
  });

  it.each([
    ["/staff/cases/c1", "/staff/cases/c1"],
    ["/staff/cases/c1/tasks", "/staff/cases/c1/tasks"],
    ["/enquire", "/enquire/received"],
    ["/portal/cases/c1/travel", "/portal/cases/c1/travel"],
  ])("does not run after a form sent to %s", (action, to) => {
    expect(shouldRevalidate(args(action, to, { method: "POST", action }))).toBe(false);
  });

  it("runs when the language changes in the address, not for a filter", () => {
    expect(shouldRevalidate(args("/staff/cases", "/staff/cases?lng=ru"))).toBe(true);
    expect(shouldRevalidate(args("/staff/cases?lng=ru", "/staff/cases?lng=ru&stage=LEAD"))).toBe(
      false,
    );
    expect(shouldRevalidate(args("/staff/cases", "/staff/cases?stage=LEAD"))).toBe(false);
  });

  it("leaves an explicit revalidation of the same address to Remix", () => {
    expect(shouldRevalidate(args("/staff/cases", "/staff/cases"))).toBe(true);
  });

  describe("when another tab chose another language", () => {
    afterEach(() => vi.unstubAllGlobals());
    async function browser(chosen: string | null, shown: string) {
      const cookie = chosen ? (await localeCookie.serialize(chosen)).split(";")[0]! : "other=1";
      vi.stubGlobal("document", { cookie: `theme=x; ${cookie}`, documentElement: { lang: shown } });
    }
    const note = { method: "POST", action: "/staff/cases/c1" };

    it("reads the cookie the server writes", async () => {
      const header = (await localeCookie.serialize("fa")).split(";")[0]!;
      expect(chosenLocale(`a=1; ${header}`)).toBe("fa");
      expect(chosenLocale("lng=garbage")).toBeNull();
      expect(chosenLocale("")).toBeNull();
    });

    it("runs after any post, and on a move, so the page never mixes two languages", async () => {
      await browser("de", "en");
      expect(shouldRevalidate(args("/staff/cases/c1", "/staff/cases/c1", note))).toBe(true);
      expect(shouldRevalidate(args("/staff/cases", "/staff/cases/c1"))).toBe(true);
    });

    it("does not run when the page already shows the chosen language, or none was chosen", async () => {
      await browser("de", "de");
      expect(shouldRevalidate(args("/staff/cases/c1", "/staff/cases/c1", note))).toBe(false);
      await browser(null, "en");
      expect(shouldRevalidate(args("/staff/cases/c1", "/staff/cases/c1", note))).toBe(false);
    });
  });
});
