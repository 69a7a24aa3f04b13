// The Zensus 1 km grid in DuckDB: one table of cells, read back as typed arrays
// for the deck.gl layer (no per-row JS objects). All SQL for the grid lives here.
import type { Engine, ResultTable } from './engine';
import { ident, str } from './sql';

/** The value columns of a cell (besides `x`, `y`, `lon`, `lat`). */
export const GRID_COLUMNS = [
  'einwohner',
  'auslaender_pct',
  'frauen_pct',
  'alter_mean',
  'unter18_pct',
  'ab65_pct',
  'hhgroesse_mean',
  'leerstandsquote_pct',
] as const;
export type GridColumn = (typeof GRID_COLUMNS)[number];

export function isGridColumn(column: string): column is GridColumn {
  return (GRID_COLUMNS as readonly string[]).includes(column);
}

export interface GridData {
  count: number;
  /** lon, lat interleaved (2 × count), EPSG:4326 cell centres. */
  positions: Float32Array;
  /** One value per cell, in the order of `positions`; NaN where the value is suppressed. */
  values: Float32Array;
}

/** What this module reads of an Arrow result: columns as typed arrays. */
interface ArrowColumn {
  length: number;
  nullCount: number;
  toArray(): ArrayLike<number>;
}
interface ArrowResult extends ResultTable {
  getChild(name: string): ArrowColumn | null;
}

const TABLE = 'grid_cells';
// Cells come back in one fixed order (y, x is the key), so that positions and
// values fetched by separate queries line up.
const ORDER = 'ORDER BY y, x';

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS ${TABLE} (
  site VARCHAR NOT NULL,
  x INTEGER NOT NULL, y INTEGER NOT NULL,
  lon FLOAT NOT NULL, lat FLOAT NOT NULL,
  einwohner INTEGER NOT NULL,
  auslaender_pct FLOAT, frauen_pct FLOAT, alter_mean FLOAT, unter18_pct FLOAT,
  ab65_pct FLOAT, hhgroesse_mean FLOAT, leerstandsquote_pct FLOAT)`;

const COLUMN_LIST = ['x', 'y', 'lon', 'lat', ...GRID_COLUMNS].map(ident).join(', ');

// One load per engine and site, also when called twice before the first one ends.
const loading = new WeakMap<Engine, Map<string, Promise<void>>>();

/**
 * Loads a site's cells (the Arrow IPC stream written by scripts/prepare-grid.mjs)
 * into table `grid_cells`. Idempotent per site.
 */
export function loadGrid(engine: Engine, siteId: string, bytes: Uint8Array): Promise<void> {
  let perSite = loading.get(engine);
  if (!perSite) loading.set(engine, (perSite = new Map()));
  let pending = perSite.get(siteId);
  if (!pending) {
    pending = insertGrid(engine, siteId, bytes);
    perSite.set(siteId, pending);
    // A failed load may be retried.
    pending.catch(() => perSite.delete(siteId));
  }
  return pending;
}

async function insertGrid(engine: Engine, siteId: string, bytes: Uint8Array): Promise<void> {
  await engine.query(CREATE_TABLE);
  const site = str(siteId);
  const loaded = await engine.query(`SELECT 1 FROM ${TABLE} WHERE site = ${site} LIMIT 1`);
  if (loaded.numRows > 0) return;
  const stagingName = `grid_import_${siteId.replace(/[^A-Za-z0-9_]/g, '_')}`;
  const staging = ident(stagingName);
  await engine.query(`DROP TABLE IF EXISTS ${staging}`);
  await engine.insertArrowIPC(stagingName, bytes);
  try {
    await engine.query(`INSERT INTO ${TABLE} (site, ${COLUMN_LIST})
      SELECT ${site}, ${COLUMN_LIST} FROM ${staging}`);
  } finally {
    await engine.query(`DROP TABLE IF EXISTS ${staging}`);
  }
  const check = await engine.query(`SELECT 1 FROM ${TABLE} WHERE site = ${site} LIMIT 1`);
  if (check.numRows === 0) throw new Error(`Grid site "${siteId}" has no cells`);
}

function column(result: ResultTable, name: string): ArrowColumn {
  const col = (result as ArrowResult).getChild(name);
  if (!col) throw new Error(`Grid query returned no column "${name}"`);
  return col;
}

function asFloat32(col: ArrowColumn): Float32Array {
  if (col.nullCount > 0) throw new Error('Grid column has nulls where none were expected');
  const values = col.toArray();
  return values instanceof Float32Array ? values : Float32Array.from(values);
}

/** Number of cells of a site. */
export async function gridCount(engine: Engine, siteId: string): Promise<number> {
  const result = await engine.query(
    `SELECT CAST(count(*) AS INTEGER) AS n FROM ${TABLE} WHERE site = ${str(siteId)}`,
  );
  return Number(column(result, 'n').toArray()[0] ?? 0);
}

/** Cell centres, lon/lat interleaved. Fetch once per site: they do not change with the indicator. */
export async function gridPositions(engine: Engine, siteId: string): Promise<{ count: number; positions: Float32Array }> {
  const result = await engine.query(`SELECT lon, lat FROM ${TABLE} WHERE site = ${str(siteId)} ${ORDER}`);
  const lon = asFloat32(column(result, 'lon'));
  const lat = asFloat32(column(result, 'lat'));
  const count = lon.length;
  const positions = new Float32Array(count * 2);
  for (let i = 0; i < count; i++) {
    positions[2 * i] = lon[i]!;
    positions[2 * i + 1] = lat[i]!;
  }
  return { count, positions };
}

/** One value column, in the order of gridPositions; NaN where the value is suppressed (NULL). */
export async function gridColumn(engine: Engine, siteId: string, name: string): Promise<Float32Array> {
  if (!isGridColumn(name)) throw new Error(`Unknown grid column "${name}"`);
  const result = await engine.query(
    `SELECT coalesce(CAST(${ident(name)} AS FLOAT), 'NaN'::FLOAT) AS v
     FROM ${TABLE} WHERE site = ${str(siteId)} ${ORDER}`,
  );
  return asFloat32(column(result, 'v'));
}

/** Positions and one value column together. */
export async function gridValues(engine: Engine, siteId: string, name: string): Promise<GridData> {
  const { count, positions } = await gridPositions(engine, siteId);
  const values = await gridColumn(engine, siteId, name);
  if (values.length !== count) throw new Error(`Grid values (${values.length}) do not match cells (${count})`);
  return { count, positions, values };
}
