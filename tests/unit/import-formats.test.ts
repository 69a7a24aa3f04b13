import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Polygon, Position } from 'geojson';
import { ImportError, type InputFile } from '../../src/lib/io/import/common';
import { readBoundaries, toLonLat } from '../../src/lib/io/import/boundaries';
import { ACCEPTED_FILES, isBoundaryFile } from '../../src/lib/io/import/file-kinds';
import type { RawBoundaries } from '../../src/lib/io/import/raw-boundaries';
import { buildUserSite } from '../../src/lib/io/import/build-site';
import { detectCrs } from '../../src/lib/io/import/crs/detect';
import { crsByCode } from '../../src/lib/io/import/crs/definitions';
import { createNodeEngine } from './helpers/node-engine';
import { loadSite } from '../../src/lib/db/schema';
import { queryRows } from '../../src/lib/db/engine';

// Fixtures: written by scripts/fixtures-formats.mjs (and scripts/fixtures-import.mjs for the shapefile)
const fixture = (name: string, folder = 'formats'): InputFile => ({
  name,
  bytes: new Uint8Array(readFileSync(new URL(`../fixtures/${folder}/${name}`, import.meta.url))),
});
const text = (name: string, content: string): InputFile => ({ name, bytes: new TextEncoder().encode(content) });

const NAMES = ['Lößnig', 'Großzschocher', 'Südvorstadt', 'Mölkau'];

/** The first square's corners (closing vertex dropped), sorted: independent of ring orientation and start. */
function corners(raw: RawBoundaries, code: number): Position[] {
  const ring = (toLonLat(raw, crsByCode(code)!, false).features[0]!.geometry as Polygon).coordinates[0]!;
  return ring.slice(0, -1).sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
}

const reference = async () => corners(await readBoundaries([fixture('ortsteile_25833.zip', 'import')]), 25833);

async function expectLeipzig(raw: RawBoundaries, code: number): Promise<void> {
  const got = corners(raw, code);
  for (const [lon, lat] of got) {
    expect(lon).toBeGreaterThan(12.3);
    expect(lon).toBeLessThan(12.45);
    expect(lat).toBeGreaterThan(51.28);
    expect(lat).toBeLessThan(51.32);
  }
  const ref = await reference();
  expect(got).toHaveLength(ref.length);
  got.forEach((p, i) => {
    expect(Math.abs(p[0]! - ref[i]![0]!)).toBeLessThan(1e-6);
    expect(Math.abs(p[1]! - ref[i]![1]!)).toBeLessThan(1e-6);
  });
}

function expectAttributes(raw: RawBoundaries): void {
  expect(raw.fc.features).toHaveLength(4);
  expect(raw.fc.features.map((f) => f.properties.OT_NAME)).toEqual(NAMES);
  expect(raw.fc.features.map((f) => f.properties.OT_NR)).toEqual(['1', '2', '3', '4']);
  expect(raw.fc.features.map((f) => f.properties.EINW)).toEqual([12345, 8000, 26000, 6500]);
  expect(raw.fc.features.map((f) => f.properties.ALQ_ANT)).toEqual([12.5, 7.25, 15.75, 4.5]);
  expect(raw.fc.features.every((f) => f.geometry.type === 'Polygon')).toBe(true);
}

/** Whatever the bytes, reading either works or fails with an ImportError naming the file. */
async function expectImportErrorOrResult(file: InputFile): Promise<void> {
  try {
    await readBoundaries([file]);
  } catch (err) {
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).message.startsWith(`${file.name}: `)).toBe(true);
  }
}

