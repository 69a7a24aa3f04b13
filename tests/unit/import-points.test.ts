import { describe, expect, it } from 'vitest';
import { crsByCode } from '../../src/lib/io/import/crs/definitions';
import { readFileSync } from 'node:fs';
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { parseImport, ImportCodeError, type ParsedImport } from '../../src/lib/io/import/parse-import';
import {
  buildPointLayer,
  findCoordinateColumns,
  pointCategories,
  pointsFromRows,
  suggestPointAttributes,
  OTHER_CATEGORY,
  type PointProps,
} from '../../src/lib/io/import/points';
import { toWgs84 } from '../../src/lib/io/import/crs/reproject';
import { countPointsPerArea } from '../../src/lib/analysis/points-per-area';
import type { InputFile } from '../../src/lib/io/import/common';

const fixture = (name: string): InputFile => ({
  name,
  bytes: new Uint8Array(readFileSync(new URL(`../fixtures/points/${name}`, import.meta.url))),
});
const kitas = JSON.parse(readFileSync(new URL('../../data/points/leipzig-kitas.geojson', import.meta.url), 'utf8')) as FeatureCollection<Point, { name: string | null }>;
const source = kitas.features.filter((f) => f.properties.name).slice(0, 40);
const ortsteile = JSON.parse(readFileSync(new URL('../../data/leipzig/ortsteil.geojson', import.meta.url), 'utf8')) as FeatureCollection<
  Polygon | MultiPolygon,
  { id: string }
>;

function points(parsed: ParsedImport) {
  if (parsed.kind === 'points') return parsed.raw;
  if (parsed.kind === 'table' && parsed.points) return parsed.points;
  throw new Error(`expected points, got ${parsed.kind}`);
}

describe('points from a table with coordinates', () => {
  it('reads a German Excel CSV (Windows-1252, ";", decimal comma, title rows) with Rechtswert/Hochwert in UTM 33N', async () => {
    const parsed = await parseImport([fixture('kitas-25833.csv')]);
    expect(parsed.kind).toBe('table');
    const raw = points(parsed);
    expect(raw.coordinateColumns).toEqual(['Rechtswert', 'Hochwert']);
    expect(raw.fc.features).toHaveLength(40);
    // The row without coordinates is named with file row and column.
    expect(raw.skipped).toEqual([{ where: 'row 44, column D ("Rechtswert")', reason: 'no coordinate: ""' }]);
    // UTM 32 and 33 both put these coordinates in Germany: the user confirms among them.
    expect(raw.crs.candidates.map((c) => c.code)).toContain(25833);
    expect(raw.fc.features[1]!.properties.Einrichtung).toBe('Kindertagesstätte Känguru Kuchengartenstraße');
    const lonlat = toWgs84(raw.fc, crsByCode(25833)!);
    lonlat.features.forEach((f, i) => {
      expect(f.geometry.coordinates[0]).toBeCloseTo(source[i]!.geometry.coordinates[0]!, 6);
      expect(f.geometry.coordinates[1]).toBeCloseTo(source[i]!.geometry.coordinates[1]!, 6);
    });
    const attrs = suggestPointAttributes(raw.fc);
    expect(attrs.category).toBe('Träger');
    expect(attrs.name).toBe('Einrichtung');
  });

  it('finds lat/lon columns in either order and reads decimal points', async () => {
    const raw = points(await parseImport([fixture('kitas-latlon.csv')]));
    expect(raw.coordinateColumns).toEqual(['lon', 'lat']);
    expect(raw.crs.crs?.code).toBe(4326);
    expect(raw.fc.features[0]!.geometry.coordinates).toEqual(source[0]!.geometry.coordinates);
  });

  it('recognises German and English coordinate headers, and none in a statistics table', () => {
    expect(findCoordinateColumns(['Name', 'Längengrad', 'Breitengrad'])).toEqual([1, 2]);
    expect(findCoordinateColumns(['HW', 'RW'])).toEqual([1, 0]);
    expect(findCoordinateColumns(['id', 'X-Koordinate', 'Y-Koordinate'])).toEqual([1, 2]);
    expect(findCoordinateColumns(['Ortsteil', 'Einwohner', 'Anteil'])).toBeNull();
    expect(pointsFromRows([['Ortsteil', 'Einwohner'], ['Zentrum', 1000]], 'stat.csv')).toBeNull();
  });

  it('takes numbers from Excel cells as they are', () => {
    const raw = pointsFromRows(
      [
        ['Art', 'x', 'y'],
        ['Beratung', 4530000.5, 5690000],
        ['Treff', 4531000, 5691000],
      ],
      'orte.xlsx',
    )!;
    expect(raw.fc.features.map((f) => f.geometry.coordinates)).toEqual([
      [4530000.5, 5690000],
      [4531000, 5691000],
    ]);
    expect(raw.crs.candidates.map((c) => c.code)).toContain(31468);
  });

  it('names the file when no row has coordinates', () => {
    expect(() => pointsFromRows([['lon', 'lat'], ['a', 'b']], 'leer.csv')).toThrow(/leer\.csv: no row has coordinates in the columns "lon" and "lat"/);
  });
});

