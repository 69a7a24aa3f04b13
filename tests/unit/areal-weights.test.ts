// Areal weighting of drawn or imported programme areas (issue 17): hand-made
// squares whose shares can be worked out on paper, and the real Leipzig
// Ortsteile with their real counts from DuckDB and the real Zensus grid as
// population surface.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { area, feature, featureCollection, intersect, union } from '@turf/turf';
import { tableFromIPC } from 'apache-arrow';
import proj4 from 'proj4';
import { clipByConvex } from '../../src/lib/analysis/areal-geometry';
import { arealWeights, estimateParts, prepareBases, prepareSurface, type ArealWeight, type BaseArea } from '../../src/lib/analysis/areal-weights';
import { queryRows, type Engine } from '../../src/lib/db/engine';
import { createLoadedEngine, dataDir } from './helpers/node-engine';

const rect = (w: number, s: number, e: number, n: number): Position[] => [
  [w, s],
  [e, s],
  [e, n],
  [w, n],
  [w, s],
];
const poly = (...rings: Position[][]): Polygon => ({ type: 'Polygon', coordinates: rings });
const multi = (...polys: Polygon[]): MultiPolygon => ({ type: 'MultiPolygon', coordinates: polys.map((p) => p.coordinates) });
const byId = (ws: ArealWeight[]) => Object.fromEntries(ws.map((w) => [w.id, w]));
const sq1: BaseArea = { id: 'a', geometry: poly(rect(0, 0, 1, 1)) };
const sq2: BaseArea = { id: 'b', geometry: poly(rect(1, 0, 2, 1)) };

describe('areal weights on two unit squares (by hand)', () => {
  // The target covers the right half of a and all of b (b strictly inside, a cut along the meridian 0.5).
  const target = poly(rect(0.5, -0.5, 2.5, 1.5));

  it('area weights: half of a, all of b exactly', () => {
    const w = byId(arealWeights(target, [sq1, sq2]));
    // On the sphere a lon/lat rectangle's area is proportional to its width in longitude: a cut at 0.5 halves it.
    expect(w.a!.weight).toBeCloseTo(0.5, 9);
    expect(w.a).toMatchObject({ method: 'area', whole: false });
    expect(w.a!.areaShare).toBe(w.a!.weight);
    expect(w.b).toEqual({ id: 'b', weight: 1, areaShare: 1, method: 'area', whole: true });
  });

  it('a population surface of cells: 90 % of a’s residents in the covered half → 0.9', () => {
    const surface = { cells: [{ geometry: poly(rect(0, 0, 0.5, 1)), population: 10 }, { geometry: poly(rect(0.5, 0, 1, 1)), population: 90 }] };
    const w = byId(arealWeights(target, [sq1, sq2], surface));
    expect(w.a!.weight).toBeCloseTo(0.9, 12);
    expect(w.a!.areaShare).toBeCloseTo(0.5, 9);
    expect(w.a!.method).toBe('population');
    // b has no surface population, but lies wholly inside: 1 regardless.
    expect(w.b!.weight).toBe(1);
  });

  it('the same surface as points, and a cell straddling the cut split by area', () => {
    const points = { points: [[0.25, 0.5], [0.75, 0.5]] as [number, number][], population: [10, 90] };
    expect(byId(arealWeights(target, [sq1, sq2], points)).a!.weight).toBeCloseTo(0.9, 12);
    // One cell [0.25, 0.75] with 100 residents, half of it in the target; one cell in the uncovered quarter with 100.
    const cells = { cells: [{ geometry: poly(rect(0.25, 0, 0.75, 1)), population: 100 }, { geometry: poly(rect(0, 0, 0.25, 1)), population: 100 }] };
    expect(byId(arealWeights(target, [sq1, sq2], cells)).a!.weight).toBeCloseTo(50 / 200, 9);
  });

  it('a base without surface population falls back to its area', () => {
    const surface = { cells: [{ geometry: poly(rect(5, 5, 6, 6)), population: 1000 }] };
    const w = byId(arealWeights(target, [sq1, sq2], surface));
    expect(w.a).toMatchObject({ method: 'area' });
    expect(w.a!.weight).toBeCloseTo(0.5, 9);
  });

  it('a target sharing a border only, or outside everything, returns nothing', () => {
    expect(arealWeights(poly(rect(2, 0, 3, 1)), [sq1, sq2])).toEqual([]);
    expect(arealWeights(poly(rect(10, 10, 11, 11)), [sq1, sq2])).toEqual([]);
    expect(arealWeights(poly(rect(-3, -3, -2, -2)), prepareBases([sq1, sq2]))).toEqual([]);
  });

  it('a target equal to a base (shared border everywhere) counts it as whole', () => {
    expect(arealWeights(poly(rect(0, 0, 1, 1)), [sq1, sq2])).toEqual([{ id: 'a', weight: 1, areaShare: 1, method: 'area', whole: true }]);
  });

  it('slivers below 1e-6 of the base are dropped', () => {
    expect(arealWeights(poly(rect(0.9999999, 0, 1.5, 1)), [sq1])).toEqual([]);
    expect(arealWeights(poly(rect(0.99999, 0, 1.5, 1)), [sq1])).toHaveLength(1);
  });
});

