/**
 * Every route names in `handle.i18n` the namespaces its page uses (ADR 034): the browser loads
 * only those files before it renders the page, so a namespace left out shows bare keys (and a
 * hydration mismatch). This reads the code, not a page: for each route module it follows the
 * imports inside app/ (not into *.server files, which never reach the browser) and collects
 * every namespace the code names — useTranslation("x") / useTranslation(["x", …]) (none: the
 * default, common), { ns: "x" }, <Trans ns="x">, and keys written "x:key" or `x:${…}` whose key
 * exists in that namespace (so a permission such as "portal:use" is not taken for one). The
 * namespaces named by the route's handle, its parents' and the root's must cover them all.
 */
import fs from "node:fs";
import path from "node:path";
import { flatRoutes } from "@remix-run/dev/dist/config/flat-routes.js";
import { CLIENT_NAMESPACES, type ClientNamespace } from "~/i18n/config";
import { namespacesOf } from "~/i18n/namespaces";
import { resources } from "~/i18n/resources";
import * as rootModule from "~/root";

type Module = Record<string, unknown>;
const manifest = flatRoutes("app", ["**/.*", "**/*.test.{ts,tsx}"]);
const lazy = import.meta.glob<Module>("../app/routes/*.{ts,tsx}");
const moduleOf = async (id: string): Promise<Module> =>
  id === "root" ? (rootModule as Module) : lazy[`../app/${manifest[id]!.file}`]!();

const APP = path.resolve("app");
const CLIENT = new Set<string>(CLIENT_NAMESPACES);

/** The file an import names, or null when it is outside app/ (a package). */
function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("~/")) base = path.join(APP, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null;
  for (const suffix of ["", ".ts", ".tsx", "/index.ts", "/index.tsx"]) {
    const candidate = base + suffix;
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const isServerOnly = (file: string) => /\.server\.[jt]sx?$/.test(file) || file.includes(".server/");

/** The files a file imports at run time (type-only imports erased). */
function importsOf(file: string, source: string): string[] {
  const specs = [
    ...source.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^;]*?\sfrom\s+["']([^"']+)["']/gms),
    ...source.matchAll(/^\s*import\s+["']([^"']+)["']/gm),
    ...source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
  ].map((m) => m[1]!);
  return specs
    .map((spec) => resolveImport(file, spec))
    .filter((f): f is string => f !== null && f.startsWith(APP) && !isServerOnly(f));
}

type Tree = { [key: string]: string | Tree };
/** Whether `key` (dotted) is a key or a group of keys of `ns`, plural forms included. */
function hasKey(ns: ClientNamespace, key: string): boolean {
  let at: string | Tree | undefined = resources.en[ns];
  const parts = key.split(".");
  for (const [i, part] of parts.entries()) {
    if (typeof at !== "object") return false;
    const last = i === parts.length - 1;
    const next: string | Tree | undefined =
      at[part] ?? (last ? (at[`${part}_other`] ?? at[`${part}_one`]) : undefined);
    if (next === undefined) return false;
    at = next;
  }
  return true;
}

const literalList = (text: string) => [...text.matchAll(/["'`]([a-z]+)["'`]/g)].map((m) => m[1]!);

/** The code without its comments (which quote keys as examples). */
const withoutComments = (source: string) =>
  source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");

/** The client namespaces one file's code names. */
function namespacesIn(code: string): Set<string> {
  const source = withoutComments(code);
  const found = new Set<string>();
  for (const m of source.matchAll(/\buseTranslation\(\s*([^)]*)\)/g)) {
    const args = m[1]!.trim();
    if (!args) found.add("common");
    // The first argument: a namespace or a list of them.
    const first = args.startsWith("[") ? args.slice(0, args.indexOf("]") + 1) : args.split(",")[0]!;
    for (const ns of literalList(first)) found.add(ns);
  }
  for (const m of source.matchAll(
    /\bns\s*[:=]\s*(\[[^\]]*\]|["'`][a-z]+["'`]|\{\s*["'`][a-z]+["'`]\s*\})/g,
  )) {
    for (const ns of literalList(m[1]!)) found.add(ns);
  }
  const names = CLIENT_NAMESPACES.join("|");
  for (const m of source.matchAll(new RegExp(`["'\`](${names}):([A-Za-z0-9_.]*)(\\$\\{)?`, "g"))) {
    const ns = m[1] as ClientNamespace;
    const key = m[2]!.replace(/\.$/, "");
    if ((key === "" && m[3]) || (key !== "" && hasKey(ns, key))) found.add(ns);
  }
  return new Set([...found].filter((ns) => CLIENT.has(ns)));
}