describe('file types', () => {
  it('recognises the new extensions and lists them when nothing fits', async () => {
    for (const name of ['a.topojson', 'a.fgb', 'a.parquet', 'a.GeoParquet', 'a.json', 'a.shp', 'a.GPKG']) expect(isBoundaryFile(name)).toBe(true);
    expect(isBoundaryFile('a.csv')).toBe(false);
    expect(ACCEPTED_FILES).toBe('.zip,.shp,.shx,.dbf,.prj,.cpg,.geojson,.json,.topojson,.fgb,.parquet,.geoparquet,.gpkg,.csv,.txt,.tsv,.xlsx,.ods');
    await expect(readBoundaries([text('tabelle.csv', 'a;b')])).rejects.toThrow(/no boundaries found \(expected .*\.topojson, \.fgb, \.parquet, \.geoparquet/);
  });
});

describe('readBoundaries: TopoJSON', () => {
  it('reads a quantized topology in absolute longitude/latitude, the CRS guessed from the coordinates', async () => {
    const file = fixture('ortsteile.topojson');
    expect(JSON.parse(new TextDecoder().decode(file.bytes)).transform).toBeDefined();
    const raw = await readBoundaries([file]);
    expect(raw.name).toBe('ortsteile');
    expectAttributes(raw);
    expect(raw.notes).toEqual([]);
    expect(raw.crs.crs?.code).toBe(4326);
    expect(raw.crs.source).toBe('guess');
    expect(raw.crs.swappedAxes).toBe(false);
    await expectLeipzig(raw, 4326);
  });

  it('takes the object with the most polygons from a .json topology and notes which', async () => {
    const raw = await readBoundaries([fixture('ortsteile-zwei-objekte.json')]);
    expectAttributes(raw);
    expect(raw.notes).toEqual(['topojson-object:ortsteile']);
    await expectLeipzig(raw, 4326);
  });

  it('honours a (non-standard) crs member', async () => {
    const topology = JSON.parse(new TextDecoder().decode(fixture('ortsteile.topojson').bytes));
    topology.crs = { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } };
    const raw = await readBoundaries([text('mit-crs.topojson', JSON.stringify(topology))]);
    expect(raw.crs.crs?.code).toBe(4326);
    expect(raw.crs.source).toBe('geojson');
    expect(raw.crs.confidence).toBe('certain');
  });

  it('rejects topologies without areas, broken topologies and broken JSON, naming the file', async () => {
    await expect(readBoundaries([fixture('haltestellen.topojson')])).rejects.toThrow(/^haltestellen\.topojson: contains no polygons/);
    await expect(readBoundaries([fixture('haltestellen.topojson')])).rejects.toBeInstanceOf(ImportError);
    const badArcs = '{"type":"Topology","objects":{"a":{"type":"Polygon","arcs":[[5]]}},"arcs":[]}';
    await expect(readBoundaries([text('kaputt.topojson', badArcs)])).rejects.toThrow(/^kaputt\.topojson: the TopoJSON topology could not be read/);
    await expect(readBoundaries([text('leer.topojson', '{"type":"Topology"}')])).rejects.toThrow(/^leer\.topojson: not a TopoJSON topology/);
    await expect(readBoundaries([text('halb.topojson', '{"type":"Topology","obj')])).rejects.toThrow(/^halb\.topojson: not valid JSON/);
  });
});

