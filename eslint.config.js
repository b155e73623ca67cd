import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "build/",
      "public/build/",
      "app/generated/",
      "app/lib/zone-cities.generated.ts",
      "node_modules/",
      "tmp/",
      "data/",
      "test-results/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "no-console": ["error", { allow: ["error", "warn"] }],
    },
  },
  {
    files: ["scripts/**", "server.mjs", "server/**", "prisma/seed.ts", "tests/**"],
    rules: { "no-console": "off" },
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        Headers: "readonly",
        AbortController: "readonly",
        Request: "readonly",
        URL: "readonly",
        setTimeout: "readonly",
      },
    },
  },
  // Routes reach data only through the models, which scope by owner and audit (ADR 018).
  {
    files: ["app/routes/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "~/db.server",
              message: "Routes read and write through app/models (scoped by owner, audited).",
            },
          ],
          patterns: [
            {
              group: ["~/generated/*", "**/generated/*"],
              message: "Routes read and write through app/models.",
            },
          ],
        },
      ],
    },
  },
);
