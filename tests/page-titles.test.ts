/**
 * Every page's <title>, in every language, as Remix computes it (issue 19 §5): the routes
 * come from app/routes through Remix's own flat-routes reader (so a new route is covered
 * without touching this file), each page is loaded as a role that may see it, with the root
 * loader's data for the language, and the title is taken the way Remix's <Meta> takes it
 * (the deepest route with a meta function wins; on an error, the routes up to the root's
 * error boundary). A title that is empty, a bare translation key, a dotted key or holds an
 * unfilled {{placeholder}} fails, and so does one without the language's own brand name.
 */
import { flatRoutes } from "@remix-run/dev/dist/config/flat-routes.js";
import type { MetaDescriptor } from "@remix-run/node";
import { db } from "~/db.server";
import { checkFile, saveDocuments } from "~/infra/document-store.server";
import { LOCALES } from "~/i18n/config";
import { resources } from "~/i18n/resources";
import * as rootModule from "~/root";
import { demoPdf } from "../prisma/demo-pdf";
import { resetDatabase } from "./support/db";
import { createCase, createUser } from "./support/factories";
import { cookieFor } from "./support/requests";
import { MATRIX, type Ids, type Who } from "./security/routes";

type Module = Record<string, unknown>;
type Args = { request: Request; params: Record<string, string>; context: object };
type MetaFn = (args: {
  data: unknown;
  params: Record<string, string>;
  location: URL;
  matches: { id: string; data: unknown; params: Record<string, string>; meta: MetaDescriptor[] }[];
  error: unknown;
}) => MetaDescriptor[];

const manifest = flatRoutes("app", ["**/.*", "**/*.test.{ts,tsx}"]);
const modules = import.meta.glob<Module>("../app/routes/*.{ts,tsx}");
const moduleOf = async (id: string): Promise<Module> =>
  id === "root" ? (rootModule as Module) : modules[`../app/${manifest[id]!.file}`]!();

/** The route and its parents, root first (the matches of a URL that ends at it). */
function chain(id: string): string[] {
  const ids: string[] = [];
  for (let at: string | undefined = id; at; at = manifest[at]?.parentId) ids.unshift(at);
  return ids;
}

/** Who sees a page: the first role its matrix row gives 200 (or, failing that, any outcome). */
const PREFERENCE: Who[] = ["ADMIN", "COORDINATOR", "CLINICIAN", "FINANCE", "owner", "patient"];
function viewer(file: string): Who {
  const expect = MATRIX[file]?.loader;
  if (!expect) return "anonymous";
  if (expect.anonymous === 200) return "anonymous";
  return PREFERENCE.find((w) => expect[w] === 200) ?? "anonymous";
}

let ids: Ids;
const cookies = new Map<Who, string>();

