/**
 * The translations reach the browser as content-hashed files, not in the page (ADR 034): the
 * built server names them in the page's preload links and serves them with an immutable cache
 * header, each file's name is a hash of its bytes, and in Chromium the pages hydrate and move
 * from one to another (staff pages with different namespaces, in two languages) without a
 * console error (a hydration mismatch is one) and without a bare key on screen.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { buildApp, launchBrowser, signIn, startApp, type App } from "./harness";
import { watchErrors } from "./journey";

let app: App;
let browser: Browser;

beforeAll(async () => {
  buildApp();
  app = await startApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

type Tree = { [key: string]: string | Tree };
const flatten = (tree: Tree, prefix = ""): string[] =>
  Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "string" ? [prefix + k] : flatten(v, `${prefix}${k}.`),
  );
/** Every dotted key, bare and with its namespace: what i18next shows when a file is missing. */
const KEYS = new Set(
  fs.readdirSync("locales/en").flatMap((file) => {
    const ns = file.replace(/\.json$/, "");
    const keys = flatten(JSON.parse(fs.readFileSync(path.join("locales/en", file), "utf8")) as Tree)
      .map((k) => k.replace(/_(zero|one|two|few|many|other)$/, ""))
      .filter((k) => k.includes("."));
    return [...keys, ...keys.map((k) => `${ns}:${k}`)];
  }),
);

/** The page's text nodes and labels that are a translation key rather than its text. */
async function bareKeys(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n.textContent ?? "");
    for (const el of document.querySelectorAll("[aria-label],[placeholder],[title]")) {
      for (const a of ["aria-label", "placeholder", "title"]) out.push(el.getAttribute(a) ?? "");
    }
    out.push(document.title);
    return out;
  });
  return texts.map((t) => t.trim()).filter((t) => KEYS.has(t) || KEYS.has(t.split(" · ")[0]!));
}

describe("translations as static files", () => {
  it("the page names hashed files that are served immutable, and holds no translations", async () => {
    const res = await fetch(`${app.url}/enquire?lng=ru`);
    const html = await res.text();
    const links = [
      ...html.matchAll(/<link rel="preload" as="fetch" crossorigin="anonymous" href="([^"]+)"/g),
    ].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(2);
    for (const href of links) {
      const m = /^\/build\/locales\/ru\/([a-z]+)\.([0-9a-f]{10})\.json$/.exec(href);
      expect(m, href).not.toBeNull();
      const file = await fetch(`${app.url}${href}`);
      expect(file.status).toBe(200);
      expect(file.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      const body = await file.text();
      expect(crypto.createHash("sha256").update(body).digest("hex").slice(0, 10)).toBe(m![2]);
      expect(JSON.parse(body)).toEqual(
        JSON.parse(fs.readFileSync(`locales/ru/${m![1]}.json`, "utf8")),
      );
    }
    // The emails stay on the server.
    expect(links.some((l) => l.includes("/emails."))).toBe(false);
    expect((await fetch(`${app.url}/build/locales/ru/`)).status).not.toBe(200);
  });

  for (const lng of ["en", "ru"]) {
    it(`staff pages in ${lng}: hydrate and navigate without bare keys or errors`, async () => {
      const { context, page } = await signIn(browser, app.url, "coordinator@demo.clinic");
      const errors = watchErrors(page);
      const fetched: string[] = [];
      page.on("request", (r) => {
        if (r.url().includes("/build/locales/")) fetched.push(new URL(r.url()).pathname);
      });
      await page.goto(`${app.url}/staff/cases?lng=${lng}`);
      await page.waitForLoadState("networkidle");
      expect(await bareKeys(page)).toEqual([]);
      // The preload is the one download: loading before hydration reuses it.
      expect(fetched.length).toBeGreaterThan(0);
      expect(new Set(fetched).size).toBe(fetched.length);
      // To a case: its page needs namespaces the pipeline did not (enquiry, portal, privacy).
      await page.locator('a[href^="/staff/cases/"]').first().click();
      await page.waitForURL(/\/staff\/cases\/[^/?]+$/);
      await page.waitForLoadState("networkidle");
      expect(await bareKeys(page)).toEqual([]);
      expect(fetched.some((f) => /\/portal\.[0-9a-f]{10}\.json$/.test(f))).toBe(true);
      // A note is a form post: the page's data comes again, the root's (language, person,
      // clinic) does not (its shouldRevalidate, ADR 034).
      const reloads: string[] = [];
      page.on("request", (r) => {
        if (r.method() === "GET" && r.url().includes(".data")) reloads.push(r.url());
      });
      const note = page.locator(".note-form textarea").first();
      await note.fill(`Checked the translations in ${lng}.`);
      await page.locator(".note-form button[type=submit]").first().click();
      await page.locator(".note-form .notice.ok").waitFor();
      expect(reloads.length).toBeGreaterThan(0);
      for (const url of reloads) {
        const routes = new URL(url).searchParams.get("_routes") ?? "";
        expect(routes.split(",")).not.toContain("root");
        expect(routes).not.toBe("");
      }
      // Through the staff menu to the calendar, and back to the pipeline.
      await page.locator('a[href="/staff/calendar"]').first().click();
      await page.waitForURL(/\/staff\/calendar/);
      await page.waitForLoadState("networkidle");
      expect(await bareKeys(page)).toEqual([]);
      await page.locator('a[href="/staff/cases"]').first().click();
      await page.waitForURL(/\/staff\/cases$/);
      await page.waitForLoadState("networkidle");
      expect(await bareKeys(page)).toEqual([]);
      expect(await page.locator("html").getAttribute("lang")).toBe(lng);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
