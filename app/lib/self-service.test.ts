import { selfService } from "./self-service";

const NOW = new Date("2027-03-01T09:00:00Z");
const inHours = (h: number) => new Date(NOW.getTime() + h * 3_600_000);
const consultation = (h: number) => ({
  kind: "CONSULTATION",
  status: "BOOKED",
  startsAt: inHours(h),
});

describe("what a patient may change themselves", () => {
  it("moves or cancels their consultation until the notice period, and says until when", () => {
    expect(selfService(consultation(49), "QUOTED", 48, NOW)).toEqual({
      allowed: true,
      block: null,
      until: inHours(1),
    });
    // The last moment is the start less the notice: at it, and after, the patient asks.
    expect(selfService(consultation(48), "QUOTED", 48, NOW).block).toBe("notice");
    expect(selfService(consultation(47), "SCHEDULED", 48, NOW).block).toBe("notice");
    expect(selfService(consultation(47), "SCHEDULED", 24, NOW).allowed).toBe(true);
  });

  it("leaves treatment steps, cancelled appointments and later stages to the coordinator", () => {
    const later = inHours(24 * 20);
    expect(
      selfService({ kind: "TREATMENT", status: "BOOKED", startsAt: later }, "SCHEDULED", 48, NOW)
        .block,
    ).toBe("kind");
    expect(
      selfService({ kind: "CONSULTATION", status: "CANCELLED", startsAt: later }, "QUOTED", 48, NOW)
        .block,
    ).toBe("status");
    expect(selfService(consultation(24 * 20), "IN_TREATMENT", 48, NOW).block).toBe("stage");
  });
});
