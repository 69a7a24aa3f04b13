// The location check of imports (src/lib/io/import/location-check.ts) on the bundled data: real
// areas inside Germany, the same moved elsewhere, border towns kept inside by the margin, foreign
// areas outside, and the systems proposed for coordinates read with the wrong zone (real proj4).
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import proj4 from 'proj4';
import type { Feature, FeatureCollection, Geometry, Polygon, Position } from 'geojson';
import {
  CHECK_SAMPLES,
  GERMANY_OUTLINE,
  MIN_SHARE_INSIDE,
  OVERVIEW_VERTICES,
  checkLocation,
  locationInput,
  proposeSystems,
  type Project,
} from '../../src/lib/io/import/location-check';
import { crsCandidates, projectionFor } from '../../src/lib/io/import/location-crs';
import type { CrsDetection } from '../../src/lib/io/import/crs/guess';
import { crsByCode } from '../../src/lib/io/import/crs/definitions';
import { locationVerdict } from '../../src/components/import/location-text';
import { overviewDrawing } from '../../src/components/import/location-drawing';

type FC = FeatureCollection<Geometry, Record<string, unknown>>;
const data = (path: string): FC => JSON.parse(readFileSync(new URL(`../../data/${path}`, import.meta.url), 'utf8')) as FC;
const ortsteile = data('leipzig/ortsteil.geojson');
const gemeinden = data('gemeinden/gemeinde.geojson');
const gemeinde = (id: string): FC => ({ type: 'FeatureCollection', features: gemeinden.features.filter((f) => f.properties.id === id) });

/** Every position of a collection through fn (a new collection). */
function mapPositions(fc: FC, fn: (p: Position) => Position): FC {
  const ring = (r: Position[]) => r.map(fn);
  return {
    type: 'FeatureCollection',
    features: fc.features.map((f) => {
      const g = f.geometry;
      const geometry: Geometry =
        g.type === 'Polygon'
          ? { type: 'Polygon', coordinates: g.coordinates.map(ring) }
          : g.type === 'MultiPolygon'
            ? { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(ring)) }
            : g.type === 'Point'
              ? { type: 'Point', coordinates: fn(g.coordinates) }
              : g;
      return { ...f, geometry };
    }),
  };
}

const M_PER_DEG_LAT = 111_320;
/** Moves a collection by dx metres east and dy metres north (at its latitude, on the ground). */
function moveMetres(fc: FC, dx: number, dy: number): FC {
  return mapPositions(fc, ([lon, lat]) => [lon! + dx / (M_PER_DEG_LAT * Math.cos((lat! * Math.PI) / 180)), lat! + dy / M_PER_DEG_LAT]);
}

/** A square area of `km` side around [lon, lat]. */
function square(lon: number, lat: number, km: number, name = 'x'): Feature<Polygon> {
  const dLat = km / 2 / 111.32;
  const dLon = dLat / Math.cos((lat * Math.PI) / 180);
  const ring = [
    [lon - dLon, lat - dLat],
    [lon + dLon, lat - dLat],
    [lon + dLon, lat + dLat],
    [lon - dLon, lat + dLat],
    [lon - dLon, lat - dLat],
  ];
  return { type: 'Feature', properties: { name }, geometry: { type: 'Polygon', coordinates: [ring] } };
}
const fcOf = (...features: Feature<Geometry>[]): FC => ({ type: 'FeatureCollection', features: features as FC['features'] });

