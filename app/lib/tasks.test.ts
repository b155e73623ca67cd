import { bucketOf, parseTimeOfDay, zonedInstant } from "./tasks";

describe("task times", () => {
  it("reads a date and time in the typist's zone as UTC, across summer time", () => {
    // Istanbul has no summer time: always UTC+3.
    expect(zonedInstant("2026-03-09", "09:30", "Europe/Istanbul")?.toISOString()).toBe(
      "2026-03-09T06:30:00.000Z",
    );
    // Berlin in winter (+1) and in summer (+2).
    expect(zonedInstant("2026-01-15", "10:00", "Europe/Berlin")?.toISOString()).toBe(
      "2026-01-15T09:00:00.000Z",
    );
    expect(zonedInstant("2026-07-15", "10:00", "Europe/Berlin")?.toISOString()).toBe(
      "2026-07-15T08:00:00.000Z",
    );
    // Tehran is +3:30.
    expect(zonedInstant("2026-01-15", "9:05", "Asia/Tehran")?.toISOString()).toBe(
      "2026-01-15T05:35:00.000Z",
    );
  });

  it("refuses what is no date or time", () => {
    expect(zonedInstant("2026-02-30", "10:00", "Europe/Berlin")).toBeNull();
    expect(zonedInstant("2026-13-01", "10:00", "Europe/Berlin")).toBeNull();
    expect(zonedInstant("tomorrow", "10:00", "Europe/Berlin")).toBeNull();
    expect(parseTimeOfDay("24:00")).toBeNull();
    expect(parseTimeOfDay("12:60")).toBeNull();
    expect(parseTimeOfDay("07:45")).toBe(465);
  });

  it("puts a task in the reader's today by the reader's zone", () => {
    const now = new Date("2026-03-09T20:00:00Z");
    const due = { dueAt: new Date("2026-03-09T22:30:00Z"), resolvedAt: null };
    // 23:30 in London is still today; in Istanbul it is 01:30 tomorrow.
    expect(bucketOf(due, now, "Europe/London")).toBe("today");
    expect(bucketOf(due, now, "Europe/Istanbul")).toBe("upcoming");
    expect(
      bucketOf({ dueAt: new Date("2026-03-09T19:59:00Z"), resolvedAt: null }, now, "UTC"),
    ).toBe("overdue");
    expect(bucketOf({ dueAt: null, resolvedAt: null }, now, "UTC")).toBe("noDate");
    expect(bucketOf({ dueAt: null, resolvedAt: now }, now, "UTC")).toBe("done");
  });
});
