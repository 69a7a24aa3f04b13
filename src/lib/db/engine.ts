// The query engine seen by the rest of the app: DuckDB-WASM behind a tiny
// interface, so the same schema and query code runs in the browser (async
// worker) and in unit tests (Node blocking bindings).

/** The part of an Apache Arrow table the app reads. */
export interface ResultTable {
  numRows: number;
  schema: { fields: { name: string }[] };
  toArray(): { toJSON(): Record<string, unknown> }[];
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
  const table = await engine.query(sql);
  return table.toArray().map((r) => r.toJSON() as T);
}

/** Settings applied right after opening: the browser build has no network for extensions. */
export const ENGINE_SETUP_SQL = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
];
