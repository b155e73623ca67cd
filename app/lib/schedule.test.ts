import {
  fitsIn,
  fromLocalInput,
  gridCells,
  offsetMinutes,
  parseClock,
  slotStarts,
  subtract,
  toLocalInput,
  wallTime,
  workingSpans,
} from "./schedule";

const iso = (d: Date) => d.toISOString();
const NINE_TO_FIVE = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
  weekday,
  startMinute: 9 * 60,
  endMinute: 17 * 60,
}));

describe("working hours in the clinic's zone", () => {
  it("turns Istanbul's wall clock into UTC at +03:00 all year (no daylight saving)", () => {
    expect(iso(wallTime("2027-01-15", 9 * 60, "Europe/Istanbul"))).toBe("2027-01-15T06:00:00.000Z");
    expect(iso(wallTime("2027-07-15", 9 * 60, "Europe/Istanbul"))).toBe("2027-07-15T06:00:00.000Z");
  });

  it("keeps 09:00 local across the spring change: 08:00Z the day before, 07:00Z on the day", () => {
    // Europe/Berlin moves from +01:00 to +02:00 at 02:00 on Sunday 29 March 2026.
    const spans = workingSpans(NINE_TO_FIVE, "2026-03-28", 2, "Europe/Berlin");
    expect(spans.map((s) => [iso(s.start), iso(s.end)])).toEqual([
      ["2026-03-28T08:00:00.000Z", "2026-03-28T16:00:00.000Z"],
      ["2026-03-29T07:00:00.000Z", "2026-03-29T15:00:00.000Z"],
    ]);
  });

  it("keeps 09:00 local across the autumn change: 07:00Z the day before, 08:00Z on the day", () => {
    // Back from +02:00 to +01:00 at 03:00 on Sunday 25 October 2026.
    const spans = workingSpans(NINE_TO_FIVE, "2026-10-24", 2, "Europe/Berlin");
    expect(spans.map((s) => [iso(s.start), iso(s.end)])).toEqual([
      ["2026-10-24T07:00:00.000Z", "2026-10-24T15:00:00.000Z"],
      ["2026-10-25T08:00:00.000Z", "2026-10-25T16:00:00.000Z"],
    ]);
  });

  it("makes a night shift across the skipped hour one hour shorter, and across the repeated hour one longer", () => {
    const night = [{ weekday: 7, startMinute: 0, endMinute: 6 * 60 }];
    const [spring] = workingSpans(night, "2026-03-29", 1, "Europe/Berlin");
    const [autumn] = workingSpans(night, "2026-10-25", 1, "Europe/Berlin");
    expect((spring!.end.getTime() - spring!.start.getTime()) / 3_600_000).toBe(5);
    expect((autumn!.end.getTime() - autumn!.start.getTime()) / 3_600_000).toBe(7);
    // Hourly slots in them: 5 and 7, each a real, distinct instant.
    expect(slotStarts([spring!], 60, new Date(0), 60)).toHaveLength(5);
    const autumnSlots = slotStarts([autumn!], 60, new Date(0), 60);
    expect(autumnSlots).toHaveLength(7);
    expect(new Set(autumnSlots.map(iso)).size).toBe(7);
  });

  it("reads a datetime-local in a zone, moving a time in the spring gap forward", () => {
    expect(iso(fromLocalInput("2026-03-29T09:00", "Europe/Berlin")!)).toBe(
      "2026-03-29T07:00:00.000Z",
    );
    // 02:30 does not exist that night in Berlin; it is read as 03:30 (+02:00).
    expect(iso(fromLocalInput("2026-03-29T02:30", "Europe/Berlin")!)).toBe(
      "2026-03-29T01:30:00.000Z",
    );
    expect(fromLocalInput("2026-02-30T09:00", "Europe/Berlin")).toBeNull();
    expect(fromLocalInput("09:00", "Europe/Berlin")).toBeNull();
    expect(fromLocalInput("2026-03-29T09:00", "Mars/Olympus")).toBeNull();
    expect(toLocalInput(new Date("2026-10-25T08:00:00Z"), "Europe/Berlin")).toBe(
      "2026-10-25T09:00",
    );
  });

  it("shows the same instant at each zone's own offset", () => {
    const at = new Date("2026-03-30T07:00:00Z");
    expect(offsetMinutes(at, "Europe/Istanbul")).toBe(180);
    expect(offsetMinutes(at, "Europe/Berlin")).toBe(120);
    expect(offsetMinutes(at, "Asia/Tehran")).toBe(210);
  });
});

describe("slots and the booking grid", () => {
  const day = { start: new Date("2027-03-01T06:00:00Z"), end: new Date("2027-03-01T14:00:00Z") };

  it("offers starts every half hour where the whole appointment fits", () => {
    const starts = slotStarts([day], 180, new Date(0));
    expect(iso(starts[0]!)).toBe("2027-03-01T06:00:00.000Z");
    expect(iso(starts.at(-1)!)).toBe("2027-03-01T11:00:00.000Z");
    expect(starts).toHaveLength(11);
  });

  it("cuts held time out of the open spans", () => {
    const held = { start: new Date("2027-03-01T08:00:00Z"), end: new Date("2027-03-01T09:00:00Z") };
    const open = subtract([day], [held]);
    expect(open.map((s) => [iso(s.start), iso(s.end)])).toEqual([
      ["2027-03-01T06:00:00.000Z", "2027-03-01T08:00:00.000Z"],
      ["2027-03-01T09:00:00.000Z", "2027-03-01T14:00:00.000Z"],
    ]);
    expect(fitsIn(open, new Date("2027-03-01T07:30:00Z"), 60)).toBe(false);
    expect(fitsIn(open, new Date("2027-03-01T09:00:00Z"), 60)).toBe(true);
  });

  it("never offers a start before `notBefore`", () => {
    const starts = slotStarts([day], 30, new Date("2027-03-01T10:10:00Z"));
    expect(iso(starts[0]!)).toBe("2027-03-01T10:30:00.000Z");
  });

  it("gives every overlapping pair of appointments a cell in common", () => {
    const a = gridCells(new Date("2027-03-01T06:00:00Z"), new Date("2027-03-01T09:00:00Z"));
    const b = gridCells(new Date("2027-03-01T08:45:00Z"), new Date("2027-03-01T09:15:00Z"));
    const c = gridCells(new Date("2027-03-01T09:00:00Z"), new Date("2027-03-01T09:30:00Z"));
    const has = (xs: Date[], ys: Date[]) => xs.some((x) => ys.some((y) => +x === +y));
    expect(a).toHaveLength(12);
    expect(has(a, b)).toBe(true);
    expect(has(a, c)).toBe(false);
  });

  it("reads hours only on the quarter hour", () => {
    expect(parseClock("09:15")).toBe(555);
    expect(parseClock("24:00")).toBe(1440);
    expect(parseClock("09:10")).toBeNull();
    expect(parseClock("9:00")).toBeNull();
    expect(parseClock("25:00")).toBeNull();
  });
});
