import { beforeAll, describe, expect, test } from 'vitest';
import { readFile } from 'node:fs/promises';
import { queryRows, type Engine } from '../../src/lib/db/engine';
import {
  GRID_COLUMNS,
  gridColumn,
  gridCount,
  gridPositions,
  gridValues,
  loadGrid,
} from '../../src/lib/db/grid';
import { createNodeEngine, dataDir } from './helpers/node-engine';

const SITE = 'zensus-grid';
// Totals of the source (shared/data/zensus2011-grid-1km/SOURCE.md and data/zensus-grid/SOURCES.part.md).
const CELLS = 214_633;
const EINWOHNER = 80_212_528;
const SUPPRESSED: Record<string, number> = {
  einwohner: 0,
  auslaender_pct: 13_532,
  frauen_pct: 14_715,
  alter_mean: 15_432,
  unter18_pct: 19_984,
  ab65_pct: 24_827,
  hhgroesse_mean: 13_674,
  leerstandsquote_pct: 38_076,
};
// The cell that contains Leipzig's centre (51.34 N, 12.37 E): CRS3035RES1000mN3139000E4486000.
const LEIPZIG = { x: 4_486_500, y: 3_139_500, lon: 12.375614, lat: 51.342167, einwohner: 3494, auslaender_pct: 14 };

const timings: Record<string, number> = {};
async function timed<T>(name: string, run: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const result = await run();
  timings[name] = Math.round(performance.now() - t0);
  return result;
}

let engine: Engine;

beforeAll(async () => {
  engine = await createNodeEngine();
  const bytes = new Uint8Array(await readFile(`${dataDir}zensus-grid/cells.arrow`));
  await timed('load (IPC bytes → queryable)', () => loadGrid(engine, SITE, bytes));
});

describe('grid_cells', () => {
  test('has every cell once, with the residents of Germany', async () => {
    const [row] = await queryRows<{ n: number; cells: number; ew: number; sites: number }>(
      engine,
      `SELECT CAST(count(*) AS INTEGER) AS n, CAST(count(DISTINCT (x, y)) AS INTEGER) AS cells,
              CAST(sum(einwohner) AS DOUBLE) AS ew, CAST(count(DISTINCT site) AS INTEGER) AS sites
       FROM grid_cells`,
    );
    expect(row).toEqual({ n: CELLS, cells: CELLS, ew: EINWOHNER, sites: 1 });
    expect(await gridCount(engine, SITE)).toBe(CELLS);
  });

  test('suppressed values are NULL, as many as in the source', async () => {
    const counts = GRID_COLUMNS.map((c) => `CAST(count(${c}) AS INTEGER) AS ${c}`).join(', ');
    const [row] = await queryRows(engine, `SELECT ${counts} FROM grid_cells WHERE site = '${SITE}'`);
    for (const c of GRID_COLUMNS) expect([c, row?.[c]]).toEqual([c, CELLS - SUPPRESSED[c]!]);
    expect(row?.auslaender_pct).toBe(201_101);
  });

  test('loading again is a no-op', async () => {
    const bytes = new Uint8Array(await readFile(`${dataDir}zensus-grid/cells.arrow`));
    await loadGrid(engine, SITE, bytes);
    expect(await gridCount(engine, SITE)).toBe(CELLS);
    const [row] = await queryRows(engine, `SELECT CAST(count(*) AS INTEGER) AS n FROM duckdb_tables() WHERE table_name LIKE 'grid_import%'`);
    expect(row?.n).toBe(0);
  });

  test('the Leipzig check cell', async () => {
    const [cell] = await queryRows<Record<string, number>>(
      engine,
      `SELECT x, y, CAST(lon AS DOUBLE) AS lon, CAST(lat AS DOUBLE) AS lat, einwohner, CAST(auslaender_pct AS DOUBLE) AS a
       FROM grid_cells WHERE site = '${SITE}' AND x = ${LEIPZIG.x} AND y = ${LEIPZIG.y}`,
    );
    expect(cell?.x).toBe(LEIPZIG.x);
    expect(cell?.lon).toBeCloseTo(LEIPZIG.lon, 5);
    expect(cell?.lat).toBeCloseTo(LEIPZIG.lat, 5);
    expect(cell?.einwohner).toBe(LEIPZIG.einwohner);
    expect(cell?.a).toBe(LEIPZIG.auslaender_pct);
  });
});