describe('readBoundaries: FlatGeobuf', () => {
  it('reads EPSG:25833 from the header', async () => {
    const raw = await readBoundaries([fixture('ortsteile_25833.fgb')]);
    expect(raw.name).toBe('ortsteile_25833');
    expectAttributes(raw);
    expect(raw.notes).toEqual([]);
    expect(raw.crs.crs?.code).toBe(25833);
    expect(raw.crs.source).toBe('header');
    expect(raw.crs.confidence).toBe('certain');
    expect(raw.crs.reason).toMatch(/FlatGeobuf header names ETRS89 \/ UTM zone 33N/);
    await expectLeipzig(raw, 25833);
  });

  it('without a CRS in the header the coordinates give UTM (a guess the user confirms)', async () => {
    const raw = await readBoundaries([fixture('ortsteile_ohne_crs.fgb')]);
    expectAttributes(raw);
    expect(raw.notes).toEqual(['no-crs']);
    expect(raw.crs.source).toBe('guess');
    expect(raw.crs.candidates.map((c) => c.code)).toContain(25833);
    await expectLeipzig(raw, 25833);
  });

  it('rejects truncated and foreign files with an ImportError naming the file', async () => {
    await expect(readBoundaries([fixture('ortsteile_25833_kaputt.fgb')])).rejects.toThrow(/^ortsteile_25833_kaputt\.fgb: .*truncated/);
    await expect(readBoundaries([text('text.fgb', 'not a flatgeobuf at all')])).rejects.toThrow(/^text\.fgb: not a FlatGeobuf file/);
    const bytes = fixture('ortsteile_25833.fgb').bytes;
    for (let n = 0; n < bytes.length; n++) {
      await expect(readBoundaries([{ name: `cut${n}.fgb`, bytes: bytes.subarray(0, n) }])).rejects.toThrow(new RegExp(`^cut${n}\\.fgb: `));
    }
  });

  it('never throws anything but an ImportError for damaged bytes', async () => {
    const bytes = fixture('ortsteile_25833.fgb').bytes;
    for (const fill of [0x00, 0xff, 0x7f]) {
      for (let at = 8; at < bytes.length; at++) {
        const damaged = bytes.slice();
        damaged.fill(fill, at, at + 3);
        await expectImportErrorOrResult({ name: `damaged${at}-${fill}.fgb`, bytes: damaged });
      }
    }
  });
});

describe('readBoundaries: GeoParquet', () => {
  it('reads EPSG:25832 from the PROJJSON id (zstd), BigInts as numbers or strings', async () => {
    const raw = await readBoundaries([fixture('ortsteile_25832.parquet')]);
    expect(raw.name).toBe('ortsteile_25832');
    expectAttributes(raw);
    // beyond 2^53: kept exact as text
    expect(raw.fc.features.map((f) => f.properties.GLOBAL_ID)).toEqual(['1152921504606846977', '1152921504606846978', '1152921504606846979', '1152921504606846980']);
    expect(Object.keys(raw.fc.features[0]!.properties)).not.toContain('geometry');
    expect(raw.notes).toEqual([]);
    expect(raw.crs.crs?.code).toBe(25832);
    expect(raw.crs.source).toBe('metadata');
    expect(raw.crs.confidence).toBe('certain');
    await expectLeipzig(raw, 25832);
  });

  it('reads a GeoParquet without crs as OGC:CRS84 longitude/latitude (gzip)', async () => {
    const raw = await readBoundaries([fixture('ortsteile_lonlat.geoparquet')]);
    expectAttributes(raw);
    expect(raw.crs.crs?.code).toBe(4326);
    expect(raw.crs.source).toBe('metadata');
    expect(raw.crs.confidence).toBe('certain');
    await expectLeipzig(raw, 4326);
  });

  it("reads Parquet's own GEOMETRY type without `geo` metadata (no crs: OGC:CRS84)", async () => {
    const raw = await readBoundaries([fixture('ortsteile_geometrietyp.parquet')]);
    expectAttributes(raw);
    expect(Object.keys(raw.fc.features[0]!.properties)).toEqual(['OT_NR', 'OT_NAME', 'EINW', 'ALQ_ANT']);
    expect([raw.crs.crs?.code, raw.crs.source]).toEqual([4326, 'metadata']);
    await expectLeipzig(raw, 4326);
  });

  it('rejects a Parquet table without geometry, truncated and foreign files, naming the file', async () => {
    await expect(readBoundaries([fixture('ohne_geometrie.parquet')])).rejects.toThrow(/^ohne_geometrie\.parquet: no geometry column/);
    await expect(readBoundaries([text('text.parquet', 'PAR1 but not really')])).rejects.toThrow(/^text\.parquet: /);
    const bytes = fixture('ortsteile_25832.parquet').bytes;
    for (let n = 0; n < bytes.length; n++) {
      await expect(readBoundaries([{ name: `cut${n}.parquet`, bytes: bytes.subarray(0, n) }])).rejects.toBeInstanceOf(ImportError);
    }
  });

  it('never throws anything but an ImportError for damaged bytes', async () => {
    // (hyparquet trusts page headers: without the reader's own checks some of these hang)
    for (const name of ['ortsteile_25832.parquet', 'ortsteile_lonlat.geoparquet']) {
      const bytes = fixture(name).bytes;
      for (const fill of [0x00, 0xff]) {
        for (let at = 4; at < bytes.length - 4; at++) {
          const damaged = bytes.slice();
          damaged.fill(fill, at, at + 3);
          await expectImportErrorOrResult({ name: `damaged${at}-${fill}-${name}`, bytes: damaged });
        }
      }
    }
  });
});