describe('multipolygons and holes', () => {
  const holed: BaseArea = { id: 'h', geometry: poly(rect(0, 0, 1, 1), rect(0.25, 0.25, 0.75, 0.75)) };
  const ratio = (g: Polygon | MultiPolygon, of: Polygon | MultiPolygon) => area(g) / area(of);

  it('a base with a hole: the hole is not part of it', () => {
    // Left half of the base: the left half of the ring around the hole.
    const w = arealWeights(poly(rect(-1, -1, 0.5, 2)), [holed]);
    const expected = ratio(poly(rect(0, 0, 0.5, 1), rect(0.25, 0.25, 0.5, 0.75)), holed.geometry);
    expect(w[0]!.weight).toBeCloseTo(expected, 9);
    expect(w[0]!.weight).toBeCloseTo(0.5, 3);
    // A target inside the hole does not touch the base.
    expect(arealWeights(poly(rect(0.3, 0.3, 0.7, 0.7)), [holed])).toEqual([]);
  });

  it('a target with a hole inside a base', () => {
    const target = poly(rect(-1, -1, 3, 2), rect(0.2, 0.2, 0.4, 0.4));
    const w = byId(arealWeights(target, [sq1, sq2]));
    expect(w.a!.weight).toBeCloseTo(1 - ratio(poly(rect(0.2, 0.2, 0.4, 0.4)), sq1.geometry), 9);
    expect(w.a!.whole).toBe(false);
    expect(w.b!.whole).toBe(true);
  });

  it('a multipolygon target: one part around a, one cutting a quarter of b', () => {
    const target = multi(poly(rect(-0.5, -0.5, 1, 1.5)), poly(rect(1.75, -1, 3, 2)));
    const w = byId(arealWeights(target, [sq1, sq2]));
    expect(w.a!.whole).toBe(true);
    expect(w.b!.weight).toBeCloseTo(0.25, 9);
  });

  it('a multipolygon base with one part inside the target and one outside', () => {
    const base: BaseArea = { id: 'm', geometry: multi(poly(rect(0, 0, 1, 1)), poly(rect(4, 0, 5, 1))) };
    const w = arealWeights(poly(rect(-1, -1, 2, 2)), [base]);
    expect(w[0]!.weight).toBeCloseTo(0.5, 9);
    expect(w[0]!.whole).toBe(false);
  });

  it('estimate parts name the cut bases only, largest share first, in German and English', () => {
    const ws = arealWeights(poly(rect(0.63, -1, 2.5, 2)), [sq1, sq2, { id: 'c', geometry: poly(rect(2, 0, 2.996, 1)) }]);
    const names: Record<string, string> = { a: 'Neustadt-Neuschönefeld', b: 'Volkmarsdorf', c: 'Anger-Crottendorf' };
    const de = estimateParts(ws, (id) => names[id]!, 'de');
    expect(de.map((p) => [p.name, p.areaPercentText])).toEqual([
      ['Anger-Crottendorf', '50'],
      ['Neustadt-Neuschönefeld', '37'],
    ]);
    expect(estimateParts(arealWeights(poly(rect(0.996, -1, 2, 2)), [sq1]), () => 'x', 'de')[0]!.areaPercentText).toBe('0,4');
    expect(estimateParts(arealWeights(poly(rect(0.996, -1, 2, 2)), [sq1]), () => 'x', 'en')[0]!.areaPercentText).toBe('0.4');
  });
});

