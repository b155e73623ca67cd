import {
  conflictText,
  describeConflicts,
  findConflicts,
  isTravelRule,
  returnDate,
  type TimelineItem,
} from "./itinerary";
import { getFixedT } from "~/i18n/i18n.server";

const at = (s: string) => new Date(`2027-03-${s}:00Z`);
const flightIn: TimelineItem = {
  id: "in",
  kind: "ARRIVAL_FLIGHT",
  startsAt: at("01T09:00"),
  endsAt: at("01T12:40"),
};
const flightOut: TimelineItem = {
  id: "out",
  kind: "DEPARTURE_FLIGHT",
  startsAt: at("06T09:30"),
  endsAt: at("06T13:00"),
};
const hotel: TimelineItem = {
  id: "hotel",
  kind: "HOTEL",
  startsAt: at("01T14:00"),
  endsAt: at("06T06:00"),
};
const transfer: TimelineItem = {
  id: "car",
  kind: "TRANSFER",
  startsAt: at("01T13:30"),
  endsAt: null,
};
const appt = (id: string, start: string, hours: number, stepPosition: number | null = 1) => ({
  id,
  startsAt: at(start),
  endsAt: new Date(at(start).getTime() + hours * 3_600_000),
  status: "BOOKED",
  stepPosition,
});
const codes = (items: TimelineItem[], appointments: ReturnType<typeof appt>[]) =>
  findConflicts(items, appointments).map((c) => c.code);

describe("itinerary conflicts", () => {
  const trip = [flightIn, transfer, hotel, flightOut];

  it("finds none in a plan that fits", () => {
    expect(codes(trip, [appt("workup", "02T06:00", 2, 1), appt("inf", "03T06:00", 3, 4)])).toEqual(
      [],
    );
  });

  it("flags an infusion before the arrival and one after the departure", () => {
    expect(codes(trip, [appt("early", "01T08:00", 3)])).toEqual(["appointmentBeforeArrival"]);
    expect(codes(trip, [appt("late", "06T08:00", 2)])).toEqual(["appointmentAfterDeparture"]);
  });

  it("flags a transfer after the hotel check-in, and one before the landing", () => {
    const lateCar = { ...transfer, startsAt: at("01T15:00") };
    expect(codes([flightIn, lateCar, hotel, flightOut], [])).toEqual(["transferAfterCheckIn"]);
    const earlyCar = { ...transfer, startsAt: at("01T11:00") };
    expect(codes([flightIn, earlyCar, hotel, flightOut], [])).toEqual(["transferBeforeLanding"]);
  });

  it("flags overlapping appointments and steps out of their planned order", () => {
    expect(codes(trip, [appt("a", "02T06:00", 3, 1), appt("b", "02T08:00", 1, 2)])).toEqual([
      "appointmentsOverlap",
    ]);
    expect(codes(trip, [appt("inf", "02T06:00", 3, 4), appt("workup", "03T06:00", 2, 1)])).toEqual([
      "stepsOutOfOrder",
    ]);
  });

  it("flags a departure before the arrival and a check-out after the departure", () => {
    const back = { ...flightOut, startsAt: at("01T10:00") };
    expect(codes([flightIn, back], [])).toContain("departureBeforeArrival");
    const longStay = { ...hotel, endsAt: at("06T12:00") };
    expect(codes([flightIn, transfer, longStay, flightOut], [])).toEqual([
      "checkOutAfterDeparture",
    ]);
  });

  it("ignores cancelled appointments and the video consultation before travel", () => {
    const cancelled = { ...appt("x", "01T08:00", 1), status: "CANCELLED" };
    const consult = { ...appt("c", "01T07:00", 0.5, null), kind: "CONSULTATION" };
    expect(findConflicts(trip, [cancelled, consult])).toEqual([]);
  });

  describe("the treatment's travel rules (issue 25)", () => {
    // flightOut leaves 06T09:30; an infusion ending 06T03:30 is 6 hours before it.
    const infusion = (
      end: string,
      rules: { flyGapMinutes?: number; stayAfterMinutes?: number },
    ) => ({
      ...appt("inf", "06T00:30", 0),
      startsAt: new Date(at(end).getTime() - 3 * 3_600_000),
      endsAt: at(end),
      ...rules,
    });

    it("flags a flight sooner than a step's flying gap, with the rule's minutes", () => {
      const found = findConflicts(trip, [infusion("06T03:30", { flyGapMinutes: 24 * 60 })]);
      expect(found).toEqual([{ code: "flyGap", ids: ["inf", "out"], minutes: 1440 }]);
      expect(found.every(isTravelRule)).toBe(true);
      // 24 hours and a minute before the flight: the rule holds.
      expect(codes(trip, [infusion("05T09:29", { flyGapMinutes: 24 * 60 })])).toEqual([]);
      // A step already done still counts.
      const done = { ...infusion("06T03:30", { flyGapMinutes: 1440 }), status: "COMPLETED" };
      expect(codes(trip, [done])).toEqual(["flyGap"]);
    });

    it("flags a departure before the stay the last step asks for, and only for the last", () => {
      const stay = { stayAfterMinutes: 72 * 60 };
      expect(codes(trip, [infusion("04T09:00", stay)])).toEqual(["stayAfter"]);
      expect(codes(trip, [infusion("03T09:00", stay)])).toEqual([]);
      // An earlier step's stay does not apply once a later step follows it.
      const later = { ...appt("later", "04T06:00", 1, 5) };
      expect(codes(trip, [infusion("02T09:00", stay), later])).toEqual([]);
    });

    it("names the rule and the step in every language", () => {
      const found = findConflicts(trip, [infusion("06T03:30", { flyGapMinutes: 1440 })]);
      const described = describeConflicts(
        found,
        [
          {
            id: "inf",
            kind: "TREATMENT",
            title: "IV infusion 1",
            startsAt: at("06T00:30"),
            resource: { name: "Chair 2" },
          },
        ],
        [{ ...flightOut, title: "TK1523 IST → FRA", startZone: "Europe/Istanbul" }],
        "Europe/Istanbul",
      );
      const en = conflictText(described[0]!, getFixedT("en", "travel"), "en");
      expect(en).toContain("24 hours");
      expect(en).toContain("IV infusion 1");
      expect(en).toContain("TK1523");
      for (const lng of ["tr", "ar", "de", "ru", "fr", "fa"]) {
        const text = conflictText(described[0]!, getFixedT(lng, "travel"), lng);
        expect(text, lng).toContain("IV infusion 1");
        expect(text, lng).toContain(new Intl.NumberFormat(lng).format(24));
        expect(text, lng).not.toContain("{{");
      }
    });
  });

  it("takes the return from the departure flight, else the last appointment", () => {
    expect(returnDate(trip, [])).toEqual(flightOut.startsAt);
    expect(returnDate([flightIn], [appt("a", "02T06:00", 2), appt("b", "04T06:00", 3)])).toEqual(
      at("04T09:00"),
    );
    expect(returnDate([], [])).toBeNull();
  });
});
