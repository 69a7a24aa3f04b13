// GeoPackage import (src/lib/io/import/read-geopackage.ts, wkb.ts): layers, attributes,
// the CRS from gpkg_spatial_ref_sys, geometry blobs in every WKB flavour. The
// packages are written by SQLite (sql.js) through scripts/lib/gpkg-ods-writers.mjs;
// the fixture tests/fixtures/import/leipzig-ortsteile.gpkg holds Leipzig's real outlines.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Geometry, Polygon } from 'geojson';
import { geopackage, gpkgBlob, wkb, type GpkgLayerSpec } from '../../scripts/lib/gpkg-ods-writers.mjs';
import { readGeoPackage } from '../../src/lib/io/import/read-geopackage';
import { readGpkgGeometry, readWkb, WkbError } from '../../src/lib/io/import/wkb';
import { parseGeoPackage, parseImport } from '../../src/lib/io/import/parse-import';
import { toLonLat } from '../../src/lib/io/import/boundaries';
import { transformPosition } from '../../src/lib/io/import/crs/reproject';
import { crsByCode } from '../../src/lib/io/import/crs/definitions';
import { ImportError } from '../../src/lib/io/import/common';

const fixture = () => ({ name: 'leipzig-ortsteile.gpkg', bytes: new Uint8Array(readFileSync('tests/fixtures/import/leipzig-ortsteile.gpkg')) });

/** Writes WKB by hand: byte order, type code, then doubles (or counts, given as { n }). */
function hand(le: boolean, parts: (number | { n: number } | { type: number })[]): Uint8Array {
  const size = parts.reduce<number>((s, p) => s + (typeof p === 'number' ? 8 : 4), 1);
  const out = new Uint8Array(size + 1);
  const view = new DataView(out.buffer);
  out[0] = le ? 1 : 0;
  let at = 1;
  for (const p of parts) {
    if (typeof p === 'number') {
      view.setFloat64(at, p, le);
      at += 8;
    } else {
      view.setUint32(at, 'n' in p ? p.n : p.type, le);
      at += 4;
    }
  }
  return out.subarray(0, at);
}

