import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { catchmentPerArea, countPointsPerArea } from '../../src/lib/analysis/points-per-area';

const read = <T>(path: string) => JSON.parse(readFileSync(new URL(`../../data/${path}`, import.meta.url), 'utf8')) as T;
const ortsteile = read<FeatureCollection<Polygon | MultiPolygon, { id: string; name: string }>>('leipzig/ortsteil.geojson');
const kitas = read<FeatureCollection<Point>>('points/leipzig-kitas.geojson');
const nameOf = new Map(ortsteile.features.map((f) => [f.properties.id, f.properties.name]));

describe('Kitas per Ortsteil', () => {
  const counts = countPointsPerArea(kitas.features, ortsteile);
  const byName = new Map([...counts].map(([id, n]) => [nameOf.get(id)!, n]));

  it('counts every Kita once (all 311 lie in the city)', () => {
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(311);
  });

  it('agrees with the check in the source notes (made with other Ortsteil polygons)', () => {
    // SOURCE.md: 58 of 63 Ortsteile have at least one Kita; none in Zentrum, Plaußig-Portitz,
    // Hartmannsdorf-Knautnaundorf, Grünau-Siedlung, Miltitz; Leutzsch 16, Plagwitz 14, Zentrum-Südost 12.
    expect([...counts.values()].filter((n) => n > 0)).toHaveLength(58);
    for (const name of ['Zentrum', 'Plaußig-Portitz', 'Hartmannsdorf-Knautnaundorf', 'Grünau-Siedlung', 'Miltitz']) {
      expect(byName.get(name), name).toBe(0);
    }
    expect(byName.get('Leutzsch')).toBe(16);
    expect(byName.get('Plagwitz')).toBe(14);
    expect(byName.get('Zentrum-Südost')).toBe(12);
  });
});

describe('catchment', () => {
  const square: FeatureCollection<Polygon, { id: string }> = {
    type: 'FeatureCollection',
    features: [
      // About 1.4 km × 1.4 km at 51°N.
      { type: 'Feature', properties: { id: 'a' }, geometry: { type: 'Polygon', coordinates: [[[12, 51], [12.02, 51], [12.02, 51.0127], [12, 51.0127], [12, 51]]] } },
    ],
  };
  const point = (x: number, y: number): Feature<Point> => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [x, y] } });

  it('a 500 m circle inside an area covers π·0.25 km² of it; two identical points count once', () => {
    const one = catchmentPerArea([point(12.01, 51.00635)], square, 500).get('a')!;
    expect(one.coveredKm2).toBeCloseTo(Math.PI * 0.25, 1);
    const twice = catchmentPerArea([point(12.01, 51.00635), point(12.01, 51.00635)], square, 500).get('a')!;
    expect(twice.coveredKm2).toBeCloseTo(one.coveredKm2, 3);
    expect(one.areaKm2).toBeGreaterThan(one.coveredKm2);
  });

  it('a point outside the area covers only what reaches in, far away nothing', () => {
    expect(catchmentPerArea([point(12.5, 51.5)], square, 500).get('a')!.coveredKm2).toBe(0);
  });
});
