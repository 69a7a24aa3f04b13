// Real DuckDB-WASM for unit tests: the blocking Node bindings, with the wasm
// and worker files resolved from the installed package (no network).
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createDuckDB, NODE_RUNTIME, VoidLogger } from '@duckdb/duckdb-wasm/blocking';
import { ENGINE_SETUP_SQL, type Engine } from '../../../src/lib/db/engine';
import { bundledCatalog } from '../../../src/lib/data/catalog';
import type { Site } from '../../../src/lib/data/catalog-types';
import { loadSiteData } from '../../../src/lib/db/load';
import { ensureIndicatorsLoaded, type PartRequest } from '../../../src/lib/db/value-parts';
import { valuePartPiecesToArrowIPC, valuePartToArrowIPC } from '../../../src/lib/io/value-part';
import { readPartYears, type RangeReader } from '../../../src/lib/io/value-part-range';

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

/** A file's bytes as range requests get them (`log`: each range asked for; `whole`: as a server that ignores Range). */
export function rangeReader(bytes: Uint8Array, log: [number, number][] = [], whole = false): RangeReader {
  return async (start, end) => {
    log.push([start, end]);
    return whole ? { bytes: bytes.slice(), whole: true } : { bytes: bytes.slice(start, end), whole: false };
  };
}

/**
 * A bundled value part (data/<site>/values/<id>.parquet) as the Arrow IPC stream DuckDB inserts, as the
 * app's worker makes it: whole, or (with `request`) the row groups of the years asked for, read by ranges.
 */
export async function readDataPart(path: string, size?: number, request?: PartRequest | null): Promise<Uint8Array | null> {
  const bytes = await readDataFile(path);
  if (!request || size === undefined) return valuePartToArrowIPC(bytes, path);
  const pieces = await readPartYears(path, size, request, rangeReader(bytes));
  return pieces && valuePartPiecesToArrowIPC(pieces, path);
}

/** A bundled site into DuckDB with all its values (a site with value parts: every part read at once, as after every indicator was shown). */
export async function loadBundledSite(engine: Engine, site: Site): Promise<void> {
  await loadSiteData(engine, site, readDataFile);
  await ensureIndicatorsLoaded(engine, site, site.indicators.map((i) => i.id), readDataPart);
}

/** An engine with every bundled site loaded, as the app has it once every indicator was shown (value parts included). */
export async function createLoadedEngine(): Promise<Engine> {
  const engine = await createNodeEngine();
  for (const site of bundledCatalog.sites) await loadBundledSite(engine, site);
  return engine;
}
