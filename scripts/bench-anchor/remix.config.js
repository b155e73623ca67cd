/**
 * The benchmark's anchor (scripts/bench-anchor.ts): a truly bare Remix 2.17 app, compiled with
 * the same classic compiler and future flags as the app (remix.config.js at the root).
 * @type {import('@remix-run/dev').AppConfig}
 */
export default {
  serverModuleFormat: "esm",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: true,
  },
};
