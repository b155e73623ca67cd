/**
 * Past appointments are not "booked" to the patient. Whatever its status, an appointment that
 * has ended (or was attended) is listed under "Past appointments", on the case page's card and
 * on the appointments page alike, with nothing left to move or cancel; the ones ahead stay
 * under "Booked appointments". Both pages are rendered from what their real loaders return.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import {
  createStaticHandler,
  createStaticRouter,
  StaticRouterProvider,
} from "react-router-dom/server";
import { AppointmentsCard } from "~/components/portal/journey";
import { PatientAppointmentList } from "~/components/travel/appointments";
import { db } from "~/db.server";
import { createClientI18n } from "~/i18n/client";
import { getFixedT } from "~/i18n/i18n.server";
import { resources } from "~/i18n/resources";
import { isPastAppointment, splitByTense, withTense } from "~/lib/appointment-tense";
import type { PatientCase } from "~/models/cases/portal.server";
import { loader as caseLoader } from "~/routes/portal.cases.$caseId";
import { loader as appointmentsLoader } from "~/routes/portal.cases.$caseId_.appointments";
import { resetDatabase } from "./support/db";
import { createCase } from "./support/factories";
import { call, cookieFor } from "./support/requests";

const t = getFixedT("en", ["portal", "travel"]);
const HOUR = 3_600_000;

describe("appointment tense", () => {
  const now = new Date("2026-12-02T12:00:00Z");
  it("is past once the appointment has ended, or when it was attended", () => {
    const at = (h: number, status = "BOOKED") => ({
      startsAt: new Date(now.getTime() + h * HOUR),
      endsAt: new Date(now.getTime() + (h + 1) * HOUR),
      status,
    });
    expect(isPastAppointment(at(-3), now)).toBe(true);
    expect(isPastAppointment(at(-0.5), now)).toBe(false); // under way: not over yet
    expect(isPastAppointment(at(2), now)).toBe(false);
    expect(isPastAppointment(at(2, "COMPLETED"), now)).toBe(true);
    const split = splitByTense(withTense([at(-48), at(5), at(-3), at(1)], now));
    expect(split.upcoming.map((a) => a.startsAt)).toEqual([at(1).startsAt, at(5).startsAt]);
    expect(split.past.map((a) => a.startsAt)).toEqual([at(-3).startsAt, at(-48).startsAt]);
  });
});

describe("the patient's pages list past appointments apart", () => {
  beforeEach(async () => {
    await resetDatabase();
  });

  async function caseWithThree() {
    const made = await createCase();
    const id = made.kase.id;
    await db.case.update({
      where: { id },
      data: { stage: "IN_TREATMENT", eligibility: "ELIGIBLE" },
    });
    const add = (title: string, hoursFromNow: number, status: string, asked?: Date) =>
      db.appointment.create({
        data: {
          caseId: id,
          kind: "TREATMENT",
          status,
          title,
          startsAt: new Date(Date.now() + hoursFromNow * HOUR),
          endsAt: new Date(Date.now() + (hoursFromNow + 1) * HOUR),
          rescheduleRequestedAt: asked ?? null,
        },
      });
    await add("Workup", -50, "COMPLETED");
    // Its time has gone by and nobody marked it; the patient had asked to move it.
    await add("First infusion", -5, "BOOKED", new Date(Date.now() - 50 * HOUR));
    await add("Second infusion", 30, "BOOKED", new Date());
    return { id, cookie: await cookieFor(made.patient.id) };
  }

  /** The node rendered inside a data router (the forms read the navigation state). */
  async function render(node: React.ReactNode, path: string) {
    const handler = createStaticHandler([{ id: "page", path: "*", Component: () => node }]);
    const context = await handler.query(new Request(`http://localhost${path}`));
    if (context instanceof Response) throw new Error(`answered ${context.status}`);
    return renderToStaticMarkup(
      <I18nextProvider i18n={createClientI18n("en", resources.en)}>
        <StaticRouterProvider
          router={createStaticRouter(handler.dataRoutes, context)}
          context={context}
          hydrate={false}
        />
      </I18nextProvider>,
    );
  }

  /** The markup split at the past heading: what comes before it, and what after. */
  function aroundPast(page: string) {
    const at = page.indexOf(`>${t("travel:appointments.past")}</h`);
    expect(at, "a past heading").toBeGreaterThan(0);
    return { before: page.slice(0, at), after: page.slice(at) };
  }

  it("on the case page's card", async () => {
    const { id, cookie } = await caseWithThree();
    const path = `/portal/cases/${id}`;
    const outcome = await call(caseLoader, { path, params: { caseId: id }, cookie });
    const { kase } = outcome.data as { kase: PatientCase };
    const page = await render(
      <AppointmentsCard
        kase={kase}
        timeZone="Europe/Berlin"
        clinicTimeZone="Europe/Istanbul"
        empty={null}
      />,
      path,
    );
    const { before, after } = aroundPast(page);
    expect(before).toContain("Second infusion");
    expect(before).not.toContain("First infusion");
    expect(after).toContain("First infusion");
    expect(after).toContain("Workup");
    expect(after).not.toContain("Second infusion");
  });

  it("on the appointments page, with no move or cancel on a past one", async () => {
    const { id, cookie } = await caseWithThree();
    const path = `/portal/cases/${id}/appointments`;
    const outcome = await call(appointmentsLoader, { path, params: { caseId: id }, cookie });
    const d = outcome.data as Awaited<ReturnType<typeof appointmentsLoader>>;
    const page = await render(
      <PatientAppointmentList
        appointments={d.appointments}
        caseId={d.kase.id}
        clinicAddress="Clinic"
        noticeHours={d.noticeHours}
        timeZone="Europe/Berlin"
        clinicZone={d.clinicZone}
        reply={null}
        formKey="k"
        busy={false}
      />,
      path,
    );
    const { before, after } = aroundPast(page);
    expect(before).toContain(`>${t("travel:appointments.booked")}</h2>`);
    expect(before).toContain("Second infusion");
    expect(after).toContain("First infusion");
    expect(after).toContain("Workup");
    expect(after).not.toContain("Second infusion");
    // Nothing to move or ask about a time that has gone by.
    const asked = t("travel:appointments.rescheduleAsked");
    expect(before).toContain(asked);
    expect(after).not.toContain(asked);
    expect(after).not.toContain('name="intent"');
    // Nor to add to a calendar.
    expect(before).toContain(t("travel:appointments.addToCalendar"));
    expect(after).not.toContain(t("travel:appointments.addToCalendar"));
  });
});
