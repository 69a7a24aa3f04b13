// A town's figures on a grid site: the cells whose centre lies in a Gemeinde
// (chosen in JS by point-in-polygon, state/grid-towns.ts) are kept per town in
// grid_town_cells; the figures come from them like a programme area's, every
// cell whole (sums of counts, rates from counts; db/grid-programme.ts). Every
// value is an estimate (cells by their centre, not the Gemeinde's own figures).
import type { Indicator, Site } from '../data/catalog-types';
import type { AreaValue } from '../data/values';
import { queryRows, type Engine } from './engine';
import { gridSeriesSql } from './grid-programme';
import { int, num, str } from './sql';

const TABLE = 'grid_town_cells';
const CHUNK = 5000;

export interface GridCellPosition {
  x: number;
  y: number;
  lon: number;
  lat: number;
}

/** The cells (EPSG:3035 centre and WGS 84 position) in a lon/lat box. */
export function gridCellsInBox(engine: Engine, site: Site, box: readonly [number, number, number, number]): Promise<GridCellPosition[]> {
  const [w, s, e, n] = box.map((v) => (Number.isFinite(v) ? v : 0));
  return queryRows<GridCellPosition & Record<string, unknown>>(
    engine,
    `SELECT x, y, CAST(lon AS DOUBLE) AS lon, CAST(lat AS DOUBLE) AS lat FROM grid_cells
     WHERE site = ${str(site.id)} AND lon BETWEEN ${num(w!)} AND ${num(e!)} AND lat BETWEEN ${num(s!)} AND ${num(n!)} ORDER BY y, x`,
  );
}

/** Replaces the cells of one town (its id, e.g. the Gemeinde's AGS) on a grid site. */
export async function setGridTownCells(engine: Engine, site: Site, townId: string, cells: readonly { x: number; y: number }[]): Promise<void> {
  await engine.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (site VARCHAR NOT NULL, town_id VARCHAR NOT NULL, x INTEGER NOT NULL, y INTEGER NOT NULL)`);
  await engine.query(`DELETE FROM ${TABLE} WHERE site = ${str(site.id)} AND town_id = ${str(townId)}`);
  const rows = cells.map((c) => `(${str(site.id)}, ${str(townId)}, ${int(Math.round(c.x))}, ${int(Math.round(c.y))})`);
  for (let i = 0; i < rows.length; i += CHUNK) await engine.query(`INSERT INTO ${TABLE} VALUES ${rows.slice(i, i + CHUNK).join(',')}`);
}

/** The figures of the given towns (one row each that has cells; the grid's one year), estimated. */
export function gridTownSeries(engine: Engine, site: Site, ind: Indicator, townIds: readonly string[]): Promise<AreaValue[]> {
  if (townIds.length === 0) return Promise.resolve([]);
  const from = `FROM (SELECT site, town_id, x, y, 1.0 AS w FROM ${TABLE}) p JOIN grid_cells g ON g.site = p.site AND g.x = p.x AND g.y = p.y
    WHERE p.site = ${str(site.id)} AND p.town_id IN (${townIds.map(str).join(', ')})`;
  return queryRows<AreaValue & Record<string, unknown>>(engine, gridSeriesSql(site, ind, from, 'p.town_id'));
}
