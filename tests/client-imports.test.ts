/**
 * Remix replaces every `*.server` module with an empty one in the browser's bundle, so a value
 * imported from one is `undefined` in code that runs in the browser: the page renders on the
 * server and then breaks as soon as React takes over (the review queue's tabs did, once).
 * This test finds every such use: in a component file (app/components, all of it runs in
 * the browser) and, in a route, inside the parts of the module that run in the browser (the
 * page component, meta, links, handle, the error boundary, shouldRevalidate and any
 * function they reach in the same file). Types are fine: they vanish at build time.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SERVER_ONLY = /(\.server|\/db\.server|\/generated\/)/;
const CLIENT_EXPORTS = new Set([
  "default",
  "meta",
  "links",
  "handle",
  "ErrorBoundary",
  "shouldRevalidate",
  "clientLoader",
  "clientAction",
  "HydrateFallback",
]);

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return files(p);
    return /\.(ts|tsx)$/.test(d.name) && !/\.(server|test)\.tsx?$/.test(d.name) ? [p] : [];
  });
}

/** Names bound to runtime values of server-only modules (type-only imports left out). */
function serverValues(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const st of source.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    if (!SERVER_ONLY.test(st.moduleSpecifier.text)) continue;
    const clause = st.importClause;
    if (!clause || clause.isTypeOnly) continue;
    if (clause.name) names.add(clause.name.text);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
    if (bindings && ts.isNamedImports(bindings)) {
      for (const el of bindings.elements) if (!el.isTypeOnly) names.add(el.name.text);
    }
  }
  return names;
}

/** Top-level declarations by name, and which of them the browser runs. */
function browserRoots(source: ts.SourceFile, isComponentFile: boolean) {
  const decls = new Map<string, ts.Node>();
  const roots: ts.Node[] = [];
  for (const st of source.statements) {
    const exported = ts.canHaveModifiers(st)
      ? (ts.getModifiers(st) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
      : false;
    const isDefault = ts.canHaveModifiers(st)
      ? (ts.getModifiers(st) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)
      : false;
    if (ts.isFunctionDeclaration(st) && st.name) {
      decls.set(st.name.text, st);
      if (isComponentFile || (exported && (isDefault || CLIENT_EXPORTS.has(st.name.text)))) {
        roots.push(st);
      }
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (!ts.isIdentifier(d.name)) continue;
        decls.set(d.name.text, d);
        if (isComponentFile || (exported && CLIENT_EXPORTS.has(d.name.text))) roots.push(d);
      }
    } else if (ts.isExportAssignment(st)) {
      roots.push(st);
    } else if (ts.isClassDeclaration(st) && st.name) {
      decls.set(st.name.text, st);
      if (isComponentFile) roots.push(st);
    }
  }
  return { decls, roots };
}

function serverValuesInBrowser(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const server = serverValues(source);
  if (server.size === 0) return [];
  const { decls, roots } = browserRoots(source, file.includes(`${path.sep}components${path.sep}`));
  const found = new Set<string>();
  const seen = new Set<ts.Node>();
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node)) {
      // A property name (`x.tab`, `{ tab: 1 }`) is not a use of the binding.
      const parent = node.parent;
      const isPropertyName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        (ts.isPropertyAssignment(parent) && parent.name === node) ||
        (ts.isJsxAttribute(parent) && parent.name === node) ||
        (ts.isBindingElement(parent) && parent.propertyName === node);
      if (!isPropertyName && !ts.isTypeReferenceNode(parent) && !ts.isTypeQueryNode(parent)) {
        if (server.has(node.text)) found.add(node.text);
        const decl = decls.get(node.text);
        if (decl && !seen.has(decl)) {
          seen.add(decl);
          visit(decl);
        }
      }
    }
    if (ts.isTypeNode(node)) return; // types vanish at build time
    ts.forEachChild(node, visit);
  };
  for (const root of roots) {
    seen.add(root);
    visit(root);
  }
  return [...found].sort();
}

describe("code that runs in the browser", () => {
  const all = [...files("app/routes"), ...files("app/components"), "app/root.tsx"];

  it("finds a server-only value the page would use (the check can fail)", () => {
    const probe = path.join("tests", "fixtures-client-import.tsx");
    fs.writeFileSync(
      probe,
      [
        'import { TABS, loadThings } from "~/models/things.server";',
        'import type { Thing } from "~/models/things.server";',
        "export async function loader() { return loadThings(); }",
        "const maxMb = () => loadThings();",
        "function Tabs() { return TABS.map((t) => t); }",
        "const Widget = (p: { maxMb: number }) => <p>{p.maxMb}</p>;",
        // A JSX attribute named like a server-side helper is not a use of it.
        "export default function Page(_: { thing: Thing }) { return <>{Tabs()}<Widget maxMb={1} /></>; }",
      ].join("\n"),
    );
    try {
      expect(serverValuesInBrowser(probe)).toEqual(["TABS"]);
    } finally {
      fs.rmSync(probe);
    }
  });

  it.each(all)("%s uses no value from a .server module", (file) => {
    expect(serverValuesInBrowser(file)).toEqual([]);
  });
});
