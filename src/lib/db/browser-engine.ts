import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { ENGINE_SETUP_SQL, type Engine } from './engine';

/**
 * DuckDB-WASM in a web worker, from the app's own assets (no CDN). Only the
 * exception-handling build is shipped: every browser we target supports it.
 */
export async function createBrowserEngine(): Promise<Engine> {
  const worker = engineWorker();
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  // Absolute: the worker's own URL is a blob: one, against which a path would not resolve (dev server).
  await db.instantiate(new URL(ehWasmUrl, location.href).href);
  await db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
  const conn = await db.connect();
  for (const sql of ENGINE_SETUP_SQL) await conn.query(sql);
  return {
    registerFile: (name, bytes) => db.registerFileBuffer(name, bytes),
    query: (sql) => conn.query(sql),
    insertArrowIPC: (name, bytes) => conn.insertArrowFromIPCStream(bytes, { name }),
  };
}

/**
 * The engine's worker, started from a blob: URL that loads the worker script.
 * A blob: worker inherits the page's Content-Security-Policy (vite.config.ts),
 * a worker from its own file would not: so connect-src keeps everything DuckDB
 * reads on the app's origin, also a URL typed into the SQL console
 * ("SELECT * FROM 'https://…'" would otherwise fetch it).
 */
function engineWorker(): Worker {
  const script = new URL(ehWorkerUrl, location.href).href;
  const blob = URL.createObjectURL(new Blob([`importScripts(${JSON.stringify(script)});`], { type: 'text/javascript' }));
  try {
    return new Worker(blob);
  } finally {
    // The worker holds on to its script once constructed.
    URL.revokeObjectURL(blob);
  }
}
