import { liveJoinState, type PatientVideo } from "./video";

const video = (state: PatientVideo["state"]): PatientVideo => ({
  state,
  opensAt: "2026-12-10T09:45:00.000Z",
  endsAt: "2026-12-10T10:30:00.000Z",
  path: "/portal/cases/c/appointments/a/join",
});

describe("the join button on a page left open", () => {
  it("appears when the window opens and goes when the call ends", () => {
    const at = (iso: string) => Date.parse(iso);
    expect(liveJoinState(video("early"), at("2026-12-10T09:44:59Z"))).toBe("early");
    expect(liveJoinState(video("early"), at("2026-12-10T09:45:00Z"))).toBe("open");
    expect(liveJoinState(video("open"), at("2026-12-10T10:29:59Z"))).toBe("open");
    expect(liveJoinState(video("open"), at("2026-12-10T10:30:00Z"))).toBe("ended");
  });

  it("never brings back a cancelled link", () => {
    expect(liveJoinState(video("cancelled"), Date.parse("2026-12-10T10:00:00Z"))).toBe("cancelled");
  });
});
