// Bad point layers (GeoJSON points, tables with coordinates) and project files.
import { expect } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Feature, Point } from 'geojson';
import type { Indicator } from '../../../src/lib/data/catalog-types';
import type { TableExtension } from '../../../src/lib/data/user-data';
import { buildUserSite } from '../../../src/lib/io/import/build-site';
import { buildPointLayer } from '../../../src/lib/io/import/points';
import { writeProject } from '../../../src/lib/io/project-file';
import { collection, lonLatRing, utmRing, xlsx, AREAS } from './build';
import { file, loaded, type Case, type Outcome } from './harness';

const json = (value: unknown) => JSON.stringify(value);
const big = (n: number, ch = 'x') => ch.repeat(n);
const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/points/${name}`, import.meta.url)));

// ---------------------------------------------------------------------------
// Points

/** Kitas in Leipzig (longitude, latitude), as a GeoJSON of points. */
const KITAS: [number, number, string, string][] = [
  [12.3712, 51.3396, 'Kita Spatzennest', 'Stadt'],
  [12.3904, 51.3421, 'Kita Känguru', 'frei'],
  [12.3521, 51.3287, 'Kita Sonnenschein', 'Stadt'],
  [12.4107, 51.3502, 'Kita Regenbogen', 'kirchlich'],
  [12.3389, 51.3155, 'Kita Löwenzahn', 'frei'],
];
type PointFeature = Feature<Point | null, Record<string, unknown>>;
function points(edit?: (f: PointFeature, i: number) => void): string {
  const features = KITAS.map(([lon, lat, name, traeger], i): PointFeature => {
    const f: PointFeature = { type: 'Feature', properties: { name, traeger, plaetze: 40 + i }, geometry: { type: 'Point', coordinates: [lon, lat] } };
    edit?.(f, i);
    return f;
  });
  return json({ type: 'FeatureCollection', features });
}
const setCoords = (i: number, c: unknown) => (f: PointFeature, j: number) => {
  if (j === i) (f.geometry as { coordinates: unknown }).coordinates = c;
};
/** The point layer built: its features as stored. */
const layerFeatures = (o: Outcome) => (JSON.parse(new TextDecoder().decode(loaded(o).points!.bytes)) as { features: Feature<Point, Record<string, unknown>>[] }).features;
const skipped = (o: Outcome) => {
  const p = loaded(o).parsed;
  return p.kind === 'points' ? p.raw.skipped : p.kind === 'table' ? (p.points?.skipped ?? []) : [];
};
const pointCount = (n: number) => (o: Outcome) => expect(layerFeatures(o)).toHaveLength(n);
const crsOf = (o: Outcome) => {
  const p = loaded(o).parsed;
  return p.kind === 'points' ? p.raw.crs : p.kind === 'table' ? p.points!.crs : null;
};
const offered = (code: number) => (o: Outcome) => {
  if (o.status !== 'loaded') return;
  const crs = crsOf(o)!;
  expect(crs.confidence === 'certain' && crs.crs?.code !== code).toBe(false);
  expect(crs.candidates.map((c) => c.code)).toContain(code);
};

const pointCsv = (rows: string[][]) => rows.map((r) => r.join(';')).join('\n') + '\n';
const kitaRows = (edit: (r: string[], i: number) => void = () => {}) => [
  ['Name', 'Träger', 'lon', 'lat'],
  ...KITAS.map(([lon, lat, name, traeger], i) => {
    const r = [name, traeger, String(lon).replace('.', ','), String(lat).replace('.', ',')];
    edit(r, i);
    return r;
  }),
];

const pointCases: Case[] = [
  { name: 'points geojson: valid (the base of the cases below)', files: () => [file('kitas.geojson', points())], expect: 'loaded', check: pointCount(5) },
  { name: 'points geojson: the Kitas fixture', files: () => [file('kitas-lonlat.geojson', fixture('kitas-lonlat.geojson'))], expect: 'loaded' },
  { name: 'points geojson: truncated', files: () => [file('halb.geojson', points().slice(0, 250))], expect: 'refused', message: /^halb\.geojson: not valid JSON/ },
  { name: 'points geojson: coordinates as strings (all)', files: () => [file('text.geojson', points((f) => ((f.geometry as { coordinates: unknown }).coordinates = ['12.4', '51.3'])))], expect: 'refused', message: /^text\.geojson: contains no points/ },
  { name: 'points geojson: one point with coordinates as strings is skipped', files: () => [file('text.geojson', points(setCoords(1, ['12.4', '51.3'])))], expect: 'loaded', check: (o) => {
    pointCount(4)(o);
    expect(skipped(o)).toEqual([{ where: 'feature 2', reason: 'geometry Point' }]);
  } },
  { name: 'points geojson: 1e999 (Infinity) as a coordinate is skipped', files: () => [file('inf.geojson', points(setCoords(0, [7777, 51.3])).replace('7777', '1e999'))], expect: 'loaded', check: pointCount(4) },
  { name: 'points geojson: 1e308 as a coordinate', files: () => [file('gross.geojson', points(setCoords(0, [1e308, 51.3])))], expect: 'refused', message: /^gross\.geojson: point 1 lies outside longitude\/latitude/ },
  { name: 'points geojson: a position of one number', files: () => [file('eins.geojson', points(setCoords(2, [12.4])))], expect: 'loaded', check: pointCount(4) },
  { name: 'points geojson: an empty position', files: () => [file('leer.geojson', points(setCoords(2, [])))], expect: 'loaded', check: pointCount(4) },
  { name: 'points geojson: null geometries mixed in', files: () => [file('null.geojson', points((f, i) => i % 2 && (f.geometry = null)))], expect: 'loaded', check: (o) => {
    pointCount(3)(o);
    expect(skipped(o).map((s) => s.reason)).toEqual(['no geometry', 'no geometry']);
  } },
  { name: 'points geojson: a geometry type {"toString": 1}', files: () => [file('typ.geojson', points((f, i) => i === 0 && ((f.geometry as unknown as { type: unknown }).type = { toString: 1 })))], expect: 'loaded', check: pointCount(4) },
  { name: 'points geojson: an empty MultiPoint and a MultiPoint with bad members', files: () => [file('multi.geojson', points((f, i) => {
    if (i === 0) f.geometry = { type: 'MultiPoint', coordinates: [] } as unknown as Point;
    if (i === 1) f.geometry = { type: 'MultiPoint', coordinates: [[12.4, 51.3], ['a', 'b'], [NaN, 1], [12.38, 51.33]] } as unknown as Point;
  }))], expect: 'loaded', check: pointCount(5) },
  { name: 'points geojson: features null and numbers', files: () => [file('muell.geojson', json({ type: 'FeatureCollection', features: [null, 5, { type: 'Feature', geometry: { type: 'Point', coordinates: [12.4, 51.3] }, properties: null }] }))], expect: 'loaded', check: pointCount(1) },
  { name: 'points geojson: "Point" only in a property (no points)', files: () => [file('text.geojson', json({ type: 'FeatureCollection', features: [], note: { type: 'Point' } }))], expect: 'refused', message: /^text\.geojson: contains no points/ },
  { name: 'points geojson: nested objects and arrays as properties', files: () => [file('tief.geojson', points((f) => (f.properties.meta = { a: [1, { b: [2, 3] }], c: null })))], expect: 'loaded', check: (o) => expect(layerFeatures(o)[0]!.properties.meta).toBe('{"a":[1,{"b":[2,3]}],"c":null}') },
  { name: 'points geojson: properties 1e999, 1e308, -5, 150 (Infinity never a number)', files: () => [file('werte.geojson', points((f, i) => (f.properties.wert = [7777, 1e308, -5, 150, true][i])).replace('7777', '1e999'))], expect: 'loaded', check: (o) => {
    expect(layerFeatures(o).map((f) => f.properties.wert)).toEqual([null, 1e308, -5, 150, 'true']);
  } },
  { name: 'points geojson: a 1 MB property key', files: () => [file('schluessel.geojson', points((f) => (f.properties[big(1 << 20)] = 1)))], expect: 'loaded' },
  { name: 'points geojson: a 10 MB name', files: () => [file('name.geojson', points(setProp(0, 'name', big(10 << 20))))], expect: 'loaded' },
  { name: 'points geojson: HTML and script in names and categories come through as text', files: () => [file('html.geojson', points((f, i) => {
    f.properties.name = `<script>alert(${i})</script>`;
    f.properties.traeger = '<img src=x onerror=alert(1)>';
  }))], expect: 'loaded', check: (o) => {
    const layer = loaded(o).points!;
    expect(layerFeatures(o)[2]!.properties.name).toBe('<script>alert(2)</script>');
    expect(layer.layer.categories.map((c) => c.label.de)).toContain('<img src=x onerror=alert(1)>');
  } },
  { name: 'points geojson: crs member EPSG:25833, coordinates in longitude/latitude', files: () => [file('falsch.geojson', points().replace('{"type":"FeatureCollection",', '{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:25833"}},'))], expect: 'either', check: offered(4326) },
  { name: 'points geojson: UTM 33N coordinates without crs member', files: () => [file('utm.geojson', points((f, i) => ((f.geometry as Point).coordinates = utmRing(AREAS[i % 4]!)[0]!)))], expect: 'loaded', check: offered(25833) },
  { name: 'points geojson: latitude before longitude', files: () => [file('vertauscht.geojson', points((f) => (f.geometry as Point).coordinates.reverse()))], expect: 'loaded', check: (o) => {
    for (const f of layerFeatures(o)) expect(f.geometry.coordinates[0]).toBeLessThan(13);
  } },
  { name: 'points geojson: longitude 200', files: () => [file('lon.geojson', points(setCoords(0, [200, 51.3])))], expect: 'refused', message: /point 1 lies outside longitude\/latitude/ },
  { name: 'points geojson: nesting 100,000 levels deep', files: () => [file('tief.geojson', `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[12,51]},"properties":{"a":${deep(100_000)}}}]}`)], expect: 'refused', message: /^tief\.geojson: is nested too deeply/ },
  { name: 'points geojson: 20,000 points', files: () => [file('viele.geojson', json({ type: 'FeatureCollection', features: Array.from({ length: 20_000 }, (_, i) => ({ type: 'Feature', properties: { n: i }, geometry: { type: 'Point', coordinates: [12.3 + (i % 200) / 1000, 51.3 + Math.floor(i / 200) / 1000] } })) }))], expect: 'loaded', check: pointCount(20_000) },
  { name: 'points json: a point GeoJSON named .json', files: () => [file('kitas.json', points())], expect: 'loaded', check: pointCount(5) },

  // --- tables with coordinates
  { name: 'points csv: the Kitas fixture (UTM 33N, Windows-1252, title rows)', files: () => [file('kitas-25833.csv', fixture('kitas-25833.csv'))], expect: 'loaded', check: offered(25833) },
  { name: 'points csv: valid lon/lat with decimal commas', files: () => [file('kitas.csv', pointCsv(kitaRows()))], expect: 'loaded', check: pointCount(5) },
  { name: 'points csv: "NaN" and "" as coordinates are skipped with row and column', files: () => [file('kitas.csv', pointCsv(kitaRows((r, i) => (i === 1 ? (r[2] = 'NaN') : i === 3 ? (r[3] = '') : 0))))], expect: 'loaded', check: (o) => {
    pointCount(3)(o);
    expect(skipped(o)).toEqual([
      { where: 'row 3, column C ("lon")', reason: 'no coordinate: "NaN"' },
      { where: 'row 5, column D ("lat")', reason: 'no coordinate: ""' },
    ]);
  } },
  { name: 'points csv: "Infinity" as a coordinate is skipped', files: () => [file('kitas.csv', pointCsv(kitaRows((r, i) => i === 0 && (r[2] = 'Infinity'))))], expect: 'loaded', check: pointCount(4) },
  { name: 'points csv: 1e308 as a coordinate', files: () => [file('kitas.csv', pointCsv(kitaRows((r, i) => i === 0 && (r[2] = '1e308'))))], expect: 'either', check: (o) => o.status === 'loaded' && expect(loaded(o).points).toBeUndefined() },
  { name: 'points csv: no row has coordinates, and no key column: refused', files: () => [file('leer.csv', pointCsv(kitaRows((r) => (r[2] = r[3] = '–'))).replace(/Kita /g, 'K '))], expect: 'either' },
  { name: 'points csv: columns "E" and "N" that hold text: still a table', files: () => [file('tabelle.csv', 'Nr;Ortsteil;E;N;Einwohner\n00;Zentrum;a;b;1000\n01;Zentrum-Ost;c;d;1111\n')], expect: 'loaded', check: (o) => {
    expect(loaded(o).kind).toBe('table');
    expect(loaded(o).join?.indicators.map((i) => i.label.de)).toContain('Einwohner');
  } },
  { name: 'points csv: columns "x" and "y" holding counts', files: () => [file('xy.csv', 'Nr;Ortsteil;x;y\n00;Zentrum;5;7\n01;Zentrum-Ost;6;8\n')], expect: 'loaded' },
  { name: 'points csv: Rechtswert/Hochwert holding longitude/latitude', files: () => [file('rw.csv', pointCsv(kitaRows().map((r, i) => (i === 0 ? ['Name', 'Träger', 'Rechtswert', 'Hochwert'] : r))))], expect: 'loaded', check: offered(4326) },
  { name: 'points csv: latitude 91', files: () => [file('lat.csv', pointCsv(kitaRows((r, i) => i === 0 && (r[3] = '91'))))], expect: 'either' },
  { name: 'points csv: a 10 MB name cell', files: () => [file('kitas.csv', pointCsv(kitaRows((r, i) => i === 0 && (r[0] = big(10 << 20)))))], expect: 'loaded', check: pointCount(5) },
  { name: 'points csv: HTML in names', files: () => [file('kitas.csv', pointCsv(kitaRows((r, i) => i === 0 && (r[0] = '<iframe src="javascript:alert(1)">'))))], expect: 'loaded', check: (o) => expect(layerFeatures(o)[0]!.properties.name).toBe('<iframe src="javascript:alert(1)">') },
  { name: 'points xlsx: coordinates as numbers', files: () => [file('kitas.xlsx', xlsx([{ name: 'Kitas', rows: [['Name', 'lon', 'lat'], ...KITAS.map(([lon, lat, name]) => [name, lon, lat])] }]))], expect: 'loaded', check: pointCount(5) },
  { name: 'points xlsx: coordinates as text with a NaN', files: () => [file('kitas.xlsx', xlsx([{ name: 'Kitas', rows: [['Name', 'lon', 'lat'], ...KITAS.map(([lon, lat, name], i) => [name, i === 2 ? 'NaN' : String(lon), String(lat)])] }]))], expect: 'loaded', check: pointCount(4) },
];

function setProp(i: number, key: string, value: unknown) {
  return (f: PointFeature, j: number) => {
    if (j === i) f.properties[key] = value;
  };
}

// ---------------------------------------------------------------------------
// Project files

const INDICATOR: Indicator = {
  id: 'proj_wert',
  column: 'proj_wert',
  label: { de: 'Projektwert', en: 'Project value' },
  unit: 'count',
  decimals: 0,
  definition: { de: 'Test', en: 'Test' },
  source: 'ext-proj-source',
  direction: 'neutral',
  years: [2022],
  agg: { type: 'sum' },
};

function extension(values = 'area_id,year,proj_wert\n00,2022,5\n01,2022,6\n', edit: Partial<TableExtension> = {}): TableExtension {
  return {
    id: 'ext-proj',
    siteId: 'leipzig',
    fileName: 'projekt.csv',
    indicators: [INDICATOR],
    file: 'user/ext-proj/values.csv',
    bytes: new TextEncoder().encode(values),
    sourceKey: 'ext-proj-source',
    source: { publisher: { de: 'Eigene Daten', en: 'Own data' }, licence: '', licenceName: '', licenceUrl: '', attribution: 'Eigene Daten', vintage: { de: '2026', en: '2026' } },
    created: '2026-01-01T00:00:00.000Z',
    ...edit,
  };
}

function project(edit?: (p: Record<string, unknown> & { sites: Record<string, unknown>[]; extensions: Record<string, unknown>[]; pointLayers: Record<string, unknown>[] }) => void): string {
  const site = buildUserSite(
    collection(lonLatRing),
    { label: 'Projekt', fileName: 'ortsteile.geojson', idKey: 'OT_NR', nameKey: 'OT_NAME', indicators: [{ key: 'EINW', unit: 'count' }], year: 2022, crsLabel: 'EPSG:4326' },
    'user-proj',
  );
  const layer = buildPointLayer(
    { type: 'FeatureCollection', features: KITAS.map(([lon, lat, name]) => ({ type: 'Feature', properties: { name }, geometry: { type: 'Point', coordinates: [lon, lat] } })) },
    { label: 'Kitas', fileName: 'kitas.geojson', siteId: 'leipzig', year: 2024, categoryKey: null, nameKey: 'name', otherLabel: 'Sonstige', allLabel: 'Alle' },
    'upts-proj',
  );
  const text = writeProject({ sites: [site], extensions: [extension()], pointLayers: [layer], view: '?site=user-proj' });
  if (!edit) return text;
  const p = JSON.parse(text) as Parameters<NonNullable<typeof edit>>[0];
  edit(p);
  return json(p);
}
/** A valid project file: a site, a table added to Leipzig and a point layer. */
export const validProject = () => project();
const b64 = (text: string) => Buffer.from(text).toString('base64');
const siteFile = (p: { sites: Record<string, unknown>[] }, path: string, content: string) => ((p.sites[0]!.files as Record<string, string>)[path] = b64(content));
const projectObservation = (o: Outcome, site: string, ind: string, area: string) => loaded(o).observations.find((r) => r.site === site && r.ind === ind && r.area_id === area)?.value;

const projectCases: Case[] = [
  { name: 'project: valid (the base of the cases below)', files: () => [file('projekt.json', project())], expect: 'loaded', check: (o) => {
    expect(projectObservation(o, 'leipzig', 'proj_wert', '00')).toBe(5);
    expect(projectObservation(o, 'user-proj', 'einw', '1')).toBe(12345);
  } },
  { name: 'project: truncated', files: () => [file('halb.json', project().slice(0, 500))], expect: 'refused', message: /^halb\.json: not valid JSON/ },
  { name: 'project: version 2', files: () => [file('v2.json', project((p) => (p.version = 2)))], expect: 'refused', message: /^v2\.json: project file version 2 is not supported/ },
  { name: 'project: version {"toString": 1}', files: () => [file('v.json', project((p) => (p.version = { toString: 1 })))], expect: 'refused', message: /^v\.json: project file version \{"toString":1\} is not supported/ },
  { name: 'project: version "1" (text)', files: () => [file('v1.json', project((p) => (p.version = '1')))], expect: 'refused', message: /version 1 is not supported/ },
  { name: 'project: sites not a list', files: () => [file('p.json', project((p) => (p.sites = {} as never)))], expect: 'refused', message: /^p\.json: the project file is incomplete/ },
  { name: 'project: extensions missing', files: () => [file('p.json', project((p) => delete (p as Record<string, unknown>).extensions))], expect: 'refused', message: /the project file is incomplete/ },
  { name: 'project: pointLayers not a list', files: () => [file('p.json', project((p) => (p.pointLayers = 'x' as never)))], expect: 'refused', message: /the project file is incomplete/ },
  { name: 'project: a site null', files: () => [file('p.json', project((p) => (p.sites = [null as never])))], expect: 'refused', message: /^p\.json: the project file is damaged/ },
  { name: 'project: files of a site not base64', files: () => [file('p.json', project((p) => ((p.sites[0]!.files as Record<string, string>)['user/user-proj/areas.csv'] = '%%%not base64%%%')))], expect: 'refused', message: /the project file is damaged/ },
  { name: 'project: a site with the id "leipzig" (would replace the bundled site)', files: () => [file('p.json', project((p) => ((p.sites[0]!.site as { id: string }).id = 'leipzig')))], expect: 'refused', message: /site 1 has no id of an imported site/ },
  { name: 'project: a site whose files lie outside its folder', files: () => [file('p.json', project((p) => siteFile(p, 'user/user-other/areas.csv', 'id,name\n')))], expect: 'refused', message: /site 1 has files outside user\/user-proj\// },
  { name: 'project: a site listing a file it lacks', files: () => [file('p.json', project((p) => delete (p.sites[0]!.files as Record<string, string>)['user/user-proj/values.csv']))], expect: 'refused', message: /site 1 lists a file it does not contain/ },
  { name: 'project: the same site twice', files: () => [file('p.json', project((p) => p.sites.push(p.sites[0]!)))], expect: 'refused', message: /the id "user-proj" occurs twice/ },
  { name: 'project: a table adding "einwohner" to Leipzig (which has it)', files: () => [file('p.json', project((p) => ((p.extensions[0]!.indicators as Indicator[])[0] = { ...INDICATOR, id: 'einwohner', column: 'proj_wert' })))], expect: 'refused', message: /table 1: the site "leipzig" already has an indicator "einwohner"/ },
  { name: 'project: a table with the same indicator twice', files: () => [file('p.json', project((p) => (p.extensions[0]!.indicators = [INDICATOR, INDICATOR])))], expect: 'refused', message: /already has an indicator "proj_wert"/ },
  { name: 'project: a table whose indicator has no label', files: () => [file('p.json', project((p) => delete ((p.extensions[0]!.indicators as Record<string, unknown>[])[0]!.label)))], expect: 'refused', message: /table 1 has damaged indicators/ },
  { name: 'project: a site indicator with a NUL in its id', files: () => [file('p.json', project((p) => ((p.sites[0]!.site as { indicators: Record<string, unknown>[] }).indicators[0]!.id = 'einw\u0000')))], expect: 'refused', message: /site 1 has damaged indicators/ },
  { name: 'project: a table for an unknown site', files: () => [file('p.json', project((p) => (p.extensions[0]!.siteId = 'nirgendwo')))], expect: 'refused', message: /table 1 is for the site "nirgendwo", which is neither in the file nor loaded/ },
  { name: 'project: a table whose values file lacks the column', files: () => [file('p.json', project((p) => (p.extensions[0]!.bytes = b64('area_id,year,anders\n00,2022,5\n'))))], expect: 'refused', message: /table 1: the values file has no column "proj_wert"/ },
  { name: 'project: a table writing into another import\'s folder', files: () => [file('p.json', project((p) => (p.extensions[0]!.file = 'user/user-proj/values.csv')))], expect: 'refused', message: /table 1 has no id, site or values file/ },
  { name: 'project: a table with NaN, inf, text and 1e308 values (missing, missing, missing, kept)', files: () => [file('p.json', project((p) => (p.extensions[0]!.bytes = b64('area_id,year,proj_wert\n00,2022,NaN\n01,2022,inf\n02,2022,abc\n03,2022,1e308\n04,2022,-5\n'))))], expect: 'loaded', check: (o) => {
    expect(projectObservation(o, 'leipzig', 'proj_wert', '00')).toBeUndefined();
    expect(projectObservation(o, 'leipzig', 'proj_wert', '01')).toBeUndefined();
    expect(projectObservation(o, 'leipzig', 'proj_wert', '02')).toBeUndefined();
    expect(projectObservation(o, 'leipzig', 'proj_wert', '03')).toBe(1e308);
    expect(projectObservation(o, 'leipzig', 'proj_wert', '04')).toBe(-5);
  } },
  { name: 'project: a site whose areas.csv has "NaN" and "inf" as label points', files: () => [file('p.json', project((p) => siteFile(p, 'user/user-proj/areas.csv', 'id,name,level,parent,lon,lat\n1,A,gebiet,,NaN,inf\n2,B,gebiet,,12.4,51.3\n3,C,gebiet,,x,y\n4,D,gebiet,,12.5,51.4\n')))], expect: 'loaded', check: (o) => {
    const a = loaded(o).areas.find((r) => r.id === '1')!;
    expect([a.lon, a.lat]).toEqual([null, null]);
  } },
  { name: 'project: a site whose values.csv has "Infinity"', files: () => [file('p.json', project((p) => siteFile(p, 'user/user-proj/values.csv', 'area_id,year,einw,flaeche_km2\n1,2022,Infinity,1\n2,2022,-Infinity,1\n3,2022,5,NaN\n4,2022,7,1\n')))], expect: 'loaded', check: (o) => {
    expect(projectObservation(o, 'user-proj', 'einw', '1')).toBeUndefined();
    expect(projectObservation(o, 'user-proj', 'einw', '4')).toBe(7);
  } },
  { name: 'project: a site whose values.csv says "<1" (known only to lie below 1)', files: () => [file('p.json', project((p) => siteFile(p, 'user/user-proj/values.csv', 'area_id,year,einw,flaeche_km2\n1,2022,<1,1\n2,2022,5,1\n3,2022,6,1\n4,2022,7,1\n')))], expect: 'loaded', check: (o) => {
    // a row with no value (never 0); the others unchanged
    expect(projectObservation(o, 'user-proj', 'einw', '1')).toBeNull();
    expect(projectObservation(o, 'user-proj', 'einw', '2')).toBe(5);
  } },
  { name: 'project: malformed "<" cells ("<", "<abc", "<-5", "<<1", "< 1e999") are missing, not numbers', files: () => [file('p.json', project((p) => siteFile(p, 'user/user-proj/values.csv', 'area_id,year,einw,flaeche_km2\n1,2022,<,1\n2,2022,<abc,1\n3,2022,<-5,1\n4,2022,<<1,1\n1,2023,< 1e999,1\n')))], expect: 'loaded', check: (o) => {
    for (const r of loaded(o).observations.filter((x) => x.ind === 'einw')) expect(r.value).toBeNull();
  } },
  { name: 'project: a site file with a 3 MB line', files: () => [file('p.json', project((p) => siteFile(p, 'user/user-proj/areas.csv', `id,name,level,parent,lon,lat\n1,${big(3 << 20)},gebiet,,12.4,51.3\n`)))], expect: 'refused', message: /site 1: user\/user-proj\/areas\.csv has a line longer than 1 MB/ },
  { name: 'project: a point layer that is no GeoJSON', files: () => [file('p.json', project((p) => (p.pointLayers[0]!.bytes = b64('kein json'))))], expect: 'refused', message: /point layer 1 holds no GeoJSON FeatureCollection/ },
  { name: 'project: a point layer writing elsewhere', files: () => [file('p.json', project((p) => ((p.pointLayers[0]!.layer as { file: string }).file = 'leipzig/ortsteil.geojson')))], expect: 'refused', message: /point layer 1 has no id, site or file/ },
  { name: 'project: HTML in labels comes through as text', files: () => [file('p.json', project((p) => ((p.sites[0]!.site as { label: unknown }).label = { de: '<script>alert(1)</script>', en: '<b>x</b>' })))], expect: 'loaded', check: (o) => expect(loaded(o).project!.sites[0]!.site.label.de).toBe('<script>alert(1)</script>') },
  { name: 'project: a 1 MB view', files: () => [file('p.json', project((p) => (p.view = `?site=leipzig&ind=${big(1 << 20)}`)))], expect: 'loaded' },
  { name: 'project: nesting 100,000 levels deep', files: () => [file('p.json', project((p) => (p.extra = 'DEEP')).replace('"DEEP"', deep(100_000)))], expect: 'refused', message: /^p\.json: is nested too deeply/ },
  { name: 'project: the format marker, but a FeatureCollection', files: () => [file('p.json', '{"type":"FeatureCollection","note":"format","x":{"format":"quartiersatlas-projekt"},"features":[]}')], expect: 'refused' },
  { name: 'project: "format" named but the value is another', files: () => [file('p.json', json({ format: 'quartiersatlas-project', version: 1 }).replace('"format":"quartiersatlas-project"', '"format" : "quartiersatlas-project", "format": "anders"'))], expect: 'refused', message: /not a Quartiersatlas project file/ },
  { name: 'project: UTF-16LE with BOM', files: () => [file('utf16.json', new Uint8Array([0xff, 0xfe, ...new Uint8Array(Uint16Array.from(project(), (c) => c.charCodeAt(0)).buffer)]))], expect: 'loaded' },
  { name: 'project: labels in Windows-1252', files: () => [file('ansi.json', Uint8Array.from(project((p) => ((p.sites[0]!.site as { label: unknown }).label = { de: 'Südvorstadt', en: 'Südvorstadt' })), (c) => (c.charCodeAt(0) > 0xff ? 0x3f : c.charCodeAt(0))))], expect: 'loaded', check: (o) => expect(loaded(o).project!.sites[0]!.site.label.de).toBe('Südvorstadt') },
  { name: 'project: written before point layers existed', files: () => [file('alt.json', project((p) => delete (p as Record<string, unknown>).pointLayers))], expect: 'loaded' },
  { name: 'project: empty (no sites, tables or layers)', files: () => [file('leer.json', json({ format: 'quartiersatlas-project', version: 1, created: '', view: '', sites: [], extensions: [] }))], expect: 'loaded' },
];

export const POINT_PROJECT_CASES: [string, Case[]][] = [
  ['points (GeoJSON, CSV, XLSX)', pointCases],
  ['project files', projectCases],
];
