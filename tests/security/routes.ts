import { roleCan, type Permission } from "~/lib/permissions";

/**
 * The authorization matrix's data: every route file, its path, and what each role gets from its
 * loader and action. Shared by the matrix itself and the fuzzing of every action.
 * Outcomes: a status code; 302 to sign-in for signed-out visitors of protected pages.
 */
/** "owner" is the patient whose case and document the rows use; "patient" is another patient. */
export const ROLES = [
  "anonymous",
  "patient",
  "owner",
  "COORDINATOR",
  "CLINICIAN",
  "FINANCE",
  "ADMIN",
] as const;
export type Who = (typeof ROLES)[number];
export type Expect = Record<Who, number>;

const all = (status: number): Expect => Object.fromEntries(ROLES.map((r) => [r, status])) as Expect;
const STAFF = ["COORDINATOR", "CLINICIAN", "FINANCE", "ADMIN"] as const;

/**
 * A staff page guarded by `permission`: what each role gets is read from the permission table
 * (app/lib/permissions.ts), the same table the route's guard reads. Roles holding it get
 * `status`; other staff 403; patients 404 (not told the page exists); signed-out visitors are
 * sent to sign in.
 */
const guarded = (permission: Permission, status: number): Expect =>
  ({
    anonymous: 302,
    // A patient is not told a staff page exists (app/models/auth/auth.server.ts).
    patient: roleCan("PATIENT", permission) ? status : 404,
    owner: roleCan("PATIENT", permission) ? status : 404,
    ...Object.fromEntries(STAFF.map((r) => [r, roleCan(r, permission) ? status : 403])),
  }) as Expect;

/** Patient pages ("portal:use"): another patient's case is not found; staff are not patients. */
const patientOnly = (other: number, owner: number): Expect => ({
  ...guarded("portal:use", 403),
  patient: other,
  owner,
});

export interface Row {
  path: (ids: Ids) => string;
  params?: (ids: Ids) => Record<string, string>;
  /** The permissions the route's loader and action guards name (requirePermission). */
  guards?: Permission[];
  loader?: Expect;
  action?: Expect;
}
export interface Ids {
  caseId: string;
  emailId: string;
  documentId: string;
  quoteId: string;
  paymentId: string;
  followUpId: string;
  appointmentId: string;
  /** A programme's slug for the public programme page (rows without one get a 404). */
  programmeSlug?: string;
  /** A programme's id for its questionnaire editor (rows without one get a 404). */
  programmeId?: string;
  /** A signed consent of the case (issue 25; rows without one get a 404). */
  consentId?: string;
}

