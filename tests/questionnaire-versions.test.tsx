/**
 * Questionnaires as data (issue 23), through the routes' real loaders and actions on a real
 * database: an admin adds a question in English and Arabic and publishes version 2; the
 * enquiry form (in Arabic) asks it; an enquiry answered on version 1 is still read with
 * version 1's words on the staff case page and in the portal; red flags follow the version's
 * rules; a bad number is refused in the reader's language with what was typed kept; and only
 * admins may edit.
 */
import type { ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import {
  createStaticHandler,
  createStaticRouter,
  StaticRouterProvider,
} from "react-router-dom/server";
import { QuestionAnswers } from "~/components/enquiry/question-answers";
import { languageName } from "~/components/translations";
import { db } from "~/db.server";
import { createClientI18n } from "~/i18n/client";
import type { Locale } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18n.server";
import { resources } from "~/i18n/resources";
import { newFormKey } from "~/infra/forms.server";
import { localize, type QuestionnaireView } from "~/lib/questionnaire-content";
import { ensureQuestionnaire } from "~/models/catalogue/questionnaire.server";
import { action as enquireAction, loader as enquireLoader } from "~/routes/enquire";
import { loader as portalCaseLoader } from "~/routes/portal.cases.$caseId";
import EditorPage, {
  action as editorAction,
  loader as editorLoader,
} from "~/routes/staff.catalogue_.$programmeId.questionnaire";
import { loader as caseLoader } from "~/routes/staff.cases.$caseId";
import { resetDatabase } from "./support/db";
import { createUser } from "./support/factories";
import { call, cookieFor, formReply } from "./support/requests";

const SLUG = "lupus-msc";
const V1_DIALYSIS = "Do you need dialysis?";
const NEW_EN = "Have you had surgery in the last three months?";
const NEW_AR = "هل خضعت لعملية جراحية خلال الأشهر الثلاثة الماضية؟";

let programmeId: string;
let admin: { id: string; cookie: string };
let ip = 0;

beforeEach(async () => {
  await resetDatabase();
  const programme = await db.programme.create({
    data: { slug: SLUG, name: "MSC therapy for lupus (SLE)", condition: "SLE", summary: "Demo" },
  });
  programmeId = programme.id;
  // As the seed does: the built-in questionnaire is version 1.
  await ensureQuestionnaire(programme);
  const user = await createUser({ role: "ADMIN" });
  admin = { id: user.id, cookie: await cookieFor(user.id) };
});

const editorPath = () => `/staff/catalogue/${programmeId}/questionnaire`;

function edit(fields: Record<string, string>, cookie = admin.cookie) {
  return call(editorAction, {
    path: editorPath(),
    params: { programmeId },
    cookie,
    form: new URLSearchParams(fields),
  });
}

/** The admin's journey: a new yes/no question (red flag on yes) in English and Arabic. */
async function addSurgeryQuestion() {
  const saved = await edit({
    intent: "save",
    id: "recentSurgery",
    type: "yesno",
    required: "on",
    label_en: NEW_EN,
    label_ar: NEW_AR,
    flagWhen: "yes",
  });
  expect(saved.status).toBe(302);
  expect(saved.response?.headers.get("Location")).toBe(`${editorPath()}?done=save`);
}

async function publish() {
  const published = await edit({ intent: "publish" });
  expect(published.status).toBe(302);
}

/** The built-in lupus answers, as the public form posts them, plus `extra`. */
function enquiryForm(email: string, extra: Record<string, string> = {}) {
  const q = (id: string) => `q.${SLUG}.${id}`;
  const fields: Record<string, string> = {
    name: "Fatima Al-Harbi",
    email,
    phoneCountry: "SA",
    phone: "50 123 4567",
    country: "SA",
    language: "ar",
    timeZone: "Asia/Riyadh",
    programme: SLUG,
    diagnosis: "SLE since 2016",
    consent: "yes",
    [q("activeInfection")]: "no",
    [q("organCrisis")]: "no",
    [q("dialysis")]: "no",
    [q("pregnancy")]: "no",
    [q("malignancy")]: "no",
    [q("recentCytotoxic")]: "no",
    [q("thrombosis")]: "no",
    [q("flaresLastYear")]: "3",
    [q("fitToTravel")]: "yes",
    _key: newFormKey(),
    ...extra,
  };
  return new URLSearchParams(fields);
}

/** A signed-in patient sends their own enquiry: it goes straight to their case. */
async function patientEnquiry(extra: Record<string, string> = {}, lang = "ar") {
  const patient = await createUser({ role: "PATIENT", locale: "ar" });
  const cookie = await cookieFor(patient.id);
  const res = await call(enquireAction, {
    path: "/enquire",
    cookie,
    lang,
    ip: `10.9.0.${++ip}`,
    form: enquiryForm(patient.email, extra),
  });
  return { res, patient, cookie };
}

async function sentEnquiry(extra: Record<string, string> = {}) {
  const { res, patient, cookie } = await patientEnquiry(extra);
  expect(res.status, JSON.stringify(res.data)).toBe(302);
  const enquiry = await db.enquiry.findFirstOrThrow({
    where: { case: { patientId: patient.id } },
    include: { answers: true },
  });
  return { enquiry, patient, cookie };
}

function renderAnswers(
  lng: Locale,
  questionnaire: QuestionnaireView,
  answers: { questionId: string; value: string; redFlag?: boolean }[],
) {
  return renderToStaticMarkup(
    <I18nextProvider i18n={createClientI18n(lng, resources[lng])}>
      <dl>
        <QuestionAnswers questionnaire={questionnaire} answers={answers} locale={lng} flags />
      </dl>
    </I18nextProvider>,
  );
}

describe("publishing a new version", () => {
  it("shows the new question, in Arabic, on the Arabic enquiry form", async () => {
    const before = await call(enquireLoader, { path: "/enquire", lang: "ar" });
    type Page = { programmes: { slug: string; questionnaire: QuestionnaireView }[] };
    const v1 = (before.data as Page).programmes[0]!.questionnaire;
    expect(v1.version).toBe(1);
    expect(v1.content.questions.some((q) => q.id === "recentSurgery")).toBe(false);

    await addSurgeryQuestion();
    // A draft changes nothing patients see.
    const drafted = await call(enquireLoader, { path: "/enquire", lang: "ar" });
    expect((drafted.data as Page).programmes[0]!.questionnaire.version).toBe(1);

    await publish();
    const after = await call(enquireLoader, { path: "/enquire", lang: "ar" });
    const v2 = (after.data as Page).programmes[0]!.questionnaire;
    expect(v2.version).toBe(2);
    const added = v2.content.questions.find((q) => q.id === "recentSurgery")!;
    expect(localize(added.label, "ar")).toEqual({ text: NEW_AR, lang: "ar" });
    // A language without its own words falls back to English, and says so.
    expect(localize(added.label, "fa")).toEqual({ text: NEW_EN, lang: "en" });
    // The other questions kept their words in every language (version 1 from the built-in).
    const arDialysis = getFixedT("ar", "enquiry")("questions.dialysis.label");
    expect(localize(v2.content.questions.find((q) => q.id === "dialysis")!.label, "ar").text).toBe(
      arDialysis,
    );

    // The form now requires the new question, and stores the version answered.
    const missing = await patientEnquiry();
    expect(missing.res.status).toBe(400);
    expect(formReply(missing.res).errors[`q.${SLUG}.recentSurgery`]).toBe(
      getFixedT("ar", "enquiry")("errors.answerRequired"),
    );
    const { enquiry } = await sentEnquiry({ [`q.${SLUG}.recentSurgery`]: "yes" });
    expect(enquiry.questionnaireId).toBe(v2.id);
    const surgery = enquiry.answers.find((a) => a.questionId === "recentSurgery")!;
    // The red flag is the version's rule (yes), not code.
    expect(surgery).toMatchObject({ value: "yes", redFlag: true });
    expect(enquiry.redFlagCount).toBe(1);

    // Publishing is audited, with the version it replaced.
    const log = await db.auditLog.findMany({
      where: { actorId: admin.id, entity: "FormDefinition" },
      orderBy: { createdAt: "asc" },
    });
    expect(log.map((l) => l.action)).toEqual(["questionnaire.draft", "questionnaire.publish"]);
    expect(JSON.parse(log[1]!.detail!)).toMatchObject({ version: 2, replaces: 1 });
  });

  it("keeps an enquiry answered on version 1 on version 1's words, for staff and the patient", async () => {
    const old = await sentEnquiry();
    const v1 = await db.formDefinition.findFirstOrThrow({ where: { programmeId, version: 1 } });
    expect(old.enquiry.questionnaireId).toBe(v1.id);

    // Version 2 rewords a question and adds one.
    const changed = await edit({
      intent: "save",
      originalId: "dialysis",
      id: "dialysis",
      type: "yesno",
      required: "on",
      label_en: "Are you on dialysis or waiting for a kidney transplant?",
      label_ar: "هل تخضع لغسيل الكلى أو تنتظر زراعة كلية؟",
      flagWhen: "yes",
    });
    expect(changed.status).toBe(302);
    await addSurgeryQuestion();
    await publish();

    const clinician = await createUser({ role: "CLINICIAN" });
    const page = await call(caseLoader, {
      path: `/staff/cases/${old.enquiry.caseId}`,
      params: { caseId: old.enquiry.caseId },
      cookie: await cookieFor(clinician.id),
    });
    expect(page.status).toBe(200);
    const data = page.data as {
      kase: { enquiries: { id: string; answers: { questionId: string; value: string }[] }[] };
      questionnaires: Record<string, QuestionnaireView>;
    };
    const read = data.questionnaires[old.enquiry.id]!;
    expect(read.version).toBe(1);
    const html = renderAnswers("en", read, data.kase.enquiries[0]!.answers);
    expect(html).toContain(V1_DIALYSIS);
    expect(html).not.toContain("kidney transplant");
    expect(html).not.toContain(NEW_EN);

    // The patient's own copy of the enquiry is read with the same version.
    const portal = await call(portalCaseLoader, {
      path: `/portal/cases/${old.enquiry.caseId}`,
      params: { caseId: old.enquiry.caseId },
      cookie: old.cookie,
      lang: "ar",
    });
    expect(portal.status).toBe(200);
    const own = (portal.data as { kase: { questionnaires: Record<string, QuestionnaireView> } })
      .kase.questionnaires[old.enquiry.id]!;
    expect(own.version).toBe(1);
    expect(renderAnswers("ar", own, old.enquiry.answers)).toContain(
      getFixedT("ar", "enquiry")("questions.dialysis.label"),
    );

    // An enquiry stored before questionnaires were data is read with version 1 too.
    await db.enquiry.update({ where: { id: old.enquiry.id }, data: { questionnaireId: null } });
    const legacy = await call(caseLoader, {
      path: `/staff/cases/${old.enquiry.caseId}`,
      params: { caseId: old.enquiry.caseId },
      cookie: await cookieFor(clinician.id),
    });
    expect((legacy.data as typeof data).questionnaires[old.enquiry.id]!.version).toBe(1);
  });
});

describe("a number question with a range and a red flag", () => {
  beforeEach(async () => {
    const saved = await edit({
      intent: "save",
      id: "crp",
      type: "number",
      label_en: "Your latest CRP",
      label_ar: "آخر قيمة لديك لبروتين سي التفاعلي",
      unit_en: "mg/L",
      min: "0",
      max: "300",
      flagAbove: "100",
    });
    expect(saved.status, JSON.stringify(saved.data)).toBe(302);
    await publish();
  });

  it("flags an answer above the version's threshold, and not one below", async () => {
    const high = await sentEnquiry({ [`q.${SLUG}.crp`]: "١٥٠" });
    expect(high.enquiry.answers.find((a) => a.questionId === "crp")).toMatchObject({
      value: "150",
      redFlag: true,
    });
    const low = await sentEnquiry({ [`q.${SLUG}.crp`]: "50" });
    expect(low.enquiry.answers.find((a) => a.questionId === "crp")).toMatchObject({
      value: "50",
      redFlag: false,
    });
    // Optional: left out, nothing is stored for it.
    const none = await sentEnquiry();
    expect(none.enquiry.answers.some((a) => a.questionId === "crp")).toBe(false);
  });

  it("refuses a number out of range in the reader's language and keeps what was typed", async () => {
    const { res } = await patientEnquiry(
      { [`q.${SLUG}.crp`]: "٥٠٠", diagnosis: "ذئبة حمراء منذ ٢٠١٦" },
      "ar",
    );
    expect(res.status).toBe(400);
    const reply = formReply(res);
    expect(reply.errors[`q.${SLUG}.crp`]).toBe(
      getFixedT("ar", "enquiry")("errors.answerRangeWhole", { min: 0, max: 300 }),
    );
    const typed = (res.data as { result: { initialValue: Record<string, unknown> } }).result
      .initialValue as { diagnosis: string; q: Record<string, Record<string, string>> };
    expect(typed.diagnosis).toBe("ذئبة حمراء منذ ٢٠١٦");
    expect(typed.q[SLUG]!.crp).toBe("٥٠٠");
    expect(await db.enquiry.count()).toBe(0);
  });

  it("refuses an editor's bad range with a translated message, and keeps the draft as it was", async () => {
    // A German-speaking admin reads the editor's messages in German.
    const german = await createUser({ role: "ADMIN", locale: "de" });
    const res = await edit(
      { intent: "save", id: "ldl", type: "number", label_en: "LDL", min: "10", max: "abc" },
      await cookieFor(german.id),
    );
    expect(res.status).toBe(400);
    expect(formReply(res).errors.max).toBe(getFixedT("de", "site")("questionnaire.errors.number"));
    expect(formReply(res).values.label_en).toBe("LDL");
    const reversed = await edit({
      intent: "save",
      id: "ldl",
      type: "number",
      label_en: "LDL",
      min: "10",
      max: "5",
    });
    expect(reversed.status).toBe(400);
    expect(formReply(reversed).errors[""]).toBe(
      getFixedT("en", "site")("questionnaire.errors.range"),
    );
    expect(await db.formDefinition.count({ where: { programmeId, status: "DRAFT" } })).toBe(0);
  });
});

describe("the editor", () => {
  it("is for admins only: others are refused and nothing changes", async () => {
    for (const role of ["COORDINATOR", "CLINICIAN", "FINANCE"]) {
      const user = await createUser({ role });
      const cookie = await cookieFor(user.id);
      const page = await call(editorLoader, {
        path: editorPath(),
        params: { programmeId },
        cookie,
      });
      expect(page.status, role).toBe(403);
      const post = await edit(
        { intent: "save", id: "sneaky", type: "yesno", label_en: "Sneaky?" },
        cookie,
      );
      expect(post.status, role).toBe(403);
    }
    const patient = await createUser({ role: "PATIENT" });
    expect((await edit({ intent: "publish" }, await cookieFor(patient.id))).status).toBe(404);
    expect(await db.formDefinition.count({ where: { programmeId } })).toBe(1);
  });

  it("moves, removes and discards in the draft only, and answers an unknown programme with 404", async () => {
    await edit({ intent: "move", questionId: "dialysis", direction: "up" });
    await edit({ intent: "remove", questionId: "thrombosis" });
    const draft = await db.formDefinition.findFirstOrThrow({
      where: { programmeId, status: "DRAFT" },
    });
    const ids = (JSON.parse(draft.content) as { questions: { id: string }[] }).questions.map(
      (q) => q.id,
    );
    expect(ids.slice(0, 3)).toEqual(["activeInfection", "dialysis", "organCrisis"]);
    expect(ids).not.toContain("thrombosis");
    // A question already removed: a translated refusal, not a 500.
    const turkish = await createUser({ role: "ADMIN", locale: "tr" });
    const again = await edit(
      { intent: "remove", questionId: "thrombosis" },
      await cookieFor(turkish.id),
    );
    expect(again.status).toBe(409);
    expect(formReply(again).errors[""]).toBe(getFixedT("tr", "site")("questionnaire.errors.gone"));
    expect((await edit({ intent: "discard" })).status).toBe(302);
    expect(await db.formDefinition.count({ where: { programmeId, status: "DRAFT" } })).toBe(0);
    expect((await edit({ intent: "publish" })).status).toBe(409);

    const lost = await call(editorLoader, {
      path: "/staff/catalogue/nope/questionnaire",
      params: { programmeId: "nope" },
      cookie: admin.cookie,
    });
    expect(lost.status).toBe(404);
  });

  it("renders the draft, its preview and history in Arabic (right to left)", async () => {
    await addSurgeryQuestion();
    const path = `${editorPath()}?edit=recentSurgery&preview=ar`;
    const loader = () =>
      editorLoader({
        request: new Request(`http://localhost${path}`, {
          headers: { Cookie: admin.cookie, "Accept-Language": "ar" },
        }),
        params: { programmeId },
        context: {},
      });
    const handler = createStaticHandler([
      { id: "page", path: "*", loader, Component: EditorPage as ComponentType },
    ]);
    const context = await handler.query(new Request(`http://localhost${path}`));
    if (context instanceof Response) throw new Error(`loader answered ${context.status}`);
    const router = createStaticRouter(handler.dataRoutes, context);
    const html = renderToStaticMarkup(
      <I18nextProvider i18n={createClientI18n("ar", resources.ar)}>
        <StaticRouterProvider router={router} context={context} hydrate={false} />
      </I18nextProvider>,
    );
    const t = getFixedT("ar", "site");
    expect(html).toContain(t("questionnaire.title"));
    expect(html).toContain(NEW_AR);
    // The form holds the question's words in each language's own direction.
    expect(html).toMatch(
      /name="label_ar"[^>]*lang="ar"[^>]*dir="rtl"|lang="ar" dir="rtl"[^>]*name="label_ar"/,
    );
    expect(html).toContain(`value="${NEW_EN}"`);
    expect(html).toContain(t("questionnaire.versionN", { version: 2 }));
    // Publishing says which languages some question is not written in (here all but en, ar).
    const [before] = t("questionnaire.publishMissing", { languages: "§" }).split("§");
    expect(html).toContain(before);
    expect(html).toContain(languageName("tr", "ar"));
    expect(html).not.toMatch(new RegExp(`${before}[^<]*${languageName("ar", "ar")}`));
  });
});
