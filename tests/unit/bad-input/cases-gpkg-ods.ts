// Bad GeoPackages (.gpkg) and OpenDocument spreadsheets (.ods). The packages are
// written by SQLite (sql.js) and damaged where a case says so; the spreadsheets
// as LibreOffice writes them (scripts/lib/gpkg-ods-writers.mjs).
import { expect } from 'vitest';
import { deflateRawSync } from 'node:zlib';
import type { Geometry, Polygon } from 'geojson';
import { geopackage, gpkgBlob, ods, odsCell, odsContent, wkb, type GpkgLayerSpec, type OdsCell } from '../../../scripts/lib/gpkg-ods-writers.mjs';
import { AREAS, deflatedZeros, utmRing, zip } from './build';
import { file, loaded, utf8, type Case, type Outcome } from './harness';

// ---------------------------------------------------------------------------
// GeoPackage: the four squares in Leipzig's south (EPSG:25833)

const SRS_25833 = {
  id: 25833,
  name: 'ETRS89 / UTM zone 33N',
  code: 25833,
  definition:
    'PROJCS["ETRS89 / UTM zone 33N",GEOGCS["ETRS89",DATUM["European_Terrestrial_Reference_System_1989",SPHEROID["GRS 1980",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",15],PARAMETER["scale_factor",0.9996],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1],AUTHORITY["EPSG","25833"]]',
};
const square = (a: (typeof AREAS)[number]): Polygon => ({ type: 'Polygon', coordinates: [utmRing(a)] });
const COLUMNS = [
  { name: 'ot_nr', type: 'TEXT' },
  { name: 'ot_name', type: 'TEXT' },
  { name: 'einw', type: 'INTEGER' },
  { name: 'alq_ant', type: 'REAL' },
];
type Row = GpkgLayerSpec['rows'][number];
const rowsOf = (geometry: (a: (typeof AREAS)[number], i: number) => Geometry | Uint8Array | null = square): Row[] =>
  AREAS.map((a, i) => ({ geometry: geometry(a, i), ot_nr: a.id, ot_name: a.name, einw: a.einw, alq_ant: a.ant }));
const layer = (over: Partial<GpkgLayerSpec> = {}): GpkgLayerSpec => ({ name: 'ortsteile', identifier: 'Ortsteile', geometryType: 'POLYGON', srsId: 25833, columns: COLUMNS, rows: rowsOf(), ...over });
const gpkg = async (name: string, spec: Parameters<typeof geopackage>[0] = {}) => [file(name, await geopackage({ srs: [SRS_25833], layers: [layer()], ...spec }))];
/** One feature's blob replaced. */
const withBlob = (i: number, blob: Uint8Array) => rowsOf((a, j) => (j === i ? blob : square(a)));
const blob = (bytes: Uint8Array, srs = 25833) => gpkgBlob(bytes, srs);

/** Hand-written WKB: byte order, then 32-bit counts/types ({ u }) and doubles. */
function hand(le: boolean, parts: (number | { u: number })[]): Uint8Array {
  const out = new Uint8Array(1 + parts.reduce<number>((s, p) => s + (typeof p === 'number' ? 8 : 4), 0));
  const view = new DataView(out.buffer);
  out[0] = le ? 1 : 0;
  let at = 1;
  for (const p of parts) {
    if (typeof p === 'number') view.setFloat64((at += 8) - 8, p, le);
    else view.setUint32((at += 4) - 4, p.u, le);
  }
  return out;
}
const ringParts = (a: (typeof AREAS)[number], extra: number[] = []) => utmRing(a).flatMap(([x, y]) => [x!, y!, ...extra]);
/** A polygon in WKB with the given type code and extra ordinates per position (Z, M). */
const polygonWkb = (a: (typeof AREAS)[number], code: number, extra: number[] = [], le = true) => hand(le, [{ u: code }, { u: 1 }, { u: 5 }, ...ringParts(a, extra)]);

