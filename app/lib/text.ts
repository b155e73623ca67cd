/**
 * What typed text is stored as. Names and one-line answers lose control characters (a
 * newline in a name can split an email header or a CSV row) and the bidirectional controls
 * that reorder what is shown (U+202A–202E, U+2066–2069: "‮evil" reads backwards); Unicode is
 * normalised (NFC) and runs of spaces become one. Longer text keeps its line breaks.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it removes
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** One line: no line breaks or tabs, single spaces, trimmed. */
export function cleanLine(value: string): string {
  return value
    .normalize("NFC")
    .replace(/[\r\n\t]+/g, " ")
    .replace(CONTROLS, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Several lines: line breaks kept (as \n), everything else as cleanLine. */
export function cleanText(value: string): string {
  return value
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(/\t/g, " ")
    .replace(CONTROLS, "")
    .split("\n")
    .map((line) => line.replace(/[^\S\n]+/g, " ").trimEnd())
    .join("\n")
    .trim();
}
