/** Calls route loaders and actions the way Remix does, with a session cookie and client IP. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { startSession } from "~/infra/session.server";
import { isStaffRole } from "~/lib/permissions";

type Handler = (args: LoaderFunctionArgs) => unknown;

export interface Call {
  path: string;
  params?: Record<string, string>;
  cookie?: string;
  form?: FormData | URLSearchParams;
  ip?: string;
  lang?: string;
}

export interface Outcome {
  status: number;
  /** The action's data, or the thrown/returned Response. */
  data: unknown;
  response?: Response;
}

/** Runs a loader or action and reports status and data, whether it returned or threw. */
export async function call(fn: Handler, c: Call): Promise<Outcome> {
  const headers: Record<string, string> = { "Accept-Language": c.lang ?? "en" };
  if (c.cookie) headers.Cookie = c.cookie;
  const request = new Request(`http://localhost:3999${c.path}`, {
    method: c.form ? "POST" : "GET",
    headers,
    body: c.form,
  });
  try {
    const result = await fn({
      request,
      params: c.params ?? {},
      context: { ip: c.ip ?? "10.0.0.1" },
    });
    if (result instanceof Response) return { status: result.status, data: null, response: result };
    const wrapped = result as { data?: unknown; init?: { status?: number } } | null;
    if (wrapped && typeof wrapped === "object" && "init" in wrapped && "data" in wrapped) {
      return { status: wrapped.init?.status ?? 200, data: wrapped.data };
    }
    return { status: 200, data: result };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, data: null, response: thrown };
    throw thrown;
  }
}

export async function cookieFor(userId: string) {
  return (await startSession(new Request("http://x"), userId)).split(";")[0]!;
}

/** An action's answer for a form (app/components/form.tsx FormReply), flattened for tests. */
export interface FormOutcome {
  form: string;
  status: "error" | "success" | undefined;
  /** Each field's first message ("" holds the form's own). */
  errors: Record<string, string>;
  /** What the form will show again: what was typed, or nothing after a reset. */
  values: Record<string, string>;
  done: string | undefined;
}

export function formReply(outcome: Outcome): FormOutcome {
  const reply = outcome.data as {
    form: string;
    done?: string;
    result: {
      status?: "error" | "success";
      error?: Record<string, string[] | null>;
      initialValue?: Record<string, unknown> | null;
    };
  };
  const errors = Object.fromEntries(
    Object.entries(reply.result.error ?? {})
      .filter(([, messages]) => messages?.length)
      .map(([name, messages]) => [name, messages![0]!]),
  );
  const values = Object.fromEntries(
    Object.entries(reply.result.initialValue ?? {}).map(([k, v]) => [k, String(v)]),
  );
  return { form: reply.form, status: reply.result.status, errors, values, done: reply.done };
}

/**
 * What a role without a staff page's permission gets: other staff 403; a patient 404, since
 * a patient is not told a staff page exists (requirePermission).
 */
export function refusedStatus(role: string): 403 | 404 {
  return isStaffRole(role) ? 403 : 404;
}