describe('typed arrays for the map', () => {
  test('positions: lon/lat interleaved, inside Germany, Leipzig where it belongs', async () => {
    const { count, positions } = await timed('gridPositions', () => gridPositions(engine, SITE));
    expect(count).toBe(CELLS);
    expect(positions).toBeInstanceOf(Float32Array);
    expect(positions.length).toBe(2 * CELLS);
    let minLon = Infinity, maxLon = -Infinity, minLat = Infinity, maxLat = -Infinity; // prettier-ignore
    for (let i = 0; i < count; i++) {
      minLon = Math.min(minLon, positions[2 * i]!);
      maxLon = Math.max(maxLon, positions[2 * i]!);
      minLat = Math.min(minLat, positions[2 * i + 1]!);
      maxLat = Math.max(maxLat, positions[2 * i + 1]!);
    }
    // Germany: 5.87–15.04 E, 47.27–55.06 N.
    expect(minLon).toBeGreaterThan(5.8);
    expect(maxLon).toBeLessThan(15.1);
    expect(minLat).toBeGreaterThan(47.2);
    expect(maxLat).toBeLessThan(55.1);

    // Rows come sorted by y, x: find the Leipzig cell's index through SQL and compare.
    const [row] = await queryRows<{ i: number }>(
      engine,
      `SELECT CAST(i AS INTEGER) AS i FROM (
         SELECT x, y, row_number() OVER (ORDER BY y, x) - 1 AS i FROM grid_cells WHERE site = '${SITE}')
       WHERE x = ${LEIPZIG.x} AND y = ${LEIPZIG.y}`,
    );
    const i = row!.i;
    expect(positions[2 * i]).toBeCloseTo(LEIPZIG.lon, 5);
    expect(positions[2 * i + 1]).toBeCloseTo(LEIPZIG.lat, 5);
    const values = await gridColumn(engine, SITE, 'einwohner');
    expect(values[i]).toBe(LEIPZIG.einwohner);
  });

  test('values: NaN exactly where NULL, never 0 for a missing value', async () => {
    for (const c of GRID_COLUMNS) {
      const values = await timed(`gridColumn ${c}`, () => gridColumn(engine, SITE, c));
      expect(values).toBeInstanceOf(Float32Array);
      expect(values.length).toBe(CELLS);
      let nan = 0;
      let zeros = 0;
      for (const v of values) {
        if (Number.isNaN(v)) nan++;
        else if (v === 0) zeros++;
      }
      expect([c, nan]).toEqual([c, SUPPRESSED[c]]);
      // Zeros in the array are zeros in the table (published 0 %), not nulls.
      const [row] = await queryRows(engine, `SELECT CAST(count(*) AS INTEGER) AS n FROM grid_cells WHERE ${c} = 0`);
      expect([c, zeros]).toEqual([c, row?.n]);
    }
    const sum = (await gridColumn(engine, SITE, 'einwohner')).reduce((s, v) => s + v, 0);
    expect(sum).toBe(EINWOHNER);
  });

  test('gridValues pairs positions and values; unknown columns are refused', async () => {
    const data = await timed('gridValues auslaender_pct', () => gridValues(engine, SITE, 'auslaender_pct'));
    expect(data.count).toBe(CELLS);
    expect(data.positions.length).toBe(2 * CELLS);
    expect(data.values.length).toBe(CELLS);
    await expect(gridColumn(engine, SITE, 'x; DROP TABLE grid_cells')).rejects.toThrow(/Unknown grid column/);
    expect(await gridCount(engine, 'nowhere')).toBe(0);
  });

  test('timings', () => {
    // Reported, not asserted (2-core CI machine).
    console.log('grid timings (ms):', JSON.stringify(timings));
  });
});
