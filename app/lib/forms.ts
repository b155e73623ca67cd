/** Names shared by the forms on the page and their actions (ADR 018). */

/** The hidden field that carries a creating form's key (app/infra/forms.server.ts). */
export const FORM_KEY = "_key";

/** How long a rendered creating form may be sent; after that the page is reloaded. */
export const FORM_KEY_DAYS = 7;

/**
 * How long the same content from the same person, sent again with a fresh key (the Back
 * button, the page opened again), is taken for the same submission (ADR 021).
 */
export const FORM_REPEAT_MINUTES = 10;
