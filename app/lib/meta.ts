/**
 * Page titles in the reader's language. meta() runs outside React, so it reads the
 * translations the root loader sent for this request. A key may name its namespace
 * ("portal:case.title"); without one it is in "common".
 */
import type { MetaDescriptor } from "@remix-run/node";

type Tree = { [k: string]: string | Tree };
interface Match {
  id: string;
  data: unknown;
}

export function translatedTitle(
  matches: readonly Match[],
  key: string,
  suffix?: string,
): MetaDescriptor[] {
  const root = matches.find((m) => m.id === "root")?.data as
    { resources?: Record<string, Tree> } | undefined;
  const lookup = (key: string) => {
    const [ns, path] = key.includes(":") ? key.split(":", 2) : ["common", key];
    let node: string | Tree | undefined = root?.resources?.[ns!];
    for (const part of path!.split(".")) node = typeof node === "object" ? node[part] : undefined;
    return typeof node === "string" ? node : key;
  };
  const brand = lookup("brand");
  const title =
    key === "brand" ? brand : `${suffix ? `${suffix} · ` : ""}${lookup(key)} · ${brand}`;
  return [{ title }];
}
