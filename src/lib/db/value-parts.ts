// Value parts in DuckDB: a site with many base areas (catalog `valueParts`, site-package.js:
// valuePartPath) has each indicator's values in a Parquet file of its own. loadSite (schema.ts) puts
// the site's areas and its indicators' metadata in; an indicator's observations follow when it is
// first needed — ensureIndicatorsLoaded, which the value cache awaits before every question about
// an indicator — into the same `observations` table, so every query stays as it is.
import type { Indicator, Site } from '../data/catalog-types';
import type { Engine } from './engine';
import { insertFromTable } from './schema';
import { ident, str } from './sql';

/** An indicator's value part as an Arrow IPC stream (the Parquet file fetched and decoded: io/value-part.ts). */
export type ReadPart = (path: string) => Promise<Uint8Array>;

/** Per engine: site|indicator → its load (running or done); a failed load is forgotten, so it can be tried again. */
const loads = new WeakMap<Engine, Map<string, Promise<void>>>();
let staging = 0;

/** The indicators among `ids` that the site reads from value parts (with their files). */
export function partsOf(site: Site, ids: Iterable<string>): { ind: Indicator; path: string }[] {
  const files = site.valueParts?.files;
  if (!files) return [];
  const out: { ind: Indicator; path: string }[] = [];
  for (const id of new Set(ids)) {
    const path = files[id];
    const ind = site.indicators.find((i) => i.id === id);
    if (path !== undefined && ind && ind.formula === undefined) out.push({ ind, path });
  }
  return out;
}

/**
 * Makes sure the observations of the given indicators (those the site has as value parts; others
 * are there since loadSite) are in DuckDB; each part is read once per engine, also when asked for
 * by several views at once. The site must be loaded (loadSite). A part that cannot be read or
 * decoded rejects with a message naming the indicator and its file; nothing is inserted for it
 * then, and what was loaded before stays.
 */
export async function ensureIndicatorsLoaded(engine: Engine, site: Site, ids: Iterable<string>, readPart: ReadPart): Promise<void> {
  const parts = partsOf(site, ids);
  if (parts.length === 0) return;
  let byKey = loads.get(engine);
  if (!byKey) loads.set(engine, (byKey = new Map()));
  const running = parts.map(({ ind, path }) => {
    const key = `${site.id}|${ind.id}`;
    let load = byKey.get(key);
    if (!load) {
      load = loadPart(engine, site, ind, path, readPart);
      byKey.set(key, load);
      load.catch(() => byKey.delete(key));
    }
    return load;
  });
  await Promise.all(running);
}

/** Whether an indicator's observations have been asked for and are loaded or loading (tests, the SQL console's note). */
export function isIndicatorLoading(engine: Engine, siteId: string, id: string): boolean {
  return loads.get(engine)?.has(`${siteId}|${id}`) === true;
}

async function loadPart(engine: Engine, site: Site, ind: Indicator, path: string, readPart: ReadPart): Promise<void> {
  let ipc: Uint8Array;
  try {
    ipc = await readPart(path);
  } catch (err) {
    throw new Error(`The values of indicator "${ind.id}" (${path}) could not be read: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const name = `value_part_${staging++}`;
  await engine.query(`DROP TABLE IF EXISTS ${ident(name)}`);
  try {
    await engine.insertArrowIPC(name, ipc);
    // Rows of this indicator already there (a site loaded from values.csv by an older catalog): none twice.
    const there = await engine.query(`SELECT 1 FROM observations WHERE site = ${str(site.id)} AND ind = ${str(ind.id)} LIMIT 1`);
    if (there.numRows === 0) await insertFromTable(engine, site, [ind], ident(name), path, false);
  } catch (err) {
    throw new Error(`The values of indicator "${ind.id}" (${path}) could not be loaded: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  } finally {
    await engine.query(`DROP TABLE IF EXISTS ${ident(name)}`);
  }
}
