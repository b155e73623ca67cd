/**
 * The video consultation's join button as the patient's pages render it (issue 24 §5): on the
 * appointments page and the case page's card, from 15 minutes before the start until the end,
 * and before that a line saying when it will appear, in the patient's zone. Rendered from what
 * the real model functions return at a given `now`.
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
import { formatDateTime } from "~/lib/format";
import { getPatientCase, type PatientCase } from "~/models/cases/portal.server";
import { bookConsultation, getPatientAppointments } from "~/models/travel/booking.server";
import { resetDatabase } from "./support/db";
import { sentForm } from "./support/enquiry-form";
import { createCase } from "./support/factories";

const MINUTE = 60_000;
const ZONE = "Europe/Berlin";

async function render(node: React.ReactNode, lang: "en" | "fa" = "en") {
  const handler = createStaticHandler([{ id: "page", path: "*", Component: () => node }]);
  const context = await handler.query(new Request("http://localhost/portal"));
  if (context instanceof Response) throw new Error(`answered ${context.status}`);
  return renderToStaticMarkup(
    <I18nextProvider i18n={createClientI18n(lang, resources[lang])}>
      <StaticRouterProvider
        router={createStaticRouter(handler.dataRoutes, context)}
        context={context}
        hydrate={false}
      />
    </I18nextProvider>,
  );
}

beforeEach(resetDatabase);

it("shows the join button from 15 minutes before the start until the end, and when before", async () => {
  // Monday 1 March 2027, 10:00 in Istanbul: within the clinician's hours.
  const clinician = await db.resource.create({
    data: {
      name: "Dr. V",
      type: "CLINICIAN",
      hours: { create: [{ weekday: 1, startMinute: 540, endMinute: 1020 }] },
    },
  });
  const made = await createCase({ locale: "fa" });
  await db.case.update({
    where: { id: made.kase.id },
    data: { stage: "QUOTED", eligibility: "ELIGIBLE" },
  });
  const startsAt = new Date("2027-03-01T07:00:00Z");
  const appointment = await bookConsultation({
    patientId: made.patient.id,
    caseId: made.kase.id,
    resourceId: clinician.id,
    startsAt,
    formKey: sentForm(),
    now: new Date("2027-02-20T09:00:00Z"),
  });
  // Already asked to move, so the card shows that note rather than the request form (whose
  // textarea makes React warn about a spread key, app/components/form.tsx: not this test's).
  await db.appointment.update({
    where: { id: appointment.id },
    data: { rescheduleRequestedAt: new Date("2027-02-21T09:00:00Z") },
  });
  const join = `/portal/cases/${made.kase.id}/appointments/${appointment.id}/join`;
  const t = getFixedT("fa", "travel");
  const pages = async (minutes: number) => {
    const now = new Date(startsAt.getTime() + minutes * MINUTE);
    const d = await getPatientAppointments(made.patient.id, made.kase.id, null, now);
    const kase = await getPatientCase(made.patient.id, made.kase.id, now);
    const list = await render(
      <PatientAppointmentList
        appointments={d.appointments}
        caseId={d.kase.id}
        clinicAddress="Clinic"
        noticeHours={d.noticeHours}
        timeZone={ZONE}
        clinicZone={d.clinicZone}
        reply={null}
        formKey="k"
        busy={false}
      />,
      "fa",
    );
    const card = await render(
      <AppointmentsCard
        kase={kase as unknown as PatientCase}
        timeZone={ZONE}
        clinicTimeZone={d.clinicZone}
        empty={null}
      />,
      "fa",
    );
    return [list, card];
  };
  const button = `href="${join}"`;
  const opens = t("video.opensAt", {
    when: formatDateTime(new Date(startsAt.getTime() - 15 * MINUTE), "fa", ZONE, "full"),
    minutes: 15,
  });
  for (const page of await pages(-16)) {
    expect(page).not.toContain(button);
    expect(page).toContain(opens);
  }
  for (const minutes of [-15, 0, 29]) {
    for (const page of await pages(minutes)) {
      expect(page).toContain(button);
      expect(page).toContain(t("video.join"));
      expect(page).not.toContain("meet.jit.si");
    }
  }
  for (const page of await pages(30)) {
    expect(page).not.toContain(button);
    expect(page).not.toContain(t("video.join"));
  }
});
