/**
 * The secure document store: medical records now, passports and visa letters later.
 *
 * - Checked by content: the type comes from the file's magic bytes (file-type), never from
 *   its name or the browser's claim, and only PDF, JPEG and PNG are accepted. A file must
 *   also be complete (a PDF ends with its %%EOF trailer, a JPEG with its end marker, a PNG
 *   with its IEND chunk), which refuses truncated uploads.
 * - Names are sanitised for display and never used as paths; a name that tries to leave its
 *   folder is refused outright.
 * - Encrypted at rest with AES-256-GCM under DOCUMENT_KEY, in UPLOAD_DIR (outside public/),
 *   each file under a random name. The storage key is bound in as additional authenticated
 *   data, so a file cannot be swapped for another's.
 * - All files of one upload are checked before any is stored: a bad one stores nothing,
 *   and what was stored before is untouched.
 */
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { fileTypeFromBuffer } from "file-type";
import { db, type Tx } from "~/db.server";
import { env } from "~/env.server";

export const ACCEPTED_TYPES = {
  "application/pdf": "pdf",
  "image/jpeg": "jpg",
  "image/png": "png",
} as const;
export type AcceptedType = keyof typeof ACCEPTED_TYPES;

/** The most files one form submission may carry. */
export const MAX_FILES_PER_UPLOAD = 5;

export type UploadProblem = "empty" | "tooLarge" | "type" | "corrupt" | "name" | "tooMany";

export class UploadError extends Error {
  constructor(
    public readonly problem: UploadProblem,
    public readonly fileName: string,
  ) {
    super(`Upload refused (${problem}): ${fileName.slice(0, 80)}`);
    this.name = "UploadError";
  }
}

export interface IncomingFile {
  name: string;
  bytes: Uint8Array;
}

export interface CheckedFile {
  fileName: string;
  mimeType: AcceptedType;
  bytes: Buffer;
  sha256: string;
}

/**
 * A display name that is safe anywhere: Unicode-normalised, no control or markup
 * characters, at most 100 characters, with the extension of the detected type.
 * Throws for names that carry a path (../, /, \), which no browser sends on its own.
 */
export function sanitizeFileName(raw: string, type: AcceptedType): string {
  const name = raw.normalize("NFC");
  // eslint-disable-next-line no-control-regex
  if (/[/\\]|\.\.|[\u0000-\u001f\u007f]/.test(name)) throw new UploadError("name", raw);
  const dot = name.lastIndexOf(".");
  const stem = (dot > 0 ? name.slice(0, dot) : name)
    .replace(/[^\p{L}\p{N}\p{M} ._()-]/gu, "_")
    .replace(/\s+/g, " ")
    .replace(/^[ .]+|[ .]+$/g, "")
    .slice(0, 100);
  return `${stem || "document"}.${ACCEPTED_TYPES[type]}`;
}

function tailIncludes(bytes: Buffer, marker: string, window: number) {
  return bytes.subarray(Math.max(0, bytes.length - window)).includes(Buffer.from(marker, "latin1"));
}

/** True when the file has the structure its type promises at both ends. */
function isComplete(type: AcceptedType, bytes: Buffer): boolean {
  switch (type) {
    case "application/pdf":
      return (
        bytes.subarray(0, 5).toString("latin1") === "%PDF-" &&
        tailIncludes(bytes, "%%EOF", 1024) &&
        tailIncludes(bytes, "startxref", 2048)
      );
    case "image/jpeg": {
      // The end-of-image marker, allowing for the padding some cameras append.
      const tail = bytes.subarray(Math.max(0, bytes.length - 64));
      return tail.includes(Buffer.from([0xff, 0xd9]));
    }
    case "image/png":
      return tailIncludes(bytes, "IEND", 12);
  }
}

/** Checks one file by its content. Throws UploadError with the reason. */
export async function checkFile(file: IncomingFile, maxBytes = env().UPLOAD_MAX_BYTES) {
  const bytes = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
  if (bytes.length === 0) throw new UploadError("empty", file.name);
  if (bytes.length > maxBytes) throw new UploadError("tooLarge", file.name);
  const detected = await fileTypeFromBuffer(bytes);
  const mime = detected?.mime as string | undefined;
  if (!mime || !(mime in ACCEPTED_TYPES)) throw new UploadError("type", file.name);
  const type = mime as AcceptedType;
  const fileName = sanitizeFileName(file.name, type);
  if (!isComplete(type, bytes)) throw new UploadError("corrupt", file.name);
  const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
  return { fileName, mimeType: type, bytes, sha256 } satisfies CheckedFile;
}

