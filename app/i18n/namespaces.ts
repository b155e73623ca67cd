/**
 * The namespaces a page needs: each route names those its module and the components it
 * imports use, in `handle.i18n`; a page needs the union over its matched routes, the root's
 * included. The browser loads exactly these files before it renders the page (entry.client.tsx
 * before hydration, the root's RouteNamespaces on navigation). tests/route-namespaces.test.ts
 * checks every route's list against the code it imports.
 */
import { CLIENT_NAMESPACES, type ClientNamespace } from "./config";

export interface I18nHandle {
  i18n?: readonly ClientNamespace[];
}

/** The union of the matched routes' namespaces, in CLIENT_NAMESPACES order. */
export function namespacesOf(matches: readonly { handle?: unknown }[]): ClientNamespace[] {
  const wanted = new Set<string>();
  for (const match of matches) {
    const list = (match.handle as I18nHandle | undefined)?.i18n;
    if (Array.isArray(list)) for (const ns of list) wanted.add(ns);
  }
  return CLIENT_NAMESPACES.filter((ns) => wanted.has(ns));
}