describe('WKB', () => {
  const square: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] };

  it('reads what hyparquet-writer writes (standard little-endian WKB) for every type', () => {
    const geometries: Geometry[] = [
      { type: 'Point', coordinates: [316000.5, 5686000.25] },
      { type: 'LineString', coordinates: [[1, 2], [3, 4]] },
      square,
      { type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] },
      { type: 'MultiPolygon', coordinates: [square.coordinates, square.coordinates] },
      { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [5, 6] }, square] },
    ];
    for (const g of geometries) expect(readWkb(wkb(g))).toEqual(g);
  });

  it('reads big-endian, ISO Z/M/ZM and EWKB-flagged points, dropping Z and M', () => {
    expect(readWkb(hand(false, [{ type: 1 }, 12.5, 51.25]))).toEqual({ type: 'Point', coordinates: [12.5, 51.25] });
    expect(readWkb(hand(true, [{ type: 1001 }, 1, 2, 99]))).toEqual({ type: 'Point', coordinates: [1, 2] });
    expect(readWkb(hand(true, [{ type: 2001 }, 1, 2, 99]))).toEqual({ type: 'Point', coordinates: [1, 2] });
    expect(readWkb(hand(false, [{ type: 3001 }, 1, 2, 98, 99]))).toEqual({ type: 'Point', coordinates: [1, 2] });
    expect(readWkb(hand(true, [{ type: 0x80000001 }, 1, 2, 99]))).toEqual({ type: 'Point', coordinates: [1, 2] });
    // EWKB with SRID: the SRID follows the type
    expect(readWkb(hand(true, [{ type: 0x20000003 }, { n: 25832 }, { n: 1 }, { n: 4 }, 0, 0, 0, 5, 1, 1, 0, 7, 0, 0]))).toEqual({
      type: 'Polygon',
      coordinates: [[[0, 0], [0, 5], [1, 1], [0, 7]]],
    });
    // EWKB Z and SRID flags together: three doubles per position after the SRID
    expect(readWkb(hand(true, [{ type: 0xa0000001 }, { n: 25832 }, 3, 4, 99]))).toEqual({ type: 'Point', coordinates: [3, 4] });
    // ISO PolygonZ: three doubles per position
    expect(readWkb(hand(true, [{ type: 1003 }, { n: 1 }, { n: 4 }, 0, 0, 5, 1, 0, 5, 1, 1, 5, 0, 0, 5]))).toEqual({
      type: 'Polygon',
      coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]],
    });
  });

  it('treats NaN points and empty collections as empty, and refuses damaged blobs with a reason', () => {
    expect(readWkb(hand(true, [{ type: 1 }, NaN, NaN]))).toBeNull();
    expect(readWkb(hand(true, [{ type: 6 }, { n: 0 }]))).toBeNull();
    const err = (bytes: Uint8Array) => {
      try {
        readWkb(bytes);
      } catch (e) {
        expect(e).toBeInstanceOf(WkbError);
        return (e as Error).message;
      }
      throw new Error('no error');
    };
    expect(err(new Uint8Array([2, 1, 0, 0, 0]))).toMatch(/invalid WKB byte order 2/);
    expect(err(hand(true, [{ type: 17 }]))).toMatch(/unknown WKB geometry type 17/);
    expect(err(hand(true, [{ type: 4001 }]))).toMatch(/unknown WKB geometry type 4001/);
    expect(err(wkb(square).subarray(0, 40))).toMatch(/truncated/);
    // a count of 4 billion positions is refused before anything is allocated
    expect(err(hand(true, [{ type: 2 }, { n: 0xffffffff }, 1, 2]))).toMatch(/4,294,967,295 positions needs/);
    // a MultiPolygon whose part is a point
    expect(err(new Uint8Array([...hand(true, [{ type: 6 }, { n: 1 }]), ...hand(true, [{ type: 1 }, 1, 2])]))).toMatch(/a Polygon holds a Point/);
  });

  it('reads the GeoPackage header: envelope, empty flag, srs_id; refuses other blobs', () => {
    const w = wkb(square);
    expect(readGpkgGeometry(gpkgBlob(w, 25832, { envelope: [0, 1, 0, 1] }))).toEqual({ srsId: 25832, geometry: square });
    expect(readGpkgGeometry(gpkgBlob(w, 4326, { empty: true }))).toEqual({ srsId: 4326, geometry: null });
    expect(() => readGpkgGeometry(w)).toThrow(/does not start with "GP"/);
    expect(() => readGpkgGeometry(gpkgBlob(w, 1, { version: 3 }))).toThrow(/version 3/);
    expect(() => readGpkgGeometry(gpkgBlob(w, 1, { flags: 0x0e }))).toThrow(/envelope indicator 7/);
    expect(() => readGpkgGeometry(gpkgBlob(w, 1, { flags: 0x20 }))).toThrow(/extended/);
  });
});