describe('points from GeoJSON', () => {
  it('reads Point features in WGS84 as a point layer, not as boundaries', async () => {
    const parsed = await parseImport([fixture('kitas-lonlat.geojson')]);
    expect(parsed.kind).toBe('points');
    const raw = points(parsed);
    expect(raw.fc.features).toHaveLength(40);
    expect(raw.crs.crs?.code).toBe(4326);
    expect(suggestPointAttributes(raw.fc).category).toBe('traeger');
  });

  it('detects latitude before longitude', async () => {
    const swapped = {
      type: 'FeatureCollection',
      features: source.map((f) => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [f.geometry.coordinates[1], f.geometry.coordinates[0]] } })),
    };
    const raw = points(await parseImport([{ name: 'vertauscht.geojson', bytes: new TextEncoder().encode(JSON.stringify(swapped)) }]));
    expect(raw.crs.swappedAxes).toBe(true);
  });

  it('splits MultiPoints and reports features without a point', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { a: 1 }, geometry: { type: 'MultiPoint', coordinates: [[12.3, 51.3], [12.4, 51.35]] } },
        { type: 'Feature', properties: { a: 2 }, geometry: null },
        { type: 'Feature', properties: { a: 3 }, geometry: { type: 'Point', coordinates: [12.35, 51.32] } },
      ],
    };
    const raw = points(await parseImport([{ name: 'multi.geojson', bytes: new TextEncoder().encode(JSON.stringify(fc)) }]));
    expect(raw.fc.features).toHaveLength(3);
    expect(raw.skipped).toEqual([{ where: 'feature 2', reason: 'no geometry' }]);
  });
});

describe('building the point layer', () => {
  it('counts the Kitas per Ortsteil like the bundled layer', async () => {
    const raw = points(await parseImport([fixture('kitas-lonlat.geojson')]));
    const entry = buildPointLayer(
      raw.fc,
      { label: 'Kitas', fileName: 'kitas-lonlat.geojson', siteId: 'leipzig', year: 2024, categoryKey: 'traeger', nameKey: 'name', otherLabel: 'Sonstige', allLabel: 'Alle' },
      'upts-test',
    );
    expect(entry.layer.file).toBe('user/upts-test/points.geojson');
    expect(entry.layer.count).toBe(40);
    const fc = JSON.parse(new TextDecoder().decode(entry.bytes)) as FeatureCollection<Point, { category: string; name: string }>;
    const counts = new Map<string, number>();
    for (const f of fc.features) counts.set(f.properties.category, (counts.get(f.properties.category) ?? 0) + 1);
    // Every category of the file has a colour and its count; the most frequent comes first.
    expect(entry.layer.categories.map((c) => [c.label.de, counts.get(c.id)])).toEqual(
      [...new Set(raw.fc.features.map((f) => f.properties.traeger as string))]
        .map((l) => [l, raw.fc.features.filter((f) => f.properties.traeger === l).length])
        .sort((a, b) => (b[1] as number) - (a[1] as number) || String(a[0]).localeCompare(String(b[0]), 'de')),
    );
    expect(fc.features[0]!.properties.name).toBe(source[0]!.properties.name);
    const perArea = countPointsPerArea(fc.features, ortsteile);
    const bundled = countPointsPerArea(source, ortsteile);
    expect([...perArea]).toEqual([...bundled]);
    expect([...perArea.values()].reduce((a, b) => a + b, 0)).toBe(40);
  });

  it('gives at most 8 colours; the rarest categories share "other"', () => {
    const fc: FeatureCollection<Point, PointProps> = {
      type: 'FeatureCollection',
      features: Array.from({ length: 30 }, (_, i) => ({
        type: 'Feature',
        properties: { art: `Art ${i % 10}` },
        geometry: { type: 'Point', coordinates: [12, 51] },
      })),
    };
    const { categories } = pointCategories(fc, 'art', 'Sonstige', 'Alle');
    expect(categories).toHaveLength(8);
    expect(categories[7]).toMatchObject({ id: OTHER_CATEGORY, count: 9 });
    expect(new Set(categories.map((c) => c.color)).size).toBe(8);
  });
});

describe('parseImport: what the dialog is given', () => {
  it('rejects the old Excel format with its code', async () => {
    const err = await parseImport([{ name: 'alt.xls', bytes: new Uint8Array([0xd0, 0xcf]) }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportCodeError);
    expect((err as ImportCodeError).code).toBe('xls');
  });

  it('recognises a project file and polygon GeoJSON', async () => {
    const project = await parseImport([{ name: 'p.json', bytes: new TextEncoder().encode('{"format":"quartiersatlas-project","version":1}') }]);
    expect(project.kind).toBe('project');
    const square = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'a' }, geometry: { type: 'Polygon', coordinates: [[[12, 51], [12.1, 51], [12.1, 51.1], [12, 51]]] } }] };
    expect((await parseImport([{ name: 'g.geojson', bytes: new TextEncoder().encode(JSON.stringify(square)) }])).kind).toBe('boundaries');
  });

  it('reports progress while parsing a large CSV, rising to the end', async () => {
    const lines = ['Schlüssel;Einwohner'];
    for (let i = 0; i < 300_000; i++) lines.push(`${i};${i % 997}`);
    const seen: number[] = [];
    const parsed = await parseImport([{ name: 'gross.csv', bytes: new TextEncoder().encode(lines.join('\n')) }], (_, done) => seen.push(done));
    expect(parsed.kind).toBe('table');
    expect(seen.length).toBeGreaterThan(5);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.some((d) => d > 0.25 && d < 0.75)).toBe(true);
  });
});
