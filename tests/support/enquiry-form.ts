import crypto from "node:crypto";

/**
 * A creating form's key as the page renders it (app/infra/forms.server.ts newFormKey: the time
 * it was made, then random). Made here without the server modules, for tests over HTTP too.
 */
export function formKey(now = Date.now()): string {
  return `${now.toString(36)}-${crypto.randomBytes(16).toString("base64url")}`;
}

/** A valid lupus enquiry as the public form posts it (no files), for load and crash tests. */
export function lupusEnquiry(name: string, email: string): URLSearchParams {
  const q = (id: string, v: string) => [`q.lupus-msc.${id}`, v];
  return new URLSearchParams([
    ["name", name],
    ["email", email],
    ["phoneCountry", "DE"],
    ["phone", "151 2345 6789"],
    ["country", "DE"],
    ["language", "de"],
    ["timeZone", "Europe/Berlin"],
    ["programme", "lupus-msc"],
    ["diagnosis", "SLE since 2016, hydroxychloroquine"],
    ["diagnosedYear", "2016"],
    ["steroidDose", "5"],
    ["consent", "yes"],
    ["organs", "skin"],
    q("activeInfection", "no"),
    q("organCrisis", "no"),
    q("dialysis", "no"),
    q("pregnancy", "no"),
    q("malignancy", "no"),
    q("recentCytotoxic", "no"),
    q("thrombosis", "no"),
    q("flaresLastYear", "2"),
    q("fitToTravel", "yes"),
    // Each enquiry a new form: its key is spent once.
    ["_key", formKey()],
  ]);
}

/**
 * A creating form as a model takes it (SentForm, app/infra/forms.server.ts): a fresh key, and
 * content of its own, so it is never taken for a repeat of another.
 */
export function sentForm(key = formKey()): { key: string; content: string } {
  return { key, content: crypto.randomBytes(16).toString("hex") };
}