/** Loaded in Leipzig's south, all four squares, the attributes as numbers. */
const fourInLeipzig = (o: Outcome) => {
  const l = loaded(o);
  expect(l.areas).toHaveLength(4);
  for (const a of l.areas) {
    expect(a.lon).toBeGreaterThan(12.3);
    expect(a.lon).toBeLessThan(12.5);
    expect(a.lat).toBeGreaterThan(51.2);
    expect(a.lat).toBeLessThan(51.4);
  }
  expect(l.observations.find((r) => r.ind === 'einw' && r.area_id === '1')?.value).toBe(12345);
};
/** Nothing declared: UTM 32 and 33 cannot be told apart by the numbers, so the user is asked, and the right zone is offered. */
const asked = (code: number) => (o: Outcome) => {
  const l = loaded(o);
  expect(l.areas).toHaveLength(4);
  if (l.parsed.kind !== 'boundaries') throw new Error('expected boundaries');
  expect(l.parsed.raw.crs.source).not.toBe('metadata');
  expect(l.parsed.raw.crs.confidence).not.toBe('certain');
  expect(l.parsed.raw.crs.candidates.map((c) => c.code)).toContain(code);
};
const nested = (depth: number): Uint8Array => (depth === 0 ? hand(true, [{ u: 1 }, 316500, 5686500]) : new Uint8Array([...hand(true, [{ u: 7 }, { u: 1 }]), ...nested(depth - 1)]));

