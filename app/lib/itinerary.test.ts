import { findConflicts, returnDate, type TimelineItem } from "./itinerary";

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

  it("takes the return from the departure flight, else the last appointment", () => {
    expect(returnDate(trip, [])).toEqual(flightOut.startsAt);
    expect(returnDate([flightIn], [appt("a", "02T06:00", 2), appt("b", "04T06:00", 3)])).toEqual(
      at("04T09:00"),
    );
    expect(returnDate([], [])).toBeNull();
  });
});
