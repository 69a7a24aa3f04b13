// The generated half of the bad-input corpus (issue "Hardening", item 1):
// fast-check properties whose every run goes through the same pipeline as the
// hand-made cases in bad-input.test.ts (parseImport → the dialog's defaults →
// DuckDB next to Leipzig). A run passes when it ends refused with an
// ImportError naming the file, or loaded with sane numbers, within the time
// limit, and Leipzig's rows are unchanged. Seeds are fixed (reproducible);
// set FC_SEED to explore others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CASE_TIMEOUT_MS, createEnv, file, runPipeline, snapshot, withTimeout, type Env } from './bad-input/harness';
import { AREAS, collection, deflatedZeros, fgb, geoParquet, lonLatRing, shapefileParts, topology, utmRing, xlsx, zip } from './bad-input/build';
import type { InputFile } from '../../src/lib/io/import/common';
import { validProject } from './bad-input/cases-points-project';

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20260521;
const runs: Record<string, number> = {};
/** How the runs of each property ended: "loaded kind" or "refused stage". */
const outcomes: Record<string, Record<string, number>> = {};

let env: Env;
beforeAll(async () => {
  env = await createEnv();
});

/** One property: every generated input through the pipeline, Leipzig checked after each run that reached DuckDB. */
function property<T>(name: string, numRuns: number, arb: fc.Arbitrary<T>, files: (value: T) => InputFile[]) {
  it(`${name} (${numRuns} runs)`, async () => {
    runs[name] = 0;
    const seen: Record<string, number> = (outcomes[name] = {});
    await fc.assert(
      fc.asyncProperty(arb, async (value) => {
        runs[name]!++;
        const input = files(value);
        const outcome = await withTimeout(runPipeline(env, input), CASE_TIMEOUT_MS * 2, name);
        const key = outcome.status === 'loaded' ? `loaded ${outcome.kind}` : `refused at ${outcome.stage}`;
        seen[key] = (seen[key] ?? 0) + 1;
        if (env.queries > 0) {
          expect(await snapshot(env.engine)).toEqual(env.baseline);
          env.queries = 0;
        }
      }),
      { numRuns, seed: SEED, endOnFailure: true },
    );
  });
}

// ---------------------------------------------------------------------------
// Arbitrary bytes and text

const EXTENSIONS = ['csv', 'txt', 'tsv', 'xlsx', 'xls', 'geojson', 'json', 'topojson', 'zip', 'shp', 'dbf', 'fgb', 'parquet', 'geoparquet', 'pdf'];
/** Magic bytes that take random bytes past the first check of each reader. */
const MAGIC = ['', 'PK\u0003\u0004', 'PAR1', 'fgb\u0003fgb\u0000', '{"type":"FeatureCollection","features":[', '{"type":"Topology","arcs":[', '{"format":"quartiersatlas-project","version":1,', '\u0000\u0000\'\n', 'Nr;Ortsteil;Einwohner\n00;'];
const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

// ---------------------------------------------------------------------------
// Tables

