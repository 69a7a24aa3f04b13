// Programme areas on the Zensus grid (issue 17, "a drawn ThINKA neighbourhood
// over the Zensus grid"): the share of each 1 km cell inside a polygon (exact
// squares in EPSG:3035), and the figures DuckDB computes from the real cells
// against a hand-computed case around Leipzig's centre.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Polygon, Position } from 'geojson';
import proj4 from 'proj4';
import { findBundledSite, findIndicator } from '../../src/lib/data/catalog';
import { PROGRAMME_LEVEL, type ProgrammeArea } from '../../src/lib/data/programme-areas';
import { checkProgrammeArea } from '../../src/lib/data/programme-areas-check';
import { EPSG_3035, gridCellCover, gridCellWeights, toLaea } from '../../src/lib/analysis/grid-cell-weights';
import { clipByConvex } from '../../src/lib/analysis/areal-geometry';
import { queryRows, type Engine } from '../../src/lib/db/engine';
import { loadGrid } from '../../src/lib/db/grid';
import { GRID_TOTAL_ID, gridProgrammeSeries, gridTotalSeries, setGridProgrammeAreas } from '../../src/lib/db/grid-programme';
import { writeGridProgrammeAreas } from '../../src/lib/state/grid-programme-areas';
import { ValueCache } from '../../src/lib/state/value-cache';
import { siteRegistry } from '../../src/lib/data/site-registry.svelte';
import { isAggregable } from '../../src/lib/data/catalog';
import { createNodeEngine, readDataFile } from './helpers/node-engine';

const grid = findBundledSite('zensus-grid');
const ring = (x0: number, y0: number, x1: number, y1: number): Position[] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
/** The cell containing Leipzig's centre has its lower-left corner here (grid.test.ts). */
const X0 = 4_486_000;
const Y0 = 3_139_000;

interface Cell {
  x: number;
  y: number;
  einwohner: number;
  auslaender_pct: number | null;
  alter_mean: number | null;
  hhgroesse_mean: number | null;
}