const perFile = new Map<string, Set<string>>();
/** The namespaces used by `entry` and everything it imports inside app/. */
function usedFrom(entry: string): { used: Set<string>; where: Map<string, string> } {
  const used = new Set<string>();
  const where = new Map<string, string>();
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = fs.readFileSync(file, "utf8");
    let own = perFile.get(file);
    if (!own) perFile.set(file, (own = namespacesIn(source)));
    for (const ns of own) {
      used.add(ns);
      if (!where.has(ns)) where.set(ns, path.relative(process.cwd(), file));
    }
    // Routes are entered on their own; a route never imports another route's page.
    for (const next of importsOf(file, source))
      if (!next.includes(`${path.sep}routes${path.sep}`)) queue.push(next);
  }
  return { used, where };
}

function chain(id: string): string[] {
  const ids: string[] = [];
  for (let at: string | undefined = id; at; at = manifest[at]?.parentId) ids.unshift(at);
  return id === "root" ? ids : ["root", ...ids.filter((i) => i !== "root")];
}

async function declared(id: string): Promise<Set<string>> {
  const mods = await Promise.all(chain(id).map(moduleOf));
  return new Set(namespacesOf(mods.map((mod) => ({ handle: mod.handle }))));
}

describe("each route's handle names the namespaces its page uses", () => {
  it("the root's, for the header, footer and error page", async () => {
    const { used, where } = usedFrom(path.join(APP, "root.tsx"));
    const have = await declared("root");
    const missing = [...used].filter((ns) => !have.has(ns));
    expect(missing.map((ns) => `${ns} (used in ${where.get(ns)})`)).toEqual([]);
  });

  // Resource routes (no component) answer files and JSON: no page to translate in the browser.
  const pages = Object.keys(manifest).filter((id) =>
    /^export default\b/m.test(fs.readFileSync(path.join(APP, manifest[id]!.file), "utf8")),
  );
  it("finds the pages", () => expect(pages.length).toBeGreaterThan(60));

  for (const id of pages) {
    const file = path.join(APP, manifest[id]!.file);
    it(manifest[id]!.file, async () => {
      const { used, where } = usedFrom(file);
      const have = await declared(id);
      const missing = [...used].filter((ns) => !have.has(ns));
      expect(missing.map((ns) => `${ns} (used in ${where.get(ns)})`)).toEqual([]);
    });
  }

  it("finds namespaces the ways the code names them (the checker checks itself)", () => {
    expect([...namespacesIn(`const { t } = useTranslation();`)]).toEqual(["common"]);
    expect([...namespacesIn(`useTranslation(["site", "finance"])`)].sort()).toEqual([
      "finance",
      "site",
    ]);
    expect([...namespacesIn(`t("title", { ns: "travel" })`)]).toEqual(["travel"]);
    expect([...namespacesIn("t(`stages:${stage}`)")]).toEqual(["stages"]);
    // A permission is not a key: portal has no "use".
    expect([...namespacesIn(`can(user, "portal:use")`)]).toEqual([]);
    expect([...namespacesIn(`<Trans ns="privacy" i18nKey="x" />`)]).toEqual(["privacy"]);
  });
});