describe('the Leipzig fixture (three layers, EPSG:25832 with WKT2)', () => {
  it('reads the first polygon layer with its attributes and lists the others', async () => {
    const read = await readGeoPackage(fixture());
    expect(read.layers).toEqual([
      { name: 'ortsteile', title: 'Ortsteile Leipzig', kind: 'polygons', count: 63 },
      { name: 'stadtbezirke', title: 'Stadtbezirke Leipzig', kind: 'polygons', count: 10 },
      { name: 'schulen', title: 'Schulen', kind: 'points', count: 13 },
    ]);
    expect(read.kind).toBe('boundaries');
    if (read.kind !== 'boundaries') return;
    expect(read.raw.name).toBe('Ortsteile Leipzig');
    expect(read.raw.fc.features).toHaveLength(63);
    // text keys keep their leading zeros; integers are numbers; the primary key comes last
    expect(read.raw.fc.features[0]!.properties).toEqual({ ot_nr: '00', ot_name: 'Zentrum', einwohner: 1901, fid: 1 });
    expect(read.raw.crs).toMatchObject({ source: 'metadata', confidence: 'certain', swappedAxes: false });
    expect(read.raw.crs.crs?.code).toBe(25832);
    expect(read.raw.crs.reason).toMatch(/GeoPackage names ETRS89 \/ UTM zone 32N/);
  });

  it('lands in Leipzig: reprojected, the Zentrum polygon surrounds its label point', async () => {
    const read = await readGeoPackage(fixture());
    if (read.kind !== 'boundaries') throw new Error('expected boundaries');
    const fc = toLonLat(read.raw, crsByCode(25832)!, false);
    const zentrum = fc.features[0]!.geometry as { coordinates: number[][][][] };
    const ring = zentrum.coordinates[0]![0]!;
    const lons = ring.map((p) => p[0]!);
    const lats = ring.map((p) => p[1]!);
    // Leipzig Zentrum's label point (data/leipzig/areas.csv): 12.37624, 51.33983
    expect(Math.min(...lons)).toBeLessThan(12.37624);
    expect(Math.max(...lons)).toBeGreaterThan(12.37624);
    expect(Math.min(...lats)).toBeLessThan(51.33983);
    expect(Math.max(...lats)).toBeGreaterThan(51.33983);
    // within centimetres of the bundled outline it was made from
    const original = JSON.parse(readFileSync('data/leipzig/ortsteil.geojson', 'utf8')).features[0].geometry.coordinates[0][0] as number[];
    expect(ring[0]![0]).toBeCloseTo(original[0]!, 6);
    expect(ring[0]![1]).toBeCloseTo(original[1]!, 6);
  });

  it('reads the point layer as points, and the other polygon layer, when asked', async () => {
    const schulen = await parseGeoPackage(fixture(), 'schulen');
    expect(schulen.kind).toBe('points');
    if (schulen.kind !== 'points') return;
    expect(schulen.gpkg?.layer).toBe('schulen');
    expect(schulen.raw.fc.features).toHaveLength(13);
    expect(schulen.raw.fc.features[1]!.properties).toMatchObject({ name: 'Schule Gohlis-Süd', art: 'Grundschule', schueler: 237 });
    expect(schulen.raw.crs.crs?.code).toBe(25832);
    const bezirke = await parseGeoPackage(fixture(), 'stadtbezirke');
    expect(bezirke.kind).toBe('boundaries');
    expect(bezirke.raw.fc.features).toHaveLength(10);
    await expect(parseGeoPackage(fixture(), 'strassen')).rejects.toThrow('leipzig-ortsteile.gpkg: the GeoPackage has no layer "strassen"');
  });

  it('is what parseImport gives for a dropped .gpkg', async () => {
    const parsed = await parseImport([fixture()]);
    expect(parsed.kind).toBe('boundaries');
    if (parsed.kind === 'boundaries') expect(parsed.gpkg?.layers.map((l) => l.name)).toEqual(['ortsteile', 'stadtbezirke', 'schulen']);
  });
});

