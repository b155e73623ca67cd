import { formatList, formatZone, zoneCity } from "./format";
import {
  appointmentTimes,
  describeTimes,
  describeTimesInline,
  isRemoteAppointment,
} from "./zone-time";

// Winter in Berlin (GMT+1) while Istanbul stays at GMT+3.
const at = new Date("2026-01-12T07:00:00Z");
const t = (key: string, vars: Record<string, string>) => `${key}[${Object.values(vars).join("|")}]`;

describe("time zones as people read them", () => {
  it("names a zone by its city and offset, never by its id", () => {
    expect(formatZone("Europe/Istanbul", "en", at)).toBe("Istanbul (GMT+3)");
    expect(formatZone("America/Los_Angeles", "en", at)).toBe("Los Angeles (GMT-8)");
    expect(formatZone("Asia/Tehran", "de", at)).toBe("Teheran (GMT+3:30)");
    expect(formatZone("UTC", "en", at)).toBe("UTC");
    expect(formatZone("not/a-zone", "en", at)).toBe("UTC");
    expect(zoneCity("America/Los_Angeles")).toBe("Los Angeles");
  });

  it("names the city in the reader's language, from the Unicode CLDR", () => {
    expect(zoneCity("Europe/Istanbul", "ar")).toBe("إسطنبول");
    expect(zoneCity("Europe/Istanbul", "fa")).toBe("استانبول");
    expect(zoneCity("Europe/Istanbul", "ru")).toBe("Стамбул");
    expect(zoneCity("Europe/Istanbul", "tr")).toBe("İstanbul");
    expect(zoneCity("Europe/Moscow", "fr")).toBe("Moscou");
    expect(zoneCity("America/New_York", "ar-EG")).toBe("نيويورك");
    // Where the language has no name of its own, the id's city: never another language's.
    expect(zoneCity("Europe/Istanbul", "de")).toBe("Istanbul");
    expect(formatZone("Europe/Istanbul", "ru", at)).toBe("Стамбул (GMT+3)");
  });

  it("follows summer time", () => {
    expect(formatZone("Europe/Berlin", "en", at)).toBe("Berlin (GMT+1)");
    expect(formatZone("Europe/Berlin", "en", new Date("2026-07-01T12:00:00Z"))).toBe(
      "Berlin (GMT+2)",
    );
  });

  it("writes the offset in the reader's language and digits", () => {
    expect(formatZone("Asia/Tehran", "fa", at)).toMatch(/^تهران \(.*۳:۳۰.*\)$/);
    expect(formatZone("Asia/Tehran", "fa", at)).not.toMatch(/[0-9]/);
    expect(formatZone("Europe/Istanbul", "ar", at)).toMatch(/^إسطنبول \(غرينتش\+3\)$/);
    expect(formatZone("Europe/Istanbul", "ar-EG", at)).toMatch(/٣/);
  });
});

describe("an appointment's time for the patient", () => {
  const base = { locale: "en", patientZone: "Europe/Berlin", clinicZone: "Europe/Istanbul" };

  it("at the clinic: the clinic's time first, labelled with its city, the patient's second", () => {
    const times = appointmentTimes(at, { ...base, remote: false });
    expect(times.map((x) => [x.role, x.zoneLabel])).toEqual([
      ["clinic", "Istanbul (GMT+3)"],
      ["patient", "Berlin (GMT+1)"],
    ]);
    expect(times[0]?.when).toContain("10:00");
    expect(times[1]?.when).toContain("8:00");
    expect(describeTimes(times, t)).toEqual([
      `zoneTime.clinic[${times[0]?.when}|Istanbul (GMT+3)]`,
      `zoneTime.yours[${times[1]?.when}|Berlin (GMT+1)]`,
    ]);
  });

  it("remote (the video consultation): the patient's own time first", () => {
    expect(isRemoteAppointment("CONSULTATION")).toBe(true);
    expect(isRemoteAppointment("TREATMENT")).toBe(false);
    const times = appointmentTimes(at, { ...base, remote: true });
    expect(times.map((x) => x.role)).toEqual(["patient", "clinic"]);
    expect(times[0]?.zoneLabel).toBe("Berlin (GMT+1)");
  });

  it("shows the time once when patient and clinic share a zone", () => {
    const times = appointmentTimes(at, { ...base, patientZone: "Europe/Istanbul", remote: false });
    expect(times).toHaveLength(1);
    expect(describeTimesInline(times, t)).toBe(
      `zoneTime.clinic[${times[0]?.when}|Istanbul (GMT+3)]`,
    );
  });

  it("joins two times into one sentence part for an email", () => {
    const times = appointmentTimes(at, { ...base, remote: false });
    expect(describeTimesInline(times, t)).toMatch(
      /^zoneTime\.pair\[zoneTime\.clinic\[.*\|zoneTime\.yours\[/,
    );
    expect(describeTimes(times, t, "staff")[1]).toMatch(/^zoneTime\.patient\[/);
  });
});

describe("lists in the reader's language", () => {
  it("joins with the language's own comma and conjunction", () => {
    const items = ["a", "b", "c"];
    expect(formatList(items, "en")).toBe("a, b, and c");
    // CLDR's Arabic list repeats "و" ("المفاصل والجلد والرئتين"); never a Latin comma.
    expect(formatList(["المفاصل", "الجلد", "الرئتين"], "ar")).toBe("المفاصل والجلد والرئتين");
    expect(formatList(items, "ar")).not.toContain(",");
    expect(formatList(items, "fa")).toContain("،");
    expect(formatList(items, "fa")).not.toContain(",");
    expect(formatList(items, "tr")).toBe("a, b ve c");
  });
});
