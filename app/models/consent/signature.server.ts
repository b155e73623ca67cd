/**
 * The drawn signature as the browser sends it (signature_pad's canvas as a PNG data URL),
 * checked by its content before it goes into a signed PDF: a PNG by its bytes (signature,
 * header, compressed pixels that inflate to exactly the image), within a size cap, and not
 * blank (some pixels carry ink). Only 8-bit RGBA or RGB, not interlaced: what a canvas exports.
 * Pure Node (zlib), no image library.
 */
import zlib from "node:zlib";

/** A canvas PNG of a signature is a few kilobytes; far more is not a signature. */
export const SIGNATURE_MAX_BYTES = 300 * 1024;
/** The canvas is at most this many CSS pixels times the device pixel ratio (capped at 3). */
const MAX_SIDE = 4000;
/** Fewer inked pixels than this is a blank pad or a stray tap. */
const MIN_INK_PIXELS = 30;

export type SignatureProblem = "missing" | "tooLarge" | "notPng" | "blank";

export class SignatureError extends Error {
  constructor(public readonly problem: SignatureProblem) {
    super(`Signature refused: ${problem}`);
    this.name = "SignatureError";
  }
}

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const DATA_URL = /^data:image\/png;base64,([A-Za-z0-9+/]+={0,2})$/;

/** The bytes of a "data:image/png;base64,…" value, or a SignatureError. */
export function signatureBytes(dataUrl: string): Buffer {
  const text = dataUrl.trim();
  if (!text) throw new SignatureError("missing");
  // Base64 is 4/3 of the bytes: refuse before decoding anything too large.
  if (text.length > Math.ceil((SIGNATURE_MAX_BYTES * 4) / 3) + 64) {
    throw new SignatureError("tooLarge");
  }
  const match = DATA_URL.exec(text);
  if (!match) throw new SignatureError("notPng");
  const bytes = Buffer.from(match[1]!, "base64");
  if (bytes.length > SIGNATURE_MAX_BYTES) throw new SignatureError("tooLarge");
  return bytes;
}

/** Checks a PNG signature image; returns it when it is a real, non-blank PNG. */
export function checkSignaturePng(bytes: Buffer): Buffer {
  if (bytes.length > SIGNATURE_MAX_BYTES) throw new SignatureError("tooLarge");
  if (bytes.length < 45 || !bytes.subarray(0, 8).equals(PNG_MAGIC)) {
    throw new SignatureError("notPng");
  }
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  let at = 8;
  let sawEnd = false;
  while (at + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString("latin1", at + 4, at + 8);
    if (at + 12 + length > bytes.length) throw new SignatureError("notPng");
    const body = bytes.subarray(at + 8, at + 8 + length);
    const crc = bytes.readUInt32BE(at + 8 + length);
    if (zlib.crc32(bytes.subarray(at + 4, at + 8 + length)) !== crc) {
      throw new SignatureError("notPng");
    }
    if (at === 8) {
      if (type !== "IHDR" || length !== 13) throw new SignatureError("notPng");
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colour, compression, filter, interlace] = body.subarray(8, 13);
      channels = colour === 6 ? 4 : colour === 2 ? 3 : 0;
      if (depth !== 8 || !channels || compression !== 0 || filter !== 0 || interlace !== 0) {
        throw new SignatureError("notPng");
      }
      if (!width || !height || width > MAX_SIDE || height > MAX_SIDE) {
        throw new SignatureError("notPng");
      }
    } else if (type === "IDAT") {
      idat.push(body);
    } else if (type === "IEND") {
      sawEnd = true;
      break;
    }
    at += 12 + length;
  }
  if (!sawEnd || !idat.length) throw new SignatureError("notPng");
  const stride = width * channels;
  let raw: Buffer;
  try {
    raw = zlib.inflateSync(Buffer.concat(idat), { maxOutputLength: (stride + 1) * height });
  } catch {
    throw new SignatureError("notPng");
  }
  if (raw.length !== (stride + 1) * height) throw new SignatureError("notPng");
  if (inkedPixels(raw, width, height, channels) < MIN_INK_PIXELS) {
    throw new SignatureError("blank");
  }
  return bytes;
}

/** Undoes PNG's row filters and counts the pixels with ink: visible and not near white. */
function inkedPixels(raw: Buffer, width: number, height: number, bpp: number): number {
  const stride = width * bpp;
  let previous = Buffer.alloc(stride);
  let count = 0;
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = Buffer.alloc(stride);
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? row[x - bpp]! : 0;
      const b = previous[x]!;
      const c = x >= bpp ? previous[x - bpp]! : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else if (filter !== 0) throw new SignatureError("notPng");
      row[x] = (line[x]! + predictor) & 0xff;
    }
    for (let x = 0; x < stride; x += bpp) {
      const alpha = bpp === 4 ? row[x + 3]! : 255;
      const light = Math.min(row[x]!, row[x + 1]!, row[x + 2]!) > 235;
      if (alpha > 32 && !light) count++;
    }
    previous = row;
  }
  return count;
}
