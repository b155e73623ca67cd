/* eslint-disable no-control-regex -- control characters are exactly what this refuses */
/**
 * Where to send someone after they sign in, from a `redirectTo` they may not have written
 * themselves (a crafted link copies it into the sign-in form). The target must resolve to
 * this app's own origin: it is refused when it carries control characters, whitespace or
 * backslashes anywhere (browsers drop tabs and newlines and read `\` as `/`, so
 * `/\t/evil.example` and `/\evil.example` leave the site), when it is not a path, or when it
 * is protocol-relative before or after percent-decoding (`//`, `/%2F`) or after dot segments
 * are resolved (`/.//x`, `/a/..//x`). What is returned is the normalised path, query and
 * fragment, never the input as typed.
 */
const ORIGIN = "http://app.invalid";
const UNSAFE =
  /[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff\\]/;

export function safeRedirect(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2000) return fallback;
  if (UNSAFE.test(to) || !to.startsWith("/") || to.startsWith("//")) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(to);
  } catch {
    return fallback;
  }
  if (
    /^\/[\s\u0000-\u001f/\\]/.test(decoded) ||
    /^[/\\]*[a-z][a-z0-9+.-]*:/i.test(decoded.slice(1))
  ) {
    return fallback;
  }
  let url: URL;
  try {
    url = new URL(to, ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== ORIGIN) return fallback;
  // Normalising can make a protocol-relative path of a harmless one: "/.//evil.example" and
  // "/a/..//evil.example" both become "//evil.example". What is returned is checked again.
  if (/^\/[/\\]/.test(url.pathname)) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
