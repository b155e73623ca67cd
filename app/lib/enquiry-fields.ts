/** The text fields of the enquiry form, in the order they appear (focus goes to the first error). */
export const ENQUIRY_FIELDS = [
  "name",
  "email",
  "phoneCountry",
  "phone",
  "country",
  "language",
  "timeZone",
  "programme",
  "diagnosis",
  "diagnosedYear",
  "medication",
  "steroidDose",
] as const;
