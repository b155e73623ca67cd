/**
 * The demo staff accounts' second factor (ADR 027): prints the current 6-digit code for the
 * documented demo secret, and how long it stays current. Demo accounts only; a real account
 * enrols its own secret. Usage: npm run -s demo:totp
 * The secret is the same as DEMO_TOTP_SECRET in prisma/seed-data.ts (a test checks it).
 */
import { pathToFileURL } from "node:url";
import { generateTOTP } from "@epic-web/totp";

export const DEMO_TOTP_SECRET = "DEMOCLINICSTAFFTWOFACTORSECRETAA";

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { otp } = await generateTOTP({ secret: DEMO_TOTP_SECRET, period: 30, digits: 6 });
  const left = 30 - (Math.floor(Date.now() / 1000) % 30);
  console.log(`${otp}  (current for ${left} more s; each code signs in once per account)`);
}