// ---------------------------------------------------------------------------
// Real data

type Areas = FeatureCollection<Polygon | MultiPolygon, { id: string; name: string }>;
const ortsteile = JSON.parse(readFileSync(`${dataDir}leipzig/ortsteil.geojson`, 'utf8')) as Areas;
const bases: BaseArea[] = ortsteile.features.map((f) => ({ id: f.properties.id, geometry: f.geometry }));
const prepared = prepareBases(bases);

let engine: Engine;
let counts: Map<string, { einwohner: number; auslaender: number }>;
beforeAll(async () => {
  engine = await createLoadedEngine();
  const rows = await queryRows<{ area_id: string; ind: string; value: number }>(
    engine,
    "SELECT area_id, ind, value FROM observations WHERE site = 'leipzig' AND year = 2023 AND ind IN ('einwohner', 'auslaender')",
  );
  counts = new Map();
  for (const r of rows) {
    const c = counts.get(r.area_id) ?? { einwohner: 0, auslaender: 0 };
    c[r.ind as 'einwohner' | 'auslaender'] = r.value;
    counts.set(r.area_id, c);
  }
}, 120_000);

/** Σ weight × count (and the share from the weighted counts, never averaged). */
function estimate(ws: ArealWeight[]) {
  let einwohner = 0;
  let auslaender = 0;
  for (const w of ws) {
    einwohner += w.weight * counts.get(w.id)!.einwohner;
    auslaender += w.weight * counts.get(w.id)!.auslaender;
  }
  return { einwohner, auslaender, share: (auslaender / einwohner) * 100 };
}

