// Value parts in DuckDB: a site with many base areas (catalog `valueParts`, site-package.js:
// valuePartPath) has each indicator's values in a Parquet file of its own. loadSite (schema.ts) puts
// the site's areas and its indicators' metadata in; an indicator's observations follow when they are
// first needed — ensureIndicatorsLoaded, which the value cache awaits before every question about
// an indicator — into the same `observations` table, so every query stays as it is. Parts written
// with one row group per year (`valueParts.rowGroups`) are read year by year: the map's question
// reads the year it shows, a question about every year the rest.
import type { Indicator, Site } from '../data/catalog-types';
import type { Engine } from './engine';
import { insertFromTable } from './schema';
import { ident, str } from './sql';

/** Which years of a part to read: these, or (null) every year of the file except `except` (read or being read). */
export interface PartRequest {
  years: readonly number[] | null;
  except: readonly number[];
}

/**
 * A value part as an Arrow IPC stream (io/value-part*.ts): the whole file (`request` null: a part
 * written before parts had a row group per year), or the row groups of the years asked for (null
 * when the file has none of them).
 */
export type ReadPart = (path: string, size: number | undefined, request: PartRequest | null) => Promise<Uint8Array | null>;

/**
 * What is loaded (or loading) of one site|indicator: per year; the load of every year (`rest`: year by
 * year, then a sweep of any year the catalog does not list); `swept` once that sweep is done.
 */
interface PartLoads {
  years: Map<number, Promise<void>>;
  rest: Promise<void> | null;
  sweep: Promise<void> | null;
  swept: boolean;
}

/** Per engine: site|indicator → its loads; a failed load is forgotten, so it can be tried again. */
const loads = new WeakMap<Engine, Map<string, PartLoads>>();
let staging = 0;

/** The indicators among `ids` that the site reads from value parts (with their files and, for parts by year, their sizes). */
export function partsOf(site: Site, ids: Iterable<string>): { ind: Indicator; path: string; size: number | undefined }[] {
  const parts = site.valueParts;
  if (!parts?.files) return [];
  const out: { ind: Indicator; path: string; size: number | undefined }[] = [];
  for (const id of new Set(ids)) {
    const path = parts.files[id];
    const ind = site.indicators.find((i) => i.id === id);
    const size = parts.rowGroups === 'year' ? parts.sizes?.[id] : undefined;
    if (path !== undefined && ind && ind.formula === undefined) out.push({ ind, path, size });
  }
  return out;
}

/**
 * Makes sure the observations of the given indicators (those the site has as value parts; others
 * are there since loadSite) are in DuckDB: of the given `years` only (each read once), or of every
 * year (`years` omitted: what every question about more than the years shown needs). Each part's
 * year is read once per engine, also when asked for by several views at once. The site must be
 * loaded (loadSite). A part that cannot be read or decoded rejects with a message naming the
 * indicator and its file; nothing is inserted for it then, and what was loaded before stays.
 */
export async function ensureIndicatorsLoaded(engine: Engine, site: Site, ids: Iterable<string>, readPart: ReadPart, years?: readonly number[]): Promise<void> {
  const parts = partsOf(site, ids);
  if (parts.length === 0) return;
  let byKey = loads.get(engine);
  if (!byKey) loads.set(engine, (byKey = new Map()));
  const running = parts.map((part) => {
    const key = `${site.id}|${part.ind.id}`;
    let state = byKey.get(key);
    if (!state) byKey.set(key, (state = { years: new Map(), rest: null, sweep: null, swept: false }));
    // A part written whole is loaded whole, whatever is asked.
    return years === undefined || part.size === undefined ? loadRest(engine, site, part, state, readPart) : loadYears(engine, site, part, state, years, readPart);
  });
  await Promise.all(running);
}

/** Whether an indicator's observations have been asked for and are loaded or loading, of any year (tests, the SQL console's note). */
export function isIndicatorLoading(engine: Engine, siteId: string, id: string): boolean {
  const state = loads.get(engine)?.get(`${siteId}|${id}`);
  return state !== undefined && (state.rest !== null || state.swept || state.years.size > 0);
}

/** Whether every year of an indicator's part has been asked for (loaded or loading). */
export function isIndicatorComplete(engine: Engine, siteId: string, id: string): boolean {
  const state = loads.get(engine)?.get(`${siteId}|${id}`);
  return state !== undefined && (state.rest !== null || state.swept);
}

type Part = { ind: Indicator; path: string; size: number | undefined };

function loadYears(engine: Engine, site: Site, part: Part, state: PartLoads, years: readonly number[], readPart: ReadPart): Promise<unknown> {
  const waits: Promise<void>[] = [];
  const wanted = [...new Set(years)].filter((y) => {
    const there = state.years.get(y);
    if (there) waits.push(there);
    // A year the catalog does not list: read (or being read) by the sweep.
    else if (state.swept) return false;
    else if (state.sweep) waits.push(state.sweep);
    return !there && !state.sweep;
  });
  if (wanted.length > 0) {
    const load = loadPart(engine, site, part, { years: wanted, except: [] }, readPart);
    for (const y of wanted) state.years.set(y, load);
    load.catch(() => {
      for (const y of wanted) if (state.years.get(y) === load) state.years.delete(y);
    });
    waits.push(load);
  }
  return Promise.all(waits);
}

/**
 * Every year: a part read whole at once; a part by year year by year, one after another (so that a
 * year asked for meanwhile waits only for its own row group, or is read at once), then the row
 * groups of any year the catalog does not list.
 */
function loadRest(engine: Engine, site: Site, part: Part, state: PartLoads, readPart: ReadPart): Promise<void> {
  if (state.rest) return state.rest;
  const rest =
    part.size === undefined
      ? loadPart(engine, site, part, null, readPart)
      : (async () => {
          for (const y of part.ind.years) await loadYears(engine, site, part, state, [y], readPart);
          if (state.swept) return;
          if (!state.sweep) {
            const sweep = loadPart(engine, site, part, { years: null, except: [...state.years.keys()] }, readPart);
            state.sweep = sweep;
            sweep.then(
              () => (state.swept = true),
              () => undefined,
            );
            sweep.catch(() => undefined).finally(() => {
              if (state.sweep === sweep) state.sweep = null;
            });
          }
          await state.sweep;
        })();
  state.rest = rest;
  rest.catch(() => {
    if (state.rest === rest) state.rest = null;
  });
  return rest;
}

async function loadPart(engine: Engine, site: Site, part: Part, request: PartRequest | null, readPart: ReadPart): Promise<void> {
  const { ind, path } = part;
  let ipc: Uint8Array | null;
  try {
    ipc = await readPart(path, part.size, request);
  } catch (err) {
    throw new Error(`The values of indicator "${ind.id}" (${path}) could not be read: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  if (ipc === null) return; // no row of these years
  const name = `value_part_${staging++}`;
  await engine.query(`DROP TABLE IF EXISTS ${ident(name)}`);
  try {
    await engine.insertArrowIPC(name, ipc);
    // Years of this indicator already there (a site loaded from values.csv by an older catalog): none twice.
    await engine.query(
      `DELETE FROM ${ident(name)} WHERE year IN (SELECT DISTINCT year FROM observations WHERE site = ${str(site.id)} AND ind = ${str(ind.id)})`,
    );
    await insertFromTable(engine, site, [ind], ident(name), path, false);
  } catch (err) {
    throw new Error(`The values of indicator "${ind.id}" (${path}) could not be loaded: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  } finally {
    await engine.query(`DROP TABLE IF EXISTS ${ident(name)}`);
  }
}