const gpkgCases: Case[] = [
  { name: 'gpkg: valid (the base of the cases below)', files: () => gpkg('ortsteile.gpkg'), expect: 'loaded', check: fourInLeipzig },
  { name: 'gpkg: empty file', files: () => [file('leer.gpkg', new Uint8Array())], expect: 'refused', message: /^leer\.gpkg: not a GeoPackage \(the file is not an SQLite database\)/ },
  { name: 'gpkg: a CSV renamed to .gpkg', files: () => [file('tabelle.gpkg', 'Nr;Name\n1;A\n')], expect: 'refused', message: /not an SQLite database/ },
  {
    name: 'gpkg: the SQLite header, then garbage',
    files: () => [file('kaputt.gpkg', new Uint8Array([...utf8('SQLite format 3\0'), ...new Uint8Array(4080).map((_, i) => (i * 7919) & 0xff)]))],
    expect: 'refused',
    message: /^kaputt\.gpkg: (the GeoPackage could not be opened|the GeoPackage is damaged)/,
  },
  {
    name: 'gpkg: truncated to its first page',
    files: async () => [file('halb.gpkg', (await geopackage({ srs: [SRS_25833], layers: [layer()] })).subarray(0, 4096))],
    expect: 'refused',
    message: /^halb\.gpkg: (the GeoPackage is damaged|not a GeoPackage)/,
  },
  { name: 'gpkg: SQLite without gpkg_contents', files: () => gpkg('sqlite.gpkg', { sql: ['DROP TABLE gpkg_contents'] }), expect: 'refused', message: /without the table gpkg_contents/ },
  { name: 'gpkg: without gpkg_geometry_columns', files: () => gpkg('ohne.gpkg', { sql: ['DROP TABLE gpkg_geometry_columns'] }), expect: 'refused', message: /gpkg_geometry_columns is missing/ },
  {
    name: 'gpkg: only an attribute table without geometry',
    files: () => gpkg('attribute.gpkg', { layers: [], attributes: [{ name: 'einwohner', columns: [{ name: 'nr', type: 'TEXT' }], rows: [{ nr: '1' }] }] }),
    expect: 'refused',
    message: /only tables without geometry \("einwohner"\)/,
  },
  { name: 'gpkg: a layer with 0 features', files: () => gpkg('leer.gpkg', { layers: [layer({ rows: [] })] }), expect: 'refused', message: /"Ortsteile" \(no features\)/ },
  {
    name: 'gpkg: an empty polygon layer before a full one',
    files: () => gpkg('zwei.gpkg', { layers: [layer({ name: 'alt', identifier: 'Alt', rows: [] }), layer()] }),
    expect: 'loaded',
    check: fourInLeipzig,
  },
  {
    name: 'gpkg: only a line layer',
    files: () => gpkg('linien.gpkg', { layers: [layer({ name: 'strassen', identifier: 'Straßen', geometryType: 'MULTILINESTRING', rows: [{ geometry: { type: 'MultiLineString', coordinates: [[[316000, 5686000], [317000, 5687000]]] } }] })] }),
    expect: 'refused',
    message: /"Straßen" \(lines\)\. Lines cannot be imported/,
  },
  { name: 'gpkg: a blob without the "GP" header (plain WKB)', files: () => gpkg('wkb.gpkg', { layers: [layer({ rows: withBlob(2, wkb(square(AREAS[2]!))) })] }), expect: 'refused', message: /layer "Ortsteile", feature 3: not a GeoPackage geometry/ },
  { name: 'gpkg: WKB with byte order 7', files: () => gpkg('order.gpkg', { layers: [layer({ rows: withBlob(0, blob(new Uint8Array([7, ...wkb(square(AREAS[0]!)).subarray(1)]))) })] }), expect: 'refused', message: /feature 1: invalid WKB byte order 7/ },
  { name: 'gpkg: truncated WKB', files: () => gpkg('kurz.gpkg', { layers: [layer({ rows: withBlob(1, blob(wkb(square(AREAS[1]!)).subarray(0, 50))) })] }), expect: 'refused', message: /feature 2: the geometry is truncated/ },
  { name: 'gpkg: a ring claiming 4 billion positions', files: () => gpkg('riesig.gpkg', { layers: [layer({ rows: withBlob(0, blob(hand(true, [{ u: 3 }, { u: 1 }, { u: 0xffffffff }, 1, 2]))) })] }), expect: 'refused', message: /4,294,967,295 positions/ },
  { name: 'gpkg: geometry collections nested 40 deep', files: () => gpkg('tief.gpkg', { layers: [layer({ geometryType: 'GEOMETRY', rows: withBlob(0, blob(nested(40))) })] }), expect: 'refused', message: /nested more than 32 levels/ },
  { name: 'gpkg: a geometry stored as WKT text', files: () => gpkg('text.gpkg', { layers: [layer({ rows: rowsOf((a, i) => (i === 0 ? null : square(a))) })], sql: ["UPDATE ortsteile SET geom = 'POLYGON((0 0,1 0,1 1,0 0))' WHERE fid = 1"] }), expect: 'refused', message: /feature 1: the geometry is not a GeoPackage geometry blob/ },
  { name: 'gpkg: big-endian WKB', files: () => gpkg('be.gpkg', { layers: [layer({ rows: rowsOf((a) => blob(polygonWkb(a, 3, [], false))) })] }), expect: 'loaded', check: fourInLeipzig },
  { name: 'gpkg: ISO PolygonZ (1003), z = 1 in the layer', files: () => gpkg('z.gpkg', { layers: [layer({ z: 1, rows: rowsOf((a) => blob(polygonWkb(a, 1003, [112.5]))) })] }), expect: 'loaded', check: fourInLeipzig },
  { name: 'gpkg: ISO PolygonM (2003)', files: () => gpkg('m.gpkg', { layers: [layer({ m: 1, rows: rowsOf((a) => blob(polygonWkb(a, 2003, [7]))) })] }), expect: 'loaded', check: fourInLeipzig },
  {
    name: 'gpkg: ISO MultiPolygonZM (3006)',
    files: () => gpkg('zm.gpkg', { layers: [layer({ geometryType: 'MULTIPOLYGON', rows: rowsOf((a) => blob(new Uint8Array([...hand(true, [{ u: 3006 }, { u: 1 }]), ...polygonWkb(a, 3003, [1, 2])]))) })] }),
    expect: 'loaded',
    check: fourInLeipzig,
  },
  { name: 'gpkg: EWKB with Z and SRID flags', files: () => gpkg('ewkb.gpkg', { layers: [layer({ rows: rowsOf((a) => blob(hand(true, [{ u: 0xa0000003 }, { u: 25833 }, { u: 1 }, { u: 5 }, ...ringParts(a, [0])]))) })] }), expect: 'loaded', check: fourInLeipzig },
  { name: 'gpkg: an srs_id missing from gpkg_spatial_ref_sys (the user is asked)', files: () => gpkg('srs.gpkg', { srs: [], layers: [layer({ srsId: 31337 })] }), expect: 'loaded', check: asked(25833) },
  { name: 'gpkg: srs_id -1, undefined cartesian (the user is asked)', files: () => gpkg('undef.gpkg', { layers: [layer({ srsId: -1 })] }), expect: 'loaded', check: asked(25833) },
  {
    name: 'gpkg: an EPSG code that is not supported (CH1903+), coordinates in UTM 33N',
    files: () => gpkg('ch.gpkg', { srs: [{ id: 2056, name: 'CH1903+ / LV95', code: 2056, definition: 'PROJCS["CH1903+ / LV95"]' }], layers: [layer({ srsId: 2056 })] }),
    expect: 'loaded',
    check: (o) => {
      const parsed = loaded(o).parsed;
      if (parsed.kind === 'boundaries') expect(parsed.raw.crs.reason).toMatch(/EPSG:2056, which is not in the list of known systems/);
    },
  },
  {
    name: 'gpkg: NULL and empty geometries next to valid ones',
    files: () => gpkg('leer-geom.gpkg', { layers: [layer({ rows: [...rowsOf(), { geometry: null, ot_nr: '5', ot_name: 'Ohne' }, { geometry: gpkgBlob(wkb(square(AREAS[0]!)), 25833, { empty: true }), ot_nr: '6', ot_name: 'Leer' }] })] }),
    expect: 'loaded',
    check: fourInLeipzig,
  },
  { name: 'gpkg: every geometry NULL', files: () => gpkg('null.gpkg', { layers: [layer({ rows: rowsOf(() => null) })] }), expect: 'refused', message: /layer "Ortsteile": contains no polygons/ },
  { name: 'gpkg: NaN in a polygon', files: () => gpkg('nan.gpkg', { layers: [layer({ rows: withBlob(3, blob(hand(true, [{ u: 3 }, { u: 1 }, { u: 4 }, 0, 0, NaN, 1, 1, 1, 0, 0]))) })] }), expect: 'refused', message: /layer "Ortsteile": feature 4 contains invalid coordinates/ },
  {
    name: 'gpkg: a point layer only (MultiPoints split)',
    files: () => gpkg('schulen.gpkg', { layers: [layer({ name: 'schulen', identifier: 'Schulen', geometryType: 'MULTIPOINT', rows: [{ geometry: { type: 'MultiPoint', coordinates: [[316500, 5686500], [317500, 5686500]] }, ot_name: 'Schule am Auwald' }, { geometry: { type: 'Point', coordinates: [316500, 5687500] }, ot_name: 'Grundschule Lößnig' }] })] }),
    expect: 'loaded',
    check: (o) => {
      const l = loaded(o);
      expect(l.kind).toBe('points');
      expect(l.points).toBeDefined();
      expect(l.parsed.kind === 'points' ? l.parsed.raw.fc.features.length : 0).toBe(3);
    },
  },
  { name: 'gpkg: the layer table listed but missing', files: () => gpkg('fehlt.gpkg', { sql: ['DROP TABLE ortsteile'] }), expect: 'refused', message: /layer "Ortsteile": its table is missing/ },
  { name: 'gpkg: gpkg_geometry_columns names a column that does not exist', files: () => gpkg('spalte.gpkg', { sql: ["UPDATE gpkg_geometry_columns SET column_name = 'shape'"] }), expect: 'refused', message: /the geometry column "shape" is missing/ },
  {
    name: 'gpkg: quotes, umlauts and spaces in table and column names',
    files: () => gpkg('namen.gpkg', { layers: [layer({ name: 'Ortsteile "Süd"', identifier: 'Ortsteile „Süd“', geometryColumn: 'die Geometrie', columns: [{ name: 'Schlüssel "Nr"', type: 'TEXT' }, { name: 'Größe', type: 'REAL' }], rows: AREAS.map((a) => ({ geometry: square(a), 'Schlüssel "Nr"': a.id, Größe: a.ant })) })] }),
    expect: 'loaded',
    check: (o) => expect(loaded(o).areas).toHaveLength(4),
  },
  { name: 'gpkg: in a zip archive', files: async () => [file('gpkg.zip', zip([{ name: 'daten/ortsteile.gpkg', data: await geopackage({ srs: [SRS_25833], layers: [layer()] }) }]))], expect: 'loaded', check: fourInLeipzig },
  {
    name: 'gpkg: polygon layer next to an attribute table and a point layer',
    files: () => gpkg('mix.gpkg', { layers: [layer({ name: 'punkte', identifier: 'Punkte', geometryType: 'POINT', rows: [{ geometry: { type: 'Point', coordinates: [316500, 5686500] } }] }), layer()], attributes: [{ name: 'meta', columns: [{ name: 'k', type: 'TEXT' }], rows: [{ k: 'v' }] }] }),
    expect: 'loaded',
    check: (o) => {
      fourInLeipzig(o);
      const parsed = loaded(o).parsed;
      if (parsed.kind === 'boundaries') expect(parsed.gpkg?.layers.map((l) => `${l.name}:${l.kind}`)).toEqual(['punkte:points', 'ortsteile:polygons']);
    },
  },
];