beforeAll(async () => {
  await resetDatabase();
  const { kase, patient, programme } = await createCase();
  const email = await db.outboxEmail.findFirstOrThrow({ where: { caseId: kase.id } });
  const [documentId] = await saveDocuments({
    caseId: kase.id,
    kind: "MEDICAL_RECORD",
    uploadedById: patient.id,
    files: [await checkFile({ name: "labs.pdf", bytes: demoPdf("labs") })],
  });
  const quote = await db.quote.create({
    data: {
      caseId: kase.id,
      version: 1,
      status: "ISSUED",
      currency: "EUR",
      baseCurrency: "EUR",
      fxRate: "1",
      grossMinor: 100_00,
      totalMinor: 100_00,
      depositMinor: 20_00,
      termsVersion: "2026-11",
      issuedAt: new Date(),
      validUntil: new Date(Date.now() + 86_400_000),
    },
  });
  const payment = await db.payment.create({
    data: {
      caseId: kase.id,
      quoteId: quote.id,
      kind: "DEPOSIT",
      status: "SUCCEEDED",
      method: "BANK_TRANSFER",
      amountMinor: 20_00,
      currency: "EUR",
      receiptNumber: "RC-2026-900001",
      paidAt: new Date(),
    },
  });
  const followUp = await db.followUp.create({
    data: { caseId: kase.id, kind: "FOLLOW_UP", label: "P1M", dueAt: new Date() },
  });
  ids = {
    caseId: kase.id,
    emailId: email.id,
    documentId: documentId!,
    quoteId: quote.id,
    paymentId: payment.id,
    followUpId: followUp.id,
    appointmentId: (
      await db.appointment.create({
        data: {
          caseId: kase.id,
          kind: "CONSULTATION",
          title: "Video consultation",
          startsAt: new Date("2099-03-02T07:00:00Z"),
          endsAt: new Date("2099-03-02T07:30:00Z"),
        },
      })
    ).id,
    programmeSlug: programme.slug,
    programmeId: programme.id,
  };
  cookies.set("owner", await cookieFor(patient.id));
  cookies.set("patient", await cookieFor((await createUser({ role: "PATIENT" })).id));
  for (const role of ["COORDINATOR", "CLINICIAN", "FINANCE", "ADMIN"] as const) {
    cookies.set(role, await cookieFor((await createUser({ role })).id));
  }
});

/** A loader's data the way Remix hands it to meta, or the error it ends in. */
async function run(
  loader: unknown,
  args: Args,
): Promise<{ data?: unknown; error?: unknown; redirect?: boolean }> {
  if (typeof loader !== "function") return { data: undefined };
  try {
    const r = (await (loader as (a: Args) => unknown)(args)) as unknown;
    if (r instanceof Response) {
      if (r.status >= 300 && r.status < 400) return { redirect: true };
      return { data: await r.json().catch(() => null) };
    }
    const wrapped = r as { data?: unknown; init?: unknown; type?: string } | null;
    if (wrapped && typeof wrapped === "object" && wrapped.type === "DataWithResponseInit") {
      return { data: wrapped.data };
    }
    return { data: r };
  } catch (thrown) {
    if (thrown instanceof Response) {
      if (thrown.status >= 300 && thrown.status < 400) return { redirect: true };
      // What Remix gives the error boundary for a thrown Response.
      const body = await thrown.text().catch(() => "");
      return {
        error: {
          status: thrown.status,
          statusText: thrown.statusText,
          internal: false,
          data: body,
        },
      };
    }
    return { error: thrown };
  }
}

/** The document's <title> for `file`'s page in `lng`, as Remix's <Meta> computes it. */
async function titleOf(file: string, lng: string, who = viewer(file)): Promise<string | null> {
  const id = `routes/${file.replace(/\.(tsx?|jsx?)$/, "")}`;
  const row = MATRIX[file];
  const path = row?.path(ids) ?? "/";
  const params = row?.params?.(ids) ?? {};
  const url = new URL(`http://localhost:3999${path}${path.includes("?") ? "&" : "?"}lng=${lng}`);
  const headers: Record<string, string> = { "Accept-Language": "en" };
  const cookie = cookies.get(who);
  if (cookie) headers.Cookie = cookie;
  const args = () => ({
    request: new Request(url, { headers }),
    params,
    context: { ip: "10.9.9.9" },
  });

  const matches: Parameters<MetaFn>[0]["matches"] = [];
  const mods: Module[] = [];
  let error: unknown;
  for (const at of chain(id)) {
    const mod = await moduleOf(at);
    const out = await run(mod.loader, args());
    if (out.redirect) return null; // no page of its own: the browser goes elsewhere
    mods.push(mod);
    matches.push({ id: at, data: out.data, params, meta: [] });
    if (out.error) {
      error = out.error;
      break;
    }
  }
  // On an error Remix renders the nearest error boundary and takes meta up to it.
  let upTo = matches.length;
  if (error) {
    upTo = 0;
    for (let i = matches.length - 1; i >= 0; i--) {
      if (mods[i]!.ErrorBoundary) {
        upTo = i + 1;
        break;
      }
    }
  }
  let meta: MetaDescriptor[] = [];
  for (let i = 0; i < upTo; i++) {
    const fn = mods[i]!.meta as MetaFn | undefined;
    if (fn) {
      meta = fn({
        data: matches[i]!.data,
        params,
        location: url,
        matches: matches.slice(0, upTo),
        error: i === upTo - 1 ? error : undefined,
      });
    }
    matches[i]!.meta = meta;
  }
  const title = [...meta].reverse().find((d) => "title" in d) as { title?: unknown } | undefined;
  return title ? String(title.title) : "";
}

