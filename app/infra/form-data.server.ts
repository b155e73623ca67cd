/**
 * Reads a form post, with or without files, into plain fields and files, without ever
 * throwing at the user: a malformed body, an oversize file or too many files come back as
 * flags, so the action can answer with a localized message and keep every typed value.
 *
 * Multipart bodies are parsed by busboy with preservePath on, so a file name that carries
 * a path reaches the document store's checks as sent (and is refused there), instead of
 * being silently cut down to its last segment.
 */
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import busboy from "busboy";
import type { IncomingFile } from "~/infra/document-store.server";

export interface ParsedForm {
  fields: Map<string, string[]>;
  files: IncomingFile[];
  /** Names of files that went over maxFileBytes; their bytes were discarded. */
  oversized: string[];
  /** More files than maxFiles were sent; the extra ones were discarded. */
  tooManyFiles: boolean;
  /** The body could not be parsed at all. */
  malformed: boolean;
}

export interface FormLimits {
  maxFileBytes: number;
  maxFiles: number;
  /** Longest accepted text value; longer ones are cut (and then fail validation). */
  maxFieldBytes?: number;
  maxFields?: number;
}

export function field(form: ParsedForm, name: string): string {
  return form.fields.get(name)?.[0] ?? "";
}

export function fieldAll(form: ParsedForm, name: string): string[] {
  return form.fields.get(name) ?? [];
}

/** All single-valued text fields, for echoing back into a form after an error. */
export function echo(form: ParsedForm, names: Iterable<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) out[name] = field(form, name).slice(0, 5000);
  return out;
}

export async function readForm(request: Request, limits: FormLimits): Promise<ParsedForm> {
  const result: ParsedForm = {
    fields: new Map(),
    files: [],
    oversized: [],
    tooManyFiles: false,
    malformed: false,
  };
  const add = (name: string | undefined, value: string) => {
    // busboy reports a part with an empty name as having none; no form of ours sends one.
    if (typeof name !== "string" || name === "") return;
    const list = result.fields.get(name);
    if (list) list.push(value);
    else result.fields.set(name, [value]);
  };
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) {
    try {
      const data = await request.formData();
      for (const [name, value] of data) if (typeof value === "string") add(name, value);
    } catch {
      result.malformed = true;
    }
    return result;
  }
  if (!request.body) {
    result.malformed = true;
    return result;
  }
  const body = request.body;
  await new Promise<void>((resolve) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { "content-type": type },
        preservePath: true,
        defParamCharset: "utf8",
        limits: {
          fileSize: limits.maxFileBytes,
          files: limits.maxFiles,
          fieldSize: limits.maxFieldBytes ?? 20_000,
          fields: limits.maxFields ?? 200,
        },
      });
    } catch {
      result.malformed = true;
      resolve();
      return;
    }
    const pending: Promise<void>[] = [];
    parser.on("field", (name, value) => add(name, value));
    parser.on("file", (_name, stream, info) => {
      const chunks: Buffer[] = [];
      let truncated = false;
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("limit", () => (truncated = true));
      pending.push(
        new Promise((done) =>
          stream.on("close", () => {
            const bytes = Buffer.concat(chunks);
            // A file input left empty is sent as a nameless, empty part.
            const name = info.filename ?? "";
            if (!name && bytes.length === 0) return done();
            if (truncated) result.oversized.push(name);
            else result.files.push({ name, bytes });
            done();
          }),
        ),
      );
    });
    parser.on("filesLimit", () => (result.tooManyFiles = true));
    parser.on("error", () => {
      result.malformed = true;
      resolve();
    });
    parser.on("close", () => void Promise.all(pending).then(() => resolve()));
    Readable.fromWeb(body as unknown as WebReadableStream)
      .on("error", () => {
        result.malformed = true;
        resolve();
      })
      .pipe(parser);
  });
  return result;
}
