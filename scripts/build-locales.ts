// `npm run build`, after `remix build` (which empties public/build): writes each language's
// client namespaces as content-hashed JSON files under public/build/locales, the addresses
// the server hands the browser (app/i18n/i18n.server.ts, ADR 034). The server writes any that
// are missing at start-up too, so a build without this step still works.
import { LOCALE_FILES_DIR, writeLocaleFiles } from "../app/i18n/i18n.server";

const written = writeLocaleFiles();
console.log(`Translation files: ${written} written under ${LOCALE_FILES_DIR}`);
