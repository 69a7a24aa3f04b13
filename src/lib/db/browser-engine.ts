import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { ENGINE_SETUP_SQL, type Engine } from './engine';

/**
 * DuckDB-WASM in a web worker, from the app's own assets (no CDN). Only the
 * exception-handling build is shipped: every browser we target supports it.
 */
export async function createBrowserEngine(): Promise<Engine> {
  const worker = new Worker(ehWorkerUrl);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(ehWasmUrl);
  await db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
  const conn = await db.connect();
  for (const sql of ENGINE_SETUP_SQL) await conn.query(sql);
  return {
    registerFile: (name, bytes) => db.registerFileBuffer(name, bytes),
    query: (sql) => conn.query(sql),
    insertArrowIPC: (name, bytes) => conn.insertArrowFromIPCStream(bytes, { name }),
  };
}
