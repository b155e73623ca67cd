// Types for scripts/db-schema.mjs, which tests import.
export const SOURCE: string;
export const PROVIDERS: Record<"sqlite" | "postgresql", { client: string }>;
export function schemaPath(provider: "sqlite" | "postgresql"): string;
export function migrationsPath(provider: "sqlite" | "postgresql"): string;
export function render(provider: "sqlite" | "postgresql", source?: string): string;
export function stale(): ("sqlite" | "postgresql")[];