/** Checks every file; the first refusal stops the upload before anything is stored. */
export async function checkFiles(files: IncomingFile[]): Promise<CheckedFile[]> {
  if (files.length > MAX_FILES_PER_UPLOAD) throw new UploadError("tooMany", "");
  const checked: CheckedFile[] = [];
  for (const file of files) checked.push(await checkFile(file));
  return checked;
}

// --- encryption at rest ----------------------------------------------------------------

const MAGIC = Buffer.from("MTD1");

function uploadDir() {
  return path.resolve(env().UPLOAD_DIR);
}

function pathFor(storageKey: string) {
  if (!/^[a-f0-9]{48}$/.test(storageKey)) throw new Error("Invalid storage key");
  return path.join(uploadDir(), storageKey.slice(0, 2), storageKey);
}

/** Encrypts and writes the bytes under a new random key; returns the key. */
export async function writeEncrypted(bytes: Buffer): Promise<string> {
  const storageKey = crypto.randomBytes(24).toString("hex");
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", env().DOCUMENT_KEY, iv);
  cipher.setAAD(Buffer.from(storageKey));
  const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
  const file = pathFor(storageKey);
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temp, Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]), {
    mode: 0o600,
  });
  await fs.rename(temp, file);
  return storageKey;
}

/**
 * A stored document's bytes, or null when its file is gone from the store (a lost disk, a
 * restore without the uploads folder): logged for the operator, and answered as "not found"
 * rather than a server error. Any other failure (a wrong key, a tampered file) still throws.
 */
export async function readStored(storageKey: string): Promise<Buffer | null> {
  try {
    return await readDecrypted(storageKey);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    console.warn(`document store: the file for ${storageKey.slice(0, 12)}… is missing`);
    return null;
  }
}

export async function readDecrypted(storageKey: string): Promise<Buffer> {
  const data = await fs.readFile(pathFor(storageKey));
  if (!data.subarray(0, 4).equals(MAGIC)) throw new Error("Not an encrypted document");
  const iv = data.subarray(4, 16);
  const tag = data.subarray(16, 32);
  const decipher = crypto.createDecipheriv("aes-256-gcm", env().DOCUMENT_KEY, iv);
  decipher.setAAD(Buffer.from(storageKey));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data.subarray(32)), decipher.final()]);
}

/**
 * Bytes kept in a database column rather than a file (an unknown sender's WhatsApp photo
 * before anyone links it to a case): AES-256-GCM under a key derived from DOCUMENT_KEY, with
 * `context` (the row's own id) bound in, so one row's bytes cannot be moved to another.
 */
function columnKey(): Buffer {
  return Buffer.from(
    crypto.hkdfSync("sha256", env().DOCUMENT_KEY, Buffer.alloc(0), "document-column", 32),
  );
}

export function sealBytes(bytes: Buffer, context: string): Buffer {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", columnKey(), iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
  return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]);
}

export function openBytes(sealed: Uint8Array, context: string): Buffer {
  const data = Buffer.from(sealed);
  if (!data.subarray(0, 4).equals(MAGIC)) throw new Error("Not sealed bytes");
  const decipher = crypto.createDecipheriv("aes-256-gcm", columnKey(), data.subarray(4, 16));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(data.subarray(16, 32));
  return Buffer.concat([decipher.update(data.subarray(32)), decipher.final()]);
}

export async function removeStored(storageKey: string) {
  await fs.rm(pathFor(storageKey), { force: true });
}

// --- documents of a case ---------------------------------------------------------------

/** What a list of a case's documents shows (patient portal and staff case page). */
export const DOCUMENT_LIST = {
  where: { storageKey: { not: null } },
  orderBy: { createdAt: "desc" },
  select: {
    id: true,
    kind: true,
    status: true,
    fileName: true,
    mimeType: true,
    sizeBytes: true,
    createdAt: true,
  },
} as const;

export interface SaveInput {
  caseId: string;
  kind: string;
  uploadedById: string | null;
  files: CheckedFile[];
}

export interface SaveOptions {
  /** More work that must commit or fail with the rows (e.g. ending a wait for records). */
  alsoInTransaction?: (tx: Tx) => Promise<unknown>;
}

