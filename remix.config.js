/**
 * Remix v2 classic compiler. Every v3_* flag that the classic compiler supports is on;
 * v3_routeConfig exists only for the Vite plugin (see docs/decisions/001-remix-classic-compiler.md).
 * @type {import('@remix-run/dev').AppConfig}
 */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  serverDependenciesToBundle: [/^~\/generated/],
  watchPaths: ["./locales/**/*.json", "./emails/**/*"],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: true,
  },
};