export const MATRIX: Record<string, Row> = {
  "_index.tsx": { path: () => "/", loader: all(200) },
  "healthz.ts": { path: () => "/healthz", loader: all(200) },
  // The letterhead logo (issue 23): public; none is uploaded here, so 404 for everyone.
  "clinic-logo.ts": { path: () => "/clinic-logo", loader: all(404) },
  "bench.tsx": { path: () => "/bench" },
  "login.tsx": {
    path: () => "/login",
    loader: {
      anonymous: 200,
      patient: 200,
      owner: 200,
      COORDINATOR: 302,
      CLINICIAN: 302,
      FINANCE: 302,
      ADMIN: 302,
    },
    action: all(400),
  },
  "logout.tsx": { path: () => "/logout", loader: all(302), action: all(302) },
  "staff.tsx": { path: () => "/staff", guards: ["staff:use"], loader: guarded("staff:use", 200) },
  "staff._index.tsx": {
    path: () => "/staff",
    guards: ["staff:use"],
    loader: guarded("staff:use", 302),
  },
  "staff.cases._index.tsx": {
    path: () => "/staff/cases",
    guards: ["cases:list"],
    loader: guarded("cases:list", 200),
    // Saved views (any reader of the pipeline) and bulk work (cases:bulk, checked inside).
    action: guarded("cases:list", 400),
  },
  "staff.cases.$caseId.tsx": {
    path: (ids) => `/staff/cases/${ids.caseId}`,
    params: (ids) => ({ caseId: ids.caseId }),
    guards: ["case:read"],
    loader: guarded("case:read", 200),
    action: guarded("case:read", 400),
  },
  "staff.outbox._index.tsx": {
    path: () => "/staff/outbox",
    guards: ["outbox:read", "outbox:retry"],
    loader: guarded("outbox:read", 200),
    action: guarded("outbox:retry", 302),
  },
  "staff.cases.$caseId.documents.$documentId.ts": {
    path: (ids) => `/staff/cases/${ids.caseId}/documents/${ids.documentId}`,
    params: (ids) => ({ caseId: ids.caseId, documentId: ids.documentId }),
    // Finance handles money, not medical records.
    guards: ["document:read"],
    loader: guarded("document:read", 200),
  },
  // The same document in the staff page's viewer: the same permission, inline.
  "staff.cases.$caseId.documents.$documentId.view.ts": {
    path: (ids) => `/staff/cases/${ids.caseId}/documents/${ids.documentId}/view`,
    params: (ids) => ({ caseId: ids.caseId, documentId: ids.documentId }),
    guards: ["document:read"],
    loader: guarded("document:read", 200),
  },
  "enquire.tsx": { path: () => "/enquire", loader: all(200), action: all(400) },
  "enquire_.received.tsx": { path: () => "/enquire/received", loader: all(200) },
  // Without a valid link the page says so; the action refuses an unknown token.
  "enquire_.confirm.tsx": { path: () => "/enquire/confirm", loader: all(200), action: all(400) },
  "portal.enquiries.tsx": {
    path: () => "/portal/enquiries",
    loader: patientOnly(200, 200),
    action: patientOnly(400, 400),
  },
  "privacy.tsx": { path: () => "/privacy", loader: all(200) },
  // The public pages of the clinic (ADR 023): a programme anyone may read.
  "programmes.$slug.tsx": {
    path: (ids) => `/programmes/${ids.programmeSlug ?? "none"}`,
    params: (ids) => ({ slug: ids.programmeSlug ?? "none" }),
    loader: all(200),
  },
  // A programme's published outcomes (issue 25): public, figures only, small groups hidden.
  "programmes.$slug_.outcomes.tsx": {
    path: (ids) => `/programmes/${ids.programmeSlug ?? "none"}/outcomes`,
    params: (ids) => ({ slug: ids.programmeSlug ?? "none" }),
    loader: all(200),
  },
  // The clinic's public facts and doctors: admins edit them; an empty form is bad input.
  "staff.site.tsx": {
    path: () => "/staff/site",
    guards: ["site:edit"],
    loader: guarded("site:edit", 200),
    action: guarded("site:edit", 400),
  },
  // How the clinic runs (issue 23): admins; an empty form is bad input.
  "staff.clinic.tsx": {
    path: () => "/staff/clinic",
    guards: ["clinic:edit"],
    loader: guarded("clinic:edit", 200),
    action: guarded("clinic:edit", 400),
  },
  // The catalogue's words in every language (ADR 024): admins; an empty form is bad input.
  "staff.catalogue.tsx": {
    path: () => "/staff/catalogue",
    guards: ["catalogue:edit"],
    loader: guarded("catalogue:edit", 200),
    action: guarded("catalogue:edit", 400),
  },
  // A programme's eligibility questionnaire (issue 23): admins; an empty form is bad input.
  "staff.catalogue_.$programmeId.questionnaire.tsx": {
    path: (ids) => `/staff/catalogue/${ids.programmeId ?? "none"}/questionnaire`,
    params: (ids) => ({ programmeId: ids.programmeId ?? "none" }),
    guards: ["questionnaire:edit"],
    loader: guarded("questionnaire:edit", 200),
    action: guarded("questionnaire:edit", 400),
  },
  // A programme's procedure consent text (issue 25): admins; an empty form is bad input.
  "staff.catalogue_.$programmeId.consent.tsx": {
    path: (ids) => `/staff/catalogue/${ids.programmeId ?? "none"}/consent`,
    params: (ids) => ({ programmeId: ids.programmeId ?? "none" }),
    guards: ["consent-text:edit"],
    loader: guarded("consent-text:edit", 200),
    action: guarded("consent-text:edit", 400),
  },
  // A signed consent's PDF: the clinical team (issue 25), audited.
  "staff.cases.$caseId_.consents.$consentId.pdf.ts": {
    path: (ids) => `/staff/cases/${ids.caseId}/consents/${ids.consentId ?? "none"}/pdf`,
    params: (ids) => ({ caseId: ids.caseId, consentId: ids.consentId ?? "none" }),
    guards: ["consent:read"],
    loader: guarded("consent:read", 200),
  },
  // The patient reads and signs the procedure consent; an empty form is bad input.
  "portal.cases.$caseId_.consent.tsx": {
    path: (ids) => `/portal/cases/${ids.caseId}/consent`,
    params: (ids) => ({ caseId: ids.caseId }),
    loader: patientOnly(404, 200),
    action: patientOnly(404, 400),
  },
  "portal.cases.$caseId_.consents.$consentId.pdf.ts": {
    path: (ids) => `/portal/cases/${ids.caseId}/consents/${ids.consentId ?? "none"}/pdf`,
    params: (ids) => ({ caseId: ids.caseId, consentId: ids.consentId ?? "none" }),
    loader: patientOnly(404, 200),
  },
  // A programme's outcome set (ADR 028): admins; no such programme is a 404, an empty form
  // is bad input (tests/outcomes-versions.test.ts edits a real one).
  "staff.catalogue_.$programmeId.outcomes.tsx": {
    path: () => "/staff/catalogue/no-such-programme/outcomes",
    params: () => ({ programmeId: "no-such-programme" }),
    guards: ["catalogue:edit"],
    loader: guarded("catalogue:edit", 404),
    action: guarded("catalogue:edit", 400),
  },
  // Translation coverage of everything written per language (issue 23): admins; read only.
  "staff.catalogue_.coverage.tsx": {
    path: () => "/staff/catalogue/coverage",
    guards: ["catalogue:edit"],
    loader: guarded("catalogue:edit", 200),
  },
  "$.tsx": { path: () => "/no/such/page", loader: all(404) },
  // The second step of staff sign-in opens only with a pending sign-in (after the password):
  // everyone else is sent back to /login.
  "login_.code.tsx": { path: () => "/login/code", loader: all(302), action: all(302) },
  "login_.enrol.tsx": { path: () => "/login/enrol", loader: all(302), action: all(302) },
  "login_.forgot.tsx": {
    path: () => "/login/forgot",
    loader: {
      anonymous: 200,
      patient: 200,
      owner: 200,
      COORDINATOR: 302,
      CLINICIAN: 302,
      FINANCE: 302,
      ADMIN: 302,
    },
    action: all(400),
  },
  // An unknown link is "not found" for everyone; a form without a password is refused first.
  "login_.reset.$token.tsx": {
    path: () => "/login/reset/no-such-token",
    params: () => ({ token: "no-such-token" }),
    loader: all(404),
    action: all(400),
  },
  "staff_.invite.$token.tsx": {
    path: () => "/staff/invite/no-such-token",
    params: () => ({ token: "no-such-token" }),
    loader: all(404),
    action: all(400),
  },
  "portal_.login.tsx": {
    path: () => "/portal/login",
    loader: { ...all(200), patient: 302, owner: 302 },
    action: all(400),
  },
  "portal_.auth.tsx": { path: () => "/portal/auth", loader: all(200), action: all(400) },
  "portal.tsx": { path: () => "/portal", loader: patientOnly(200, 200) },
  // With exactly one case, the owner is taken straight to it.
  "portal._index.tsx": { path: () => "/portal", loader: patientOnly(200, 302) },
  "portal.cases.$caseId.tsx": {
    path: (ids) => `/portal/cases/${ids.caseId}`,
    params: (ids) => ({ caseId: ids.caseId }),
    loader: patientOnly(404, 200),
    action: patientOnly(404, 400),
  },
  "portal.cases.$caseId.documents.$documentId.ts": {
    path: (ids) => `/portal/cases/${ids.caseId}/documents/${ids.documentId}`,
    params: (ids) => ({ caseId: ids.caseId, documentId: ids.documentId }),
    loader: patientOnly(404, 200),
  },
  "portal.settings.tsx": {
    path: () => "/portal/settings",
    loader: patientOnly(200, 200),
    action: patientOnly(400, 400),
  },
  "staff.review.tsx": {
    path: () => "/staff/review",
    // Finance has nothing to review: the queue is health data.
    guards: ["review:read"],
    loader: guarded("review:read", 200),
  },
  "staff.audit.tsx": {
    path: () => "/staff/audit",
    guards: ["audit:read"],
    loader: guarded("audit:read", 200),
  },
  "staff.cases.$caseId_.quote.tsx": {
    path: (ids) => `/staff/cases/${ids.caseId}/quote`,
    params: (ids) => ({ caseId: ids.caseId }),
    guards: ["quote:read", "quote:write"],
    loader: guarded("quote:read", 200),
    // Only finance changes a quote or records money; an empty form is bad input.
    action: guarded("quote:write", 400),
  },
  "staff.cases.$caseId_.quotes.$quoteId.pdf.ts": {
    path: (ids) => `/staff/cases/${ids.caseId}/quotes/${ids.quoteId}/pdf`,
    params: (ids) => ({ caseId: ids.caseId, quoteId: ids.quoteId }),
    guards: ["quote:read"],
    loader: guarded("quote:read", 200),
  },
  "staff.cases.$caseId_.receipts.$paymentId.pdf.ts": {
    path: (ids) => `/staff/cases/${ids.caseId}/receipts/${ids.paymentId}/pdf`,
    params: (ids) => ({ caseId: ids.caseId, paymentId: ids.paymentId }),
    guards: ["quote:read"],
    loader: guarded("quote:read", 200),
  },
  "staff.finance._index.tsx": {
    path: () => "/staff/finance",
    guards: ["finance:read"],
    loader: guarded("finance:read", 200),
  },
  "staff.finance.prices.tsx": {
    path: () => "/staff/finance/prices",
    guards: ["finance:read", "price-list:write"],
    loader: guarded("finance:read", 200),
    action: guarded("price-list:write", 400),
  },
  "staff.finance.payments[.]csv.ts": {
    path: () => "/staff/finance/payments.csv",
    guards: ["finance:read"],
    loader: guarded("finance:read", 200),
  },
  "portal.cases.$caseId_.quote.tsx": {
    path: (ids) => `/portal/cases/${ids.caseId}/quote`,
    params: (ids) => ({ caseId: ids.caseId }),
    loader: patientOnly(404, 200),
    action: patientOnly(404, 400),
  },
  "portal.cases.$caseId_.quotes.$quoteId.pdf.ts": {
    path: (ids) => `/portal/cases/${ids.caseId}/quotes/${ids.quoteId}/pdf`,
    params: (ids) => ({ caseId: ids.caseId, quoteId: ids.quoteId }),
    loader: patientOnly(404, 200),
  },
  "portal.cases.$caseId_.receipts.$paymentId.pdf.ts": {
    path: (ids) => `/portal/cases/${ids.caseId}/receipts/${ids.paymentId}/pdf`,
    params: (ids) => ({ caseId: ids.caseId, paymentId: ids.paymentId }),
    loader: patientOnly(404, 200),
  },
  "staff.cases.$caseId_.schedule.tsx": {
    path: (ids) => `/staff/cases/${ids.caseId}/schedule`,
    params: (ids) => ({ caseId: ids.caseId }),
    // Clinicians see the bookings of the plan they set; finance needs no health data.
    guards: ["schedule:read", "schedule:write"],
    loader: guarded("schedule:read", 200),
    action: guarded("schedule:write", 400),
  },
  "staff.cases.$caseId_.travel.tsx": {
    path: (ids) => `/staff/cases/${ids.caseId}/travel`,
    params: (ids) => ({ caseId: ids.caseId }),
    // The insurance forms (posted to "?insurance", issue 25) need "insurance:write".
    guards: ["travel:read", "travel:write", "insurance:write"],
    loader: guarded("travel:read", 200),
    action: guarded("travel:write", 400),
  },
  "staff.cases.$caseId_.itinerary[.]pdf.ts": {
    path: (ids) => `/staff/cases/${ids.caseId}/itinerary.pdf`,
    params: (ids) => ({ caseId: ids.caseId }),
    guards: ["travel:read"],
    loader: guarded("travel:read", 200),
  },
  // The case has no approved passport yet: the letter cannot be produced (409).
  "staff.cases.$caseId_.visa-letter[.]pdf.ts": {
    path: (ids) => `/staff/cases/${ids.caseId}/visa-letter.pdf`,
    params: (ids) => ({ caseId: ids.caseId }),
    guards: ["travel:read"],
    loader: guarded("travel:read", 409),
  },
  "staff.calendar.tsx": {
    path: () => "/staff/calendar",
    // Clinicians see every appointment; coordinators and admins book, move and cancel.
    guards: ["schedule:read", "schedule:write"],
    loader: guarded("schedule:read", 200),
    action: guarded("schedule:write", 400),
  },
  "staff.resources.tsx": {
    path: () => "/staff/resources",
    guards: ["resources:write"],
    loader: guarded("resources:write", 200),
    action: guarded("resources:write", 400),
  },
  "portal.cases.$caseId_.appointments.tsx": {
    path: (ids) => `/portal/cases/${ids.caseId}/appointments`,
    params: (ids) => ({ caseId: ids.caseId }),
    loader: patientOnly(404, 200),
    action: patientOnly(404, 400),
  },
  "portal.cases.$caseId_.appointments_.$appointmentId.calendar[.]ics.ts": {
    path: (ids) => `/portal/cases/${ids.caseId}/appointments/${ids.appointmentId}/calendar.ics`,
    params: (ids) => ({ caseId: ids.caseId, appointmentId: ids.appointmentId }),
    loader: patientOnly(404, 200),
  },
  // The matrix's consultation is years ahead: its owner gets the "not open yet" page.
  "portal.cases.$caseId_.appointments_.$appointmentId.join.tsx": {
    path: (ids) => `/portal/cases/${ids.caseId}/appointments/${ids.appointmentId}/join`,
    params: (ids) => ({ caseId: ids.caseId, appointmentId: ids.appointmentId }),
    loader: patientOnly(404, 200),
  },
  "portal.cases.$caseId_.travel.tsx": {
    path: (ids) => `/portal/cases/${ids.caseId}/travel`,
    params: (ids) => ({ caseId: ids.caseId }),
    loader: patientOnly(404, 200),
    action: patientOnly(404, 400),
  },
  "portal.cases.$caseId_.itinerary[.]pdf.ts": {
    path: (ids) => `/portal/cases/${ids.caseId}/itinerary.pdf`,
    params: (ids) => ({ caseId: ids.caseId }),
    loader: patientOnly(404, 200),
  },
  "portal.cases.$caseId_.visa-letter[.]pdf.ts": {
    path: (ids) => `/portal/cases/${ids.caseId}/visa-letter.pdf`,
    params: (ids) => ({ caseId: ids.caseId }),
    loader: patientOnly(404, 409),
  },
  // Stripe's webhook: no session; anything not signed is refused.
  "webhooks.stripe.ts": { path: () => "/webhooks/stripe", loader: all(405), action: all(400) },
  // WhatsApp's and Twilio's webhooks (issue 24): no session; not there while the channel has no
  // secret configured (as in these tests); signed ones are walked in tests/channel-inbound.test.ts.
  "webhooks.whatsapp.ts": { path: () => "/webhooks/whatsapp", loader: all(404), action: all(404) },
  "webhooks.sms.ts": { path: () => "/webhooks/sms", loader: all(405), action: all(404) },
  // Aftercare outcomes are health data: clinicians, coordinators and admins.
  "staff.cases.$caseId_.aftercare.tsx": {
    path: (ids) => `/staff/cases/${ids.caseId}/aftercare`,
    params: (ids) => ({ caseId: ids.caseId }),
    guards: ["aftercare:read"],
    loader: guarded("aftercare:read", 200),
    action: guarded("aftercare:read", 400),
  },
  "portal.cases.$caseId_.aftercare._index.tsx": {
    path: (ids) => `/portal/cases/${ids.caseId}/aftercare`,
    params: (ids) => ({ caseId: ids.caseId }),
    loader: patientOnly(404, 200),
    // Share links for the home doctor (issue 25): an empty form is refused.
    action: patientOnly(404, 400),
  },
  // The handover pack's downloads (issue 25): the case here has not reached aftercare, so it
  // has no pack yet (404 for everyone allowed to ask; others as the guards say).
  "portal.cases.$caseId_.handover[.]pdf.ts": {
    path: (ids) => `/portal/cases/${ids.caseId}/handover.pdf`,
    params: (ids) => ({ caseId: ids.caseId }),
    loader: patientOnly(404, 404),
  },
  "portal.cases.$caseId_.handover[.]json.ts": {
    path: (ids) => `/portal/cases/${ids.caseId}/handover.json`,
    params: (ids) => ({ caseId: ids.caseId }),
    loader: patientOnly(404, 404),
  },
  "staff.cases.$caseId_.handover[.]pdf.ts": {
    path: (ids) => `/staff/cases/${ids.caseId}/handover.pdf`,
    params: (ids) => ({ caseId: ids.caseId }),
    guards: ["aftercare:read"],
    loader: guarded("aftercare:read", 404),
  },
  "staff.cases.$caseId_.handover[.]json.ts": {
    path: (ids) => `/staff/cases/${ids.caseId}/handover.json`,
    params: (ids) => ({ caseId: ids.caseId }),
    guards: ["aftercare:read"],
    loader: guarded("aftercare:read", 404),
  },
  // The home doctor's share link: public, and an unknown token is not found, reading or writing.
  "share.$token.tsx": {
    path: () => "/share/no-such-token",
    params: () => ({ token: "no-such-token" }),
    loader: all(404),
    action: all(404),
  },
  "share.$token_.handover[.]pdf.ts": {
    path: () => "/share/no-such-token/handover.pdf",
    params: () => ({ token: "no-such-token" }),
    loader: all(404),
  },
  "share.$token_.handover[.]json.ts": {
    path: () => "/share/no-such-token/handover.json",
    params: () => ({ token: "no-such-token" }),
    loader: all(404),
  },
  "portal.cases.$caseId_.aftercare.$followUpId.tsx": {
    path: (ids) => `/portal/cases/${ids.caseId}/aftercare/${ids.followUpId}`,
    params: (ids) => ({ caseId: ids.caseId, followUpId: ids.followUpId }),
    loader: patientOnly(404, 200),
    action: patientOnly(404, 400),
  },
  // Management reports: aggregates for admins and finance.
  "staff.reports.tsx": {
    path: () => "/staff/reports",
    guards: ["reports:read"],
    loader: guarded("reports:read", 200),
  },
  "staff.reports.$report[.]csv.ts": {
    path: () => "/staff/reports/funnel.csv",
    params: () => ({ report: "funnel" }),
    guards: ["reports:read"],
    loader: guarded("reports:read", 200),
  },
  // Data rights: each patient their own data; admins carry out erasure.
  "portal.data.tsx": {
    path: () => "/portal/data",
    loader: patientOnly(200, 200),
    action: patientOnly(400, 400),
  },
  "portal.data[.]json.ts": { path: () => "/portal/data.json", loader: patientOnly(200, 200) },
  "portal.data[.]zip.ts": { path: () => "/portal/data.zip", loader: patientOnly(200, 200) },
  "staff.erasure.tsx": {
    path: () => "/staff/erasure",
    guards: ["data-rights:manage"],
    loader: guarded("data-rights:manage", 200),
    action: guarded("data-rights:manage", 400),
  },
  "staff.outbox.$emailId.tsx": {
    path: (ids) => `/staff/outbox/${ids.emailId}`,
    params: (ids) => ({ emailId: ids.emailId }),
    guards: ["outbox:read"],
    loader: guarded("outbox:read", 200),
  },
  // Staff accounts (issue 23): only admins manage the team; an empty form is bad input.
  "staff.team.tsx": {
    path: () => "/staff/team",
    guards: ["staff:manage"],
    loader: guarded("staff:manage", 200),
    action: guarded("staff:manage", 400),
  },
  // Each member of staff's own sessions; patients are not staff.
  "staff.account.tsx": {
    path: () => "/staff/account",
    guards: ["account:use"],
    loader: guarded("account:use", 200),
    action: guarded("account:use", 400),
  },
  "staff.cases[.]csv.ts": {
    path: () => "/staff/cases.csv",
    guards: ["cases:export"],
    loader: guarded("cases:export", 200),
  },
  // Tasks (issue 22): "My tasks", and a case's task panel with its forms.
  "staff.tasks.tsx": {
    path: () => "/staff/tasks",
    guards: ["task:use"],
    loader: guarded("task:use", 200),
    action: guarded("task:use", 400),
  },
  "staff.cases.$caseId_.tasks.tsx": {
    path: (ids) => `/staff/cases/${ids.caseId}/tasks`,
    params: (ids) => ({ caseId: ids.caseId }),
    guards: ["task:use"],
    loader: guarded("task:use", 200),
    action: guarded("task:use", 400),
  },
  // The bell (issue 22): one's own notifications, their poll, and one's choices per kind. An
  // empty form is bad input; an empty choices form changes nothing and is answered as saved.
  "staff.notifications.tsx": {
    path: () => "/staff/notifications",
    guards: ["notifications:use"],
    loader: guarded("notifications:use", 200),
    action: guarded("notifications:use", 400),
  },
  "staff.notifications_.changes.ts": {
    path: () => "/staff/notifications/changes",
    guards: ["notifications:use"],
    loader: guarded("notifications:use", 200),
  },
  "staff.notifications_.settings.tsx": {
    path: () => "/staff/notifications/settings",
    guards: ["notifications:use"],
    loader: guarded("notifications:use", 200),
    // Three forms on one page (choices, WhatsApp number, code): an empty post names none.
    action: guarded("notifications:use", 400),
  },
  // The staff inbox (issue 22): clinical staff; an empty form is bad input.
  "staff.inbox.tsx": {
    path: () => "/staff/inbox",
    guards: ["inbox:read"],
    loader: guarded("inbox:read", 200),
    action: guarded("inbox:read", 400),
  },
  // Messages from unknown numbers (issue 24): the inbox's readers; an empty form is bad input.
  "staff.inbox_.leads.tsx": {
    path: () => "/staff/inbox/leads",
    guards: ["inbox:read"],
    loader: guarded("inbox:read", 200),
    action: guarded("inbox:read", 400),
  },
  "staff.inbox_.changes.ts": {
    path: () => "/staff/inbox/changes",
    guards: ["inbox:read"],
    loader: guarded("inbox:read", 200),
  },
};
