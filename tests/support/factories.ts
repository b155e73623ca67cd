/** Small builders for test data, written through the same functions the app uses. */
import crypto from "node:crypto";
import { db } from "~/db.server";
import { hashPassword } from "~/models/auth/auth.server";
import { openCase } from "~/models/cases/stage.server";

export async function createUser(
  overrides: Partial<{
    email: string;
    name: string;
    role: string;
    locale: string;
    password: string;
    timeZone: string;
  }> = {},
) {
  const role = overrides.role ?? "COORDINATOR";
  const email =
    overrides.email ?? `${role.toLowerCase()}-${crypto.randomBytes(4).toString("hex")}@test.clinic`;
  return db.user.create({
    data: {
      email,
      name: overrides.name ?? `${role} user`,
      role,
      locale: overrides.locale ?? "en",
      timeZone: overrides.timeZone ?? "Europe/Istanbul",
      passwordHash: overrides.password ? await hashPassword(overrides.password) : null,
    },
  });
}

export async function createProgramme() {
  const slug = `prog-${crypto.randomBytes(4).toString("hex")}`;
  return db.programme.create({
    data: {
      slug,
      name: "MSC therapy for lupus (SLE)",
      condition: "SLE",
      summary: "Demo programme",
    },
  });
}

export async function createCase(
  options: { locale?: string; patientName?: string; coordinatorId?: string | null } = {},
) {
  const programme = await createProgramme();
  const patient = await createUser({
    role: "PATIENT",
    locale: options.locale ?? "en",
    name: options.patientName ?? "Test Patient",
  });
  const kase = await db.$transaction((tx) =>
    openCase(tx, {
      patientId: patient.id,
      programmeId: programme.id,
      language: options.locale ?? "en",
      timeZone: "Europe/Berlin",
      coordinatorId: options.coordinatorId ?? null,
    }),
  );
  return { kase, patient, programme };
}

/** A staff team: one user per role, the way a clinic would have it. */
export async function createStaff() {
  const [coordinator, clinician, finance, admin] = await Promise.all([
    createUser({ role: "COORDINATOR", locale: "tr", name: "Elif Coordinator" }),
    createUser({ role: "CLINICIAN", locale: "en", name: "Dr Clinician" }),
    createUser({ role: "FINANCE", locale: "de", name: "Finanz Person" }),
    createUser({ role: "ADMIN", locale: "en", name: "Admin Person" }),
  ]);
  return { coordinator, clinician, finance, admin };
}
