// Reads only the years of a value part that a question needs: parts written with one row group per
// year (site-package.js: VALUE_PARTS_ROW_GROUPS) are read by HTTP range requests — the footer once
// per file, then one request per run of adjacent row groups. A server that ignores Range sends the
// whole file, which is then used as it is. The pieces go to value-part.worker.ts for decoding.
import { parquetMetadata, type FileMetaData } from 'hyparquet';
import { dataUrl } from '../data/urls';
import { isOnlinePath } from '../data/online-files';
import { VALUE_YEAR_COLUMN } from '../data/site-package.js';

/** Bytes of a value part at their offsets: its footer and the row groups asked for (`groups`, in file order). */
export interface PartPieces {
  size: number;
  pieces: { offset: number; bytes: Uint8Array }[];
  groups: number[];
}

/** The years to read: these, or (null) every year of the file except `except`. */
export interface YearRequest {
  years: readonly number[] | null;
  except: readonly number[];
}

/** Bytes read from the end of a file first: the footer of 20 row groups is about 5 KB. */
const TAIL_BYTES = 16384;

interface Footer {
  metadata: FileMetaData;
  tail: { offset: number; bytes: Uint8Array };
  /** The whole file, when the server answered a range request with all of it. */
  whole: Uint8Array | null;
}

/** Bytes [start, end) of a part, or the whole file (`whole`) when the server ignores Range. */
export type RangeReader = (start: number, end: number) => Promise<{ bytes: Uint8Array; whole: boolean }>;

const footers = new Map<string, Promise<Footer>>();

/** Bytes [start, end) of a file, or the whole file (`whole`) when the server ignores Range. */
async function fetchRange(path: string, size: number, start: number, end: number): Promise<{ bytes: Uint8Array; whole: boolean }> {
  const res = await fetch(dataUrl(path), {
    credentials: isOnlinePath(path) ? 'omit' : 'same-origin',
    headers: { Range: `bytes=${start}-${end - 1}` },
  });
  if (!res.ok) throw new Error(`Could not load ${path}: HTTP ${res.status}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const whole = res.status !== 206;
  const expected = whole ? size : end - start;
  if (bytes.byteLength !== expected) throw new Error(`${path}: ${bytes.byteLength} bytes instead of ${expected} (the file changed?)`);
  return { bytes, whole };
}

function readFooter(path: string, size: number, read: RangeReader): Promise<Footer> {
  let footer = footers.get(path);
  if (!footer) {
    footer = (async (): Promise<Footer> => {
      const start = Math.max(0, size - TAIL_BYTES);
      let { bytes, whole } = await read(start, size);
      let offset = whole ? 0 : start;
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      if (bytes.byteLength < 8 || view.getUint32(bytes.byteLength - 4, true) !== 0x31524150) throw new Error(`${path} is no Parquet file`);
      const needed = view.getUint32(bytes.byteLength - 8, true) + 8;
      if (needed > bytes.byteLength) {
        if (needed > size) throw new Error(`${path}: footer longer than the file`);
        ({ bytes, whole } = await read(size - needed, size));
        offset = whole ? 0 : size - needed;
      }
      const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      return { metadata: parquetMetadata(buffer), tail: { offset, bytes }, whole: whole ? bytes : null };
    })();
    footers.set(path, footer);
    footer.catch(() => footers.delete(path));
  }
  return footer;
}

/** The year of each row group (from the year column's statistics); throws for a file not written by year. */
export function rowGroupYears(metadata: FileMetaData, file: string): number[] {
  return metadata.row_groups.map((group, i) => {
    const stats = group.columns.find((c) => c.meta_data?.path_in_schema[0] === VALUE_YEAR_COLUMN)?.meta_data?.statistics;
    const min = Number(stats?.min_value);
    if (!stats || !Number.isInteger(min) || Number(stats.max_value) !== min) throw new Error(`${file}: row group ${i} is not one year`);
    return min;
  });
}

/** A row group's bytes in the file: [start, end). */
function groupRange(metadata: FileMetaData, i: number): [number, number] {
  let start = Infinity;
  let end = 0;
  for (const chunk of metadata.row_groups[i]!.columns) {
    const meta = chunk.meta_data;
    if (!meta) continue;
    const from = Number(meta.dictionary_page_offset || meta.data_page_offset);
    start = Math.min(start, from);
    end = Math.max(end, from + Number(meta.total_compressed_size));
  }
  return [start, end];
}

/**
 * The row groups of `request`'s years of a value part of `size` bytes, fetched by range requests
 * (null: the file has no such year). Each year is one row group. The footer is read once per path.
 */
export async function readPartYears(path: string, size: number, request: YearRequest, read: RangeReader = (start, end) => fetchRange(path, size, start, end)): Promise<PartPieces | null> {
  const footer = await readFooter(path, size, read);
  const years = rowGroupYears(footer.metadata, path);
  const groups = years.flatMap((y, i) => ((request.years === null ? !request.except.includes(y) : request.years.includes(y)) ? [i] : []));
  if (groups.length === 0) return null;
  if (footer.whole) return { size, pieces: [{ offset: 0, bytes: footer.whole.slice() }], groups };
  // Adjacent row groups in one request.
  const runs: [number, number][] = [];
  for (const g of groups) {
    const [start, end] = groupRange(footer.metadata, g);
    const last = runs[runs.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else runs.push([start, end]);
  }
  // What the footer's read brought along (the file's last bytes) is not fetched again.
  const tail = footer.tail;
  const fetched = await Promise.all(runs.map(([start, end]) => (start < Math.min(end, tail.offset) ? read(start, Math.min(end, tail.offset)) : null)));
  const whole = fetched.find((f) => f?.whole);
  if (whole) return { size, pieces: [{ offset: 0, bytes: whole.bytes }], groups };
  const pieces = runs.map(([start, end], k) => {
    const head = fetched[k]?.bytes ?? new Uint8Array(0);
    if (end <= tail.offset) return { offset: start, bytes: head };
    const from = Math.max(start, tail.offset);
    const bytes = new Uint8Array(end - start);
    bytes.set(head, 0);
    bytes.set(tail.bytes.subarray(from - tail.offset, end - tail.offset), from - start);
    return { offset: start, bytes };
  });
  pieces.push({ offset: tail.offset, bytes: tail.bytes.slice() });
  return { size, pieces, groups };
}
