import fs from "node:fs";
import path from "node:path";
import { dirOf, LOCALES, NAMESPACES } from "~/i18n/config";
import { detectLocale, fromAcceptLanguage, getFixedT, localeCookie } from "~/i18n/i18n.server";
import { STAGES } from "~/lib/stages";
import { createClientI18n } from "~/i18n/client";
import { formatNumber } from "~/lib/format";
import { STAGE_AUDIENCES } from "~/lib/notifications";

type Tree = { [k: string]: string | Tree };
const flatten = (tree: Tree, prefix = ""): Record<string, string> =>
  Object.fromEntries(
    Object.entries(tree).flatMap(([k, v]) =>
      typeof v === "string" ? [[prefix + k, v]] : Object.entries(flatten(v, `${prefix}${k}.`)),
    ),
  );
const load = (lng: string, ns: string) =>
  flatten(JSON.parse(fs.readFileSync(path.join("locales", lng, `${ns}.json`), "utf8")) as Tree);
const PLURAL = /_(zero|one|two|few|many|other)$/;
/** The keys a language's file should hold, each with the English key it translates. */
const keysFor = (en: Record<string, string>, lng: string): Record<string, string> =>
  Object.fromEntries(
    Object.keys(en).flatMap((key) => {
      if (!PLURAL.test(key)) return [[key, key]];
      const base = key.replace(PLURAL, "");
      if (!key.endsWith("_other")) return [];
      return new Intl.PluralRules(lng)
        .resolvedOptions()
        .pluralCategories.map((c) => [`${base}_${c}`, `${base}_other`]);
    }),
  );
/** A sentence's placeholders, with their format if any ("{{min, year}}" → "min, year"). */
const placeholders = (s: string) =>
  [...s.matchAll(/\{\{\s*(\w+)\s*(?:,\s*(\w+)\s*)?\}\}/g)]
    .map((m) => (m[2] ? `${m[1]}, ${m[2]}` : m[1]!))
    .sort();

describe("locale files", () => {
  it("exist for exactly the supported languages and namespaces", () => {
    expect(fs.readdirSync("locales").sort()).toEqual([...LOCALES].sort());
    for (const lng of LOCALES)
      expect(fs.readdirSync(path.join("locales", lng)).sort()).toEqual(
        NAMESPACES.map((n) => `${n}.json`).sort(),
      );
  });

  for (const ns of NAMESPACES) {
    const en = load("en", ns);
    for (const lng of LOCALES.filter((l) => l !== "en")) {
      it(`${lng}/${ns} has every English key, no extra key, and the same placeholders`, () => {
        const other = load(lng, ns);
        // A plural key has the forms its own language needs, not English's one/other.
        const wanted = keysFor(en, lng);
        expect(
          Object.keys(other).filter((k) => !(k in wanted)),
          "keys English lacks",
        ).toEqual([]);
        expect(
          Object.keys(wanted).filter((k) => !(k in other)),
          "keys missing",
        ).toEqual([]);
        for (const [key, enKey] of Object.entries(wanted)) {
          const value = en[enKey]!;
          if (key === enKey)
            expect(placeholders(other[key]!), `${lng}:${ns}:${key}`).toEqual(placeholders(value));
          else
            // "دفعة واحدة", "دفعتين": a plural form may spell its number out instead of {{count}}.
            expect(
              placeholders(other[key]!).filter((p) => p !== "count"),
              `${lng}:${ns}:${key}`,
            ).toEqual(placeholders(value).filter((p) => p !== "count"));
          expect(other[key]!.trim(), `${lng}:${ns}:${key} is empty`).not.toBe("");
        }
      });
    }
  }

  it("are real translations, not English copies", () => {
    for (const ns of NAMESPACES) {
      const en = load("en", ns);
      for (const lng of LOCALES.filter((l) => l !== "en")) {
        const other = load(lng, ns);
        // Placeholders do not count as words: "Version {{version}}" is one word long.
        const words = (s: string) => s.replace(/\{\{[^}]+\}\}/g, "").trim();
        const copied = Object.keys(en).filter(
          (k) => words(en[k]!).length > 12 && other[k] === en[k],
        );
        expect(copied, `${lng}/${ns} copies English`).toEqual([]);
      }
    }
  });

  it("name every stage, and carry an email for every party the stage table notifies", () => {
    const stages = load("en", "stages");
    const emails = load("en", "emails");
    for (const s of STAGES) {
      expect(stages[`stage.${s}`]).toBeTruthy();
      for (const audience of STAGE_AUDIENCES[s]) {
        expect(emails[`stage.${audience}.${s}.subject`], `${audience}/${s}`).toBeTruthy();
        expect(emails[`stage.${audience}.${s}.body`], `${audience}/${s}`).toBeTruthy();
      }
    }
  });
});

