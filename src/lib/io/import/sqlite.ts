// SQLite (sql.js, WebAssembly) for the GeoPackage reader, loaded on first use:
// only read-geopackage.ts imports this module, and it is imported only when a
// .gpkg arrives, so neither the library nor its 0.7 MB wasm is part of the
// app's first load or of the import worker's first chunk. In the browser the
// wasm is bundled by Vite (no CDN); in Node (the unit tests) sql.js finds its
// own wasm next to it.
import type { SqlJsStatic } from 'sql.js';

let loading: Promise<SqlJsStatic> | null = null;

const inNode = () => typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string' && typeof self === 'undefined';

export function loadSqlite(): Promise<SqlJsStatic> {
  loading ??= (async () => {
    const { default: initSqlJs } = await import('sql.js');
    if (inNode()) return initSqlJs();
    const { default: wasmUrl } = await import('sql.js/dist/sql-wasm-browser.wasm?url');
    return initSqlJs({ locateFile: () => wasmUrl });
  })();
  // a failed load (network, CSP) may be retried with the next file
  loading.catch(() => (loading = null));
  return loading;
}