// ---------------------------------------------------------------------------
// OpenDocument spreadsheets: residents of Leipzig's first Ortsteile

const OT: [string, string, number][] = [
  ['00', 'Zentrum', 1901],
  ['01', 'Zentrum-Ost', 6114],
  ['02', 'Zentrum-Südost', 15226],
  ['03', 'Zentrum-Süd', 13340],
];
const date2022 = new Date(Date.UTC(2022, 11, 31));
const base = (extra: (i: number) => OdsCell[] = () => []): OdsCell[][] => [
  ['Einwohner in den Ortsteilen'],
  [null],
  ['OT-Nr.', 'Ortsteil', date2022],
  ...OT.map(([k, n, v], i) => [k, n, v, ...extra(i)]),
];
const sheet = (rows: OdsCell[][], name = 'Daten') => [{ name, rows }];
const odsFile = (name: string, rows: OdsCell[][] = base()) => [file(name, ods(sheet(rows)))];
const withContent = (name: string, edit: (xml: string) => string) => [file(name, ods([], { content: edit(odsContent(sheet(base()))) }))];
/** The value that reached DuckDB for Ortsteil `area` (the one indicator of the table, or the one whose id matches). */
const valueOf = (o: Outcome, area: string, ind?: RegExp) => loaded(o).observations.find((r) => r.area_id === area && (!ind || ind.test(r.ind)))?.value;
const joinedAll = (o: Outcome) => {
  expect(loaded(o).join?.summary.matched).toBe(4);
  expect(valueOf(o, '00')).toBe(1901);
  expect(valueOf(o, '02')).toBe(15226);
};

