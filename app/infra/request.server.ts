/** What the HTTP server (server.mjs) passes to every loader and action. */
export interface AppLoadContext {
  ip?: string;
  cspNonce?: string;
}

export function clientIp(context: unknown): string | null {
  const ip = (context as AppLoadContext | undefined)?.ip;
  return typeof ip === "string" && ip.length > 0 ? ip : null;
}
