// "Compared with their town" on the Zensus grid (issue 17): a programme area
// drawn over Leipzig's centre gets the Gemeinde at its label point (Leipzig,
// 14713000) from the bundled Gemeinden outlines, and the town's figures come
// from the grid cells whose centre lies in that Gemeinde — checked against the
// cells read straight from cells.arrow with apache-arrow.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { tableFromIPC } from 'apache-arrow';
import { booleanPointInPolygon } from '@turf/turf';
import { findBundledSite, findIndicator } from '../../src/lib/data/catalog';
import type { ProgrammeArea } from '../../src/lib/data/programme-areas';
import type { Engine } from '../../src/lib/db/engine';
import { loadGrid } from '../../src/lib/db/grid';
import { boxAreas, findContaining, type AreaFeature } from '../../src/lib/analysis/containing-area';
import { gridTownFigures, type GemeindenLoader } from '../../src/lib/state/grid-towns';
import { createNodeEngine, readDataFile } from './helpers/node-engine';

const grid = findBundledSite('zensus-grid');
const gemeindenPath = findBundledSite('gemeinden').levels[0]!.geometry;
const loadGemeinden: GemeindenLoader = async () => JSON.parse(new TextDecoder().decode(await readDataFile(gemeindenPath))) as FeatureCollection;

const square = (lon: number, lat: number, d: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]],
});
const area = (id: string, geometry: Polygon): ProgrammeArea => ({ id, site: grid.id, name: id, programme: 'thinka', startYear: null, color: '#e69f00', members: [], geometry });

describe('the town of a programme area drawn over the grid', () => {
  let engine: Engine;
  let leipzig: Feature<Polygon | MultiPolygon>;
  let cells: { lon: Float32Array; lat: Float32Array; einwohner: Int32Array; foreign: (number | null)[] };

  beforeAll(async () => {
    engine = await createNodeEngine();
    const bytes = await readDataFile(grid.values);
    await loadGrid(engine, grid.id, bytes.slice());
    const table = tableFromIPC(bytes);
    cells = {
      lon: table.getChild('lon')!.toArray() as Float32Array,
      lat: table.getChild('lat')!.toArray() as Float32Array,
      einwohner: table.getChild('einwohner')!.toArray() as Int32Array,
      foreign: [...table.getChild('auslaender_pct')!].map((v) => (v === null ? null : Number(v))),
    };
    const fc = await loadGemeinden();
    leipzig = fc.features.find((f) => f.properties?.id === '14713000') as Feature<Polygon | MultiPolygon>;
  }, 120_000);

  it('finds the Gemeinde containing a point, and none at sea', async () => {
    const all = boxAreas((await loadGemeinden()).features as AreaFeature[]);
    expect(findContaining(all, [12.3731, 51.3397])?.properties.id).toBe('14713000');
    expect(findContaining(all, [13.405, 52.52])?.properties.id).toBe('11000000');
    expect(findContaining(all, [5.0, 54.0])).toBeNull();
  });

  it('a polygon over Leipzig\'s centre: town Leipzig 14713000, its residents Σ einwohner of the cells with their centre in Leipzig', async () => {
    const pa = area('pa-leipzig-centre', square(12.375, 51.34, 0.01));
    const residents = await gridTownFigures(engine, grid, findIndicator(grid, 'einwohner'), [pa], loadGemeinden);
    const town = residents.towns.get(pa.id);
    expect(town).toMatchObject({ id: '14713000' });
    expect(town!.name).toMatch(/Leipzig/);

    // Independently: every cell of cells.arrow whose centre lies in Leipzig's outline.
    let sum = 0;
    let n = 0;
    let foreignNum = 0;
    let foreignDen = 0;
    for (let i = 0; i < cells.lon.length; i++) {
      const lon = cells.lon[i]!;
      const lat = cells.lat[i]!;
      if (lon < 12.2 || lon > 12.6 || lat < 51.2 || lat > 51.5) continue;
      if (!booleanPointInPolygon([lon, lat], leipzig)) continue;
      n++;
      sum += cells.einwohner[i]!;
      const f = cells.foreign[i];
      if (f !== null && f !== undefined) {
        foreignNum += cells.einwohner[i]! * f;
        foreignDen += cells.einwohner[i]!;
      }
    }
    expect(n).toBeGreaterThan(200); // Leipzig covers about 297 km² (cells with fewer than 3 residents are not in the file)
    expect(town!.cells).toBe(n);
    const value = residents.values.get('14713000')!;
    expect(value).toMatchObject({ year: 2011, n, estimated: true });
    expect(value.value).toBe(sum);
    // Roughly the 2011 census count of Leipzig (about 510,000): the cells by their centre are an estimate.
    expect(sum).toBeGreaterThan(450_000);
    expect(sum).toBeLessThan(560_000);

    // A rate from counts over the same cells: Σ einwohner · share / Σ einwohner (not the mean of the cells' shares).
    const share = await gridTownFigures(engine, grid, findIndicator(grid, 'auslaenderanteil'), [pa], loadGemeinden);
    expect(foreignDen / sum).toBeGreaterThanOrEqual(0.95);
    expect(share.values.get('14713000')!.value).toBeCloseTo(foreignNum / foreignDen, 3);
  });

  it('two areas in different towns each get their own; an area at sea gets none', async () => {
    const a = area('pa-a', square(12.375, 51.34, 0.01));
    const b = area('pa-b', square(13.405, 52.52, 0.01));
    const sea = area('pa-sea', square(5.0, 54.0, 0.01));
    const figures = await gridTownFigures(engine, grid, findIndicator(grid, 'einwohner'), [a, b, sea], loadGemeinden);
    expect(figures.towns.get('pa-a')?.id).toBe('14713000');
    expect(figures.towns.get('pa-b')?.id).toBe('11000000');
    expect(figures.towns.has('pa-sea')).toBe(false);
    expect(figures.values.get('11000000')!.value).toBeGreaterThan(figures.values.get('14713000')!.value!);
  });
});