describe('the bundled outline', () => {
  test('holds Germany grown by 25 km and the 16 Länder', () => {
    expect(GERMANY_OUTLINE.marginKm).toBe(25);
    expect(GERMANY_OUTLINE.laender.map((l) => l.id)).toEqual(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16']);
    expect(readFileSync(new URL('../../data/germany-outline.json', import.meta.url)).length).toBeLessThan(30_000);
  });
});

describe('checkLocation', () => {
  test("Leipzig's Ortsteile lie in Germany, in Sachsen", () => {
    const check = checkLocation(ortsteile);
    expect(check.inside).toBe(true);
    expect(check.shareInside).toBe(1);
    expect(check.land).toBe('Sachsen');
    expect(check.center![0]).toBeCloseTo(12.4, 1);
    expect(check.center![1]).toBeCloseTo(51.3, 1);
    expect(check.samples).toBe(CHECK_SAMPLES);
    expect(check.outlineForOverview.type).toBe('MultiLineString');
    expect(locationVerdict(check, 'de')).toBe('Liegt in Deutschland (Sachsen)');
    expect(locationVerdict(check, 'en')).toBe('Lies in Germany (Sachsen)');
  });

  test('the same moved to 34° E / 48° N lies outside, and the verdict says where', () => {
    const c0 = checkLocation(ortsteile).center!;
    const moved = mapPositions(ortsteile, ([lon, lat]) => [lon! + 34.0 - c0[0], lat! + 48.2 - c0[1]]);
    const check = checkLocation(moved);
    expect(check.inside).toBe(false);
    expect(check.shareInside).toBe(0);
    expect(check.land).toBeNull();
    expect(check.center![0]).toBeCloseTo(34.0, 6);
    expect(check.center![1]).toBeCloseTo(48.2, 6);
    expect(locationVerdict(check, 'de')).toBe('Liegt bei 34,0° O / 48,2° N – außerhalb Deutschlands');
    expect(locationVerdict(check, 'en')).toBe('Lies at 34.0° E / 48.2° N – outside Germany');
  });

  test('west and south are named as such', () => {
    const check = checkLocation(fcOf(square(-58.4, -34.6, 5)));
    expect(check.inside).toBe(false);
    expect(locationVerdict(check, 'de')).toBe('Liegt bei 58,4° W / 34,6° S – außerhalb Deutschlands');
  });

  test.each([
    ['14626110', 'Görlitz', 'Sachsen'],
    ['05334002', 'Aachen', 'Nordrhein-Westfalen'],
    ['01001000', 'Flensburg', 'Schleswig-Holstein'],
    ['01056025', 'Helgoland', 'Schleswig-Holstein'],
    ['08335015', 'Büsingen am Hochrhein', 'Baden-Württemberg'],
    ['04011000', 'Bremen', 'Bremen'],
    ['02000000', 'Hamburg', 'Hamburg'],
    ['11000000', 'Berlin', 'Berlin'],
  ])('the Gemeinde %s (%s) at a border lies inside, in its Land', (id, _name, land) => {
    const fc = gemeinde(id);
    expect(fc.features).toHaveLength(1);
    const check = checkLocation(fc);
    expect(check.inside).toBe(true);
    expect(check.shareInside).toBe(1);
    expect(check.land).toBe(land);
  });

  test('the margin is 25 km on the ground: Aachen moved 15 km west (into Belgium) is inside, 45 km west is not', () => {
    const aachen = gemeinde('05334002');
    const west = checkLocation(aachen).bbox![0];
    // The westernmost point of Aachen is on the border; moved 15 km it is 15 km beyond it.
    expect(checkLocation(moveMetres(aachen, -15_000, 0)).inside).toBe(true);
    const far = checkLocation(moveMetres(aachen, -45_000, 0));
    expect(far.inside).toBe(false);
    expect(far.bbox![2]).toBeLessThan(west);
  });

  test('Görlitz moved 15 km east (into Poland) is inside the margin, 60 km east is outside', () => {
    const goerlitz = gemeinde('14626110');
    expect(checkLocation(moveMetres(goerlitz, 15_000, 0)).inside).toBe(true);
    expect(checkLocation(moveMetres(goerlitz, 60_000, 0)).inside).toBe(false);
  });

  test('Amsterdam, Poznań, Prague and Nancy lie outside', () => {
    for (const [lon, lat] of [
      [4.9, 52.37], // Amsterdam
      [16.93, 52.41], // Poznań
      [14.42, 50.09], // Prague
      [6.18, 48.69], // Nancy, ~60 km from Saarland and the Palatinate
    ] as const) {
      const check = checkLocation(fcOf(square(lon, lat, 8)));
      expect(check.inside, `${lon} ${lat}`).toBe(false);
      expect(check.shareInside).toBe(0);
    }
  });

  test('a data set that is only partly in Germany is outside, with its share', () => {
    // Half of the areas in Leipzig, half moved to Poznań.
    const moved = mapPositions(ortsteile, ([lon, lat]) => [lon! + 4.55, lat! + 1.07]);
    const half = fcOf(...ortsteile.features.slice(0, 32), ...moved.features.slice(32));
    const check = checkLocation(half);
    expect(check.inside).toBe(false);
    expect(check.shareInside).toBeGreaterThan(0.3);
    expect(check.shareInside).toBeLessThan(MIN_SHARE_INSIDE);
  });

  test('points: the bundled Kitas lie in Sachsen and are drawn as points', () => {
    const kitas = data('points/leipzig-kitas.geojson');
    const check = checkLocation(kitas);
    expect(check.inside).toBe(true);
    expect(check.land).toBe('Sachsen');
    expect(check.outlineForOverview.type).toBe('MultiPoint');
    expect((check.outlineForOverview as { coordinates: Position[] }).coordinates.length).toBe(kitas.features.length);
  });

  test('WGS84 positions may be given directly', () => {
    expect(checkLocation([[13.4, 52.5], [11.6, 48.1]]).inside).toBe(true);
    expect(checkLocation([[13.4, 52.5], [2.35, 48.86]]).inside).toBe(false);
  });

  test('a system giving no position on the globe: outside, no centre, says so', () => {
    const check = checkLocation(locationInput(ortsteile), () => [NaN, NaN]);
    expect(check).toMatchObject({ inside: false, shareInside: 0, center: null, bbox: null });
    expect(locationVerdict(check, 'de')).toBe('Mit diesem Koordinatensystem ergeben die Koordinaten keine Lage auf der Erde.');
    // Projected metres read as degrees are not on the globe either.
    const metres = checkLocation(fcOf(square(12, 51, 1)), (x, y) => [x * 1e5, y * 1e5]);
    expect(metres.center).toBeNull();
  });
});

describe('locationInput', () => {
  test('samples every k-th vertex and thins the outer rings for the overview', () => {
    const input = locationInput(gemeinden, 500);
    expect(input.samples).toHaveLength(500);
    const vertices = input.rings.reduce((n, r) => n + r.length, 0);
    expect(vertices).toBeLessThan(OVERVIEW_VERTICES + 2 * input.rings.length);
    expect(vertices).toBeGreaterThan(OVERVIEW_VERTICES / 2);
    // Spread over the whole country, not the first Gemeinden only.
    const lats = input.samples.map((p) => p[1]);
    expect(Math.min(...lats)).toBeLessThan(48);
    expect(Math.max(...lats)).toBeGreaterThan(54);
    expect(checkLocation(input).inside).toBe(true);
    expect(checkLocation(input).land).toBeNull(); // all of Germany: no single Land
  });
});

// EPSG definitions as proj4 has them (proj4 knows 4326 and 3857 itself).
proj4.defs('EPSG:25832', '+proj=utm +zone=32 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs');
proj4.defs('EPSG:25833', '+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs');
proj4.defs('EPSG:31468', '+proj=tmerc +lat_0=0 +lon_0=12 +k=1 +x_0=4500000 +y_0=0 +ellps=bessel +towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7 +units=m +no_defs');
proj4.defs('EPSG:3035', '+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs');
const inverse = (code: string): Project => {
  const c = proj4(code, 'EPSG:4326');
  return (x, y) => c.forward([x, y]) as [number, number];
};
const forward = (fc: FC, code: string): FC => {
  const c = proj4('EPSG:4326', code);
  return mapPositions(fc, (p) => c.forward([p[0]!, p[1]!]));
};

describe('proposeSystems', () => {
  const candidates = ['EPSG:3857', 'EPSG:25833', 'EPSG:25832', 'EPSG:3035', 'EPSG:31468'].map((key) => ({ key, project: inverse(key) }));

  test('UTM 32 coordinates read as UTM 33 land in Poland; the proposal lists UTM 32', () => {
    const utm32 = forward(ortsteile, 'EPSG:25832');
    const input = locationInput(utm32);
    const wrong = checkLocation(input, inverse('EPSG:25833'));
    expect(wrong.inside).toBe(false);
    expect(wrong.center![0]).toBeGreaterThan(17.5); // ~260 km east of Leipzig
    const right = checkLocation(input, inverse('EPSG:25832'));
    expect(right.inside).toBe(true);
    expect(right.land).toBe('Sachsen');
    const keys = proposeSystems(input.samples, candidates).map((c) => c.key);
    expect(keys).toContain('EPSG:25832');
    expect(keys).not.toContain('EPSG:25833');
    expect(keys).not.toContain('EPSG:3857');
    expect(keys).not.toContain('EPSG:3035');
  });

  test('keeps the candidates in their order, and proposes nothing for a place abroad', () => {
    const gk4 = forward(ortsteile, 'EPSG:31468');
    const keys = proposeSystems(locationInput(gk4).samples, candidates).map((c) => c.key);
    expect(keys).toEqual(['EPSG:31468']);
    const paris = locationInput(forward(fcOf(square(2.35, 48.86, 10)), 'EPSG:3035'));
    expect(proposeSystems(paris.samples, candidates)).toEqual([]);
  });

  test('the adapter: the supported systems in both axis orders, the detected one first', () => {
    const utm = crsByCode(25833)!;
    const detected: CrsDetection = { crs: utm, source: 'prj', confidence: 'certain', candidates: [utm], swappedAxes: false, reason: 'test' };
    const utm33 = forward(ortsteile, 'EPSG:25833');
    const input = locationInput(utm33);
    expect(checkLocation(input, projectionFor(crsByCode(3857)!, false)).inside).toBe(false);
    const all = crsCandidates(detected, false);
    expect(all[0]!.key).toBe('EPSG:25833');
    expect(all.some((c) => c.key === 'EPSG:25833|swap')).toBe(true);
    const proposed = proposeSystems(input.samples, all.filter((c) => c.key !== 'EPSG:3857')).map((c) => c.key);
    expect(proposed[0]).toBe('EPSG:25833');
    expect(proposed.every((k) => !k.endsWith('|swap'))).toBe(true);
    // Swapped axes are proposed when the file stores northing first.
    const swapped = locationInput(mapPositions(utm33, ([x, y]) => [y!, x!]));
    expect(proposeSystems(swapped.samples, all).map((c) => c.key)).toContain('EPSG:25833|swap');
  });
});

describe('speed and the overview', () => {
  test('10,000 areas are checked in well under 100 ms', () => {
    // 100 × 100 areas of 40 vertices each (400,000 positions) in UTM 32 in Hessen (Wetterau to Vogelsberg).
    const c = proj4('EPSG:4326', 'EPSG:25832');
    const [x0, y0] = c.forward([8.9, 50.3]);
    const features: Feature<Polygon>[] = [];
    for (let i = 0; i < 100; i++) {
      for (let j = 0; j < 100; j++) {
        const ring: Position[] = [];
        for (let k = 0; k < 40; k++) {
          const a = (k / 40) * 2 * Math.PI;
          ring.push([x0! + i * 500 + 200 * Math.cos(a), y0! + j * 500 + 200 * Math.sin(a)]);
        }
        ring.push(ring[0]!);
        features.push({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } });
      }
    }
    const fc = fcOf(...features);
    const cold = performance.now();
    checkLocation(locationInput(fc), inverse('EPSG:25832'));
    const t0 = performance.now();
    const input = locationInput(fc);
    const t1 = performance.now();
    const check = checkLocation(input, inverse('EPSG:25832'));
    const t2 = performance.now();
    const wrong = checkLocation(input, inverse('EPSG:25833'));
    const proposals = proposeSystems(input.samples, [
      { key: '25833', project: inverse('EPSG:25833') },
      { key: '25832', project: inverse('EPSG:25832') },
    ]);
    const t3 = performance.now();
    console.log(`10,000 areas: first time ${(t0 - cold).toFixed(1)} ms; again: input ${(t1 - t0).toFixed(1)} ms, check ${(t2 - t1).toFixed(1)} ms, wrong check + 2 proposals ${(t3 - t2).toFixed(1)} ms`);
    expect(check.inside).toBe(true);
    expect(check.land).toBe('Hessen');
    expect(wrong.inside).toBe(false);
    expect(proposals.map((p) => p.key)).toEqual(['25832']);
    // The work is bounded by the sample, not by the file: 1,000 positions, 4,000 vertices to draw.
    expect(input.samples).toHaveLength(CHECK_SAMPLES);
    expect(input.rings.reduce((n, r) => n + r.length, 0)).toBeLessThanOrEqual(OVERVIEW_VERTICES + input.rings.length);
    // Time only catches a gross regression on a loaded 2-core machine: measured 15–30 ms idle,
    // 60–130 ms the first time (JIT cold) or with other jobs running.
    expect(t2 - t0).toBeLessThan(1000);
  });

  test('the overview fits Germany and a far-away data set together', () => {
    const moved = mapPositions(ortsteile, ([lon, lat]) => [lon! + 21.6, lat! - 3.1]);
    const drawing = overviewDrawing(checkLocation(moved), GERMANY_OUTLINE, 180, 210);
    expect(drawing.laender).toHaveLength(16);
    const numbers = (d: string) => d.match(/-?\d+(\.\d+)?/g)!.map(Number);
    const germanyX = drawing.laender.flatMap((d) => numbers(d).filter((_, i) => i % 2 === 0));
    const dataX = numbers(drawing.data).filter((_, i) => i % 2 === 0);
    for (const v of [...germanyX, ...dataX, ...numbers(drawing.data)]) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(210);
    }
    // Germany on the left, the data on the right.
    expect(Math.max(...germanyX)).toBeLessThan(Math.min(...dataX));
    expect(drawing.center![0]).toBeGreaterThan(150);
    // Points are drawn as dots.
    const dots = overviewDrawing(checkLocation(data('points/leipzig-kitas.geojson')), GERMANY_OUTLINE, 180, 210);
    expect(dots.data).toBe('');
    expect(dots.dots.length).toBeGreaterThan(100);
  });
});
