/**
 * One time format on the staff calendar: the move panel's chips write a time exactly as the
 * grid writes its rows and blocks (formatClockTime / formatTime, the reader's locale), in
 * English and in Arabic; and a time two resources offer shows each resource's name, in the
 * reader's language, so the two chips differ.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import {
  createStaticHandler,
  createStaticRouter,
  StaticRouterProvider,
} from "react-router-dom/server";
import { DaySlotPicker } from "~/components/day-slot-picker";
import type { FieldMetadata } from "~/components/form";
import type { SlotView } from "~/components/slots";
import { createClientI18n } from "~/i18n/client";
import { resources } from "~/i18n/resources";
import { formatClockTime, formatTime } from "~/lib/format";

const IST = "Europe/Istanbul"; // UTC+3 all year
const meta = {
  key: "k",
  id: "slot",
  name: "slot",
  formId: "move",
  initialValue: undefined,
  errors: undefined,
  errorId: "slot-error",
} as unknown as FieldMetadata<unknown>;

const chair = (n: number, startsAt: string): SlotView => ({
  resourceId: `chair-${n}`,
  resourceName: `Infusion chair ${n}`,
  resourceTranslations: JSON.stringify({ ar: { name: `كرسي التسريب ${n}` } }),
  startsAt,
  endsAt: new Date(new Date(startsAt).getTime() + 3_600_000).toISOString(),
});

async function render(lng: "en" | "ar", slots: SlotView[]) {
  const node = (
    <DaySlotPicker
      slots={slots}
      locale={lng}
      zone={IST}
      clinicZone={IST}
      clinicLabel="Istanbul"
      chosenDay={null}
      dayHref={(day) => `/staff/calendar?day=${day}`}
      meta={meta}
      showResource
    />
  );
  const handler = createStaticHandler([{ id: "page", path: "*", Component: () => node }]);
  const context = await handler.query(new Request("http://localhost/staff/calendar"));
  if (context instanceof Response) throw new Error(`answered ${context.status}`);
  return renderToStaticMarkup(
    <I18nextProvider i18n={createClientI18n(lng, resources[lng])}>
      <StaticRouterProvider
        router={createStaticRouter(handler.dataRoutes, context)}
        context={context}
        hydrate={false}
      />
    </I18nextProvider>,
  );
}

const texts = (html: string, cls: string) =>
  [...html.matchAll(new RegExp(`<span class="${cls}">([^<]*)</span>`, "g"))].map((m) => m[1]);

describe("calendar times", () => {
  // 10:00 and 11:30 UTC: 13:00 and 14:30 in Istanbul, two chairs free at 13:00.
  const slots = [
    chair(1, "2027-03-01T10:00:00.000Z"),
    chair(2, "2027-03-01T10:00:00.000Z"),
    chair(1, "2027-03-01T11:30:00.000Z"),
  ];

  for (const lng of ["en", "ar"] as const) {
    it(`writes a chip's time as the grid writes its rows (${lng})`, async () => {
      const html = await render(lng, slots);
      const grid = [formatClockTime(13 * 60, lng), formatClockTime(14 * 60 + 30, lng)];
      expect(texts(html, "chip-time")).toEqual([grid[0], grid[0], grid[1]]);
      // And the time alone as it reads beside a date.
      expect(grid[0]).toBe(formatTime(slots[0]!.startsAt, lng, IST));
    });
  }

  it("uses the locale's own clock: no leading zero in English, Arabic's own PM", () => {
    expect(formatClockTime(13 * 60, "en")).toBe("1:00 PM");
    expect(formatClockTime(8 * 60, "en")).toBe("8:00 AM");
    expect(formatClockTime(13 * 60, "de")).toBe("13:00");
    expect(formatClockTime(13 * 60, "ar")).toMatch(/م$/); // Arabic's own "PM"
    expect(formatClockTime(1440, "de")).toBe("00:00");
  });

  it("names each resource on a time several offer, in the reader's language", async () => {
    const en = await render("en", slots);
    expect(texts(en, "chip-name")).toEqual(["Infusion chair 1", "Infusion chair 2"]);
    const ar = await render("ar", slots);
    expect(texts(ar, "chip-name")).toEqual(["كرسي التسريب 1", "كرسي التسريب 2"]);
  });
});
