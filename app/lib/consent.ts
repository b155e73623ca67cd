/**
 * The consent to process health data (GDPR Art. 9(2)(a), KVKK Art. 6). The wording is in
 * locales/<lng>/privacy.json; when it changes materially, raise the version so every
 * stored consent says which text the person agreed to.
 */
export const CONSENT_PURPOSE = "HEALTH_DATA";
export const CONSENT_VERSION = "2026-11-01";
