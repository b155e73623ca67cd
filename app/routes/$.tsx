/**
 * Any address no other route takes. Rendered as a route (not as Remix's bare "no match"), so
 * the root loader runs: the "not found" page has the reader's language, their header (signed
 * in or not) and the same markup on the server and in the browser.
 */
import { notFound } from "~/models/auth/auth.server";

export function loader(): never {
  notFound();
}

export default function NotFound() {
  return null;
}
