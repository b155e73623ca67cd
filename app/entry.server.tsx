import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "~/components/nonce";
import { FallbackI18nProvider } from "~/i18n/fallback";
import { detectLocale, namespaceUrls, writeLocaleFiles } from "~/i18n/i18n.server";
import { getUser } from "~/models/auth/auth.server";
import { prepareDatabase } from "~/db.server";
import { env } from "~/env.server";
import type { ServerBuild } from "@remix-run/node";
import { withBusyAnswers as answeringBusy } from "~/infra/busy.server";
import { ensureClinicSettings, syncClinicSettings } from "~/models/site/clinic-settings.server";
import { startBackgroundWorker } from "~/infra/worker.server";
import { isPrivatePath, limitedBody, requestGuard } from "~/infra/http-guard.server";

export { isPrivatePath, limitedBody, requestGuard, startBackgroundWorker, withBusyAnswers };

/** Called by server.mjs before it listens: validates the environment and readies the database. */
export async function prepareServer() {
  env();
  await prepareDatabase();
  // The clinic's settings: written from the environment on a first run, then kept in memory.
  await ensureClinicSettings();
  // The translations' files under /build/locales (ADR 034), if the build did not write them.
  writeLocaleFiles();
}

/**
 * Every loader and action first checks that the clinic's settings in memory are the saved ones
 * (another instance may have saved), then answers 503 when the database stays busy.
 */
function withBusyAnswers(build: ServerBuild): ServerBuild {
  type Handler = (args: unknown) => unknown;
  const fresh =
    (handler: Handler): Handler =>
    async (args) => {
      await syncClinicSettings();
      return handler(args);
    };
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      const module = { ...route.module } as typeof route.module;
      if (module.loader) module.loader = fresh(module.loader as Handler) as typeof module.loader;
      if (module.action) module.action = fresh(module.action as Handler) as typeof module.action;
      return [id, { ...route, module }];
    }),
  );
  return answeringBusy({ ...build, routes });
}

const ABORT_DELAY = 5_000;

async function fallbackFor(request: Request) {
  const user = await getUser(request).catch(() => null);
  const { locale } = await detectLocale(request, user?.locale);
  return { locale, urls: namespaceUrls(locale) };
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : "";
  // Only needed when the root loader's data is missing (an error after a form post).
  const rootData = remixContext.staticHandlerContext.loaderData.root as unknown;
  const fallback = rootData ? null : await fallbackFor(request);
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <FallbackI18nProvider value={fallback}>
          <RemixServer
            context={remixContext}
            url={request.url}
            abortDelay={ABORT_DELAY}
            nonce={nonce}
          />
        </FallbackI18nProvider>
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error);
}
