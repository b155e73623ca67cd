import { parseEnv } from "~/env.server";

const valid = {
  DATABASE_URL: "file:./data/app.db",
  SESSION_SECRET: "a".repeat(32),
  DOCUMENT_KEY: Buffer.alloc(32, 7).toString("base64"),
};

describe("environment validation", () => {
  it("accepts a minimal embedded configuration and fills defaults", () => {
    const env = parseEnv(valid);
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.SESSION_SECRET).toEqual(["a".repeat(32)]);
    expect(env.OUTBOX_MAX_ATTEMPTS).toBe(8);
  });

  it("runs the demo setting only on a loopback address, so a real deployment refuses it", () => {
    for (const url of ["http://localhost:3000", "http://127.0.0.1:4000", "http://[::1]:3000"]) {
      expect(parseEnv({ ...valid, APP_URL: url, DEMO_MODE: "true" }).DEMO_MODE, url).toBe(true);
    }
    for (const url of ["https://clinic.example", "http://10.0.0.5:3000", "http://localhost.evil"]) {
      expect(() => parseEnv({ ...valid, APP_URL: url, DEMO_MODE: "true" }), url).toThrow(
        /DEMO_MODE: is for a local demo only/,
      );
    }
    expect(parseEnv({ ...valid, APP_URL: "https://clinic.example" }).DEMO_MODE).toBe(false);
  });

  it("reads the patient's notice period for changing a booking: 48 hours unless set, whole hours", () => {
    expect(parseEnv(valid).PATIENT_CHANGE_NOTICE_HOURS).toBe(48);
    expect(
      parseEnv({ ...valid, PATIENT_CHANGE_NOTICE_HOURS: "24" }).PATIENT_CHANGE_NOTICE_HOURS,
    ).toBe(24);
    for (const bad of ["-1", "1.5", "soon", "999"]) {
      expect(() => parseEnv({ ...valid, PATIENT_CHANGE_NOTICE_HOURS: bad }), bad).toThrow(
        /PATIENT_CHANGE_NOTICE_HOURS/,
      );
    }
  });

  it("takes a comma-separated list of session secrets for rotation", () => {
    expect(
      parseEnv({ ...valid, SESSION_SECRET: `${"n".repeat(40)}, ${"o".repeat(40)}` }).SESSION_SECRET,
    ).toEqual(["n".repeat(40), "o".repeat(40)]);
  });

  it("fails with a message naming every bad variable", () => {
    expect(() =>
      parseEnv({ DATABASE_URL: "mysql://x", SESSION_SECRET: "short", SMTP_URL: "http://mail" }),
    ).toThrow(
      /Invalid environment configuration:\n {2}- DATABASE_URL: must be a file: URL.*\n {2}- SESSION_SECRET: .*at least 32.*\n {2}- SMTP_URL: must start with smtp/s,
    );
    expect(() => parseEnv({})).toThrow(/DATABASE_URL[\s\S]*SESSION_SECRET/);
  });
});
