// Reads a value part (one indicator's values as Parquet, site-package.js: valuePartPath) into an
// Arrow IPC stream that DuckDB-WASM inserts as a table (its browser build has no Parquet reader
// offline). hyparquet decodes the columns, apache-arrow writes the stream; a missing cell stays a
// null. Runs in value-part.worker.ts in the browser and directly in the unit tests. A part read by
// years (value-part-range.ts) arrives as pieces: its footer and the row groups asked for.
import { parquetMetadata, parquetRead, type AsyncBuffer, type ColumnData, type FileMetaData, type SchemaElement } from 'hyparquet';
import type { PartPieces } from './value-part-range';
import { Float64, Int32, makeData, makeVector, Table, tableToIPC, Utf8, type DataType, type Vector } from 'apache-arrow';

/** A column of a value part as Arrow reads it: UTF8 text, INT32, or DOUBLE. */
function arrowType(element: SchemaElement, file: string): DataType {
  if (element.type === 'BYTE_ARRAY' && (element.converted_type === 'UTF8' || element.logical_type?.type === 'STRING')) return new Utf8();
  if (element.type === 'INT32' && element.converted_type === undefined) return new Int32();
  if (element.type === 'DOUBLE') return new Float64();
  throw new Error(`${file}: column "${element.name}" has type ${element.type ?? 'group'}, not text, INT32 or DOUBLE`);
}

/** The Parquet bytes of a value part as an Arrow IPC stream with the same columns and rows. */
export async function valuePartToArrowIPC(bytes: Uint8Array, file = 'value part'): Promise<Uint8Array> {
  const buffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);
  const metadata = readMetadata(buffer, file);
  return decode(buffer, metadata, [[0, Number(metadata.num_rows)]], file);
}

/** Some row groups of a value part (its footer and those groups' bytes: value-part-range.ts) as an Arrow IPC stream of their rows. */
export async function valuePartPiecesToArrowIPC(part: PartPieces, file = 'value part'): Promise<Uint8Array> {
  const pieces = [...part.pieces].sort((a, b) => a.offset - b.offset);
  const last = pieces.find((p) => p.offset + p.bytes.byteLength === part.size);
  if (!last) throw new Error(`${file}: the footer was not read`);
  const metadata = readMetadata(arrayBufferOf(last.bytes), file);
  const asyncBuffer: AsyncBuffer = {
    byteLength: part.size,
    slice(start: number, end = part.size) {
      const p = pieces.find((q) => q.offset <= start && end <= q.offset + q.bytes.byteLength);
      if (!p) throw new Error(`${file}: bytes ${start}–${end} were not read`);
      return arrayBufferOf(p.bytes.subarray(start - p.offset, end - p.offset));
    },
  };
  const starts: number[] = [];
  let row = 0;
  for (const g of metadata.row_groups) {
    starts.push(row);
    row += Number(g.num_rows);
  }
  const spans: [number, number][] = [];
  for (const g of part.groups) {
    if (g < 0 || g >= metadata.row_groups.length) throw new Error(`${file}: no row group ${g}`);
    const [start, end] = [starts[g]!, starts[g]! + Number(metadata.row_groups[g]!.num_rows)];
    const last = spans[spans.length - 1];
    if (last && last[1] === start) last[1] = end;
    else spans.push([start, end]);
  }
  return decode(asyncBuffer, metadata, spans, file);
}

function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);
}

function readMetadata(buffer: ArrayBuffer, file: string): FileMetaData {
  try {
    return parquetMetadata(buffer);
  } catch (err) {
    throw new Error(`${file} is no Parquet file (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  }
}

/** The rows of `spans` ([start, end) row numbers of the file) as one Arrow IPC stream. */
async function decode(file: AsyncBuffer, metadata: FileMetaData, spans: readonly [number, number][], name: string): Promise<Uint8Array> {
  const [, ...fields] = metadata.schema;
  if (fields.some((f) => (f.num_children ?? 0) > 0)) throw new Error(`${name}: nested columns are not a value part`);
  const types = fields.map((f) => arrowType(f, name));
  const rows = spans.reduce((n, [a, b]) => n + b - a, 0);
  const columns = fields.map(() => new Array<unknown>(rows));
  const index = new Map(fields.map((f, i) => [f.name, i]));
  const filled = fields.map(() => 0);
  let at = 0;
  try {
    for (const [rowStart, rowEnd] of spans) {
      const base = at - rowStart;
      await parquetRead({
        file,
        metadata,
        rowStart,
        rowEnd,
        // Text as its UTF-8 bytes, which go into the Arrow column as they are (no decoding and encoding again).
        parsers: { stringFromBytes: (bytes: Uint8Array) => bytes as unknown as string },
        onChunk: (chunk: ColumnData) => {
          const i = index.get(chunk.columnName);
          if (i === undefined) return;
          const target = columns[i]!;
          const data = chunk.columnData;
          // Only the rows of the span (a chunk may begin before it or end after it).
          const from = Math.max(rowStart, chunk.rowStart);
          const to = Math.min(rowEnd, chunk.rowStart + data.length);
          for (let r = from; r < to; r++) target[base + r] = data[r - chunk.rowStart] ?? null;
          filled[i]! += Math.max(0, to - from);
        },
      });
      at += rowEnd - rowStart;
    }
  } catch (err) {
    throw new Error(`${name} could not be decoded (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  }
  const short = filled.findIndex((n) => n < rows);
  if (short >= 0) throw new Error(`${name}: column "${fields[short]!.name}" has ${filled[short]} of ${rows} values`);
  const vectors: Record<string, Vector> = {};
  fields.forEach((f, i) => {
    vectors[f.name] = arrowColumn(columns[i]!, types[i]!);
  });
  return tableToIPC(new Table(vectors), 'stream');
}

/**
 * One Arrow column from the decoded values (numbers; text as UTF-8 bytes; null or undefined for a missing
 * cell, and anything else in a number column too), built from its buffers directly: Arrow's builders
 * cost several times more at 100,000 rows.
 */
function arrowColumn(values: readonly unknown[], type: DataType): Vector {
  const length = values.length;
  const nullBitmap = new Uint8Array((length + 7) >> 3);
  let nullCount = 0;
  const valid = (r: number, ok: boolean): boolean => {
    if (ok) nullBitmap[r >> 3]! |= 1 << (r & 7);
    else nullCount++;
    return ok;
  };
  if (type instanceof Utf8) {
    const valueOffsets = new Int32Array(length + 1);
    let bytes = 0;
    for (let r = 0; r < length; r++) {
      const v = values[r];
      if (valid(r, v instanceof Uint8Array)) bytes += (v as Uint8Array).byteLength;
      valueOffsets[r + 1] = bytes;
    }
    const data = new Uint8Array(bytes);
    for (let r = 0; r < length; r++) if (values[r] instanceof Uint8Array) data.set(values[r] as Uint8Array, valueOffsets[r]);
    return makeVector(makeData({ type, length, nullCount, nullBitmap, valueOffsets, data }));
  }
  const data = type instanceof Int32 ? new Int32Array(length) : new Float64Array(length);
  for (let r = 0; r < length; r++) {
    const v = values[r];
    if (valid(r, typeof v === 'number')) data[r] = v as number;
  }
  return makeVector(makeData({ type: type as Float64, length, nullCount, nullBitmap, data }));
}
