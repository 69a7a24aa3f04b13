// The first paint (src/lib/map/first-paint.ts): its projection is MapLibre's Web Mercator fitted the way
// ChoroplethMap.fit fits, and the colours it draws from first-view.json are the colours of the same view
// answered by DuckDB (real bundled Leipzig data, real DuckDB-WASM).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MercatorCoordinate } from 'maplibre-gl';
import { findBundledSite, findIndicator } from '../../src/lib/data/catalog';
import type { AreaValue } from '../../src/lib/data/values';
import { levelValues } from '../../src/lib/db/queries';
import { loadSiteData } from '../../src/lib/db/load';
import type { Engine } from '../../src/lib/db/engine';
import { FIT_PADDING, fittedProjection, mercator } from '../../src/lib/map/first-paint';
import { buildResult, resultColors } from '../../src/lib/render/view-result';
import { parseViewState } from '../../src/lib/state/url';
import { createNodeEngine, dataDir, readDataFile } from './helpers/node-engine';

const leipzig = findBundledSite('leipzig');

describe('the first paint projects as MapLibre does', () => {
  it('Web Mercator equals MapLibre’s MercatorCoordinate', () => {
    for (const [lng, lat] of [[12.37, 51.34], [-179.9, 84], [6.1, 47.3], [0, 0], [13.4, -33.9]] as const) {
      const m = MercatorCoordinate.fromLngLat([lng, lat]);
      const [x, y] = mercator(lng, lat);
      expect(x).toBeCloseTo(m.x, 12);
      expect(y).toBeCloseTo(m.y, 12);
    }
  });

  it('fits the site’s box into the map with the padding on the tighter side, centred on the other', () => {
    for (const [width, height] of [[920, 740], [1280, 800], [400, 900]] as const) {
      const project = fittedProjection(leipzig.bounds, width, height);
      const [w, s, e, n] = leipzig.bounds;
      const [left, top] = project(w, n);
      const [right, bottom] = project(e, s);
      const spare = [left - FIT_PADDING, width - FIT_PADDING - right, top - FIT_PADDING, height - FIT_PADDING - bottom];
      for (const px of spare) expect(px).toBeGreaterThanOrEqual(-1e-6);
      // One side fits exactly, and the box is centred both ways.
      expect(Math.min(spare[0]! + spare[1]!, spare[2]! + spare[3]!)).toBeCloseTo(0, 6);
      expect(left + right).toBeCloseTo(width, 6);
      expect(top + bottom).toBeCloseTo(height, 6);
    }
  });
});

describe('the first paint colours the real first view (Leipzig, real DuckDB)', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createNodeEngine();
    await loadSiteData(engine, leipzig, readDataFile);
  });

  it('first-view.json classified gives every Ortsteil the colour DuckDB’s answer gives it', async () => {
    const { level, ind, year } = leipzig.defaults;
    const indicator = findIndicator(leipzig, ind);
    const view = parseViewState('', [leipzig], 'leipzig').state;
    expect([view.level, view.ind, view.year]).toEqual([level, ind, year]);
    const fv = JSON.parse(readFileSync(`${dataDir}${leipzig.firstView}`, 'utf8')) as { values: Record<string, number | null> };
    // The rows as DataCoordinator.levelValues makes them from the first view.
    const prepared: AreaValue[] = Object.entries(fv.values).map(([id, value]) => ({ id, year, value, n: 1, present: value === null ? 0 : 1, coverage: null }));
    const fromDb = await levelValues(engine, leipzig, indicator, level, year);
    const first = resultColors(buildResult(view, leipzig, indicator, prepared));
    const db = resultColors(buildResult(view, leipzig, indicator, fromDb));
    expect(first.size).toBe(63);
    expect([...first.entries()].sort()).toEqual([...db.entries()].sort());
    expect(new Set(first.values()).size).toBeGreaterThan(3);
  });
});