describe('cell shares of a polygon in EPSG:3035', () => {
  it('a polygon of whole cells gives weight 1 for exactly those cells', () => {
    const w = gridCellWeights([[ring(X0, Y0, X0 + 2000, Y0 + 2000)]]);
    expect(w).toEqual([
      { x: X0 + 500, y: Y0 + 500, w: 1 },
      { x: X0 + 1500, y: Y0 + 500, w: 1 },
      { x: X0 + 500, y: Y0 + 1500, w: 1 },
      { x: X0 + 1500, y: Y0 + 1500, w: 1 },
    ]);
  });

  it('a cell cut in half counts half, a triangle over four cells by the area of each part, holes subtract', () => {
    const half = gridCellWeights([[ring(X0, Y0, X0 + 1500, Y0 + 1000)]]);
    expect(half).toEqual([{ x: X0 + 500, y: Y0 + 500, w: 1 }, { x: X0 + 1500, y: Y0 + 500, w: 0.5 }]);
    // The triangle (0,0), (2000,0), (0,2000): lower-left cell whole, the two it cuts through the diagonal half each.
    const tri = gridCellWeights([[[[X0, Y0], [X0 + 2000, Y0], [X0, Y0 + 2000], [X0, Y0]]]]);
    expect(tri.map((c) => [c.x - X0, c.y - Y0, c.w])).toEqual([[500, 500, 1], [1500, 500, 0.5], [500, 1500, 0.5]]);
    expect(tri.reduce((s, c) => s + c.w, 0) * 1e6).toBeCloseTo(2e6, 3); // the triangle's area, 2 km²
    const holed = gridCellWeights([[ring(X0, Y0, X0 + 3000, Y0 + 3000), ring(X0 + 1000, Y0 + 1000, X0 + 1500, Y0 + 2000).reverse()]]);
    expect(holed).toHaveLength(9);
    expect(holed.find((c) => c.x === X0 + 1500 && c.y === Y0 + 1500)!.w).toBeCloseTo(0.5, 12);
    expect(holed.reduce((s, c) => s + c.w, 0)).toBeCloseTo(8.5, 12);
  });

  it('a large polygon: every cell inside whole, border cells partly; the total equals the polygon area', () => {
    // A rotated square of 40 km side: 1,600 km².
    const c = [X0, Y0];
    const a = Math.PI / 7;
    const corner = (dx: number, dy: number): Position => [c[0]! + dx * Math.cos(a) - dy * Math.sin(a), c[1]! + dx * Math.sin(a) + dy * Math.cos(a)];
    const square = [corner(-20000, -20000), corner(20000, -20000), corner(20000, 20000), corner(-20000, 20000), corner(-20000, -20000)];
    const w = gridCellWeights([[square]]);
    expect(w.reduce((s, x) => s + x.w, 0)).toBeCloseTo(1600, 6);
    expect(w.filter((x) => x.w === 1).length).toBeGreaterThan(1400);
  });

  it('a concave star with a hole, both orientations: every share agrees with clipping the square (Sutherland–Hodgman), whole cells come in runs', () => {
    const star: Position[] = [];
    for (let k = 0; k < 14; k++) {
      const r = k % 2 === 0 ? 9300 : 3100;
      const a = (k / 14) * 2 * Math.PI + 0.1;
      star.push([X0 + r * Math.cos(a), Y0 + r * Math.sin(a)]);
    }
    star.push(star[0]!);
    const hole = ring(X0 - 1200, Y0 - 700, X0 + 1300, Y0 + 900);
    const clipped = (cx: number, cy: number, polys: Position[][][]) => {
      const sq = ring(cx - 500, cy - 500, cx + 500, cy + 500);
      let a = 0;
      for (const poly of clipByConvex(sq, polys))
        poly.forEach((r, k) => {
          let s2 = 0;
          for (let i = 1; i < r.length; i++) s2 += r[i - 1]![0]! * r[i]![1]! - r[i]![0]! * r[i - 1]![1]!;
          a += (k === 0 ? 1 : -1) * Math.abs(s2 / 2);
        });
      return a / 1e6;
    };
    for (const polys of [[[star, hole]], [[star.slice().reverse(), hole.slice().reverse()]]]) {
      const cover = gridCellCover(polys);
      expect(cover.runs.length).toBeGreaterThan(0);
      const w = gridCellWeights(polys);
      for (const c of w) expect(c.w, `${c.x}, ${c.y}`).toBeCloseTo(clipped(c.x, c.y, polys), 7);
      // No cell is left out: the cells' shares add up to the polygon's area.
      let area2 = 0;
      for (let i = 1; i < star.length; i++) area2 += star[i - 1]![0]! * star[i]![1]! - star[i]![0]! * star[i - 1]![1]!;
      expect(w.reduce((s, c) => s + c.w, 0)).toBeCloseTo(Math.abs(area2 / 2) / 1e6 - 2.5 * 1.6, 6);
    }
  });

  it('a WGS 84 polygon drawn on the map: reprojected with its edges densified, its whole cells within 0.1 % of 1', () => {
    const back = proj4(EPSG_3035, 'EPSG:4326');
    const lonlat: Polygon = { type: 'Polygon', coordinates: [ring(X0, Y0, X0 + 2000, Y0 + 2000).map((p) => back.forward(p as [number, number]))] };
    const w = gridCellWeights(toLaea(lonlat)).filter((c) => c.w > 0.01);
    expect(w.map((c) => [c.x - X0, c.y - Y0])).toEqual([[500, 500], [1500, 500], [500, 1500], [1500, 1500]]);
    for (const c of w) expect(c.w).toBeGreaterThan(0.999);
  });
});

