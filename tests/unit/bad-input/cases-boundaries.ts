// Bad boundaries: GeoJSON, TopoJSON, Shapefile (.zip and parts), FlatGeobuf, GeoParquet.
import { expect } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { geojsonToWkb } from 'hyparquet-writer';
import { parquetMetadata } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { AREAS, collection, dbf, DBF_FIELDS, dbfRows, deflatedZeros, fgb, geoParquet, lonLatRing, PRJ_25833, shapefile, shapefileParts, topology, utmRing, zip, type Ring } from './build';
import { file, latin1, loaded, utf16le, type Case, type Outcome } from './harness';

type FC = FeatureCollection<Geometry, Record<string, unknown>>;
const json = (value: unknown) => JSON.stringify(value);
const geojson = (fc: FC = collection()) => json(fc);
/** The base collection with feature i's geometry or properties replaced. */
const withFeature = (i: number, edit: (f: Feature<Geometry, Record<string, unknown>>) => void, ring = lonLatRing) => collection(ring, (f, j) => j === i && edit(f));
const polygon = (...rings: unknown[]) => ({ type: 'Polygon', coordinates: rings }) as unknown as Geometry;

/** The value of attribute `ind` for area `id` that reached DuckDB (null: missing; undefined: no row). */
const value = (o: Outcome, ind: string, id: string) => {
  const row = loaded(o).observations.find((r) => r.ind === ind && r.area_id === id);
  return row === undefined ? undefined : row.value;
};
const expectValue = (ind: string, id: string, v: number | null) => (o: Outcome) => expect(value(o, ind, id) ?? null).toBe(v);
const areasIn = (o: Outcome) => loaded(o).areas.map((a) => a.name).sort();
/** Loaded in Leipzig's south (label points within a few km of the squares). */
const inLeipzig = (o: Outcome) => {
  for (const a of loaded(o).areas) {
    expect(a.lon).toBeGreaterThan(12.3);
    expect(a.lon).toBeLessThan(12.5);
    expect(a.lat).toBeGreaterThan(51.2);
    expect(a.lat).toBeLessThan(51.4);
  }
};
const big = (n: number, ch = 'x') => ch.repeat(n);
/** The CRS was not taken on trust: the user is asked, and the right one is offered. */
const offered = (code: number) => (o: Outcome) => {
  const parsed = o.status === 'loaded' ? o.parsed : null;
  if (!parsed || parsed.kind !== 'boundaries') return;
  expect(parsed.raw.crs.confidence).not.toBe('certain');
  expect(parsed.raw.crs.candidates.map((c) => c.code)).toContain(code);
};
const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

const bowtie = (a: { dx: number; dy: number }): Ring => {
  const [p0, p1, p2, p3] = lonLatRing(a);
  return [p0!, p2!, p1!, p3!, p0!];
};

// ---------------------------------------------------------------------------
// GeoJSON