/** A checked file once it is stored encrypted: what a document row records of it. */
export interface StoredFile {
  storageKey: string;
  fileName: string;
  mimeType: AcceptedType;
  sizeBytes: number;
  sha256: string;
}

/**
 * Writes the encrypted files, then calls `inTransaction` to create their rows, so the rows
 * can join the caller's transaction. If that fails, the files are removed again.
 */
export async function storeCheckedFiles<T>(
  files: CheckedFile[],
  inTransaction: (stored: StoredFile[]) => Promise<T>,
): Promise<T> {
  const stored: StoredFile[] = [];
  try {
    for (const file of files) {
      stored.push({
        storageKey: await writeEncrypted(file.bytes),
        fileName: file.fileName,
        mimeType: file.mimeType,
        sizeBytes: file.bytes.length,
        sha256: file.sha256,
      });
    }
    return await inTransaction(stored);
  } catch (error) {
    await Promise.all(stored.map((s) => removeStored(s.storageKey)));
    throw error;
  }
}

export async function createDocumentRows(
  tx: Tx,
  input: Omit<SaveInput, "files">,
  stored: StoredFile[],
) {
  const existing = await tx.document.count({ where: { caseId: input.caseId } });
  if (existing + stored.length > env().UPLOAD_MAX_FILES_PER_CASE) {
    throw new UploadError("tooMany", "");
  }
  const ids: string[] = [];
  for (const file of stored) {
    const row = await tx.document.create({
      data: {
        caseId: input.caseId,
        kind: input.kind,
        fileName: file.fileName,
        mimeType: file.mimeType,
        sizeBytes: file.sizeBytes,
        sha256: file.sha256,
        storageKey: file.storageKey,
        uploadedById: input.uploadedById,
      },
      select: { id: true },
    });
    ids.push(row.id);
  }
  return ids;
}

/** Stores checked files as documents of a case, with a timeline event, all or nothing. */
export async function saveDocuments(input: SaveInput, options: SaveOptions = {}) {
  return storeCheckedFiles(input.files, (stored) =>
    db.$transaction(async (tx) => {
      const ids = await createDocumentRows(tx, input, stored);
      await tx.caseEvent.create({
        data: { caseId: input.caseId, type: "DOCUMENT_UPLOADED", actorId: input.uploadedById },
      });
      await options.alsoInTransaction?.(tx);
      return ids;
    }),
  );
}

/** The response that sends a document: decrypted, never sniffed or run by the browser. */
export async function documentResponse(
  doc: {
    storageKey: string | null;
    mimeType: string;
    fileName: string;
  },
  options: { inline?: boolean } = {},
) {
  if (!doc.storageKey) throw new Response("Not Found", { status: 404 });
  const bytes = await readStored(doc.storageKey);
  if (!bytes) throw new Response("Not Found", { status: 404 });
  const ascii = doc.fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const name = `filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`;
  if (options.inline) return inlineResponse(bytes, doc.mimeType, name);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": doc.mimeType,
      "Content-Length": String(bytes.length),
      "Content-Disposition": `attachment; ${name}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}

/** What the page's viewer opens in place: a PDF in a frame, an image in an <img>. */
export const INLINE_TYPES: readonly AcceptedType[] = ["application/pdf", "image/jpeg", "image/png"];

/**
 * A document shown in the page (the staff viewer): only a type the store accepts, and only
 * when the bytes still are that type (checked again by content, so a row that says PDF over
 * anything else, HTML above all, is never handed to the browser to render). Framed by the
 * app's own pages only (frame-ancestors 'self'; server.mjs allows it for this route alone).
 * An image is sandboxed outright; a PDF is not, since a sandbox (the CSP's or the frame's)
 * stops the browser's PDF viewer from drawing it: what keeps it inert is its checked type,
 * nosniff and `default-src 'none'`.
 */
async function inlineResponse(bytes: Buffer, stored: string, name: string) {
  const detected = (await fileTypeFromBuffer(bytes))?.mime as string | undefined;
  const type = INLINE_TYPES.find((t) => t === stored && t === detected);
  if (!type) {
    return new Response("Unsupported Media Type", {
      status: 415,
      headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" },
    });
  }
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": type,
      "Content-Length": String(bytes.length),
      "Content-Disposition": `inline; ${name}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": `default-src 'none'; frame-ancestors 'self'${type === "application/pdf" ? "" : "; sandbox"}`,
      "Cross-Origin-Resource-Policy": "same-origin",
    },
  });
}