describe('detectCrs with an explicit EPSG hint', () => {
  const samples: [number, number][] = [[316500, 5686500]];
  it('maps aliases and checks the code against the coordinates', () => {
    const d = detectCrs({ epsg: { code: 25833, source: 'metadata' }, samples });
    expect([d.crs?.code, d.source, d.confidence]).toEqual([25833, 'metadata', 'certain']);
    expect(detectCrs({ epsg: { code: 4258, source: 'header' }, samples: [[12.37, 51.34]] }).crs?.code).toBe(4326);
    expect(detectCrs({ epsg: { code: 25833, source: 'header' }, samples: [[5686500, 316500]] }).swappedAxes).toBe(true);
  });
  it('falls back to the guess for an unsupported code, and says so', () => {
    const d = detectCrs({ epsg: { code: 32633, source: 'header', origin: 'FlatGeobuf header' }, samples });
    expect(d.source).toBe('guess');
    expect(d.candidates.map((c) => c.code)).toContain(25833);
    expect(d.reason).toMatch(/^The FlatGeobuf header names EPSG:32633, which is not in the list of known systems\./);
  });
});

describe('buildUserSite with the new formats', () => {
  it.each([
    ['ortsteile.topojson', 4326],
    ['ortsteile_25833.fgb', 25833],
    ['ortsteile_25832.parquet', 25832],
  ] as const)('builds a site from %s that loads into DuckDB', async (name, code) => {
    const raw = await readBoundaries([fixture(name)]);
    const fc = toLonLat(raw, crsByCode(code)!, false);
    const siteId = `user-${name.replace(/\W/g, '-')}`;
    const user = buildUserSite(
      fc,
      {
        label: 'Meine Ortsteile',
        fileName: name,
        idKey: 'OT_NR',
        nameKey: 'OT_NAME',
        indicators: [
          { key: 'EINW', unit: 'count' },
          { key: 'ALQ_ANT', unit: 'percent' },
        ],
        year: 2023,
        crsLabel: `EPSG:${code}`,
      },
      siteId,
    );
    expect(user.site.indicators.map((i) => i.id)).toEqual(['einw', 'alq_ant', 'flaeche_km2']);
    const engine = await createNodeEngine();
    await loadSite(engine, user.site, async (path) => user.files[path]!);
    const rows = await queryRows<{ area_id: string; ind: string; value: number }>(
      engine,
      `SELECT area_id, ind, value FROM observations WHERE site = '${siteId}' ORDER BY ind, area_id`,
    );
    const get = (ind: string, id: string) => rows.find((r) => r.ind === ind && r.area_id === id)?.value;
    expect(get('einw', '1')).toBe(12345);
    expect(get('alq_ant', '2')).toBe(7.25);
    expect(get('flaeche_km2', '3')).toBeCloseTo(1, 2);
    const names = await queryRows<{ name: string }>(engine, `SELECT name FROM areas WHERE site = '${siteId}' ORDER BY id`);
    expect(names.map((n) => n.name)).toEqual(NAMES);
  });
});
