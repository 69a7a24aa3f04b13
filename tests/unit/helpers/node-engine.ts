// Real DuckDB-WASM for unit tests: the blocking Node bindings, with the wasm
// and worker files resolved from the installed package (no network).
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createDuckDB, NODE_RUNTIME, VoidLogger } from '@duckdb/duckdb-wasm/blocking';
import { ENGINE_SETUP_SQL, type Engine } from '../../../src/lib/db/engine';
import { bundledCatalog } from '../../../src/lib/data/catalog';
import { loadSiteData } from '../../../src/lib/db/load';

const require = createRequire(import.meta.url);
const dist = (file: string) => require.resolve(`@duckdb/duckdb-wasm/dist/${file}`);

export async function createNodeEngine(): Promise<Engine> {
  const db = await createDuckDB(
    {
      mvp: { mainModule: dist('duckdb-mvp.wasm'), mainWorker: dist('duckdb-node-mvp.worker.cjs') },
      eh: { mainModule: dist('duckdb-eh.wasm'), mainWorker: dist('duckdb-node-eh.worker.cjs') },
    },
    new VoidLogger(),
    NODE_RUNTIME,
  );
  await db.instantiate();
  db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
  const conn = db.connect();
  for (const sql of ENGINE_SETUP_SQL) conn.query(sql);
  return {
    registerFile: async (name, bytes) => db.registerFileBuffer(name, bytes),
    query: async (sql) => conn.query(sql),
    // IPC bytes, not an apache-arrow Table: DuckDB's CommonJS copy of apache-arrow
    // would not recognise a Table built by the ESM copy.
    insertArrowIPC: async (name, bytes) => conn.insertArrowFromIPCStream(bytes, { name }),
  };
}

export const dataDir = fileURLToPath(new URL('../../../data/', import.meta.url));

export async function readDataFile(path: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(dataDir + path));
}

/** An engine with every bundled site loaded, as the app has it. */
export async function createLoadedEngine(): Promise<Engine> {
  const engine = await createNodeEngine();
  for (const site of bundledCatalog.sites) await loadSiteData(engine, site, readDataFile);
  return engine;
}
