// The lasso of the programme-area form (analysis/lasso.ts) on Leipzig's real label points from DuckDB:
// a lasso tracing a box takes what the shift-drag box takes; a triangle only the points on its side of
// the diagonal (checked against the line equation here); a figure of eight both lobes but not the crossing's
// outside; fewer than three vertices nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { findBundledSite } from '../../src/lib/data/catalog';
import { levelPoints } from '../../src/lib/db/queries';
import { loadSite } from '../../src/lib/db/schema';
import type { AreaPoint } from '../../src/lib/data/values';
import { inLasso, pointsInLasso } from '../../src/lib/analysis/lasso';
import { createNodeEngine, readDataFile } from './helpers/node-engine';

const leipzig = findBundledSite('leipzig');
let points: AreaPoint[];

beforeAll(async () => {
  const engine = await createNodeEngine();
  await loadSite(engine, leipzig, readDataFile);
  points = await levelPoints(engine, leipzig, 'ortsteil');
}, 120_000);

describe('lasso selection of base areas by their label points', () => {
  const box = [12.33, 51.32, 12.42, 51.37] as const;
  const inBox = () => points.filter((p) => p.lon >= box[0] && p.lon <= box[2] && p.lat >= box[1] && p.lat <= box[3]).map((p) => p.id);

  it('a lasso along a box takes what the box takes (drawn with many vertices, not closed)', () => {
    expect(points).toHaveLength(63);
    const [w, s, e, n] = box;
    const ring: [number, number][] = [];
    for (let i = 0; i <= 10; i++) ring.push([w + ((e - w) * i) / 10, s]);
    for (let i = 1; i <= 10; i++) ring.push([e, s + ((n - s) * i) / 10]);
    for (let i = 1; i <= 10; i++) ring.push([e - ((e - w) * i) / 10, n]);
    for (let i = 1; i < 10; i++) ring.push([w, n - ((n - s) * i) / 10]);
    const expected = inBox();
    expect(expected.length).toBeGreaterThan(5);
    expect(expected.length).toBeLessThan(63);
    expect(pointsInLasso(points, ring).sort()).toEqual(expected.sort());
  });

  it('a triangle takes only the points below its diagonal', () => {
    const [w, s, e, n] = box;
    const ring: [number, number][] = [[w, s], [e, s], [w, n]];
    // below the line from (e, s) to (w, n): (lat − s) / (n − s) + (lon − w) / (e − w) < 1
    const expected = points.filter((p) => p.lon >= w && p.lat >= s && (p.lat - s) / (n - s) + (p.lon - w) / (e - w) < 1).map((p) => p.id);
    const got = pointsInLasso(points, ring);
    expect(got.sort()).toEqual(expected.sort());
    expect(got.length).toBeGreaterThan(0);
    expect(got.length).toBeLessThan(inBox().length);
  });

  it('a figure of eight (a lasso crossing itself): inside either lobe counts, the even–odd rule', () => {
    // lobes left and right of the crossing at (1, 1)
    const eight: [number, number][] = [[0, 0], [2, 2], [2, 0], [0, 2]];
    expect(inLasso(0.2, 1, eight)).toBe(true);
    expect(inLasso(1.8, 1, eight)).toBe(true);
    expect(inLasso(1, 0.2, eight)).toBe(false);
    expect(inLasso(1, 1.8, eight)).toBe(false);
  });

  it('fewer than three vertices select nothing', () => {
    expect(pointsInLasso(points, [[12.3, 51.3], [12.4, 51.4]])).toEqual([]);
    expect(pointsInLasso(points, [])).toEqual([]);
  });
});
