// Reads a value part (one indicator's values as Parquet, site-package.js: valuePartPath) into an
// Arrow IPC stream that DuckDB-WASM inserts as a table (its browser build has no Parquet reader
// offline). hyparquet decodes the columns, apache-arrow writes the stream; a missing cell stays a
// null. Runs in value-part.worker.ts in the browser and directly in the unit tests.
import { parquetMetadata, parquetRead, type ColumnData, type FileMetaData, type SchemaElement } from 'hyparquet';
import { Float64, Int32, Table, tableToIPC, Utf8, vectorFromArray, type DataType, type Vector } from 'apache-arrow';

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
  let metadata: FileMetaData;
  try {
    metadata = parquetMetadata(buffer);
  } catch (err) {
    throw new Error(`${file} is no Parquet file (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  }
  const [, ...fields] = metadata.schema;
  if (fields.some((f) => (f.num_children ?? 0) > 0)) throw new Error(`${file}: nested columns are not a value part`);
  const types = fields.map((f) => arrowType(f, file));
  const rows = Number(metadata.num_rows);
  const columns = fields.map(() => new Array<unknown>(rows));
  const index = new Map(fields.map((f, i) => [f.name, i]));
  const filled = fields.map(() => 0);
  try {
    await parquetRead({
      file: buffer,
      metadata,
      onChunk: (chunk: ColumnData) => {
        const i = index.get(chunk.columnName);
        if (i === undefined) return;
        const target = columns[i]!;
        const data = chunk.columnData;
        for (let r = 0; r < data.length && chunk.rowStart + r < rows; r++) target[chunk.rowStart + r] = data[r] ?? null;
        filled[i]! += Math.min(data.length, rows - chunk.rowStart);
      },
    });
  } catch (err) {
    throw new Error(`${file} could not be decoded (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  }
  const short = filled.findIndex((n) => n < rows);
  if (short >= 0) throw new Error(`${file}: column "${fields[short]!.name}" has ${filled[short]} of ${rows} values`);
  const vectors: Record<string, Vector> = {};
  fields.forEach((f, i) => {
    const values = columns[i]!;
    if (types[i] instanceof Float64) for (let r = 0; r < rows; r++) if (typeof values[r] !== 'number' && values[r] !== null) values[r] = null;
    vectors[f.name] = vectorFromArray(values, types[i]);
  });
  return tableToIPC(new Table(vectors), 'stream');
}