const odsCases: Case[] = [
  { name: 'ods: valid (the base of the cases below)', files: () => odsFile('einwohner.ods'), expect: 'loaded', check: joinedAll },
  { name: 'ods: empty file', files: () => [file('leer.ods', new Uint8Array())], expect: 'refused', message: /^leer\.ods: not a readable OpenDocument spreadsheet \(it is not a zip archive/ },
  { name: 'ods: a CSV renamed to .ods', files: () => [file('tabelle.ods', 'Nr;Name\n00;Zentrum\n')], expect: 'refused', message: /not a readable OpenDocument spreadsheet/ },
  { name: 'ods: a zip without content.xml', files: () => [file('ohne.ods', ods([], { content: null }))], expect: 'refused', message: /holds no content\.xml/ },
  { name: 'ods: an .xlsx renamed to .ods', files: () => [file('excel.ods', zip([{ name: 'xl/workbook.xml', data: utf8('<workbook/>') }]))], expect: 'refused', message: /holds no content\.xml/ },
  { name: 'ods: a text document (mimetype)', files: () => [file('brief.ods', ods(sheet(base()), { mimetype: 'application/vnd.oasis.opendocument.text' }))], expect: 'refused', message: /opendocument\.text, not a spreadsheet/ },
  { name: 'ods: content.xml truncated', files: () => withContent('halb.ods', (x) => x.slice(0, Math.floor(x.length * 0.6))), expect: 'refused', message: /content\.xml: the XML is truncated/ },
  { name: 'ods: content.xml is not XML', files: () => [file('binaer.ods', ods([], { content: 'PK\u0003\u0004 kein XML \u0000\u0001' }))], expect: 'refused', message: /content\.xml holds no sheet/ },
  { name: 'ods: an unterminated comment', files: () => withContent('kommentar.ods', (x) => x.replace('<office:body>', '<office:body><!-- offen')), expect: 'refused', message: /unterminated markup/ },
  {
    name: 'ods: content.xml a zip bomb (declares 1 KB, expands to 64 MB)',
    files: () => [file('bombe.ods', zip([{ name: 'mimetype', data: utf8('application/vnd.oasis.opendocument.spreadsheet'), method: 0 }, { name: 'content.xml', data: new Uint8Array(0), raw: deflatedZeros(64), size: 1024 }]))],
    expect: 'refused',
    message: /content\.xml expands beyond the size the archive gives for it/,
  },
  {
    name: 'ods: every row with 16,384 repeated empty columns (as LibreOffice writes)',
    files: () => odsFile('breit.ods'),
    expect: 'loaded',
    check: (o) => {
      joinedAll(o);
      const parsed = loaded(o).parsed;
      if (parsed.kind === 'table') expect(parsed.sheets[0]!.rows.every((r) => r.length === 3)).toBe(true);
    },
  },
  {
    name: 'ods: a value cell repeated 1,000,000 times',
    files: () => odsFile('million.ods', [...base(), ['04', { xml: odsCell(7).replace('<table:table-cell ', '<table:table-cell table:number-columns-repeated="1000000" ') }]]),
    expect: 'refused',
    message: /sheet "Daten", row 8 has a value beyond column 16,384/,
  },
  {
    name: 'ods: a value row repeated 2,000,000 times',
    files: () => withContent('zeilen.ods', (x) => x.replace('<table:table-row table:style-name="ro1"><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>03', '<table:table-row table:number-rows-repeated="2000000"><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>03')),
    expect: 'refused',
    message: /sheet "Daten" has values beyond row 1,048,576/,
  },
  {
    name: 'ods: 60 million cells by repeated wide rows',
    files: () => withContent('zellen.ods', (x) => x.replace('<table:table-row table:style-name="ro1"><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>03', `<table:table-row table:number-rows-repeated="200000"><table:table-cell table:number-columns-repeated="299"/>${odsCell(1)}</table:table-row><table:table-row><table:table-cell office:value-type="string"><text:p>03`)),
    expect: 'refused',
    message: /at most 50,000,000 cells are read/,
  },
  {
    name: 'ods: a 10 MB text cell',
    files: () => odsFile('lang.ods', base((i) => [i === 1 ? 'x'.repeat(10 << 20) : 'kurz'])),
    expect: 'loaded',
    check: (o) => {
      joinedAll(o);
      const parsed = loaded(o).parsed;
      if (parsed.kind !== 'table') return;
      const s = parsed.sheets[0]!;
      expect(s.truncated).toEqual(['D5']);
      expect((s.rows[4]![3] as string).length).toBe(32_767);
    },
  },
  { name: 'ods: text:s asking for a billion spaces', files: () => odsFile('leer.ods', base((i) => [{ xml: i === 0 ? '<table:table-cell office:value-type="string"><text:p>a<text:s text:c="1000000000"/>b</text:p></table:table-cell>' : odsCell('kurz') }])), expect: 'loaded', check: joinedAll },
  { name: 'ods: a tag of 1 MB (an attribute)', files: () => odsFile('tag.ods', base((i) => [{ xml: i === 0 ? `<table:table-cell table:style-name="${'s'.repeat(1 << 20)}"/>` : odsCell('kurz') }])), expect: 'refused', message: /content\.xml: the XML holds markup of 1,048,6\d\d characters at cell D4/ },
  {
    name: 'ods: merged header cells (covered cells)',
    files: () => odsFile('verbunden.ods', [[{ xml: '<table:table-cell table:number-columns-spanned="3" office:value-type="string"><text:p>Einwohner in den Ortsteilen</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="2"/>' }], ...base().slice(1)]),
    expect: 'loaded',
    check: joinedAll,
  },
  {
    name: 'ods: formulas with cached values',
    files: () => odsFile('formeln.ods', [...base().slice(0, 3).map((r, i) => (i === 2 ? [...r, 'Doppelt'] : r)), ...OT.map(([k, n, v]) => [k, n, v, { formula: `of:=[.C${4}]*2`, value: v * 2 }] as OdsCell[])]),
    expect: 'loaded',
    check: (o) => expect(valueOf(o, '01', /^doppelt$/)).toBe(12228),
  },
  {
    name: 'ods: percentages (stored as shares, as Excel stores them)',
    files: () => odsFile('anteile.ods', [...base().slice(0, 3).map((r, i) => (i === 2 ? [...r, 'Anteil'] : r)), ...OT.map(([k, n, v], i) => [k, n, v, { percent: 0.1 + i / 100 }] as OdsCell[])]),
    expect: 'loaded',
    check: (o) => {
      // a share, as read-excel-file gives a percentage cell
      expect(valueOf(o, '01', /^anteil$/)).toBe(0.11);
    },
  },
  { name: 'ods: a float cell with an invalid value (its text is read)', files: () => odsFile('wert.ods', base((i) => [{ xml: i === 0 ? '<table:table-cell office:value-type="float" office:value="abc"><text:p>abc</text:p></table:table-cell>' : odsCell('kurz') }])), expect: 'loaded', check: joinedAll },
  { name: 'ods: a date header with a time', files: () => withContent('zeit.ods', (x) => x.replace('office:date-value="2022-12-31"', 'office:date-value="2022-12-31T23:59:59"')), expect: 'loaded', check: (o) => expect(loaded(o).observations.every((r) => r.year === 2022)).toBe(true) },
  { name: 'ods: 10,000 nested spans in a cell', files: () => odsFile('spans.ods', base((i) => [{ xml: i === 0 ? `<table:table-cell office:value-type="string"><text:p>${'<text:span>'.repeat(10_000)}x${'</text:span>'.repeat(10_000)}</text:p></table:table-cell>` : odsCell('kurz') }])), expect: 'loaded', check: joinedAll },
  { name: 'ods: a table and a comment inside a cell (ignored)', files: () => odsFile('innen.ods', base((i) => [{ xml: i === 0 ? '<table:table-cell office:value-type="string"><office:annotation><text:p>Notiz</text:p></office:annotation><table:table table:name="innen"><table:table-row><table:table-cell><text:p>9</text:p></table:table-cell></table:table-row></table:table><text:p>außen</text:p></table:table-cell>' : odsCell('kurz') }])), expect: 'loaded', check: joinedAll },
  { name: 'ods: invalid UTF-8 in a name', files: () => [file('utf.ods', zip([{ name: 'content.xml', data: new Uint8Array([...utf8(odsContent(sheet(base())).replace('Zentrum-Ost', 'Zentrum-\u0001Ost').split('\u0001')[0]!), 0xff, 0xfe, ...utf8(odsContent(sheet(base())).split('Zentrum-Ost')[1]!.replace(/^/, 'Ost'))]) }]))], expect: 'loaded', check: (o) => expect(valueOf(o, '00')).toBe(1901) },
  { name: 'ods: a sheet without rows', files: () => odsFile('leer.ods', []), expect: 'refused', message: /no-key-column/ },
  { name: 'ods: only a title, no table', files: () => odsFile('titel.ods', [['Einwohner in den Ortsteilen']]), expect: 'refused', message: /no-key-column/ },
  {
    name: 'ods: keys as float cells (0, 1, 2) match by number like Excel',
    files: () => odsFile('zahlen.ods', [...base().slice(0, 3), ...OT.map(([k, n, v]) => [Number(k), n, v] as OdsCell[])]),
    expect: 'loaded',
    check: joinedAll,
  },
  { name: 'ods: deflate-compressed with a wrong CRC (read as stored)', files: () => [file('crc.ods', zip([{ name: 'content.xml', data: new Uint8Array(0), raw: deflateRawSync(utf8(odsContent(sheet(base())))), size: utf8(odsContent(sheet(base()))).length }]))], expect: 'loaded', check: joinedAll },
];

export const GPKG_ODS_CASES: [string, Case[]][] = [
  ['GeoPackage (.gpkg)', gpkgCases],
  ['OpenDocument spreadsheets (.ods)', odsCases],
];