describe("language detection", () => {
  const req = (url: string, headers: Record<string, string> = {}) =>
    new Request(`http://x${url}`, { headers });

  it("parses Accept-Language with q-values and region tags", () => {
    expect(fromAcceptLanguage("en;q=0.5, ar-SA;q=0.9, fr;q=0.7")).toBe("ar");
    expect(fromAcceptLanguage("pt-BR, fa-IR;q=0.8")).toBe("fa");
    expect(fromAcceptLanguage("de-CH")).toBe("de");
    expect(fromAcceptLanguage("ja, zh;q=0.9")).toBeUndefined();
    expect(fromAcceptLanguage("ru;q=0, tr;q=0.1")).toBe("tr");
    expect(fromAcceptLanguage("garbage;;;q=x,,")).toBeUndefined();
  });

  it("prefers ?lng, then the cookie, then the user's saved language, then the header, then English", async () => {
    const cookie = (await localeCookie.serialize("ru")).split(";")[0]!;
    expect(
      await detectLocale(req("/?lng=fa", { Cookie: cookie, "Accept-Language": "de" }), "tr"),
    ).toEqual({ locale: "fa", source: "query" });
    expect(await detectLocale(req("/", { Cookie: cookie, "Accept-Language": "de" }), "tr")).toEqual(
      { locale: "ru", source: "cookie" },
    );
    expect(await detectLocale(req("/", { "Accept-Language": "de" }), "tr")).toEqual({
      locale: "tr",
      source: "user",
    });
    expect(await detectLocale(req("/", { "Accept-Language": "de" }))).toEqual({
      locale: "de",
      source: "header",
    });
    expect(await detectLocale(req("/?lng=xx"))).toEqual({ locale: "en", source: "default" });
  });

  it("reads Arabic and Persian right to left", () => {
    expect(LOCALES.filter((l) => dirOf(l) === "rtl")).toEqual(["ar", "fa"]);
  });

  it("gives a fixed-language t for emails and actions", () => {
    expect(getFixedT("ru", "stages")("stage.AFTERCARE")).toBe("Наблюдение после лечения");
    expect(getFixedT("xx", "stages")("stage.AFTERCARE")).toBe("Aftercare");
  });
});

