// Files given together (issue 16, item 3): boundaries, tables and points dropped at
// once are each recognised; a table joins to the boundaries of the same drop; a file
// that is not used is named with its reason; nothing is silently skipped.
import { expect } from 'vitest';
import { AREAS, collection, fgb, lonLatRing, shapefileParts, utmRing, xlsx, zip } from './build';
import { file, loaded, type Case, type Outcome } from './harness';
import type { UnusedReason } from '../../../src/lib/io/import/drop-groups';

const parts = (base = 'ortsteile') => Object.values(shapefileParts(base)).map((p) => file(p.name, p.bytes));
/** The population table of the four squares (German Excel CSV), keyed like the boundaries. */
const table = (name = 'einwohner.csv', rows = AREAS.map((a) => `${a.id};${a.name};${a.einw + 1}`)) => file(name, ['Nr;Ortsteil;Einwohner 2023', ...rows].join('\n'));
const points = () => JSON.stringify({ type: 'FeatureCollection', features: [0, 1, 2].map((i) => ({ type: 'Feature', properties: { name: `Kita ${i}` }, geometry: { type: 'Point', coordinates: [12.37 + i * 0.001, 51.3] } })) });
const geojson = () => JSON.stringify(collection());

/** The drop's items in the order the dialog takes them. */
const kinds = (o: Outcome) => [o, ...(o.others ?? [])].map((x) => (x.status === 'loaded' ? x.kind : `refused:${x.stage}`));
const unusedOf = (o: Outcome) => (o.unused ?? []).map((u) => [u.file, u.reason] as [string, UnusedReason]);
/** The table after the boundaries joined all four rows to the four new areas. */
const joinedToDrop = (o: Outcome) => {
  const tableOutcome = loaded(o.others!.find((x) => x.status === 'loaded' && x.kind === 'table')!);
  expect(tableOutcome.join!.summary.matched).toBe(4);
  expect(tableOutcome.join!.summary.unmatched).toHaveLength(0);
  expect(loaded(o).site!.site.id).toMatch(/^user-/);
};
const sameKinds = (...expected: string[]) => (o: Outcome) => expect(kinds(o)).toEqual(expected);

