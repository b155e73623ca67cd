// Vitest (Vite) provides import.meta.glob in tests. Only this method is declared, rather than
// all of vite/client, whose asset module types would clash with Remix's.
interface ImportMeta {
  glob<T>(pattern: string | string[]): Record<string, () => Promise<T>>;
}