const KEY_SHAPED = /^[a-z]+:[\w.]+/;
const DOTTED_KEY = /(^|[\s·])[a-z][a-zA-Z]*(\.[a-zA-Z]+)+($|[\s·])/;

function problems(title: string, lng: string): string[] {
  const brand = (resources as Record<string, Record<string, Record<string, unknown>>>)[lng]!.common!
    .brand as string;
  const found: string[] = [];
  if (!title.trim()) found.push("empty");
  if (KEY_SHAPED.test(title)) found.push("a namespaced key");
  if (DOTTED_KEY.test(title)) found.push("a dotted key");
  if (/\{\{|\}\}/.test(title)) found.push("an unfilled placeholder");
  if (!title.endsWith(brand)) found.push(`not ending with the ${lng} brand`);
  return found;
}

// Every route file with a page (a default export); the root renders none of its own.
const pages = Object.values(manifest)
  .filter((r) => r.id !== "root")
  .map((r) => r.file.replace(/^routes\//, ""));

it("finds the routes Remix finds, and checks titles for more than a handful of them", async () => {
  expect(pages.length).toBe(Object.keys(MATRIX).length);
  let withPage = 0;
  for (const file of pages)
    if ((await moduleOf(`routes/${file.replace(/\.\w+$/, "")}`)).default) withPage++;
  expect(withPage).toBeGreaterThan(25);
});

describe.each(LOCALES)("every page's title in %s", (lng) => {
  it("is translated: no key, no placeholder, the language's brand", async () => {
    const bad: Record<string, string> = {};
    let checked = 0;
    for (const file of pages) {
      const mod = await moduleOf(`routes/${file.replace(/\.(tsx?|jsx?)$/, "")}`);
      if (!mod.default) continue; // a resource route: no document, no title
      const title = await titleOf(file, lng);
      if (title === null) continue;
      checked++;
      const found = problems(title, lng);
      if (found.length) bad[file] = `${JSON.stringify(title)}: ${found.join(", ")}`;
    }
    expect(bad).toEqual({});
    expect(checked).toBeGreaterThan(25);
  });
});

describe("error pages' titles", () => {
  it.each(LOCALES)("the not-found page has its translated heading as title in %s", async (lng) => {
    const title = await titleOf("$.tsx", lng);
    const common = (resources as Record<string, Record<string, Record<string, unknown>>>)[lng]!
      .common! as { errors: { notFound: { title: string } }; brand: string };
    expect(title).toBe(`${common.errors.notFound.title} · ${common.brand}`);
  });

  it("a refused staff page is titled 'Access denied', in the reader's language", async () => {
    const title = await titleOf("staff.audit.tsx", "ar", "FINANCE");
    const common = (resources.ar as Record<string, unknown>).common as {
      errors: { forbidden: { title: string } };
      brand: string;
    };
    expect(title).toBe(`${common.errors.forbidden.title} · ${common.brand}`);
  });

  it("a case's quote page names the case number, filled in", async () => {
    const title = await titleOf("staff.cases.$caseId_.quote.tsx", "de", "FINANCE");
    const kase = await db.case.findUniqueOrThrow({ where: { id: ids.caseId } });
    expect(title).toContain(kase.number);
    expect(title).not.toContain("{{");
  });
});