describe('packages as they come', () => {
  const utm = (x: number, y: number) => [x, y];
  const squareAt = (x: number, y: number): Polygon => ({ type: 'Polygon', coordinates: [[utm(x, y), utm(x + 1000, y), utm(x + 1000, y + 1000), utm(x, y + 1000), utm(x, y)]] });
  const layer = (over: Partial<GpkgLayerSpec> = {}): GpkgLayerSpec => ({
    name: 'gebiete',
    geometryType: 'POLYGON',
    srsId: 25833,
    columns: [
      { name: 'nr', type: 'TEXT' },
      { name: 'anteil', type: 'REAL' },
      { name: 'aktiv', type: 'BOOLEAN' },
      { name: 'foto', type: 'BLOB' },
    ],
    rows: [
      { geometry: squareAt(316000, 5686000), nr: '01', anteil: 12.5, aktiv: 1, foto: new Uint8Array([1, 2, 3]) },
      { geometry: squareAt(317000, 5686000), nr: '02', anteil: null, aktiv: 0, foto: null },
    ],
    ...over,
  });
  const SRS_25833 = { id: 25833, name: 'ETRS89 / UTM zone 33N', code: 25833, definition: 'PROJCS["ETRS89 / UTM zone 33N"]' };

  it('attributes: reals, booleans as 0/1, nulls; blobs left out', async () => {
    const bytes = await geopackage({ srs: [SRS_25833], layers: [layer()] });
    const read = await readGeoPackage({ name: 'g.gpkg', bytes });
    if (read.kind !== 'boundaries') throw new Error('expected boundaries');
    expect(read.raw.fc.features.map((f) => f.properties)).toEqual([
      { nr: '01', anteil: 12.5, aktiv: 1, fid: 1 },
      { nr: '02', anteil: null, aktiv: 0, fid: 2 },
    ]);
    expect(read.raw.crs.crs?.code).toBe(25833);
    // one layer: named after the file
    expect(read.raw.name).toBe('g');
  });

  it('srs_id 0 (undefined geographic) declares nothing: the CRS is guessed from the coordinates', async () => {
    const bytes = await geopackage({ layers: [layer({ srsId: 0 })] });
    const read = await readGeoPackage({ name: 'g.gpkg', bytes });
    expect(read.raw.crs.source).not.toBe('metadata');
    expect(read.raw.crs.crs?.code === 25833 || read.raw.crs.candidates.some((c) => c.code === 25833)).toBe(true);
  });

  it('a definition without an EPSG code is read as WKT (a 7-digit UTM variant)', async () => {
    const prj =
      'PROJCS["ETRS_1989_UTM_Zone_N33_7stellen",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",33500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",15.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    const rows = layer().rows.map((r) => ({ ...r, geometry: squareAt(33316000, 5686000) }));
    const bytes = await geopackage({ srs: [{ id: 100000, name: 'UTM33 7-stellig', organization: 'NONE', code: 100000, definition: prj }], layers: [layer({ srsId: 100000, rows })] });
    const read = await readGeoPackage({ name: 'g.gpkg', bytes });
    if (read.kind !== 'boundaries') throw new Error('expected boundaries');
    // EPSG:5650, ETRS89 / UTM 33N with the zone before the easting
    expect(read.raw.crs.crs?.code).toBe(5650);
    const [lon, lat] = (toLonLat(read.raw, read.raw.crs.crs!, false).features[0]!.geometry as Polygon).coordinates[0]![0]!;
    const [elon, elat] = transformPosition(316000, 5686000, crsByCode(25833)!);
    expect(lon).toBeCloseTo(elon!, 6);
    expect(lat).toBeCloseTo(elat!, 6);
  });

  it('a generic GEOMETRY layer is classified by its features; a line layer is refused with its name', async () => {
    const mixed = await geopackage({ srs: [SRS_25833], layers: [layer({ geometryType: 'GEOMETRY' })] });
    expect((await readGeoPackage({ name: 'g.gpkg', bytes: mixed })).layers[0]!.kind).toBe('polygons');
    const lines = await geopackage({
      srs: [SRS_25833],
      layers: [{ name: 'strassen', identifier: 'Straßen', geometryType: 'LINESTRING', srsId: 25833, rows: [{ geometry: { type: 'LineString', coordinates: [[316000, 5686000], [317000, 5687000]] } }] }],
    });
    const err = await readGeoPackage({ name: 'linien.gpkg', bytes: lines }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as Error).message).toBe('linien.gpkg: the GeoPackage holds no layer with areas or points: "Straßen" (lines). Lines cannot be imported as areas or points');
  });

  it('names layer and feature of a damaged geometry', async () => {
    const rows = [...layer().rows, { geometry: gpkgBlob(wkb(squareAt(0, 0)).subarray(0, 30), 25833), nr: '03' }];
    const bytes = await geopackage({ srs: [SRS_25833], layers: [layer({ rows, identifier: 'Gebiete' })] });
    await expect(readGeoPackage({ name: 'kaputt.gpkg', bytes })).rejects.toThrow(/^kaputt\.gpkg: layer "Gebiete", feature 3: the geometry is truncated/);
  });
});