const KEYS = ['00', '01', '02', '0', '1', '99', '', 'x', '00 ', 'Zentrum', 'Zentrum-Süd'];
const specialCell = fc.constantFrom('NaN', 'Infinity', '-Infinity', 'inf', '1e308', '-1e308', '1e309', '4,9e-324', '-5', '150', '150 %', '1.234,5', '1,234.5', '.', '-', '–', 'x', 'k. A.', '#DIV/0!', '31.12.2022', '44926', '"', '""', '"a;b"', '<script>alert(1)</script>', "'); DROP TABLE areas;--", '=1+1', '\u0000', '\u202e', ' ', '');
const numberCell = fc.oneof(
  fc.double({ noNaN: false }).map((d) => String(d)),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((d) => d.toFixed(2).replace('.', ',')),
  fc.integer({ min: -100_000, max: 1_000_000 }).map(String),
);
const cell = fc.oneof(
  { weight: 3, arbitrary: numberCell },
  { weight: 3, arbitrary: specialCell },
  { weight: 2, arbitrary: fc.constantFrom(...KEYS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
);
const headerCell = fc.oneof(fc.constantFrom('Nr', 'Ortsteil', 'Name', 'Einwohner', 'Anteil (%)', 'Jahr', 'Einwohner 2021', 'Einwohner 2022', 'lon', 'lat', 'E', 'N', 'x', ''), fc.string({ maxLength: 10 }));
const tableText = fc
  .record({
    header: fc.array(headerCell, { minLength: 1, maxLength: 6 }),
    rows: fc.array(fc.array(cell, { minLength: 0, maxLength: 7 }), { maxLength: 12 }),
    sep: fc.constantFrom(';', ',', '\t', '|', ';'),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    title: fc.option(fc.string({ maxLength: 20 })),
  })
  .map(({ header, rows, sep, eol, title }) => [...(title === null ? [] : [title]), header.join(sep), ...rows.map((r) => r.join(sep))].join(eol));
const encoding = fc.constantFrom('utf8', 'latin1', 'bom', 'utf16le');
const encode = (text: string, enc: string): Uint8Array => {
  if (enc === 'latin1') return latin1(text);
  if (enc === 'bom') return new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
  if (enc === 'utf16le') return new Uint8Array([0xff, 0xfe, ...new Uint8Array(Uint16Array.from(text, (c) => c.charCodeAt(0)).buffer)]);
  return new TextEncoder().encode(text);
};

// ---------------------------------------------------------------------------
// GeoJSON with arbitrary geometries and attributes

const coordinate = fc.oneof(
  { weight: 4, arbitrary: fc.double({ min: 12.3, max: 12.5, noNaN: true }) },
  { weight: 4, arbitrary: fc.double({ min: 51.2, max: 51.4, noNaN: true }) },
  { weight: 2, arbitrary: fc.double({ min: 300_000, max: 5_700_000, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(1e308, -1e308, 0, -0, 5e-324, 180, -180, 90, 1e15) },
  { weight: 1, arbitrary: fc.constantFrom('12.4', null, true, [], {}) as fc.Arbitrary<unknown> },
);
const position = fc.array(coordinate, { minLength: 0, maxLength: 4 });
const ring = fc.oneof(
  fc.array(position, { maxLength: 7 }),
  fc.constantFrom(...AREAS.map((a) => lonLatRing(a)), ...AREAS.map((a) => utmRing(a))) as fc.Arbitrary<unknown[]>,
);
const geometry = fc.oneof(
  fc.record({ type: fc.constant('Polygon'), coordinates: fc.array(ring, { maxLength: 3 }) }),
  fc.record({ type: fc.constant('MultiPolygon'), coordinates: fc.array(fc.array(ring, { maxLength: 2 }), { maxLength: 3 }) }),
  fc.record({ type: fc.constantFrom('Point', 'MultiPoint', 'LineString', 'polygon', 'GeometryCollection'), coordinates: fc.oneof(position, fc.array(position, { maxLength: 3 })) }),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
);
const properties = fc.oneof(
  fc.record({ OT_NR: fc.oneof(fc.constantFrom('1', '2', '3', '4'), fc.string({ maxLength: 5 }), fc.integer()), OT_NAME: fc.string({ unit: 'binary', maxLength: 15 }), EINW: fc.oneof(fc.integer(), fc.double(), fc.constantFrom('NaN', null)), ALQ_ANT: fc.oneof(fc.double({ min: -10, max: 300 }), fc.constant(null)) }, { requiredKeys: [] }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  fc.constant(null),
);
/** JSON.stringify writes NaN and Infinity as null; 1e999 in the text becomes Infinity on reading. */
const geojsonText = fc
  .record({ features: fc.array(fc.record({ type: fc.constant('Feature'), geometry, properties }), { minLength: 0, maxLength: 8 }), crs: fc.option(fc.constantFrom('EPSG:25833', 'EPSG:4326', 'EPSG:2056', 'kaputt')) })
  .map(({ features, crs }) => JSON.stringify({ type: 'FeatureCollection', ...(crs ? { crs: { type: 'name', properties: { name: crs } } } : {}), features }).replace(/1e\+308/g, '1e999'));

// ---------------------------------------------------------------------------
// Mutations of valid files

const valid = {
  'ortsteile.zip': () => zip(Object.values(shapefileParts()).map((f) => ({ name: f.name, data: f.bytes }))),
  'ortsteile.fgb': () => fgb(collection(utmRing), 25833),
  'ortsteile.parquet': () => geoParquet(collection(utmRing), { crs: { id: { authority: 'EPSG', code: 25833 } } }),
  'tabelle.xlsx': () => xlsx([{ name: 'Daten', rows: [['Nr', 'Ortsteil', 'Einwohner'], ['00', 'Zentrum', 1000], ['01', 'Zentrum-Ost', 1111], ['02', 'Zentrum-Südost', 1222]] }]),
  'ortsteile.topojson': () => new TextEncoder().encode(topology(collection())),
  'ortsteile.geojson': () => new TextEncoder().encode(JSON.stringify(collection())),
  'tabelle.csv': () => latin1('Einwohner in Leipzig\n\nNr;Ortsteil;Einwohner;Anteil (%)\n00;Zentrum;1.000;4,5\n01;Zentrum-Ost;1.111;5,5\n02;Zentrum-Südost;1.222;6,5\n'),
  'projekt.json': () => new TextEncoder().encode(validProject()),
} as const;
type Mutation = { kind: 'truncate' | 'flip' | 'insert' | 'delete' | 'overwrite' | 'duplicate'; at: number; length: number; value: number };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  // mostly small damage, so that many runs get past the first check of a reader
  kind: fc.constantFrom('flip', 'flip', 'overwrite', 'insert', 'delete', 'duplicate', 'truncate'),
  // uniform: fast-check's bias toward the extremes would hit the magic bytes and the footer only
  at: fc.noBias(fc.integer({ min: 0, max: 1_000_000 })).map((n) => n / 1_000_000),
  length: fc.oneof({ weight: 6, arbitrary: fc.constant(1) }, { weight: 3, arbitrary: fc.integer({ min: 2, max: 8 }) }, { weight: 1, arbitrary: fc.integer({ min: 9, max: 64 }) }),
  value: fc.integer({ min: 1, max: 255 }),
}) as fc.Arbitrary<Mutation>;
function mutate(bytes: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let b = bytes;
  for (const m of mutations) {
    const at = Math.min(b.length, Math.floor(m.at * b.length));
    const end = Math.min(b.length, at + m.length);
    if (m.kind === 'truncate') b = b.slice(0, at);
    else if (m.kind === 'flip') b = b.map((v, i) => (i >= at && i < end ? v ^ m.value : v));
    else if (m.kind === 'insert') b = new Uint8Array([...b.subarray(0, at), ...Array.from({ length: m.length }, (_, i) => (m.value * (i + 1)) & 0xff), ...b.subarray(at)]);
    else if (m.kind === 'delete') b = new Uint8Array([...b.subarray(0, at), ...b.subarray(end)]);
    else if (m.kind === 'overwrite') b = b.map((v, i) => (i >= at && i < end ? m.value : v));
    else b = new Uint8Array([...b.subarray(0, end), ...b.subarray(at, end), ...b.subarray(end)]);
  }
  return b;
}
const mutations = fc.array(mutation, { minLength: 1, maxLength: 2 });

// ---------------------------------------------------------------------------
// Zip archives with arbitrary entries and declared sizes

const PART_NAMES = ['ortsteile.shp', 'ortsteile.shx', 'ortsteile.dbf', 'ortsteile.prj', 'ortsteile.cpg', 'a/b.shp', 'luftbild.tif', '__MACOSX/x.shp', 'ordner/'];
/** The valid parts, each perhaps stored, with an unknown method or a wrong declared size; plus arbitrary extra entries. */
const zipBytes = fc
  .record({
    parts: fc.array(
      fc.record({
        method: fc.oneof({ weight: 8, arbitrary: fc.constant(8) }, { weight: 2, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constant(12) }),
        declared: fc.oneof({ weight: 8, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat() }, { weight: 1, arbitrary: fc.constantFrom(0, 1, 0xffffffff, 600 << 20) }),
      }),
      { minLength: 4, maxLength: 4 },
    ),
    extra: fc.array(fc.record({ name: fc.constantFrom(...PART_NAMES), content: fc.oneof(fc.constant<'zeros'>('zeros'), fc.uint8Array({ maxLength: 200 })), declared: fc.option(fc.oneof(fc.nat(), fc.constantFrom(0, 0xffffffff, 600 << 20))) }), { maxLength: 3 }),
  })
  .map(({ parts, extra }) => {
    const valid = Object.values(shapefileParts());
    return zip([
      ...valid.map((f, i) => ({ name: f.name, data: f.bytes, method: parts[i]!.method as 0 | 8, ...(parts[i]!.declared === null ? {} : { declaredSize: parts[i]!.declared! }) })),
      ...extra.map((e) =>
        e.content === 'zeros'
          ? { name: e.name, data: new Uint8Array(), raw: deflatedZeros(2), size: e.declared ?? 2 << 20 }
          : { name: e.name, data: e.content, ...(e.declared === null ? {} : { declaredSize: e.declared }) },
      ),
    ]);
  });

/** Sets the part of a JSON document at a dotted path ("features.0.geometry") to a value. */
function replaceAt(doc: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const keys = path.split('.');
  let at: Record<string, unknown> = doc;
  for (const k of keys.slice(0, -1)) {
    const next = at[k];
    if (typeof next !== 'object' || next === null) return doc;
    at = next as Record<string, unknown>;
  }
  at[keys[keys.length - 1]!] = value;
  return doc;
}
const GEOJSON_PATHS = ['type', 'features', 'features.0', 'features.1.geometry', 'features.2.geometry.type', 'features.3.geometry.coordinates', 'features.0.geometry.coordinates.0', 'features.1.geometry.coordinates.0.2', 'features.2.geometry.coordinates.0.1.0', 'features.3.properties', 'features.0.properties.OT_NR', 'features.1.properties.EINW', 'features.2.properties.OT_NAME', 'crs'];
const TOPOJSON_PATHS = ['type', 'arcs', 'arcs.0', 'arcs.1.2', 'arcs.2.0.1', 'objects', 'objects.ortsteile', 'objects.ortsteile.type', 'objects.ortsteile.geometries', 'objects.ortsteile.geometries.0.arcs', 'objects.ortsteile.geometries.1.arcs.0', 'objects.ortsteile.geometries.2.type', 'objects.ortsteile.geometries.3.properties', 'transform', 'crs'];
/** Arbitrary JSON, and values that break readers in particular. */
const jsonPart = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(1e308, -1, 0, 1e15, '1e999', [], [[]], [[[]]], {}, null, 'Polygon', 'MultiPolygon', [99], [-100], [[0, 0], [1, 1]]) as fc.Arbitrary<unknown>);

// ---------------------------------------------------------------------------
// Project files with a part replaced by arbitrary JSON

const projectBase = () => JSON.parse(validProject()) as Record<string, unknown>;

describe('bad-input properties', () => {
  property('arbitrary bytes under every file extension', 120, fc.tuple(fc.constantFrom(...EXTENSIONS), fc.constantFrom(...MAGIC), fc.uint8Array({ maxLength: 600 })), ([ext, magic, bytes]) => [
    file(`zufall.${ext}`, new Uint8Array([...latin1(magic), ...bytes])),
  ]);
  property('arbitrary Unicode text as a CSV', 100, fc.tuple(fc.string({ unit: 'binary', maxLength: 400 }), encoding), ([text, enc]) => [file('zufall.csv', encode(text, enc))]);
  property('generated tables (keys, numbers, NaN/Infinity/1e308, markers, quotes, delimiters) joined to Leipzig', 150, fc.tuple(tableText, encoding), ([text, enc]) => [file('tabelle.csv', encode(text, enc))]);
  property('arbitrary JSON as .geojson and .json', 100, fc.tuple(fc.jsonValue({ maxDepth: 5 }), fc.constantFrom('geojson', 'json', 'topojson')), ([value, ext]) => [file(`zufall.${ext}`, JSON.stringify(value) ?? 'null')]);
  property('GeoJSON with arbitrary geometries, coordinates and attributes', 150, geojsonText, (text) => [file('gebiete.geojson', text)]);
  for (const [name, bytes] of Object.entries(valid)) {
    property(`mutations of a valid ${name} (truncate, flip, insert, delete, overwrite, duplicate)`, 80, mutations, (m) => [file(name, mutate(bytes(), m))]);
  }
  property('zip archives with arbitrary entries, methods and declared sizes', 80, zipBytes, (bytes) => [file('archiv.zip', bytes)]);
  property('valid GeoJSON with one part replaced by arbitrary JSON', 100, fc.tuple(fc.constantFrom(...GEOJSON_PATHS), jsonPart), ([path, value]) => [
    file('gebiete.geojson', JSON.stringify(replaceAt(JSON.parse(JSON.stringify(collection())) as Record<string, unknown>, path, value)).replace('"1e999"', '1e999')),
  ]);
  property('valid TopoJSON with one part replaced by arbitrary JSON', 100, fc.tuple(fc.constantFrom(...TOPOJSON_PATHS), jsonPart), ([path, value]) => [
    file('gebiete.topojson', JSON.stringify(replaceAt(JSON.parse(topology(collection())) as Record<string, unknown>, path, value)).replace('"1e999"', '1e999')),
  ]);
  property('project files with a part replaced by arbitrary JSON', 80, fc.tuple(fc.constantFrom('sites', 'extensions', 'pointLayers', 'view', 'version', 'sites.0', 'sites.0.site', 'sites.0.files', 'sites.0.site.id', 'sites.0.site.levels', 'sites.0.site.indicators', 'extensions.0', 'extensions.0.indicators', 'extensions.0.indicators.0.id', 'extensions.0.siteId', 'extensions.0.file', 'extensions.0.bytes', 'pointLayers.0.layer', 'pointLayers.0.bytes'), jsonPart), ([path, value]) => [
    file('projekt.json', JSON.stringify(replaceAt(projectBase(), path, value))),
  ]);
});

afterAll(() => {
  const names = Object.keys(runs);
  const total = Object.values(runs).reduce((s, n) => s + n, 0);
  console.info(`bad-input properties: ${names.length} properties × their runs = ${total} generated cases; seed ${SEED}`);
  for (const n of names) console.info(`  ${n}: ${runs[n]} runs (${Object.entries(outcomes[n] ?? {}).map(([k, v]) => `${k} ${v}`).join(', ')})`);
});
