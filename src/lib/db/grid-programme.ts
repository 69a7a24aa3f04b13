// Programme areas on a grid site, in DuckDB: what each area covers of the cells
// (table grid_programme_cells: runs of whole cells y, x0 … x1 with w = 1, and the
// border cells x0 = x1 with the share w inside; analysis/grid-cell-weights.ts),
// its row in `areas` (level PROGRAMME_LEVEL,
// parent NULL), and its figures from the cells (grid_cells):
//   residents  Σ w · einwohner (cells with fewer than 3 residents are not in the file);
//   shares     Σ w · einwohner · pct / Σ w · einwohner over the cells with a value, given
//              when those cells hold at least MIN_RATE_COVERAGE of the residents (else missing);
//   mean age   weighted by residents, the same way;
//   household size  Σ w · einwohner / Σ w · einwohner / hhgroesse (persons per household:
//              residents over households, each cell's households = residents / its mean size).
// Every value is flagged estimated. The whole grid ("Deutschland") is the reference.
import type { Indicator, Site } from '../data/catalog-types';
import type { AreaValue } from '../data/values';
import type { CellCover } from '../analysis/grid-cell-weights';
import { PROGRAMME_LEVEL, type ProgrammeArea } from '../data/programme-areas';
import { queryRows, type Engine } from './engine';
import { isGridColumn } from './grid';
import { MIN_RATE_COVERAGE } from './queries';
import { ensureTables } from './schema';
import { ident, int, num, str } from './sql';

const TABLE = 'grid_programme_cells';
/** The cells an area covers: a run's cells by their row and x range, a border cell as a run of one. */
const JOINED = `${TABLE} p JOIN grid_cells g ON g.site = p.site AND g.y = p.y AND g.x BETWEEN p.x0 AND p.x1`;
const CHUNK = 5000;
/** The id of the whole grid's row (the reference of compare and profile). */
export const GRID_TOTAL_ID = 'DE';

const text = (value: string) => str(value.replaceAll('\0', ''));

/**
 * Replaces the programme areas of a grid site: what each covers (cell centres in EPSG:3035) and
 * their rows in `areas` (label point given, or the mean of the cells' positions). Areas that cover
 * no cell of the grid (a polygon at sea) are no areas of the level.
 */