describe("numbers in sentences", () => {
  // Every sentence that takes a number, in every language, through every way a `t` is made:
  // the server's fixed-language t (loaders, emails, PDFs) and the browser's instance.
  const numeric = [
    "count",
    "max",
    "min",
    "n",
    "minutes",
    "hours",
    "days",
    "months",
    "version",
    "example",
  ];
  const values = Object.fromEntries(numeric.map((name) => [name, 20]));
  for (const lng of LOCALES) {
    it(`are written in ${lng}'s own digits`, () => {
      const digits = formatNumber(20, lng);
      const client = createClientI18n(
        lng,
        Object.fromEntries(
          NAMESPACES.map((ns) => [
            ns,
            JSON.parse(fs.readFileSync(path.join("locales", lng, `${ns}.json`), "utf8")),
          ]),
        ),
      );
      let checked = 0;
      for (const ns of NAMESPACES) {
        const en = load("en", ns);
        for (const [key, value] of Object.entries(en)) {
          const names = placeholders(value)
            .map((p) => p.split(",")[0]!)
            .filter((p) => numeric.includes(p));
          if (names.length === 0) continue;
          const base = key.replace(/_(zero|one|two|few|many|other)$/, "");
          for (const text of [
            getFixedT(lng, ns)(base, values),
            client.t(base, { ...values, ns }),
          ]) {
            expect(text, `${lng}:${ns}:${base}`).toContain(digits);
            if (digits !== "20") expect(text, `${lng}:${ns}:${base}`).not.toContain("20");
          }
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(30);
    });
  }
});

describe("figures written into sentences", () => {
  // A page shows one digit system, the one Intl gives its language (this Node and Chromium
  // agree: Persian digits for fa, Latin ones for ar and the rest). So a figure written into a
  // translation ("within 24 hours", "for example 7.5") uses those digits too. A code such as
  // C3, SLEDAI-2K, 25-OH, TK1524 or MT-2026 keeps its Latin digits.
  const LATIN = /[0-9]/;
  const CODE = /[A-Za-z][A-Za-z0-9]*-?[0-9]+[A-Za-z0-9]*|[0-9]+-?[A-Za-z][A-Za-z0-9]*/g;
  for (const lng of LOCALES) {
    it(`use ${lng}'s own digits (${formatNumber(1234567890, lng)})`, () => {
      const own = new Set(
        formatNumber(9876543210, lng).replace(/[^0-9\u0660-\u0669\u06f0-\u06f9]/gu, ""),
      );
      const digits = /[0-9\u0660-\u0669\u06f0-\u06f9]/gu;
      const wrong: string[] = [];
      for (const ns of NAMESPACES)
        for (const [key, text] of Object.entries(load(lng, ns))) {
          const plain = text.replace(/\{\{[^}]*\}\}/g, "").replace(CODE, "");
          const bad = (plain.match(digits) ?? []).filter((d) => !own.has(d));
          if (bad.length > 0) wrong.push(`${ns}:${key}: ${text}`);
        }
      expect(wrong).toEqual([]);
      // The check would see a Latin figure on a Persian page.
      if (!own.has("2")) expect(LATIN.test("24 ساعت".replace(CODE, ""))).toBe(true);
    });
  }
});

describe("plurals", () => {
  const pluralBases = (ns: string) =>
    [...new Set(Object.keys(load("en", ns)).filter((k) => /_(one|other)$/.test(k)))].map((k) =>
      k.replace(PLURAL, ""),
    );

  it("give every counted key each plural form its language needs", () => {
    const missing: string[] = [];
    for (const ns of NAMESPACES)
      for (const base of new Set(pluralBases(ns)))
        for (const lng of LOCALES) {
          const file = load(lng, ns);
          for (const c of new Intl.PluralRules(lng).resolvedOptions().pluralCategories)
            if (!file[`${base}_${c}`]?.trim()) missing.push(`${lng}:${ns}:${base}_${c}`);
        }
    expect(missing).toEqual([]);
  });

  // Every t("key", { count }) in the source: a sentence whose words agree with the number
  // ("6 payments", "6 دفعات") must be a plural key. A label that shows the figure on its own
  // ("Tasks: {{count}}", "(3)") needs no forms.
  it("are used for every sentence the source counts", () => {
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) return e.name === "generated" ? [] : files(full);
        return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
      });
    const calls = new Set<string>();
    for (const file of [...files("app"), ...files("emails")]) {
      const src = fs.readFileSync(file, "utf8");
      for (const m of src.matchAll(/\bt\(\s*["'`]([\w.:]+)["'`]\s*,\s*\{([^}]*)\}/g))
        if (/\bcount\b/.test(m[2]!)) calls.add(m[1]!);
    }
    expect(calls.size).toBeGreaterThan(5);
    const unplural: string[] = [];
    for (const call of calls) {
      const [ns, key] = call.includes(":") ? call.split(":") : [undefined, call];
      const homes = (ns ? [ns] : NAMESPACES).filter((n) => {
        const en = load("en", n);
        return key! in en || `${key}_other` in en;
      });
      expect(homes, `${call} is a key`).not.toEqual([]);
      for (const home of homes) {
        const en = load("en", home);
        if (`${key}_other` in en) continue;
        const text = en[key!]!;
        const label = !text.includes("{{count}}") || /(: |\()\{\{count\}\}/.test(text);
        if (!label) unplural.push(`${home}:${key}: ${text}`);
      }
    }
    expect(unplural).toEqual([]);
  });
});

describe("script and punctuation a native reader expects", () => {
  // Arabic-script letters only: digits (Persian ۰–۹ too) are neutral, "۰۹:۰۰-۱۲:۰۰, ۱۳:۰۰" is a format.
  const LETTER = "[\\u0620-\\u064A\\u066E-\\u06D3\\u06FA-\\u06FF]";
  const every = (lng: string) =>
    NAMESPACES.flatMap((ns) =>
      Object.entries(load(lng, ns)).map(([key, text]) => ({ where: `${lng}:${ns}:${key}`, text })),
    );
  const offending = (lng: string, bad: RegExp) =>
    every(lng)
      .filter(({ text }) => bad.test(text.replace(/\{\{[^}]*\}\}/g, "{}")))
      .map(({ where, text }) => `${where}: ${text}`);

  it("write Persian with Persian yeh and kaf (ی ک), and Arabic with Arabic ones (ي ك)", () => {
    expect(offending("fa", /[\u064A\u0643]/)).toEqual([]);
    expect(offending("ar", /[\u06CC\u06A9]/)).toEqual([]);
    // The check would see the Arabic letters in a Persian word.
    expect(/[\u064A\u0643]/.test("يك")).toBe(true);
  });

  it("use the Arabic comma, semicolon and question mark (، ؛ ؟) beside Arabic-script words", () => {
    const latin = new RegExp(`${LETTER}[ \\u00a0]*[,;?]|[,;?][ \\u00a0]*${LETTER}`);
    for (const lng of ["ar", "fa"]) expect(offending(lng, latin), lng).toEqual([]);
    expect(latin.test("نعم, لا")).toBe(true);
    expect(latin.test("نعم، لا")).toBe(false);
  });

  it("address an Arabic or Persian reader without gendered slash forms (عزيزي/عزيزتي)", () => {
    const alternation = new RegExp(`${LETTER}/${LETTER}`);
    for (const lng of ["ar", "fa"]) expect(offending(lng, alternation), lng).toEqual([]);
    expect(alternation.test("عزيزي/عزيزتي")).toBe(true);
  });

  it("attach a tatweel prefix to its word (no 'بـ أسبوع', no 'بـ {{days}}')", () => {
    for (const lng of ["ar", "fa"]) expect(offending(lng, /\u0640\s/), lng).toEqual([]);
  });

  it("join Persian می and ها with a zero-width non-joiner, not a space", () => {
    // "می خواهید" → "می‌خواهید", "پرونده ها" → "پرونده‌ها"
    expect(offending("fa", /(^|[\s«(])ن?می\s/)).toEqual([]);
    expect(offending("fa", /\sها(ی|یی)?(\s|$|[.،:؛؟])/)).toEqual([]);
    expect(/(^|[\s«(])ن?می\s/.test("اگر می خواهید")).toBe(true);
  });

  it("never shout a word in capitals (a code, an abbreviation or a passport example may be)", () => {
    // Five or more capitals: codes such as SWIFT, SLEDAI and DMARD, and the Latin passport
    // names the Latin-name hint gives as examples.
    const allowed = new Set(["SWIFT", "SLEDAI", "DMARD", "HARBI", "FATIMA", "AHMADI", "LEILA"]);
    allowed.add("YILMAZ").add("IVANOVA");
    for (const lng of ["ar", "fa", "tr", "ru"]) {
      const shouted = every(lng).flatMap(({ where, text }) =>
        (text.replace(/\{\{[^}]*\}\}/g, "").match(/[A-ZÇĞİÖŞÜА-ЯЁ]{5,}/gu) ?? [])
          .filter((w) => !allowed.has(w))
          .map((w) => `${where}: ${w}`),
      );
      expect(shouted, lng).toEqual([]);
    }
  });
});