describe('Leipzig Ortsteile (real boundaries, real counts)', () => {
  it('a target drawn as the union of Ortsteile 00, 01, 02 gives weight 1 for exactly those three', () => {
    const parts = ortsteile.features.filter((f) => ['00', '01', '02'].includes(f.properties.id));
    const target = union(featureCollection(parts))!.geometry;
    const ws = arealWeights(target, prepared);
    expect(ws.map((w) => w.id).sort()).toEqual(['00', '01', '02']);
    for (const w of ws) expect(Math.abs(w.weight - 1)).toBeLessThan(1e-6);
    // Its figures are the exact union's: 1,854 + 6,108 + 15,822 residents, 6,986 foreigners.
    const e = estimate(ws);
    expect(e.einwohner).toBeCloseTo(23_784, 6);
    expect(e.auslaender).toBeCloseTo(6_986, 6);
    expect(e.share.toFixed(2)).toBe('29.37');
  });

  it('two halves of the city split at a meridian: each Ortsteil’s weights add up to 1, and the residents to the city’s', () => {
    const west = poly(rect(12.0, 51.0, 12.38, 51.7));
    const east = poly(rect(12.38, 51.0, 12.8, 51.7));
    const w = byId(arealWeights(west, prepared));
    const e = byId(arealWeights(east, prepared));
    const cut = Object.keys(w).filter((id) => e[id]);
    expect(cut.length).toBeGreaterThan(3);
    // Within the clipper's rounding (polyclip-ts snaps coordinates): about 1e-8 of a base.
    for (const id of cut) expect(w[id]!.weight + e[id]!.weight).toBeCloseTo(1, 6);
    for (const b of bases) expect(Boolean(w[b.id] || e[b.id]), b.id).toBe(true);
    const total = [...counts.values()].reduce((s, c) => s + c.einwohner, 0);
    expect(estimate(Object.values(w)).einwohner + estimate(Object.values(e)).einwohner).toBeCloseTo(total, 1);
  });

  it('a drawn star and the rest of its box (a polygon with the star as hole) share every cut Ortsteil', () => {
    const star: Position[] = [];
    for (let i = 0; i < 24; i++) {
      const a = (2 * Math.PI * i) / 24;
      const r = i % 2 ? 0.02 : 0.045;
      star.push([12.39 + 1.6 * r * Math.cos(a), 51.335 + r * Math.sin(a)]);
    }
    star.push(star[0]!);
    const box = rect(12.3, 51.28, 12.48, 51.39);
    const inStar = byId(arealWeights(poly(star), prepared));
    const outside = byId(arealWeights(poly(box, [...star].reverse()), prepared));
    const cut = Object.keys(inStar).filter((id) => !inStar[id]!.whole);
    expect(cut.length).toBeGreaterThan(5);
    expect(Object.values(inStar).some((w) => w.whole)).toBe(true);
    // Star + rest = the box (Ortsteile reaching beyond the box get less than 1), within the general clipper's
    // precision: polyclip-ts's own intersections of a star and its complement differ from the box's by up to
    // ~2e-6 of an Ortsteil's area (5 m² of 2.9 km² for Ortsteil 10).
    const inBox = byId(arealWeights(poly(box), prepared));
    for (const id of cut) expect(Math.abs(inStar[id]!.weight + (outside[id]?.weight ?? 0) - inBox[id]!.weight), id).toBeLessThan(5e-6);
    expect(cut.filter((id) => !inBox[id]!.whole).length).toBeGreaterThan(0);
  });

  it('the convex clip (grid cells, boxes) measures the same areas as turf’s general clipper', () => {
    let compared = 0;
    for (const f of ortsteile.features.slice(0, 20)) {
      for (const [w, s] of [
        [12.36, 51.32],
        [12.3, 51.3],
        [12.4, 51.35],
      ] as const) {
        const box = rect(w, s, w + 0.03, s + 0.02);
        const turf = intersect(featureCollection([feature(poly(box)), feature(f.geometry)]));
        const ours = clipByConvex(box, f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates);
        const a = ours.length ? area({ type: 'MultiPolygon', coordinates: ours }) : 0;
        const b = turf ? area(turf) : 0;
        expect(Math.abs(a - b)).toBeLessThan(1e-6 * area(f.geometry) + 1e-3);
        if (b > 0) compared++;
      }
    }
    expect(compared).toBeGreaterThan(5);
  });

  describe('with the Zensus 2011 1 km grid as population surface', () => {
    const EPSG_3035 = '+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';
    const toLonLat = proj4(EPSG_3035, 'EPSG:4326');
    const table = tableFromIPC(readFileSync(`${dataDir}zensus-grid/cells.arrow`));
    const xs = table.getChild('x')!.toArray() as Int32Array;
    const ys = table.getChild('y')!.toArray() as Int32Array;
    const lons = table.getChild('lon')!.toArray() as Float32Array;
    const lats = table.getChild('lat')!.toArray() as Float32Array;
    const pops = table.getChild('einwohner')!.toArray() as Int32Array;
    const cells: { geometry: Polygon; population: number }[] = [];
    for (let i = 0; i < xs.length; i++) {
      if (lons[i]! < 12.1 || lons[i]! > 12.65 || lats[i]! < 51.2 || lats[i]! > 51.5) continue;
      const [x, y] = [xs[i]!, ys[i]!];
      const ring = [
        [x - 500, y - 500],
        [x + 500, y - 500],
        [x + 500, y + 500],
        [x - 500, y + 500],
        [x - 500, y - 500],
      ].map((p) => toLonLat.forward(p) as Position);
      cells.push({ geometry: poly(ring), population: pops[i]! });
    }
    const surface = prepareSurface({ cells });

    it('the surface covers Leipzig (about 500 cells) and moves weight towards the populated side', () => {
      expect(cells.length).toBeGreaterThan(300);
      const west = poly(rect(12.0, 51.0, 12.38, 51.7));
      const east = poly(rect(12.38, 51.0, 12.8, 51.7));
      const w = byId(arealWeights(west, prepared, surface));
      const e = byId(arealWeights(east, prepared, surface));
      const cut = Object.keys(w).filter((id) => e[id]);
      let differ = 0;
      for (const id of cut) {
        expect(w[id]!.method).toBe('population');
        // Residents are conserved: the two halves share each cut Ortsteil's surface population.
        expect(w[id]!.weight + e[id]!.weight).toBeCloseTo(1, 6);
        if (Math.abs(w[id]!.weight - w[id]!.areaShare) > 0.02) differ++;
      }
      expect(differ).toBeGreaterThan(0);
    });

    it('whole Ortsteile stay exact with a surface too', () => {
      const parts = ortsteile.features.filter((f) => ['00', '01', '02'].includes(f.properties.id));
      const ws = arealWeights(union(featureCollection(parts))!.geometry, prepared, surface);
      expect(estimate(ws).einwohner).toBeCloseTo(23_784, 6);
    });
  });
});