export const DROP_CASES: Case[] = [
  { name: 'drop: shapefile parts and a CSV table (the table joins to the new areas)', files: () => [...parts(), table()], expect: 'loaded', check: (o) => {
    expect(kinds(o)).toEqual(['boundaries', 'table']);
    joinedToDrop(o);
    expect(o.unused).toEqual([]);
  } },
  { name: 'drop: the table first, then the shapefile (boundaries still come first)', files: () => [table(), ...parts()], expect: 'loaded', check: (o) => {
    expect(kinds(o)).toEqual(['boundaries', 'table']);
    joinedToDrop(o);
  } },
  { name: 'drop: GeoJSON boundaries and an XLSX table with a title row', files: () => [file('ortsteile.geojson', geojson()), file('einwohner.xlsx', xlsx([{ name: 'Daten', rows: [['Einwohner nach Ortsteilen 2023'], [], ['Nr', 'Ortsteil', 'Einwohner'], ...AREAS.map((a) => [a.id, a.name, a.einw])] }]))], expect: 'loaded', check: (o) => {
    expect(kinds(o)).toEqual(['boundaries', 'table']);
    joinedToDrop(o);
  } },
  { name: 'drop: a zipped shapefile and a table', files: () => [file('ortsteile.zip', zip(Object.values(shapefileParts()).map((p) => ({ name: p.name, data: p.bytes })))), table()], expect: 'loaded', check: (o) => {
    expect(kinds(o)).toEqual(['boundaries', 'table']);
    joinedToDrop(o);
  } },
  { name: 'drop: boundaries, a table and points: three items in that order', files: () => [file('kitas.geojson', points()), table(), ...parts()], expect: 'loaded', check: (o) => {
    expect(kinds(o)).toEqual(['boundaries', 'table', 'points']);
    joinedToDrop(o);
  } },
  { name: 'drop: two tables for the same boundaries both join', files: () => [...parts(), table('einwohner.csv'), table('arbeitslose.csv', AREAS.map((a) => `${a.id};${a.name};${Math.round(a.einw / 20)}`))], expect: 'loaded', check: (o) => {
    expect(kinds(o)).toEqual(['boundaries', 'table', 'table']);
    for (const x of o.others!) expect(loaded(x).join!.summary.matched).toBe(4);
  } },
  { name: 'drop: two shapefiles with different names are two boundary items', files: () => [...parts('ortsteile'), ...parts('bezirke')], expect: 'loaded', check: sameKinds('boundaries', 'boundaries') },
  { name: 'drop: shapefile parts with upper-case extensions and mixed-case names', files: () => [...Object.values(shapefileParts('Ortsteile')).map((p) => file(p.name.replace(/\.(\w+)$/, (_, e: string) => `.${e.toUpperCase()}`), p.bytes)), table()], expect: 'loaded', check: (o) => {
    expect(kinds(o)).toEqual(['boundaries', 'table']);
    joinedToDrop(o);
  } },
  { name: 'drop: QGIS and ArcGIS companion files are named as not needed', files: () => [...parts(), file('ortsteile.qmd', '<qgis/>'), file('ortsteile.shp.xml', '<metadata/>'), file('ortsteile.sbn', new Uint8Array(8)), file('ortsteile.sbx', new Uint8Array(8))], expect: 'loaded', check: (o) => {
    expect(unusedOf(o)).toEqual([['ortsteile.qmd', 'sidecar'], ['ortsteile.shp.xml', 'sidecar'], ['ortsteile.sbn', 'sidecar'], ['ortsteile.sbx', 'sidecar']]);
  } },
  { name: 'drop: a .dbf of another name than the .shp is named (the .shp is read without it)', files: () => {
    const p = shapefileParts();
    return [file(p.shp.name, p.shp.bytes), file(p.shx.name, p.shx.bytes), file(p.prj.name, p.prj.bytes), file('attribute.dbf', p.dbf.bytes)];
  }, expect: 'either', check: (o) => {
    expect(unusedOf(o)).toEqual([['attribute.dbf', 'shapefile-part']]);
    expect(o.unused![0]!.detail).toBe('attribute.shp');
  } },
  { name: 'drop: a PDF and a Word file beside the data are named as not read', files: () => [...parts(), table(), file('bericht.pdf', '%PDF-1.4\n'), file('notiz.docx', zip([{ name: 'word/document.xml', data: new Uint8Array(10) }]))], expect: 'loaded', check: (o) => {
    expect(unusedOf(o)).toEqual([['bericht.pdf', 'unsupported'], ['notiz.docx', 'unsupported']]);
    joinedToDrop(o);
  } },
  { name: 'drop: an old .xls beside the boundaries is named, the boundaries load', files: () => [...parts(), file('einwohner.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))], expect: 'loaded', check: (o) => {
    expect(unusedOf(o)).toEqual([['einwohner.xls', 'xls']]);
    expect(kinds(o)).toEqual(['boundaries']);
  } },
  { name: 'drop: a readme.txt beside a shapefile is read as a table and named with the reason', files: () => [...parts(), file('readme.txt', 'Diese Daten stammen vom Amt für Statistik.\nStand: 2023\n')], expect: 'loaded', check: (o) => {
    expect(kinds(o)).toEqual(['boundaries']);
    expect(unusedOf(o)).toEqual([['readme.txt', 'failed']]);
  } },
  { name: 'drop: a broken GeoJSON beside a good table: the table loads, the GeoJSON is named with its error', files: () => [file('kaputt.geojson', '{"type":"FeatureCollection","features":[{'), table()], expect: 'loaded', check: (o) => {
    expect(kinds(o)).toEqual(['table']);
    expect(unusedOf(o)).toEqual([['kaputt.geojson', 'failed']]);
    expect(o.unused![0]!.detail).toMatch(/not valid JSON/);
  } },
  { name: 'drop: nothing usable (a PDF and an image) is refused, naming both', files: () => [file('plan.pdf', '%PDF-1.4\n'), file('karte.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47]))], expect: 'refused', message: /plan\.pdf.*karte\.png/ },
  { name: 'drop: two broken files are refused with each reason', files: () => [file('a.geojson', '{'), file('b.fgb', new Uint8Array(12))], expect: 'refused', message: /none of the files can be imported: a\.geojson \(not valid JSON.*\); b\.fgb \(/ },
  { name: 'drop: a project file among other files is named, not opened', files: () => [file('projekt.json', JSON.stringify({ format: 'quartiersatlas-project', version: 1, sites: [], extensions: [], pointLayers: [] })), ...parts()], expect: 'loaded', check: (o) => {
    expect(unusedOf(o)).toEqual([['projekt.json', 'project']]);
    expect(kinds(o)).toEqual(['boundaries']);
  } },
  { name: 'drop: a table whose keys match none of the dropped areas: the join says 0 matched', files: () => [...parts(), table('fremd.csv', ['91;Anderswo;100', '92;Nirgendwo;200'])], expect: 'loaded', check: (o) => {
    const t = loaded(o.others![0]!);
    expect(t.join!.summary.matched).toBe(0);
    expect(t.join!.summary.unmatched).toHaveLength(2);
  } },
  { name: 'drop: FlatGeobuf boundaries and a table joined by name only', files: () => [file('ortsteile.fgb', fgb(collection(utmRing), 25833)), table('namen.csv', AREAS.map((a) => `;${a.name};${a.einw}`))], expect: 'loaded', check: (o) => {
    expect(kinds(o)).toEqual(['boundaries', 'table']);
    const t = loaded(o.others![0]!);
    expect(t.join!.summary.matched).toBe(4);
  } },
  { name: 'drop: the same table name twice in a drop (two folders) keeps both', files: () => [file('ortsteile.geojson', JSON.stringify(collection(lonLatRing))), table('2022/einwohner.csv'), table('2023/einwohner.csv')], expect: 'loaded', check: sameKinds('boundaries', 'table', 'table') },
  { name: 'drop: a .prj without any .shp is named with the missing file', files: () => [file('ortsteile.geojson', geojson()), file('stadtteile.prj', 'PROJCS["x"]')], expect: 'loaded', check: (o) => {
    expect(unusedOf(o)).toEqual([['stadtteile.prj', 'shapefile-part']]);
    expect(o.unused![0]!.detail).toBe('stadtteile.shp');
  } },
];
