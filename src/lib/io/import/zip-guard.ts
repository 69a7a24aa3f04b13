// Limits for zip archives from the user (a Shapefile .zip, an .xlsx workbook).
// A small archive can expand to gigabytes (a "zip bomb") and take the tab down
// with it, so the sizes listed in the central directory are checked before
// anything is expanded, and the expansion itself is metered: those sizes can
// lie, and an entry that grows beyond what it declares is cut off at once.

/** Far beyond any boundary file or workbook; a tab holding more would run out of memory. */
export const MAX_UNZIPPED_BYTES = 400 * 1024 * 1024;
/** Above this size an archive must not be compressed more than MAX_RATIO : 1. */
const RATIO_FLOOR_BYTES = 50 * 1024 * 1024;
/**
 * Text with long runs of spaces (a .dbf with wide text fields) compresses up
 * to about 100 : 1; deflate cannot do better than about 1000 : 1, which only
 * repeated bytes reach.
 */
export const MAX_RATIO = 200;
export const MAX_ENTRIES = 10_000;

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate. */
  method: number;
  compressedSize: number;
  /** Uncompressed size as declared; Infinity for a ZIP64 entry (size in the extra field). */
  size: number;
}

const MB = (n: number) => `${Math.round(n / 1024 / 1024).toLocaleString('en')} MB`;

/**
 * The entries listed in the central directory, or null when the bytes have
 * no readable one (not a zip, or damaged: the unzip library reports that).
 */
export function zipDirectory(bytes: Uint8Array): ZipEntry[] | null {
  if (bytes.length < 22) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record: 22 bytes plus a comment of up to 64 KiB.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null;
    const nameLength = view.getUint16(at + 28, true);
    const compressedSize = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    entries.push({
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      compressedSize,
      size: size === 0xffffffff || compressedSize === 0xffffffff ? Infinity : size,
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

/**
 * Why the entries must not be expanded (too many, too large in all, or
 * compressed like a zip bomb), or null when they may.
 */
export function archiveProblem(entries: readonly ZipEntry[]): string | null {
  if (entries.length > MAX_ENTRIES) return `the archive holds ${entries.length.toLocaleString('en')} files (at most ${MAX_ENTRIES.toLocaleString('en')} are read)`;
  let size = 0;
  let compressed = 0;
  for (const e of entries) {
    size += e.size;
    compressed += e.compressedSize;
  }
  if (size > MAX_UNZIPPED_BYTES) {
    return `the archive expands to ${Number.isFinite(size) ? MB(size) : 'more than 4 GB'} (at most ${MB(MAX_UNZIPPED_BYTES)} are read)`;
  }
  if (size > RATIO_FLOOR_BYTES && size > MAX_RATIO * Math.max(1, compressed)) {
    return `the archive expands ${Math.round(size / Math.max(1, compressed)).toLocaleString('en')}-fold (to ${MB(size)}), like a zip bomb`;
  }
  return null;
}

/** Thrown by meteredInflate when an entry grows beyond its limit. */
export class InflateLimitError extends Error {}

/**
 * Inflates raw deflate data, but stops as soon as the output exceeds `limit`
 * bytes (DecompressionStream: browsers, workers and Node 18+).
 */
export async function meteredInflate(raw: Uint8Array, limit: number): Promise<Uint8Array> {
  const stream = new Blob([raw as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw new InflateLimitError(`an entry expands to more than ${limit.toLocaleString('en')} bytes`);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

let crcTable: Uint32Array | null = null;

function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * A zip archive of the given entries, stored (not compressed), with UTF-8
 * names. For rewritten parts of an archive already limited to
 * MAX_UNZIPPED_BYTES (so no ZIP64).
 */
export function storedZip(entries: readonly { name: string; data: Uint8Array }[]): Uint8Array {
  const encoder = new TextEncoder();
  const names = entries.map((e) => encoder.encode(e.name));
  const crcs = entries.map((e) => crc32(e.data));
  const local = entries.reduce((s, e, i) => s + 30 + names[i]!.length + e.data.length, 0);
  const central = names.reduce((s, name) => s + 46 + name.length, 0);
  const out = new Uint8Array(local + central + 22);
  const view = new DataView(out.buffer);
  const offsets: number[] = [];
  let at = 0;
  entries.forEach((e, i) => {
    offsets.push(at);
    view.setUint32(at, 0x04034b50, true);
    view.setUint16(at + 4, 20, true); // version needed
    view.setUint16(at + 6, 0x0800, true); // UTF-8 name
    view.setUint16(at + 8, 0, true); // stored
    view.setUint32(at + 14, crcs[i]!, true);
    view.setUint32(at + 18, e.data.length, true);
    view.setUint32(at + 22, e.data.length, true);
    view.setUint16(at + 26, names[i]!.length, true);
    out.set(names[i]!, at + 30);
    out.set(e.data, at + 30 + names[i]!.length);
    at += 30 + names[i]!.length + e.data.length;
  });
  entries.forEach((e, i) => {
    view.setUint32(at, 0x02014b50, true);
    view.setUint16(at + 4, 20, true); // version made by
    view.setUint16(at + 6, 20, true); // version needed
    view.setUint16(at + 8, 0x0800, true);
    view.setUint16(at + 10, 0, true);
    view.setUint32(at + 16, crcs[i]!, true);
    view.setUint32(at + 20, e.data.length, true);
    view.setUint32(at + 24, e.data.length, true);
    view.setUint16(at + 28, names[i]!.length, true);
    view.setUint32(at + 42, offsets[i]!, true);
    out.set(names[i]!, at + 46);
    at += 46 + names[i]!.length;
  });
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, entries.length, true);
  view.setUint16(at + 10, entries.length, true);
  view.setUint32(at + 12, central, true);
  view.setUint32(at + 16, local, true);
  return out;
}