describe('figures of a grid programme area from the real cells (Leipzig centre)', () => {
  let engine: Engine;
  let cells: Cell[];
  const area = (id: string, geometry: Polygon): ProgrammeArea => ({ id, site: grid.id, name: id, programme: 'thinka', startYear: 2024, color: '#cc79a7', members: [], geometry });
  const back = proj4(EPSG_3035, 'EPSG:4326');
  const wgs = (r: Position[]): Polygon => ({ type: 'Polygon', coordinates: [r.map((p) => back.forward(p as [number, number]))] });

  beforeAll(async () => {
    engine = await createNodeEngine();
    await loadGrid(engine, grid.id, await readDataFile(grid.values));
    cells = await queryRows<Cell & Record<string, unknown>>(
      engine,
      `SELECT x, y, einwohner, auslaender_pct, alter_mean, hhgroesse_mean FROM grid_cells
       WHERE site = '${grid.id}' AND x BETWEEN ${X0} AND ${X0 + 3000} AND y BETWEEN ${Y0} AND ${Y0 + 2000} ORDER BY y, x`,
    );
  }, 120_000);

  it('2 × 2 whole cells plus half of a fifth: residents Σ w · einwohner, shares Σ w·e·pct / Σ w·e, household size from households', async () => {
    const at = (dx: number, dy: number) => cells.find((c) => c.x === X0 + dx && c.y === Y0 + dy)!;
    const parts: [Cell, number][] = [[at(500, 500), 1], [at(1500, 500), 1], [at(500, 1500), 1], [at(1500, 1500), 1], [at(2500, 500), 0.5]];
    expect(parts.every(([c]) => c && c.einwohner > 0 && c.auslaender_pct !== null)).toBe(true);
    const polygon = [[[[X0, Y0], [X0 + 3000, Y0], [X0 + 3000, Y0 + 500], [X0 + 2000, Y0 + 500], [X0 + 2000, Y0 + 2000], [X0, Y0 + 2000], [X0, Y0]]]];
    const weights = gridCellWeights(polygon);
    expect(weights.map((c) => [c.x - X0, c.y - Y0, c.w])).toEqual([[500, 500, 1], [1500, 500, 1], [2500, 500, 0.5], [500, 1500, 1], [1500, 1500, 1]]);
    const pa = area('pa-leipzig', wgs(polygon[0]![0]!));
    expect(checkProgrammeArea(pa).ok).toBe(true);
    await setGridProgrammeAreas(engine, grid, [pa], new Map([[pa.id, gridCellCover(polygon)]]));

    const residents = parts.reduce((s, [c, w]) => s + w * c.einwohner, 0);
    const [row] = await gridProgrammeSeries(engine, grid, findIndicator(grid, 'einwohner'));
    expect(row).toMatchObject({ id: 'pa-leipzig', year: 2011, n: 5, estimated: true });
    expect(row!.value).toBeCloseTo(residents, 9);

    const foreign = parts.reduce((s, [c, w]) => s + w * c.einwohner * c.auslaender_pct!, 0) / residents;
    const [share] = await gridProgrammeSeries(engine, grid, findIndicator(grid, 'auslaenderanteil'));
    expect(share!.value).toBeCloseTo(foreign, 4); // cells hold FLOAT
    expect(share!.coverage).toBe(1);
    // Not the plain mean of the cells' shares (the five cells differ in size).
    const plain = parts.reduce((s, [c]) => s + c.auslaender_pct!, 0) / parts.length;
    expect(Math.abs(share!.value! - plain)).toBeGreaterThan(0.01);

    const withSize = parts.filter(([c]) => c.hhgroesse_mean !== null);
    const households = withSize.reduce((s, [c, w]) => s + (w * c.einwohner) / c.hhgroesse_mean!, 0);
    const [size] = await gridProgrammeSeries(engine, grid, findIndicator(grid, 'haushaltsgroesse'));
    expect(size!.value).toBeCloseTo(withSize.reduce((s, [c, w]) => s + w * c.einwohner, 0) / households, 4);

    const age = parts.filter(([c]) => c.alter_mean !== null);
    const [mean] = await gridProgrammeSeries(engine, grid, findIndicator(grid, 'durchschnittsalter'));
    expect(mean!.value).toBeCloseTo(age.reduce((s, [c, w]) => s + w * c.einwohner * c.alter_mean!, 0) / age.reduce((s, [c, w]) => s + w * c.einwohner, 0), 4);

    const [areaRow] = await queryRows<{ name: string; parent: string | null; lon: number }>(engine, `SELECT name, parent, lon FROM areas WHERE site = '${grid.id}' AND level = '${PROGRAMME_LEVEL}'`);
    expect(areaRow).toMatchObject({ name: 'pa-leipzig', parent: null });
    expect(areaRow!.lon).toBeGreaterThan(12.3);
  });

  it('cells without a value leave the share missing below 95 % coverage, never 0; the whole grid is the reference', async () => {
    // A rural stretch with suppressed cells: the first cells whose foreigner share is hidden.
    const [hidden] = await queryRows<{ x: number; y: number; einwohner: number }>(engine, `SELECT x, y, einwohner FROM grid_cells WHERE site = '${grid.id}' AND auslaender_pct IS NULL ORDER BY einwohner DESC LIMIT 1`);
    const lone = [{ x: hidden!.x, y: hidden!.y, w: 1 }];
    const pa = area('pa-hidden', wgs(ring(hidden!.x - 500, hidden!.y - 500, hidden!.x + 500, hidden!.y + 500)));
    await setGridProgrammeAreas(engine, grid, [pa], new Map([[pa.id, { runs: [], border: lone }]]));
    const [share] = await gridProgrammeSeries(engine, grid, findIndicator(grid, 'auslaenderanteil'));
    expect(share).toMatchObject({ id: 'pa-hidden', value: null, coverage: 0, present: 0, n: 1 });
    const [residents] = await gridProgrammeSeries(engine, grid, findIndicator(grid, 'einwohner'));
    expect(residents!.value).toBe(hidden!.einwohner);

    const [total] = await gridTotalSeries(engine, grid, findIndicator(grid, 'einwohner'));
    expect(total).toMatchObject({ id: GRID_TOTAL_ID, value: 80_212_528, n: 214_633, estimated: false });
    // A polygon outside every cell is no area; replacing the areas removes the old cells.
    await setGridProgrammeAreas(engine, grid, [area('pa-sea', wgs(ring(0, 0, 1000, 1000)))], new Map([['pa-sea', gridCellCover(toLaea(wgs(ring(0, 0, 1000, 1000))))]]));
    expect(await gridProgrammeSeries(engine, grid, findIndicator(grid, 'einwohner'))).toEqual([]);
  });

  it('as the app asks: a drawn polygon through the value cache (estimated, aggregable), the whole grid as reference; the registry keeps only polygons', async () => {
    const block = ring(X0, Y0, X0 + 2000, Y0 + 2000);
    const pa = area('pa-thinka', wgs(block));
    await writeGridProgrammeAreas(engine, grid, [pa]);
    const cache = new ValueCache(engine, async () => undefined);
    const ind = findIndicator(grid, 'einwohner');
    expect(isAggregable(grid, findIndicator(grid, 'auslaenderanteil'), PROGRAMME_LEVEL)).toBe(true);
    expect(isAggregable(grid, findIndicator(grid, 'auslaenderanteil'), 'bund')).toBe(false);
    const data = await cache.get(grid, PROGRAMME_LEVEL, ind);
    const [row] = data.byYear.get(2011)!;
    const four = cells.filter((c) => c.x < X0 + 2000 && c.y < Y0 + 2000).reduce((s, c) => s + c.einwohner, 0);
    // The polygon was drawn in WGS 84 from the block's corners: within 0.1 % of the four cells.
    expect(row!.id).toBe('pa-thinka');
    expect(Math.abs(row!.value! - four) / four).toBeLessThan(0.001);
    expect(row!.estimated).toBe(true);
    expect((await cache.names(grid, PROGRAMME_LEVEL)).get('pa-thinka')).toBe('pa-thinka');
    const reference = await cache.get(grid, 'zelle', ind);
    expect(reference.byYear.get(2011)![0]).toMatchObject({ id: GRID_TOTAL_ID, value: 80_212_528 });

    siteRegistry.loadBaseGeometry = async () => ({ type: 'FeatureCollection', features: [] });
    const union = { ...pa, id: 'pa-union', members: ['4486500'], geometry: undefined };
    try {
      await siteRegistry.setProgrammeAreas(grid.id, [pa, union]);
      expect(siteRegistry.programmeAreasOf(grid.id).map((a) => a.id)).toEqual(['pa-thinka']);
      expect(siteRegistry.site(grid.id).levels.map((l) => l.id)).toEqual(['zelle', PROGRAMME_LEVEL]);
    } finally {
      await siteRegistry.setProgrammeAreas(grid.id, []);
    }
    expect(siteRegistry.site(grid.id).levels.map((l) => l.id)).toEqual(['zelle']);
  });
});
