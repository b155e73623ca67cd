/**
 * An action that cannot be taken back asks first, without JavaScript too (ADR 018's forms,
 * app/components/confirm.tsx):
 * - no form in the app posts a destructive intent (cancel, delete…, remove…, void, erase,
 *   withdraw) from a bare button: it goes through ConfirmAction, or is one of the few named here
 *   whose form already asks for something first (a reason, a ticked confirmation);
 * - the staff's cancel, itinerary remove and time-off remove, and the patient's own cancel,
 *   render their submit button only inside the opened disclosure, after the question.
 */
import fs from "node:fs";
import path from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import {
  createStaticHandler,
  createStaticRouter,
  StaticRouterProvider,
} from "react-router-dom/server";
import { ItemActions } from "~/components/travel/itinerary";
import { TimeOffList } from "~/components/travel/resources";
import { BookedAppointments } from "~/components/travel/schedule";
import { createClientI18n } from "~/i18n/client";
import { getFixedT } from "~/i18n/i18n.server";
import { resources } from "~/i18n/resources";

const t = getFixedT("en", ["travel"]);
const DESTRUCTIVE = /^(cancel|delete|remove|void|erase|withdraw|discard|revoke)/i;
/** Forms that confirm another way: file, intent, and what it asks first. */
const CONFIRMED_OTHERWISE: Record<string, string> = {
  "app/components/finance/staff-payments.tsx:void": "inside a disclosure, with a required reason",
  "app/components/staff/erasure.tsx:erase": "a required ticked confirmation",
  "app/routes/portal.settings.tsx:withdraw": "a required ticked confirmation",
};

function tsxFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsxFiles(p) : p.endsWith(".tsx") ? [p] : [];
  });
}

describe("destructive forms ask first", () => {
  it("no destructive intent is posted from a bare button", () => {
    const bare: string[] = [];
    const through: string[] = [];
    for (const file of tsxFiles("app")) {
      const source = fs.readFileSync(file, "utf8");
      // A hidden intent field, or a submit button carrying the intent.
      for (const m of source.matchAll(/name="intent"\s+value="([A-Za-z]+)"/g)) {
        const intent = m[1] ?? "";
        const key = `${file}:${intent}`;
        if (DESTRUCTIVE.test(intent) && !CONFIRMED_OTHERWISE[key]) bare.push(key);
      }
      for (const m of source.matchAll(/<ConfirmAction\s+intent="([A-Za-z]+)"/g)) {
        through.push(`${file}:${m[1]}`);
      }
    }
    expect(bare).toEqual([]);
    // The scan sees the forms it should (so an empty list above means something).
    expect(through).toEqual(
      expect.arrayContaining([
        "app/components/travel/schedule.tsx:cancel",
        "app/components/travel/itinerary.tsx:deleteItem",
        "app/components/travel/resources.tsx:deleteTimeOff",
        "app/components/travel/appointments.tsx:cancel",
      ]),
    );
  });

  async function render(node: React.ReactNode) {
    const handler = createStaticHandler([{ id: "page", path: "*", Component: () => node }]);
    const context = await handler.query(new Request("http://localhost/staff"));
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

  /** Every submit button sits after its question, inside a closed details.confirm. */
  function asksFirst(page: string, intent: string, question: string) {
    const buttons = [...page.matchAll(/<button[^>]*type="submit"/g)];
    expect(buttons.length, "a button").toBeGreaterThan(0);
    for (const b of buttons) {
      const before = page.slice(0, b.index);
      const opened = before.lastIndexOf('<details class="confirm">');
      expect(opened, "inside a closed details.confirm").toBeGreaterThanOrEqual(0);
      expect(before.lastIndexOf("</details>")).toBeLessThan(opened);
      const inside = before.slice(opened);
      expect(inside).toContain("<summary>");
      expect(inside).toContain(`name="intent" value="${intent}"`);
      expect(inside).toContain(question);
    }
  }

  it("the staff's cancel, itinerary remove and time-off remove", async () => {
    const startsAt = new Date("2027-03-01T07:00:00Z");
    const cancel = await render(
      <BookedAppointments
        appointments={[
          {
            id: "a1",
            kind: "TREATMENT",
            title: "Infusion",
            startsAt,
            rescheduleRequestedAt: null,
            rescheduleNote: null,
            resource: null,
            planStep: null,
          },
        ]}
        canBook
        base="/staff/cases/c/schedule"
        fromDay="2027-03-01"
        clinicZone="Europe/Istanbul"
        patientZone="Europe/Berlin"
        busy={false}
      />,
    );
    asksFirst(cancel, "cancel", "Cancel Infusion on");
    expect(cancel).toContain(t("schedule.cancelConfirm"));

    const item = await render(<ItemActions id="i1" title="Hotel Bosphorus" busy={false} />);
    asksFirst(item, "deleteItem", "Hotel Bosphorus");

    const leave = await render(
      <TimeOffList
        list={[
          {
            id: "x1",
            kind: "LEAVE",
            startsAt,
            endsAt: new Date("2027-03-03T00:00:00Z"),
            note: null,
          },
        ]}
        clinicZone="Europe/Istanbul"
        busy={false}
      />,
    );
    asksFirst(leave, "deleteTimeOff", "Leave:");
  });
});
