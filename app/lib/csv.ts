/**
 * CSV for spreadsheets: RFC 4180 quoting, with formula-like text made inert (OWASP: a leading
 * = + - @ tab or carriage return makes a spreadsheet run it). A number is data, not a formula:
 * -12500 or -125.00 stays as it is, so a net-of-refunds column adds up.
 */
const NUMBER = /^-?\d+(\.\d+)?$/;

export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (typeof value !== "number" && !NUMBER.test(text) && /^[=+\-@\t\r]/.test(text)) {
    text = `'${text}`;
  }
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
) {
  return [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
