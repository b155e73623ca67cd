import path from "node:path";
import { defineConfig } from "vitest/config";

/** Browser journeys in real Chromium against the production build. Run by `npm run test:e2e`. */
export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    globals: true,
    environment: "node",
    include: ["tests/e2e/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Two files at a time, each with its own server, database and browser: CI's two cores are
    // mostly waiting on the browser. The app is built once, before any file starts.
    globalSetup: ["tests/e2e/global-build.ts"],
    maxWorkers: 2,
  },
});
