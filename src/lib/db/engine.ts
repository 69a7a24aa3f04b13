// The query engine seen by the rest of the app: DuckDB-WASM behind a tiny
// interface, so the same schema and query code runs in the browser (async
// worker) and in unit tests (Node blocking bindings).

/** The part of an Apache Arrow table the app reads. */
export interface ResultTable {
  numRows: number;
  schema: { fields: { name: string }[] };
  toArray(): { toJSON(): Record<string, unknown> }[];
  getChildAt?(index: number): ResultColumn | null;
}

/** One column of a result (an Arrow vector), as far as queryRows reads it. */
export interface ResultColumn {
  nullCount: number;
  type: { typeId: number; bitWidth?: number; precision?: number };
  /** A typed array for numeric columns. */
  toArray(): unknown;
  /** The values in order, chunk by chunk (`get(i)` searches the chunk of every index). */
  [Symbol.iterator](): Iterator<unknown>;
}

export interface Engine {
  registerFile(name: string, bytes: Uint8Array): Promise<void>;
  query(sql: string): Promise<ResultTable>;
  /**
   * Creates a table from an Arrow IPC stream (the browser transfers the bytes
   * to the worker: the buffer is detached afterwards).
   */
  insertArrowIPC(table: string, bytes: Uint8Array): Promise<void>;
}

export type Row = Record<string, unknown>;

export async function queryRows<T extends Row = Row>(engine: Engine, sql: string): Promise<T[]> {
  return rowsOf(await engine.query(sql)) as T[];
}

// Arrow type ids and float precisions (apache-arrow's Type and Precision enums).
const ARROW_INT = 2;
const ARROW_FLOAT = 3;
const ARROW_HALF = 0;

/**
 * The rows of a result as plain objects, with the values Arrow's own row objects give (`toJSON`),
 * read column by column: Arrow's row proxies cost about a microsecond per cell, a second for the
 * million values of a Gemeinde indicator over 93 years, on the main thread. Numbers that fit a
 * double and have no nulls come from the column's typed array; everything else from the column's
 * own iterator (which yields null for a missing value, never 0).
 */
export function rowsOf(table: ResultTable): Row[] {
  const n = table.numRows;
  const names = table.schema.fields.map((f) => f.name);
  if (!table.getChildAt) return table.toArray().map((r) => r.toJSON());
  const columns = names.map((_, j) => columnValues(table.getChildAt!(j)!));
  const rows = new Array<Row>(n);
  for (let i = 0; i < n; i++) {
    const row: Row = {};
    for (let j = 0; j < names.length; j++) row[names[j]!] = columns[j]![i];
    rows[i] = row;
  }
  return rows;
}

function columnValues(column: ResultColumn): ArrayLike<unknown> {
  const { typeId, bitWidth = 64, precision } = column.type;
  const numeric = (typeId === ARROW_INT && bitWidth <= 32) || (typeId === ARROW_FLOAT && precision !== ARROW_HALF);
  if (numeric && column.nullCount === 0) return column.toArray() as ArrayLike<number>;
  return Array.from(column);
}

/** Settings applied right after opening: the browser build has no network for extensions. */
export const ENGINE_SETUP_SQL = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
];
