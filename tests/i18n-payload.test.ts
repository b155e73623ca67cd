/**
 * Issue 21 §2: a page's HTML carries no translations. Pages are rendered by Remix's own request
 * handler over every route in app/routes (the same modules the build bundles), signed in as the
 * role that sees them, and the HTML is checked for what the browser would otherwise download on
 * every page and navigation: the root loader's data has no `resources`, a long translated
 * sentence appears once (in the rendered text, not again in a JSON copy), and the route data
 * script stays small. The namespace files the page names instead are listed as preload links.
 */
import { flatRoutes } from "@remix-run/dev/dist/config/flat-routes.js";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import * as serverEntry from "~/entry.server";
import { resources } from "~/i18n/resources";
import * as rootModule from "~/root";
import { resetDatabase } from "./support/db";
import { createCase, createUser } from "./support/factories";
import { cookieFor } from "./support/requests";

type Module = Record<string, unknown>;
const manifest = flatRoutes("app", ["**/.*", "**/*.test.{ts,tsx}"]);
const lazy = import.meta.glob<Module>("../app/routes/*.{ts,tsx}");
const modules = Object.fromEntries(
  await Promise.all(Object.entries(lazy).map(async ([file, load]) => [file, await load()])),
) as Record<string, Module>;
const moduleOf = (id: string): Module =>
  id === "root" ? (rootModule as Module) : modules[`../app/${manifest[id]!.file}`]!;

const ids = ["root", ...Object.keys(manifest)];
const build = {
  mode: "production",
  entry: { module: serverEntry },
  routes: Object.fromEntries(
    ids.map((id) => [
      id,
      {
        id,
        parentId: id === "root" ? undefined : (manifest[id]!.parentId ?? "root"),
        path: id === "root" ? "" : manifest[id]!.path,
        index: id === "root" ? undefined : manifest[id]!.index,
        caseSensitive: undefined,
        module: moduleOf(id),
      },
    ]),
  ),
  assets: {
    entry: { imports: [], module: "/build/entry.js" },
    routes: Object.fromEntries(
      ids.map((id) => {
        const mod = moduleOf(id);
        return [
          id,
          {
            id,
            parentId: id === "root" ? undefined : (manifest[id]!.parentId ?? "root"),
            path: id === "root" ? "" : manifest[id]!.path,
            index: id === "root" ? undefined : manifest[id]!.index,
            module: `/build/${id}.js`,
            hasAction: Boolean(mod.action),
            hasLoader: Boolean(mod.loader),
            hasClientAction: false,
            hasClientLoader: false,
            hasErrorBoundary: Boolean(mod.ErrorBoundary),
          },
        ];
      }),
    ),
    url: "/build/manifest.js",
    version: "test",
  },
  publicPath: "/build/",
  assetsBuildDirectory: "build/client",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: true,
  },
  isSpaMode: false,
} as unknown as ServerBuild;
const handler = createRequestHandler(build, "production");

let staff: string;
let owner: string;
beforeAll(async () => {
  await resetDatabase();
  const { patient } = await createCase();
  owner = await cookieFor(patient.id);
  staff = await cookieFor((await createUser({ role: "COORDINATOR" })).id);
});

// React's development build warns about FormField's spread `key` (app/components/form.tsx), a
// warning of its own that production builds never print; every other console.error still fails.
beforeEach(() => {
  const record = vi.mocked(console.error).getMockImplementation()!;
  vi.mocked(console.error).mockImplementation((...args: unknown[]) => {
    if (String(args[0]).includes('"key" prop is being spread into JSX')) return;
    record(...args);
  });
});

/** The page at `path` (after its redirects: /portal with one case opens that case). */
async function page(path: string, lng: string, cookie?: string) {
  const headers: Record<string, string> = { "Accept-Language": "en" };
  if (cookie) headers.Cookie = cookie;
  let res = await handler(new Request(`http://localhost${path}?lng=${lng}`, { headers }));
  for (let hops = 0; hops < 3 && res.status >= 300 && res.status < 400; hops++) {
    const next = new URL(res.headers.get("Location")!, "http://localhost");
    next.searchParams.set("lng", lng);
    res = await handler(new Request(next, { headers }));
  }
  return { status: res.status, html: await res.text() };
}

/** The inline script in which Remix hands the loaders' data to the browser. */
function contextScript(html: string): string {
  const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
  return scripts.filter((s) => s.includes("__remixContext")).join("");
}

/**
 * What each page's data script may weigh. With the translations it was 200–360 KB (every
 * client namespace of the language, escaped into the script): common alone is 56 KB in English
 * and 87 KB in Russian, so a limit under that keeps even the one namespace every page needs
 * out. Without them, the home page's script is under 2 KB and the pipeline's and the portal's
 * under 5 KB (an empty database); 24 KB leaves room for their own data to grow. The enquiry
 * form's own data is ~50 KB: every country's and time zone's name in the reader's language
 * (Intl, not i18next), so its limit is that plus the same margin.
 */
const PAGES = [
  { path: "/", who: undefined, limit: 24_000 },
  { path: "/enquire", who: undefined, limit: 80_000 },
  { path: "/staff/cases", who: "staff", limit: 24_000 },
  { path: "/portal", who: "owner", limit: 24_000 },
] as const;

/** A long sentence of the common namespace, which the header and footer never show. */
const sentence = (lng: "en" | "ru") =>
  (resources[lng].common as { errors: { notFound: { body: string } } }).errors.notFound.body;

describe("the page's HTML holds no translation payload", () => {
  for (const lng of ["en", "ru"] as const) {
    for (const { path, who, limit } of PAGES) {
      it(`${path} in ${lng}`, async () => {
        const cookie = who === "staff" ? staff : who === "owner" ? owner : undefined;
        const { status, html } = await page(path, lng, cookie);
        expect(status).toBe(200);
        const script = contextScript(html);
        console.log(
          `[payload] ${lng} ${path}: html ${Buffer.byteLength(html)} B, remix context ${Buffer.byteLength(script)} B`,
        );
        expect(script).not.toContain('"resources"');
        expect(Buffer.byteLength(script)).toBeLessThan(limit);
        // A sentence no page above shows in its text is not in the HTML at all.
        expect(html).not.toContain(JSON.stringify(sentence(lng)).slice(1, -1));
        // The page names its namespace files instead: common always, as a hashed /build/ file.
        expect(html).toMatch(
          new RegExp(
            `<link rel="preload" as="fetch" crossorigin="anonymous" href="/build/locales/${lng}/common\\.[0-9a-f]{10}\\.json"`,
          ),
        );
      });
    }
  }

  it("the page is translated on the server (no bare keys), in the reader's language", async () => {
    const { html } = await page("/enquire", "ru");
    const brand = (resources.ru.common as { brand: string }).brand;
    expect(html).toContain(`<html lang="ru"`);
    expect(html).toContain(brand);
    expect(html).not.toMatch(/>\s*nav\.[a-zA-Z]+\s*</);
  });
});