const geojsonCases: Case[] = [
  { name: 'geojson: valid (the base of the cases below)', files: () => [file('ortsteile.geojson', geojson())], expect: 'loaded', check: (o) => {
    inLeipzig(o);
    expectValue('einw', '1', 12345)(o);
    expectValue('alq_ant', '2', 7.25)(o);
  } },
  { name: 'geojson: empty file', files: () => [file('leer.geojson', '')], expect: 'refused', message: /^leer\.geojson: not valid JSON/ },
  { name: 'geojson: truncated in the middle', files: () => [file('halb.geojson', geojson().slice(0, 300))], expect: 'refused', message: /^halb\.geojson: not valid JSON/ },
  { name: 'geojson: truncated by one character', files: () => [file('fast.geojson', geojson().slice(0, -1))], expect: 'refused', message: /^fast\.geojson: not valid JSON/ },
  { name: 'geojson: null', files: () => [file('null.geojson', 'null')], expect: 'refused', message: /^null\.geojson: not a GeoJSON FeatureCollection/ },
  { name: 'geojson: a number', files: () => [file('zahl.geojson', '42')], expect: 'refused', message: /not a GeoJSON FeatureCollection/ },
  { name: 'geojson: a string', files: () => [file('text.geojson', '"FeatureCollection"')], expect: 'refused', message: /not a GeoJSON FeatureCollection/ },
  { name: 'geojson: an array of features', files: () => [file('liste.geojson', json(collection().features))], expect: 'refused', message: /not a GeoJSON FeatureCollection/ },
  { name: 'geojson: a single Feature', files: () => [file('eins.geojson', json(collection().features[0]))], expect: 'refused', message: /not a GeoJSON FeatureCollection/ },
  { name: 'geojson: features missing', files: () => [file('ohne.geojson', '{"type":"FeatureCollection"}')], expect: 'refused', message: /not a GeoJSON FeatureCollection/ },
  { name: 'geojson: features is an object', files: () => [file('objekt.geojson', '{"type":"FeatureCollection","features":{"0":{}}}')], expect: 'refused', message: /not a GeoJSON FeatureCollection/ },
  { name: 'geojson: no features', files: () => [file('leer.geojson', '{"type":"FeatureCollection","features":[]}')], expect: 'refused', message: /^leer\.geojson: contains no polygons/ },
  { name: 'geojson: features null, 1, "x", []', files: () => [file('muell.geojson', '{"type":"FeatureCollection","features":[null,1,"x",[],{}]}')], expect: 'refused', message: /contains no polygons/ },
  { name: 'geojson: only null geometries', files: () => [file('null.geojson', geojson(collection(lonLatRing, (f) => ((f as { geometry: unknown }).geometry = null))))], expect: 'refused', message: /contains no polygons/ },
  { name: 'geojson: only a GeometryCollection of polygons', files: () => [file('gc.geojson', geojson(collection(lonLatRing, (f) => (f.geometry = { type: 'GeometryCollection', geometries: [f.geometry] }))))], expect: 'refused', message: /contains no polygons/ },
  { name: 'geojson: a UTF-8 byte order mark', files: () => [file('bom.geojson', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(geojson())]))], expect: 'loaded' },
  { name: 'geojson: UTF-16LE with BOM', files: () => [file('utf16.geojson', utf16le(geojson()))], expect: 'loaded', check: (o) => expect(areasIn(o)).toContain('Lößnig') },
  { name: 'geojson: Windows-1252 (umlauts read right)', files: () => [file('ansi.geojson', latin1(geojson()))], expect: 'loaded', check: (o) => expect(areasIn(o)).toContain('Großzschocher') },
  { name: 'geojson: JSON with comments', files: () => [file('kommentar.geojson', '// Ortsteile\n' + geojson())], expect: 'refused', message: /not valid JSON/ },
  { name: 'geojson: NaN literal (not JSON)', files: () => [file('nan.geojson', geojson().replace('12345', 'NaN'))], expect: 'refused', message: /not valid JSON/ },

  // --- invalid geometries
  { name: 'geojson: one empty polygon (left out like a missing geometry)', files: () => [file('leer.geojson', geojson(withFeature(1, (f) => (f.geometry = polygon()))))], expect: 'loaded', check: (o) => expect(loaded(o).areas).toHaveLength(3) },
  { name: 'geojson: all polygons empty', files: () => [file('leer.geojson', geojson(collection(lonLatRing, (f) => (f.geometry = polygon()))))], expect: 'refused', message: /contains no polygons/ },
  { name: 'geojson: an empty ring', files: () => [file('leer.geojson', geojson(collection(lonLatRing, (f) => (f.geometry = polygon([])))))], expect: 'refused', message: /contains no polygons/ },
  { name: 'geojson: an empty MultiPolygon next to valid ones', files: () => [file('multi.geojson', geojson(withFeature(0, (f) => (f.geometry = { type: 'MultiPolygon', coordinates: [] }))))], expect: 'loaded', check: (o) => expect(loaded(o).areas).toHaveLength(3) },
  { name: 'geojson: a MultiPolygon with one empty part', files: () => [file('multi.geojson', geojson(withFeature(0, (f) => (f.geometry = { type: 'MultiPolygon', coordinates: [[], [lonLatRing(AREAS[0]!)]] }))))], expect: 'loaded', check: (o) => expect(loaded(o).areas).toHaveLength(4) },
  { name: 'geojson: unclosed rings (closed on reading)', files: () => [file('offen.geojson', geojson(collection((a) => lonLatRing(a).slice(0, -1))))], expect: 'loaded', check: (o) => {
    inLeipzig(o);
    const g = JSON.parse(new TextDecoder().decode(loaded(o).site!.files['user/user-bad/areas.geojson']!)) as FC;
    const ring = (g.features[0]!.geometry as { coordinates: number[][][] }).coordinates[0]!;
    expect(ring[0]).toEqual(ring[ring.length - 1]);
  } },
  { name: 'geojson: a ring of two positions', files: () => [file('linie.geojson', geojson(withFeature(2, (f) => (f.geometry = polygon(lonLatRing(AREAS[2]!).slice(0, 2))))))], expect: 'refused', message: /^linie\.geojson: feature 3 has a ring with fewer than three corners/ },
  { name: 'geojson: a ring of one position', files: () => [file('punkt.geojson', geojson(withFeature(0, (f) => (f.geometry = polygon([[12.4, 51.3]])))))], expect: 'refused', message: /feature 1 has a ring with fewer than three corners/ },
  { name: 'geojson: a self-intersecting ring (bow tie) is kept', files: () => [file('schleife.geojson', geojson(collection(bowtie)))], expect: 'loaded', check: inLeipzig },
  { name: 'geojson: a hole outside its shell is kept', files: () => [file('loch.geojson', geojson(withFeature(0, (f) => (f.geometry = polygon(lonLatRing(AREAS[0]!), lonLatRing(AREAS[3]!))))))], expect: 'loaded', check: inLeipzig },
  { name: 'geojson: all corners the same point', files: () => [file('punkt.geojson', geojson(withFeature(0, (f) => (f.geometry = polygon([[12.4, 51.3], [12.4, 51.3], [12.4, 51.3], [12.4, 51.3]])))))], expect: 'either' },
  { name: 'geojson: coordinates as strings', files: () => [file('text.geojson', geojson(withFeature(1, (f) => (f.geometry = polygon(lonLatRing(AREAS[1]!).map((p) => p.map(String)))))))], expect: 'refused', message: /^text\.geojson: feature 2 contains invalid coordinates/ },
  { name: 'geojson: a coordinate null', files: () => [file('null.geojson', geojson(withFeature(0, (f) => ((f.geometry as { coordinates: unknown[][][] }).coordinates[0]![2] = [null, 51.3]))))], expect: 'refused', message: /feature 1 contains invalid coordinates/ },
  { name: 'geojson: a position of one number', files: () => [file('eins.geojson', geojson(withFeature(0, (f) => ((f.geometry as { coordinates: unknown[][][] }).coordinates[0]![2] = [12.4]))))], expect: 'refused', message: /feature 1 contains invalid coordinates/ },
  { name: 'geojson: 1e999 (Infinity after JSON.parse) as a coordinate', files: () => [file('inf.geojson', geojson(withFeature(3, (f) => ((f.geometry as { coordinates: number[][][] }).coordinates[0]![1]![0] = 7777))).replace('7777', '1e999'))], expect: 'refused', message: /feature 4 contains invalid coordinates/ },
  { name: 'geojson: 1e308 as a coordinate (outside longitude/latitude)', files: () => [file('gross.geojson', geojson(withFeature(3, (f) => ((f.geometry as { coordinates: number[][][] }).coordinates[0]![1]![0] = 1e308))))], expect: 'refused' },
  { name: 'geojson: Polygon coordinates nested one level too deep', files: () => [file('tief.geojson', geojson(withFeature(0, (f) => (f.geometry = polygon([lonLatRing(AREAS[0]!)])))))], expect: 'refused', message: /feature 1 contains invalid coordinates/ },
  { name: 'geojson: Polygon coordinates one level too flat', files: () => [file('flach.geojson', geojson(withFeature(0, (f) => (f.geometry = { type: 'Polygon', coordinates: lonLatRing(AREAS[0]!) } as unknown as Geometry))))], expect: 'refused', message: /feature 1 contains invalid coordinates/ },
  { name: 'geojson: Polygon coordinates an object', files: () => [file('objekt.geojson', geojson(withFeature(0, (f) => (f.geometry = { type: 'Polygon', coordinates: { a: 1 } } as unknown as Geometry))))], expect: 'refused', message: /feature 1 contains invalid coordinates/ },
  { name: 'geojson: geometry type "polygon" (lower case) is no polygon', files: () => [file('klein.geojson', geojson(collection(lonLatRing, (f) => ((f.geometry as { type: string }).type = 'polygon'))))], expect: 'refused', message: /contains no polygons/ },
  { name: 'geojson: 4-dimensional positions', files: () => [file('xyzm.geojson', geojson(collection((a) => lonLatRing(a).map(([x, y]) => [x!, y!, 100, 7]))))], expect: 'loaded', check: inLeipzig },

  // --- attributes
  { name: 'geojson: properties null', files: () => [file('ohne.geojson', geojson(collection(lonLatRing, (f) => ((f as { properties: unknown }).properties = null))))], expect: 'refused', message: /import\.noKey/ },
  { name: 'geojson: properties an array', files: () => [file('liste.geojson', geojson(collection(lonLatRing, (f, i) => ((f as { properties: unknown }).properties = [String(i), i * 10]))))], expect: 'either' },
  { name: 'geojson: every key twice (no attribute unique)', files: () => [file('doppelt.geojson', geojson(collection(lonLatRing, (f) => (f.properties = { OT_NR: '1', OT_NAME: 'Lößnig', EINW: 1 }))))], expect: 'refused', message: /import\.noKey/ },
  { name: 'geojson: duplicate property keys in the JSON text (the last wins)', files: () => [file('schluessel.geojson', geojson().replace(/"OT_NR":"(\d)"/g, '"OT_NR":"x","OT_NR":"$1"'))], expect: 'loaded', check: (o) => expect(loaded(o).areas.map((a) => a.id).sort()).toEqual(['1', '2', '3', '4']) },
  { name: 'geojson: 1e999 (Infinity) as an attribute is missing', files: () => [file('inf.geojson', geojson(withFeature(0, (f) => (f.properties.EINW = 7777))).replace('7777', '1e999'))], expect: 'loaded', check: expectValue('einw', '1', null) },
  { name: 'geojson: 1e308 as an attribute is kept', files: () => [file('gross.geojson', geojson(withFeature(0, (f) => (f.properties.EINW = 1e308))))], expect: 'loaded', check: expectValue('einw', '1', 1e308) },
  { name: 'geojson: "NaN" as a text attribute makes the column text', files: () => [file('nan.geojson', geojson(withFeature(0, (f) => (f.properties.EINW = 'NaN'))))], expect: 'loaded', check: (o) => expect(loaded(o).attrs!.numeric).not.toContain('EINW') },
  { name: 'geojson: a negative count and a share over 100 arrive unchanged', files: () => [file('werte.geojson', geojson(withFeature(0, (f) => Object.assign(f.properties, { EINW: -5, ALQ_ANT: 150 }))))], expect: 'loaded', check: (o) => {
    expectValue('einw', '1', -5)(o);
    expectValue('alq_ant', '1', 150)(o);
  } },
  { name: 'geojson: numbers as text ("12345") are no indicator', files: () => [file('text.geojson', geojson(collection(lonLatRing, (f) => (f.properties.EINW = String(f.properties.EINW)))))], expect: 'loaded' },
  { name: 'geojson: an attribute {"toString": 1} (String() would throw)', files: () => [file('tostring.geojson', geojson(collection(lonLatRing, (f, i) => (f.properties.OT_NR = { toString: i, valueOf: 'x' }))))], expect: 'either' },
  { name: 'geojson: a crs member whose code is {"toString": 1}', files: () => [file('crs.geojson', json({ ...collection(), crs: { type: 'EPSG', properties: { code: { toString: 1 } } } }))], expect: 'loaded' },
  { name: 'geojson: nested objects as attribute values', files: () => [file('tief.geojson', geojson(collection(lonLatRing, (f) => (f.properties.META = { a: [1, { b: 2 }] }))))], expect: 'loaded' },
  { name: 'geojson: a 1 MB property key', files: () => [file('schluessel.geojson', geojson(collection(lonLatRing, (f) => (f.properties[`Einwohner ${big(1 << 20)}`] = 5))))], expect: 'loaded', check: (o) => {
    for (const i of loaded(o).site!.site.indicators) expect(i.id.length).toBeLessThanOrEqual(64);
  } },
  { name: 'geojson: a 10 MB name', files: () => [file('name.geojson', geojson(withFeature(0, (f) => (f.properties.OT_NAME = big(10 << 20)))))], expect: 'refused', message: /^name\.geojson: the name of feature 1 has 10,485,760 characters \(at most 1,000\)/ },
  { name: 'geojson: 10 MB keys', files: () => [file('key.geojson', geojson(collection(lonLatRing, (f, i) => (f.properties.OT_NR = big(10 << 20) + i))))], expect: 'refused', message: /^key\.geojson: the key of feature 1 has 10,485,761 characters/ },
  { name: 'geojson: NUL characters in keys and names', files: () => [file('nul.geojson', geojson(withFeature(0, (f) => Object.assign(f.properties, { OT_NR: '1\u0000x', OT_NAME: 'Lö\u0000ßnig' }))))], expect: 'either', check: (o) => { if (o.status === 'loaded') expect(areasIn(o)).toHaveLength(4); } },
  { name: 'geojson: a 1,000-character name is kept', files: () => [file('name.geojson', geojson(withFeature(0, (f) => (f.properties.OT_NAME = big(1000)))))], expect: 'loaded', check: (o) => expect(areasIn(o)).toContain(big(1000)) },
  { name: 'geojson: HTML and script in names come through as text', files: () => [file('html.geojson', geojson(withFeature(0, (f) => (f.properties.OT_NAME = '<img src=x onerror="alert(1)"><script>alert(2)</script>'))))], expect: 'loaded', check: (o) => expect(areasIn(o)).toContain('<img src=x onerror="alert(1)"><script>alert(2)</script>') },
  { name: "geojson: SQL in keys and names (\"1'; DROP TABLE observations;--\")", files: () => [file('sql.geojson', geojson(withFeature(0, (f) => Object.assign(f.properties, { OT_NR: "1'; DROP TABLE observations;--", OT_NAME: 'Robert"); DELETE FROM areas;--' }))))], expect: 'loaded', check: (o) => expect(areasIn(o)).toContain('Robert"); DELETE FROM areas;--') },
  { name: 'geojson: keys with line breaks and commas (CSV quoting)', files: () => [file('csv.geojson', geojson(withFeature(0, (f) => Object.assign(f.properties, { OT_NR: '1,\n"2"', OT_NAME: 'a\r\nb' }))))], expect: 'loaded', check: (o) => expect(loaded(o).areas.map((a) => a.id)).toContain('1,\n"2"') },
  { name: 'geojson: nesting 100,000 levels deep', files: () => [file('tief.geojson', `{"type":"FeatureCollection","features":[],"x":${deep(100_000)}}`)], expect: 'refused', message: /^tief\.geojson: is nested too deeply/ },
  { name: 'geojson: an attribute nested 100 levels deep', files: () => [file('tief.geojson', geojson().replace('"EINW":12345', `"EINW":${deep(100)}`))], expect: 'refused', message: /is nested too deeply/ },
  { name: 'geojson: 2,000 features', files: () => [file('viele.geojson', geojson({ type: 'FeatureCollection', features: Array.from({ length: 2000 }, (_, i) => ({ type: 'Feature', properties: { id: String(i), EINW: i }, geometry: polygon(lonLatRing({ dx: (i % 70) / 50, dy: Math.floor(i / 70) / 50 }).map(([x, y]) => [x!, y!])) })) }))], expect: 'loaded', check: (o) => expect(loaded(o).areas).toHaveLength(2000) },

  // --- wrong or missing CRS
  { name: 'geojson: crs member EPSG:25833, coordinates in longitude/latitude', files: () => [file('falsch.geojson', json({ ...collection(), crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::25833' } } }))], expect: 'loaded', check: offered(4326) },
  { name: 'geojson: crs member EPSG:4326, coordinates in UTM 33N', files: () => [file('falsch.geojson', json({ ...collection(utmRing), crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4326' } } }))], expect: 'either', check: offered(25833) },
  { name: 'geojson: UTM 33N without crs member (guessed)', files: () => [file('utm.geojson', geojson(collection(utmRing)))], expect: 'loaded', check: offered(25833) },
  { name: 'geojson: an unsupported CRS (EPSG:2056, Switzerland)', files: () => [file('ch.geojson', json({ ...collection(utmRing), crs: { type: 'name', properties: { name: 'EPSG:2056' } } }))], expect: 'either' },
  { name: 'geojson: a crs member of the wrong type', files: () => [file('crs.geojson', json({ ...collection(), crs: [1, 2, 3] }))], expect: 'loaded', check: inLeipzig },
  { name: 'geojson: a crs member with a 1 MB name', files: () => [file('crs.geojson', json({ ...collection(), crs: { type: 'name', properties: { name: big(1 << 20, 'E') } } }))], expect: 'loaded', check: inLeipzig },
  { name: 'geojson: latitude and longitude swapped', files: () => [file('vertauscht.geojson', geojson(collection((a) => lonLatRing(a).map(([x, y]) => [y!, x!]))))], expect: 'loaded', check: inLeipzig },
  { name: 'geojson: coordinates far outside any CRS (1e7, 1e7)', files: () => [file('weit.geojson', geojson(collection((a) => lonLatRing(a).map(([x, y]) => [x! * 1e6, y! * 1e6]))))], expect: 'refused' },
  { name: 'geojson: longitude 200 (beyond the date line)', files: () => [file('lon.geojson', geojson(collection((a) => lonLatRing(a).map(([x, y]) => [x! + 190, y!]))))], expect: 'refused' },
];

// ---------------------------------------------------------------------------
// TopoJSON

const topoCases: Case[] = [
  { name: 'topojson: valid, written by hand (the base of the cases below)', files: () => [file('ortsteile.topojson', topology(collection()))], expect: 'loaded', check: inLeipzig },
  { name: 'topojson: empty file', files: () => [file('leer.topojson', '')], expect: 'refused', message: /^leer\.topojson: not valid JSON/ },
  { name: 'topojson: truncated', files: () => [file('halb.topojson', topology(collection()).slice(0, 200))], expect: 'refused', message: /^halb\.topojson: not valid JSON/ },
  { name: 'topojson: a GeoJSON FeatureCollection named .topojson is read as GeoJSON', files: () => [file('geo.topojson', geojson())], expect: 'loaded' },
  { name: 'topojson: arcs missing', files: () => [file('ohne.topojson', topology(collection(), (t) => delete t.arcs))], expect: 'refused', message: /objects or arcs missing/ },
  { name: 'topojson: objects an array', files: () => [file('liste.topojson', topology(collection(), (t) => (t.objects = [1, 2])))], expect: 'refused', message: /objects or arcs missing/ },
  { name: 'topojson: no objects', files: () => [file('leer.topojson', topology(collection(), (t) => (t.objects = {})))], expect: 'refused', message: /contains no polygons/ },
  { name: 'topojson: an arc index out of range', files: () => [file('index.topojson', topology(collection(), (t) => ((t.objects as { ortsteile: { geometries: { arcs: number[][] }[] } }).ortsteile.geometries[0]!.arcs = [[99]])))], expect: 'refused', message: /^index\.topojson: / },
  { name: 'topojson: a negative arc index out of range (~99)', files: () => [file('index.topojson', topology(collection(), (t) => ((t.objects as { ortsteile: { geometries: { arcs: number[][] }[] } }).ortsteile.geometries[0]!.arcs = [[-100]])))], expect: 'refused', message: /^index\.topojson: / },
  { name: 'topojson: arc indices as text', files: () => [file('text.topojson', topology(collection(), (t) => ((t.objects as { ortsteile: { geometries: { arcs: unknown }[] } }).ortsteile.geometries[0]!.arcs = [['0']])))], expect: 'either' },
  { name: 'topojson: arcs as a string', files: () => [file('text.topojson', topology(collection(), (t) => ((t.objects as { ortsteile: { geometries: { arcs: unknown }[] } }).ortsteile.geometries[0]!.arcs = 'abc')))], expect: 'refused' },
  { name: 'topojson: arc coordinates as strings', files: () => [file('text.topojson', topology(collection(), (t) => ((t.arcs as unknown[][])[0] = lonLatRing(AREAS[0]!).map((p) => p.map(String)))))], expect: 'refused', message: /feature 1 contains invalid coordinates/ },
  { name: 'topojson: an empty arc', files: () => [file('leer.topojson', topology(collection(), (t) => ((t.arcs as unknown[][])[0] = [])))], expect: 'either' },
  { name: 'topojson: a transform with scale 0', files: () => [file('null.topojson', topology(collection(), (t) => (t.transform = { scale: [0, 0], translate: [12, 51] })))], expect: 'either' },
  { name: 'topojson: a transform with scale 1e308 (Infinity)', files: () => [file('inf.topojson', topology(collection(), (t) => (t.transform = { scale: [1e308, 1e308], translate: [0, 0] })))], expect: 'refused', message: /contains invalid coordinates/ },
  { name: 'topojson: a transform with text', files: () => [file('text.topojson', topology(collection(), (t) => (t.transform = { scale: 'a', translate: null })))], expect: 'refused' },
  { name: 'topojson: points only', files: () => [file('punkte.topojson', json({ type: 'Topology', arcs: [], objects: { p: { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [12.4, 51.3] }] } } }))], expect: 'refused', message: /contains no polygons/ },
  { name: 'topojson: unclosed rings', files: () => [file('offen.topojson', topology(collection((a) => lonLatRing(a).slice(0, -1))))], expect: 'loaded', check: inLeipzig },
  { name: 'topojson: a wrong crs member (EPSG:25833 for longitude/latitude)', files: () => [file('crs.topojson', topology(collection(), (t) => (t.crs = { type: 'name', properties: { name: 'EPSG:25833' } })))], expect: 'loaded', check: offered(4326) },
  { name: 'topojson: HTML in names', files: () => [file('html.topojson', topology(withFeature(0, (f) => (f.properties.OT_NAME = '<b onmouseover=alert(1)>x</b>'))))], expect: 'loaded', check: (o) => expect(areasIn(o)).toContain('<b onmouseover=alert(1)>x</b>') },
  { name: 'topojson: nesting 100,000 levels deep', files: () => [file('tief.topojson', `{"type":"Topology","arcs":${deep(100_000)},"objects":{}}`)], expect: 'refused', message: /is nested too deeply/ },
];

// ---------------------------------------------------------------------------
// Shapefile

const parts = () => Object.values(shapefileParts());
const zipped = (files = parts(), name = 'ortsteile.zip') => file(name, zip(files.map((f) => ({ name: f.name, data: f.bytes }))));
const shp = (records: { rings?: Ring[]; point?: [number, number] }[], shapeType = 5) => {
  const { shp: s, shx } = shapefile(records, shapeType);
  const p = shapefileParts();
  return [{ ...p.shp, bytes: s }, { ...p.shx, bytes: shx }, p.dbf, p.prj];
};
const squares = (ring: (a: (typeof AREAS)[number]) => Ring = (a) => [...utmRing(a)].reverse()) => AREAS.map((a) => ({ rings: [ring(a)] }));

const shapefileCases: Case[] = [
  { name: 'shapefile: valid .zip (the base of the cases below)', files: () => [zipped()], expect: 'loaded', check: (o) => {
    inLeipzig(o);
    expect(areasIn(o)).toEqual(['Großzschocher', 'Lößnig', 'Mölkau', 'Südvorstadt']);
  } },
  { name: 'shapefile: valid parts', files: parts, expect: 'loaded', check: inLeipzig },
  { name: 'shapefile: .shp alone (no attributes: no key)', files: () => [shapefileParts().shp], expect: 'refused', message: /import\.noKey/ },
  { name: 'shapefile: .dbf alone', files: () => [shapefileParts().dbf], expect: 'refused', message: /no boundaries found/ },
  { name: 'shapefile: .shp truncated to its header', files: () => [...parts().filter((f) => !f.name.endsWith('.shp')), { ...shapefileParts().shp, bytes: shapefileParts().shp.bytes.slice(0, 100) }], expect: 'refused' },
  { name: 'shapefile: .shp truncated in a record', files: () => [...parts().filter((f) => !f.name.endsWith('.shp')), { ...shapefileParts().shp, bytes: shapefileParts().shp.bytes.slice(0, 300) }], expect: 'either' },
  { name: 'shapefile: .shp of 50 bytes', files: () => [{ ...shapefileParts().shp, bytes: shapefileParts().shp.bytes.slice(0, 50) }], expect: 'refused' },
  { name: 'shapefile: empty .shp', files: () => [{ ...shapefileParts().shp, bytes: new Uint8Array() }, shapefileParts().dbf], expect: 'refused' },
  { name: 'shapefile: a .shp with a record length beyond the file', files: () => {
    const p = parts();
    const b = p[0]!.bytes.slice();
    new DataView(b.buffer).setInt32(104, 0x7fffffff, false);
    return [{ ...p[0]!, bytes: b }, ...p.slice(1)];
  }, expect: 'either' },
  { name: 'shapefile: a ring count of 2^31 in a record', files: () => {
    const p = parts();
    const b = p[0]!.bytes.slice();
    new DataView(b.buffer).setInt32(108 + 36, 0x7fffffff, true);
    return [{ ...p[0]!, bytes: b }, ...p.slice(1)];
  }, expect: 'either' },
  { name: 'shapefile: NaN coordinates', files: () => shp(squares((a) => [...utmRing(a)].reverse().map(([x, y], i) => [i === 2 ? NaN : x!, y!]))), expect: 'refused', message: /^ortsteile\.shp: feature 1 contains invalid coordinates/ },
  { name: 'shapefile: 1e308 coordinates', files: () => shp(squares((a) => [...utmRing(a)].reverse().map(([x, y], i) => [i === 2 ? 1e308 : x!, y!]))), expect: 'refused' },
  { name: 'shapefile: Infinity coordinates', files: () => shp(squares((a) => [...utmRing(a)].reverse().map(([x, y], i) => [x!, i === 1 ? Infinity : y!]))), expect: 'refused', message: /contains invalid coordinates/ },
  { name: 'shapefile: unclosed rings', files: () => shp(squares((a) => [...utmRing(a)].reverse().slice(0, -1))), expect: 'loaded', check: inLeipzig },
  { name: 'shapefile: a ring of two points', files: () => shp([{ rings: [utmRing(AREAS[0]!).slice(0, 2)] }, ...squares().slice(1)]), expect: 'either' },
  { name: 'shapefile: a polygon without parts', files: () => shp([{ rings: [] }, ...squares().slice(1)]), expect: 'either' },
  { name: 'shapefile: a self-intersecting ring', files: () => shp(squares((a) => {
    const r = [...utmRing(a)].reverse();
    return [r[0]!, r[2]!, r[1]!, r[3]!, r[0]!];
  })), expect: 'loaded', check: inLeipzig },
  { name: 'shapefile: points only', files: () => shp(AREAS.map((a) => ({ point: utmRing(a)[0] as [number, number] })), 1), expect: 'refused', message: /contains no polygons/ },
  { name: 'shapefile: header only, no records', files: () => shp([]), expect: 'refused' },
  { name: 'shapefile: fewer .dbf records than shapes', files: () => [...shp(squares()).slice(0, 2), { name: 'ortsteile.dbf', bytes: dbf(DBF_FIELDS, dbfRows().slice(0, 2)) }, shapefileParts().prj], expect: 'either' },
  { name: 'shapefile: a .dbf with record length 0', files: () => {
    const p = parts();
    const b = p[2]!.bytes.slice();
    new DataView(b.buffer).setUint16(10, 0, true);
    return [p[0]!, p[1]!, { ...p[2]!, bytes: b }, p[3]!];
  }, expect: 'either' },
  { name: 'shapefile: a .dbf whose header claims 4 billion records', files: () => {
    const p = parts();
    const b = p[2]!.bytes.slice();
    new DataView(b.buffer).setUint32(4, 0xfffffff0, true);
    return [p[0]!, p[1]!, { ...p[2]!, bytes: b }, p[3]!];
  }, expect: 'refused', message: /^ortsteile\.dbf: the \.dbf file is damaged: it lists 4,294,967,280 records but holds 4/ },
  { name: 'shapefile: a .dbf truncated after two records (count unchanged)', files: () => {
    const p = parts();
    return [p[0]!, p[1]!, { ...p[2]!, bytes: p[2]!.bytes.slice(0, 32 + 4 * 32 + 1 + 2 * 53) }, p[3]!];
  }, expect: 'refused', message: /^ortsteile\.dbf: the \.dbf file is damaged: it lists 4 records but holds 2 \(is it truncated\?\)/ },
  { name: 'shapefile: a .dbf of 10 bytes', files: () => [...parts().filter((f) => !f.name.endsWith('.dbf')), { name: 'ortsteile.dbf', bytes: new Uint8Array(10) }], expect: 'refused', message: /the \.dbf file is damaged: too short/ },
  { name: 'shapefile: a .dbf of random bytes', files: () => [...parts().filter((f) => !f.name.endsWith('.dbf')), { name: 'ortsteile.dbf', bytes: Uint8Array.from({ length: 500 }, (_, i) => (i * 37 + 11) & 0xff) }], expect: 'either' },
  { name: 'shapefile: numbers in the .dbf: "NaN", "*****", "1e308", "-5"', files: () => [...shp(squares()).filter((f) => !f.name.endsWith('.dbf')), { name: 'ortsteile.dbf', bytes: dbf(DBF_FIELDS, [['1', 'A', 'NaN', '1.00'], ['2', 'B', '**********', '150.00'], ['3', 'C', '1e308', '2.00'], ['4', 'D', '-5', '-3.00']]) }], expect: 'loaded', check: (o) => {
    expectValue('einw', '1', null)(o);
    expectValue('einw', '2', null)(o);
    expectValue('einw', '3', 1e308)(o);
    expectValue('einw', '4', -5)(o);
    expectValue('alq_ant', '2', 150)(o);
  } },
  { name: 'shapefile: a UTF-8 .dbf without .cpg (read as Windows-1252)', files: () => [...shp(squares()).filter((f) => !f.name.endsWith('.dbf')), { name: 'ortsteile.dbf', bytes: dbf(DBF_FIELDS, dbfRows(), 'utf8') }], expect: 'loaded', check: (o) => expect(areasIn(o)).toContain('LÃ¶ÃŸnig') },
  { name: 'shapefile: a .cpg naming UTF-8 for a Windows-1252 .dbf', files: () => [...parts(), file('ortsteile.cpg', 'UTF-8')], expect: 'loaded' },
  { name: 'shapefile: a .cpg naming an unknown encoding', files: () => [...parts(), file('ortsteile.cpg', 'KLINGONISCH-9')], expect: 'either' },
  { name: 'shapefile: a .cpg of 1 MB', files: () => [...parts(), file('ortsteile.cpg', big(1 << 20, 'U'))], expect: 'either' },
  { name: 'shapefile: a .prj of garbage (CRS guessed)', files: () => [...parts().filter((f) => !f.name.endsWith('.prj')), file('ortsteile.prj', 'PROJCS["kaputt",,,]]]]')], expect: 'loaded', check: offered(25833) },
  { name: 'shapefile: a .prj of 1 MB', files: () => [...parts().filter((f) => !f.name.endsWith('.prj')), file('ortsteile.prj', `PROJCS[${big(1 << 20, '[')}`)], expect: 'loaded' },
  { name: 'shapefile: a .prj naming WGS84 for UTM coordinates', files: () => [...parts().filter((f) => !f.name.endsWith('.prj')), file('ortsteile.prj', 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]')], expect: 'either', check: offered(25833) },
  { name: 'shapefile: .prj in UTF-16', files: () => [...parts().filter((f) => !f.name.endsWith('.prj')), { name: 'ortsteile.prj', bytes: utf16le(PRJ_25833) }], expect: 'loaded', check: inLeipzig },
  { name: 'shapefile: parts with different base names', files: () => [shapefileParts('a').shp, shapefileParts('b').dbf, shapefileParts('c').prj], expect: 'refused', message: /import\.noKey/ },
  { name: 'shapefile: HTML names in the .dbf', files: () => [...shp(squares()).filter((f) => !f.name.endsWith('.dbf')), { name: 'ortsteile.dbf', bytes: dbf(DBF_FIELDS, dbfRows().map((r, i) => (i === 0 ? [r[0]!, '<i>x</i><script>', r[2]!, r[3]!] : r))) }], expect: 'loaded', check: (o) => expect(areasIn(o)).toContain('<i>x</i><script>') },
  { name: 'zip: folders and __MACOSX entries', files: () => [file('ordner.zip', zip([...parts().map((f) => ({ name: `daten/gis/${f.name}`, data: f.bytes })), { name: '__MACOSX/daten/._ortsteile.shp', data: new Uint8Array(10) }, { name: 'daten/', data: new Uint8Array() }]))], expect: 'loaded', check: inLeipzig },
  { name: 'zip: two shapefiles (the first is read)', files: () => [file('zwei.zip', zip([...parts(), ...Object.values(shapefileParts('anders'))].map((f) => ({ name: f.name, data: f.bytes }))))], expect: 'loaded' },
  { name: 'zip: stored (uncompressed) entries', files: () => [file('stored.zip', zip(parts().map((f) => ({ name: f.name, data: f.bytes, method: 0 }))))], expect: 'loaded', check: inLeipzig },
  { name: 'zip: empty archive', files: () => [file('leer.zip', zip([]))], expect: 'refused', message: /^leer\.zip: no boundaries found/ },
  { name: 'zip: a text file named .zip', files: () => [file('text.zip', 'not a zip at all')], expect: 'refused', message: /^text\.zip: not a readable zip archive/ },
  { name: 'zip: empty file', files: () => [file('leer.zip', new Uint8Array())], expect: 'refused', message: /^leer\.zip: not a readable zip archive/ },
  { name: 'zip: truncated to half', files: () => [file('halb.zip', zipped().bytes.slice(0, Math.floor(zipped().bytes.length / 2)))], expect: 'refused', message: /^halb\.zip: / },
  { name: 'zip: truncated by one byte', files: () => [file('fast.zip', zipped().bytes.slice(0, -1))], expect: 'refused', message: /^fast\.zip: / },
  { name: 'zip: damaged deflate data', files: () => {
    const b = zipped().bytes.slice();
    for (let i = 40; i < 80; i++) b[i] = 0xff;
    return [file('kaputt.zip', b)];
  }, expect: 'refused', message: /^kaputt\.zip: the zip archive is damaged or not supported: ortsteile\.shp cannot be expanded/ },
  { name: 'zip: an unsupported compression method (bzip2)', files: () => [file('bzip.zip', zip(parts().map((f) => ({ name: f.name, data: f.bytes, method: 12 as 0 }))))], expect: 'refused', message: /^bzip\.zip: the zip archive is damaged or not supported/ },
  { name: 'zip: a zip inside the zip', files: () => [file('innen.zip', zip([{ name: 'ortsteile.zip', data: zipped().bytes }]))], expect: 'refused', message: /no boundaries found/ },
  { name: 'zip: entry names with "../" (path traversal)', files: () => [file('pfad.zip', zip(parts().map((f) => ({ name: `../../../${f.name}`, data: f.bytes }))))], expect: 'loaded', check: inLeipzig },
  { name: 'zip: entry names in Windows-1252 (not UTF-8)', files: () => [file('namen.zip', zip(parts().map((f) => ({ name: f.name, rawName: latin1(f.name.replace('ortsteile', 'gr\u00f6\u00dfe')), data: f.bytes }))))], expect: 'loaded' },
  { name: 'zip: a 600 MB zip bomb (sizes declared)', files: () => [file('bombe.zip', zip([...parts().slice(0, 2).map((f) => ({ name: f.name, data: f.bytes })), { name: 'ortsteile.dbf', data: new Uint8Array(), raw: deflatedZeros(600), size: 600 << 20 }]))], expect: 'refused', message: /^bombe\.zip: the archive expands to 600 MB \(at most 400 MB are read\)/ },
  { name: 'zip: a zip bomb declaring 1 KB for 300 MB', files: () => [file('luege.zip', zip([...parts().slice(0, 2).map((f) => ({ name: f.name, data: f.bytes })), { name: 'ortsteile.dbf', data: new Uint8Array(), raw: deflatedZeros(300), size: 1024 }]))], expect: 'refused', message: /^luege\.zip: the zip archive is damaged or not supported: ortsteile\.dbf expands beyond the size the archive gives for it/ },
  { name: 'zip: 60 MB of zeros (1000 : 1, like a bomb)', files: () => [file('verhaeltnis.zip', zip([...parts().slice(0, 2).map((f) => ({ name: f.name, data: f.bytes })), { name: 'ortsteile.dbf', data: new Uint8Array(), raw: deflatedZeros(60), size: 60 << 20 }]))], expect: 'refused', message: /^verhaeltnis\.zip: the archive expands 1,0\d\d-fold \(to 60 MB\), like a zip bomb/ },
  { name: 'zip: one compressed entry listed 1,000 times (overlapping entries)', files: () => {
    const raw = deflatedZeros(1);
    return [file('ueberlappt.zip', zip(Array.from({ length: 1000 }, (_, i) => ({ name: `teil${i}.dbf`, data: new Uint8Array(), raw, size: 1 << 20 }))))];
  }, expect: 'refused', message: /the archive expands to 1,000 MB/ },
  { name: 'zip: 12,000 entries', files: () => [file('viele.zip', zip(Array.from({ length: 12_000 }, (_, i) => ({ name: `t${i}.prj`, data: new Uint8Array(1), method: 0 as const }))))], expect: 'refused', message: /the archive holds 12,000 files \(at most 10,000 are read\)/ },
  { name: 'zip: a 600 MB bomb next to a valid shapefile is not expanded (only shapefile parts are)', files: () => [file('beilage.zip', zip([...parts().map((f) => ({ name: f.name, data: f.bytes })), { name: 'luftbild.tif', data: new Uint8Array(), raw: deflatedZeros(600), size: 600 << 20 }]))], expect: 'loaded', check: inLeipzig },
];

// ---------------------------------------------------------------------------
// FlatGeobuf

const validFgb = () => fgb(collection(utmRing), 25833);
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/formats/${name}`, import.meta.url)));

const fgbCases: Case[] = [
  { name: 'fgb: valid (the base of the cases below)', files: () => [file('ortsteile.fgb', validFgb())], expect: 'loaded', check: inLeipzig },
  { name: 'fgb: empty file', files: () => [file('leer.fgb', new Uint8Array())], expect: 'refused', message: /^leer\.fgb: not a FlatGeobuf file/ },
  { name: 'fgb: the magic bytes only', files: () => [file('magie.fgb', validFgb().slice(0, 8))], expect: 'refused', message: /^magie\.fgb: not a FlatGeobuf file/ },
  { name: 'fgb: truncated in the header', files: () => [file('kopf.fgb', validFgb().slice(0, 40))], expect: 'refused', message: /^kopf\.fgb: the FlatGeobuf file is truncated/ },
  ...[0.5, 0.8, 0.95, 0.99].map((share): Case => ({ name: `fgb: truncated to ${share * 100} %`, files: () => [file('halb.fgb', validFgb().slice(0, Math.floor(validFgb().length * share)))], expect: 'refused', message: /^halb\.fgb: the FlatGeobuf file is damaged or truncated/ })),
  { name: 'fgb: a header length of 4 GB', files: () => {
    const b = validFgb();
    new DataView(b.buffer, b.byteOffset).setUint32(8, 0xffffffff, true);
    return [file('laenge.fgb', b)];
  }, expect: 'refused', message: /^laenge\.fgb: the FlatGeobuf file is truncated/ },
  { name: 'fgb: bytes flipped in the features', files: () => [file('kaputt.fgb', validFgb().map((b, i, a) => (i > a.length - 200 && i < a.length - 150 ? b ^ 0x5a : b)))], expect: 'either' },
  { name: 'fgb: an extra byte at the end', files: () => [file('lang.fgb', new Uint8Array([...validFgb(), 0]))], expect: 'refused', message: /damaged or truncated/ },
  { name: 'fgb: the truncated fixture', files: () => [file('ortsteile_25833_kaputt.fgb', fixture('ortsteile_25833_kaputt.fgb'))], expect: 'refused' },
  { name: 'fgb: NaN coordinates', files: () => [file('nan.fgb', fgb(collection((a) => utmRing(a).map(([x, y], i) => [i === 1 ? NaN : x!, y!])), 25833))], expect: 'refused', message: /^nan\.fgb: feature 1 contains invalid coordinates/ },
  { name: 'fgb: 1e308 coordinates', files: () => [file('gross.fgb', fgb(collection((a) => utmRing(a).map(([x, y], i) => [i === 1 ? 1e308 : x!, y!])), 25833))], expect: 'refused' },
  { name: 'fgb: unclosed rings', files: () => [file('offen.fgb', fgb(collection((a) => utmRing(a).slice(0, -1)), 25833))], expect: 'loaded', check: inLeipzig },
  { name: 'fgb: a self-intersecting ring', files: () => [file('schleife.fgb', fgb(collection(bowtie), 4326))], expect: 'loaded', check: inLeipzig },
  { name: 'fgb: points only', files: () => [file('punkte.fgb', fgb({ type: 'FeatureCollection', features: AREAS.map((a) => ({ type: 'Feature', properties: { id: a.id }, geometry: { type: 'Point', coordinates: utmRing(a)[0]! } })) }, 25833))], expect: 'refused', message: /contains no polygons/ },
  { name: 'fgb: header CRS 4326 for UTM coordinates', files: () => [file('falsch.fgb', fgb(collection(utmRing), 4326))], expect: 'either', check: offered(25833) },
  { name: 'fgb: header CRS 25833 for longitude/latitude', files: () => [file('falsch.fgb', fgb(collection(), 25833))], expect: 'loaded', check: offered(4326) },
  { name: 'fgb: an unsupported header CRS (EPSG:2056)', files: () => [file('ch.fgb', fgb(collection(utmRing), 2056))], expect: 'either' },
  { name: 'fgb: no CRS in the header (guessed)', files: () => [file('ohne.fgb', fgb(collection(utmRing)))], expect: 'loaded', check: offered(25833) },
  { name: 'fgb: NaN, Infinity, 1e308, negative counts and shares over 100 as attributes', files: () => [file('werte.fgb', fgb(collection(utmRing, (f, i) => Object.assign(f.properties, { EINW: [NaN, Infinity, 1e308, -5][i], ALQ_ANT: 150 })), 25833))], expect: 'loaded', check: (o) => {
    expectValue('einw', '1', null)(o);
    expectValue('einw', '2', null)(o);
    expectValue('einw', '3', 1e308)(o);
    expectValue('einw', '4', -5)(o);
    expectValue('alq_ant', '4', 150)(o);
  } },
  { name: 'fgb: a NUL character in an attribute name', files: () => [file('nul.fgb', fgb(collection(utmRing, (f) => (f.properties['EINW\u0000X'] = 5)), 25833))], expect: 'loaded', check: inLeipzig },
  { name: 'fgb: HTML in names', files: () => [file('html.fgb', fgb(withFeature(0, (f) => (f.properties.OT_NAME = '<svg onload=alert(1)>'), utmRing), 25833))], expect: 'loaded', check: (o) => expect(areasIn(o)).toContain('<svg onload=alert(1)>') },
  { name: 'fgb: a GeoJSON file named .fgb', files: () => [file('json.fgb', geojson())], expect: 'refused', message: /^json\.fgb: not a FlatGeobuf file/ },
];

// ---------------------------------------------------------------------------
// GeoParquet

const validParquet = () => geoParquet(collection(utmRing), { crs: { id: { authority: 'EPSG', code: 25833 } } });
const wkbWith = (edit: (i: number, g: Geometry) => Uint8Array) => collection(utmRing).features.map((f, i) => edit(i, f.geometry));

/** The file with the definition levels of `column`'s first page replaced by one run-length run of 2^30 values. */
function withLongRun(bytes: Uint8Array, column: string): Uint8Array {
  const b = bytes.slice();
  const metadata = parquetMetadata(b.slice().buffer);
  const meta = metadata.row_groups[0]!.columns.find((c) => c.meta_data?.path_in_schema[0] === column)!.meta_data!;
  const start = Number(meta.data_page_offset);
  const reader = { view: new DataView(b.buffer, start), offset: 0 };
  const header = parquetHeader(reader);
  const levels = start + reader.offset + (header.data_page_header_v2?.repetition_levels_byte_length ?? 0);
  // an RLE run header (even varint) of 2^30 values, then its value
  b.set([0x80, 0x80, 0x80, 0x80, 0x08, 0x01], header.data_page_header_v2 ? levels : levels + 4);
  return b;
}

const parquetCases: Case[] = [
  { name: 'parquet: valid (the base of the cases below)', files: () => [file('ortsteile.parquet', validParquet())], expect: 'loaded', check: inLeipzig },
  { name: 'parquet: empty file', files: () => [file('leer.parquet', new Uint8Array())], expect: 'refused', message: /^leer\.parquet: not a Parquet file/ },
  { name: 'parquet: "PAR1" only', files: () => [file('par1.parquet', new TextEncoder().encode('PAR1'))], expect: 'refused', message: /^par1\.parquet: not a Parquet file/ },
  { name: 'parquet: truncated (footer missing)', files: () => [file('halb.parquet', validParquet().slice(0, Math.floor(validParquet().length / 2)))], expect: 'refused', message: /^halb\.parquet: the Parquet file is truncated/ },
  { name: 'parquet: the footer kept, the middle cut out', files: () => {
    const b = validParquet();
    return [file('mitte.parquet', new Uint8Array([...b.slice(0, 100), ...b.slice(b.length - 600)]))];
  }, expect: 'refused' },
  { name: 'parquet: a metadata length beyond the file', files: () => {
    const b = validParquet();
    new DataView(b.buffer, b.byteOffset).setUint32(b.length - 8, 0x7fffffff, true);
    return [file('laenge.parquet', b)];
  }, expect: 'refused', message: /^laenge\.parquet: the Parquet file could not be read/ },
  { name: 'parquet: bytes flipped in the data pages', files: () => [file('kaputt.parquet', validParquet().map((b, i) => (i > 20 && i < 60 ? b ^ 0xa5 : b)))], expect: 'refused' },
  { name: 'parquet: no "geo" metadata', files: () => [file('ohne.parquet', geoParquet(collection(utmRing), { geo: null }))], expect: 'refused', message: /no geometry column \(not a GeoParquet file/ },
  { name: 'parquet: "geo" metadata not JSON', files: () => [file('geo.parquet', geoParquet(collection(utmRing), { geo: '{kaputt' }))], expect: 'refused', message: /^geo\.parquet: (the GeoParquet metadata \("geo"\) is not valid JSON|the Parquet file could not be read)/ },
  { name: 'parquet: "geo" metadata nested 100,000 levels', files: () => [file('tief.parquet', geoParquet(collection(utmRing), { geo: deep(100_000) }))], expect: 'either' },
  { name: 'parquet: primary column that does not exist', files: () => [file('spalte.parquet', geoParquet(collection(utmRing), { geo: json({ version: '1.1.0', primary_column: 'geom', columns: { geom: { encoding: 'WKB' } } }) }))], expect: 'refused', message: /no geometry column \(the GeoParquet metadata names none/ },
  { name: 'parquet: encoding "point" (GeoArrow)', files: () => [file('arrow.parquet', geoParquet(collection(utmRing), { geo: json({ version: '1.1.0', primary_column: 'geometry', columns: { geometry: { encoding: 'point' } } }) }))], expect: 'refused', message: /the geometry encoding "point" is not supported/ },
  { name: 'parquet: WKB truncated in one row', files: () => [file('wkb.parquet', geoParquet(collection(utmRing), { crs: null, wkb: wkbWith((i, g) => (i === 1 ? geojsonToWkb(g).slice(0, 30) : geojsonToWkb(g))) }))], expect: 'refused', message: /^wkb\.parquet: / },
  { name: 'parquet: WKB of random bytes', files: () => [file('wkb.parquet', geoParquet(collection(utmRing), { wkb: wkbWith((i) => Uint8Array.from({ length: 40 }, (_, j) => (i * 31 + j * 7) & 0xff)) }))], expect: 'refused' },
  { name: 'parquet: WKB with a ring count of 2^32 - 1', files: () => [file('wkb.parquet', geoParquet(collection(utmRing), { wkb: wkbWith((_, g) => {
    const b = geojsonToWkb(g).slice();
    new DataView(b.buffer).setUint32(5, 0xffffffff, true);
    return b;
  }) }))], expect: 'refused' },
  { name: 'parquet: a definition-level run of two billion values (hyparquet would fill an array until out of memory)', files: () => [file('lauf.parquet', withLongRun(validParquet(), 'geometry'))], expect: 'refused', message: /^lauf\.parquet: the Parquet file is damaged or not supported \(a page with a run of impossible length\)/ },
  { name: 'parquet: NaN coordinates in the WKB', files: () => [file('nan.parquet', geoParquet(collection((a) => utmRing(a).map(([x, y], i) => [i === 2 ? NaN : x!, y!])), { crs: { id: { authority: 'EPSG', code: 25833 } } }))], expect: 'refused', message: /^nan\.parquet: feature 1 contains invalid coordinates/ },
  { name: 'parquet: empty polygons in the WKB', files: () => [file('leer.parquet', geoParquet(collection(utmRing, (f) => (f.geometry = polygon()))))], expect: 'refused', message: /contains no polygons/ },
  { name: 'parquet: unclosed rings', files: () => [file('offen.parquet', geoParquet(collection((a) => utmRing(a).slice(0, -1)), { crs: { id: { authority: 'EPSG', code: 25833 } } }))], expect: 'loaded', check: inLeipzig },
  { name: 'parquet: crs null (unknown: guessed)', files: () => [file('null.parquet', geoParquet(collection(utmRing), { crs: null }))], expect: 'loaded', check: offered(25833) },
  { name: 'parquet: no crs (OGC:CRS84) but UTM coordinates', files: () => [file('falsch.parquet', geoParquet(collection(utmRing)))], expect: 'either', check: offered(25833) },
  { name: 'parquet: crs a garbage string', files: () => [file('crs.parquet', geoParquet(collection(utmRing), { crs: 'kaputt{[' }))], expect: 'loaded', check: offered(25833) },
  { name: 'parquet: crs PROJJSON of an unsupported EPSG code', files: () => [file('ch.parquet', geoParquet(collection(utmRing), { crs: { id: { authority: 'EPSG', code: 2056 } } }))], expect: 'either' },
  { name: 'parquet: crs PROJJSON with a code of text', files: () => [file('crs.parquet', geoParquet(collection(utmRing), { crs: { id: { authority: 'EPSG', code: { x: 1 } } } }))], expect: 'loaded', check: offered(25833) },
  { name: 'parquet: NaN, Infinity, 1e308, negative counts and shares over 100 as attributes', files: () => [file('werte.parquet', geoParquet(collection(utmRing, (f, i) => Object.assign(f.properties, { EINW: [NaN, -Infinity, 1e308, -5][i], ALQ_ANT: 150 })), { crs: { id: { authority: 'EPSG', code: 25833 } } }))], expect: 'loaded', check: (o) => {
    expectValue('einw', '1', null)(o);
    expectValue('einw', '2', null)(o);
    expectValue('einw', '3', 1e308)(o);
    expectValue('einw', '4', -5)(o);
    expectValue('alq_ant', '4', 150)(o);
  } },
  { name: 'parquet: crs PROJJSON whose code is {"toString": 1}', files: () => [file('crs.parquet', geoParquet(collection(utmRing), { crs: { id: { authority: 'EPSG', code: { toString: 1 } } } }))], expect: 'refused', message: /^crs\.parquet: the Parquet file could not be read/ },
  { name: 'parquet: geometry encoding {"toString": 1}', files: () => [file('enc.parquet', geoParquet(collection(utmRing), { geo: json({ version: '1.1.0', primary_column: 'geometry', columns: { geometry: { encoding: { toString: 1 } } } }) }))], expect: 'refused', message: /the geometry encoding "\{"toString":1\}" is not supported/ },
  { name: 'parquet: HTML in names', files: () => [file('html.parquet', geoParquet(withFeature(0, (f) => (f.properties.OT_NAME = '<a href="javascript:alert(1)">x</a>'), utmRing), { crs: { id: { authority: 'EPSG', code: 25833 } } }))], expect: 'loaded', check: (o) => expect(areasIn(o)).toContain('<a href="javascript:alert(1)">x</a>') },
  { name: 'parquet: a Parquet table without geometry (the fixture)', files: () => [file('ohne_geometrie.parquet', fixture('ohne_geometrie.parquet'))], expect: 'refused', message: /no geometry column/ },
  { name: 'parquet: a CSV named .parquet', files: () => [file('text.parquet', 'Nr;Wert\n1;2\n')], expect: 'refused', message: /^text\.parquet: not a Parquet file/ },
];

// ---------------------------------------------------------------------------
// Mixed

const mixedCases: Case[] = [
  { name: 'files: none', files: () => [], expect: 'refused', message: /^–: no file/ },
  { name: 'files: a .docx', files: () => [file('bericht.docx', zip([{ name: 'word/document.xml', data: new Uint8Array(10) }]))], expect: 'refused', message: /no boundaries found/ },
  { name: 'files: a table and boundaries together (boundaries are read)', files: () => [file('tabelle.csv', 'Nr;Wert\n00;1\n'), file('ortsteile.geojson', geojson())], expect: 'loaded' },
  { name: 'files: a name without extension', files: () => [file('ortsteile', geojson())], expect: 'refused', message: /no boundaries found/ },
  { name: 'files: upper-case extension .GEOJSON', files: () => [file('ORTSTEILE.GEOJSON', geojson())], expect: 'loaded' },
];

export const BOUNDARY_CASES: [string, Case[]][] = [
  ['GeoJSON', geojsonCases],
  ['TopoJSON', topoCases],
  ['Shapefile (.zip and parts)', shapefileCases],
  ['FlatGeobuf', fgbCases],
  ['GeoParquet', parquetCases],
  ['several files', mixedCases],
];