export async function setGridProgrammeAreas(
  engine: Engine,
  site: Site,
  areas: readonly ProgrammeArea[],
  covers: ReadonlyMap<string, CellCover>,
  labels: ReadonlyMap<string, [number, number]> = new Map(),
): Promise<void> {
  const s = str(site.id);
  const level = str(PROGRAMME_LEVEL);
  await ensureTables(engine);
  await engine.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (site VARCHAR NOT NULL, area_id VARCHAR NOT NULL, y INTEGER NOT NULL, x0 INTEGER NOT NULL, x1 INTEGER NOT NULL, w DOUBLE NOT NULL)`);
  await engine.query(`DELETE FROM ${TABLE} WHERE site = ${s}`);
  await engine.query(`DELETE FROM areas WHERE site = ${s} AND level = ${level}`);
  const mine = areas.filter((a) => a.site === site.id && covers.has(a.id));
  const row = (id: string, y: number, x0: number, x1: number, w: number) => `(${s}, ${text(id)}, ${int(Math.round(y))}, ${int(Math.round(x0))}, ${int(Math.round(x1))}, ${num(Math.min(1, w))})`;
  const rows = mine.flatMap((a) => {
    const cover = covers.get(a.id)!;
    return [...cover.runs.map((r) => row(a.id, r.y, r.x0, r.x1, 1)), ...cover.border.filter((c) => c.w > 0).map((c) => row(a.id, c.y, c.x, c.x, c.w))];
  });
  if (rows.length === 0) return;
  for (let i = 0; i < rows.length; i += CHUNK) await engine.query(`INSERT INTO ${TABLE} VALUES ${rows.slice(i, i + CHUNK).join(',')}`);
  const names = mine.map((a) => {
    const label = labels.get(a.id);
    const lon = label && Number.isFinite(label[0]) ? num(label[0]) : 'NULL';
    const lat = label && Number.isFinite(label[1]) ? num(label[1]) : 'NULL';
    return `(${text(a.id)}, ${text(a.name)}, CAST(${lon} AS DOUBLE), CAST(${lat} AS DOUBLE))`;
  });
  // Without a label point: the mean position of the area's cells (weighted by their share).
  await engine.query(`INSERT INTO areas (site, id, name, level, parent, lon, lat)
    SELECT ${s}, n.id, n.name, ${level}, NULL, coalesce(n.lon, m.lon), coalesce(n.lat, m.lat)
    FROM (VALUES ${names.join(',')}) AS n(id, name, lon, lat)
    LEFT JOIN (SELECT p.area_id, sum(p.w * g.lon) / sum(p.w) AS lon, sum(p.w * g.lat) / sum(p.w) AS lat
               FROM ${JOINED} WHERE p.site = ${s} GROUP BY p.area_id) m ON m.area_id = n.id
    WHERE n.id IN (SELECT DISTINCT p.area_id FROM ${JOINED} WHERE p.site = ${s})`);
}

/** The SQL of an indicator's value, coverage and basis over weighted cells `p` ⋈ `g`. */
function expressions(column: string): { value: string; coverage: string; basis: string } {
  const e = 'p.w * g.einwohner';
  if (column === 'einwohner') return { value: `sum(${e})`, coverage: 'CAST(NULL AS DOUBLE)', basis: `sum(${e})` };
  const c = `g.${ident(column)}`;
  const covered = column === 'hhgroesse_mean' ? `sum(CASE WHEN ${c} > 0 THEN ${e} END)` : `sum(CASE WHEN ${c} IS NOT NULL THEN ${e} END)`;
  const coverage = `CASE WHEN sum(${e}) > 0 THEN coalesce(${covered}, 0) / sum(${e}) END`;
  const mean = column === 'hhgroesse_mean' ? `${covered} / sum(CASE WHEN ${c} > 0 THEN ${e} / ${c} END)` : `sum(${e} * ${c}) / ${covered}`;
  return { value: `CASE WHEN (${coverage}) >= ${num(MIN_RATE_COVERAGE)} THEN ${mean} END`, coverage, basis: `sum(${e})` };
}

/** One row per `idExpr` of an indicator over weighted cells `p` ⋈ `g` (`from` joins them); also db/grid-town.ts. */
export function gridSeriesSql(site: Site, ind: Indicator, from: string, idExpr: string): string {
  if (!ind.column || !isGridColumn(ind.column)) throw new Error(`Indicator "${ind.id}" has no grid column`);
  const year = ind.years[ind.years.length - 1] ?? 0;
  const x = expressions(ind.column);
  const withValue = ind.column === 'einwohner' ? 'count(*)' : `count(g.${ident(ind.column)})`;
  return `SELECT ${idExpr} AS id, ${int(year)} AS year,
      CAST(${x.value} AS DOUBLE) AS value, CAST(${x.coverage} AS DOUBLE) AS coverage, CAST(${x.basis} AS DOUBLE) AS basis,
      CAST(NULL AS DOUBLE) AS below, CAST(count(*) AS INTEGER) AS n, CAST(${withValue} AS INTEGER) AS present,
      ${idExpr === str(GRID_TOTAL_ID) ? 'false' : 'true'} AS estimated
    ${from}
    GROUP BY ALL ORDER BY 1`;
}

/** Each programme area's value of a grid indicator (one year: the grid's). */
export function gridProgrammeSeries(engine: Engine, site: Site, ind: Indicator): Promise<AreaValue[]> {
  const from = `FROM ${JOINED} WHERE p.site = ${str(site.id)}`;
  return tableExists(engine).then((exists) => (exists ? queryRows<AreaValue & Record<string, unknown>>(engine, gridSeriesSql(site, ind, from, 'p.area_id')) : []));
}

/** The whole grid's value (every cell with weight 1), as one row GRID_TOTAL_ID: the reference of compare and profile. */
export function gridTotalSeries(engine: Engine, site: Site, ind: Indicator): Promise<AreaValue[]> {
  const from = `FROM (SELECT 1.0 AS w) p, grid_cells g WHERE g.site = ${str(site.id)}`;
  return queryRows<AreaValue & Record<string, unknown>>(engine, gridSeriesSql(site, ind, from, str(GRID_TOTAL_ID)));
}

async function tableExists(engine: Engine): Promise<boolean> {
  const r = await engine.query(`SELECT 1 FROM information_schema.tables WHERE table_name = ${str(TABLE)}`);
  return r.numRows > 0;
}

/** Whether a grid site's cells are in DuckDB. */
export async function gridLoaded(engine: Engine, siteId: string): Promise<boolean> {
  const t = await engine.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'grid_cells'`);
  if (t.numRows === 0) return false;
  return (await engine.query(`SELECT 1 FROM grid_cells WHERE site = ${str(siteId)} LIMIT 1`)).numRows > 0;
}
