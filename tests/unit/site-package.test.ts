// The site package format (src/lib/data/site-package.js), written once for the data preparation and
// the import: its writing rules, the bundled files it reproduces byte for byte, and a tiny site
// written with it and loaded through schema.ts into real DuckDB-WASM.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { csvParse, csvParseRows } from 'd3-dsv';
import type { Site } from '../../src/lib/data/catalog-types';
import {
  AREA_COLUMNS,
  VALUE_KEY_COLUMNS,
  areaFeature,
  areasCsv,
  csvCell,
  firstViewJson,
  geometryPath,
  sitePaths,
  valuePartsTablePath,
  valuesCsv,
} from '../../src/lib/data/site-package.js';
import { bundledCatalog } from '../../src/lib/data/catalog';
import { queryRows } from '../../src/lib/db/engine';
import { loadSite } from '../../src/lib/db/schema';
import { createNodeEngine, dataDir } from './helpers/node-engine';

const read = (path: string) => readFileSync(dataDir + path, 'utf8');
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('writing rules', () => {
  it('quotes only what needs it, keeps text verbatim and writes missing values empty', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('-1')).toBe('-1');
    expect(csvCell('=3')).toBe('=3');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(-0)).toBe('0');
    expect(csvCell(-2.5)).toBe('-2.5');
    expect(csvCell(NaN)).toBe('');
    expect(csvCell(Infinity)).toBe('');
    expect(csvCell(1e-7)).toBe('1e-7');
  });

  it('refuses in strict mode what the bundled data must not contain', () => {
    expect(csvCell(0.1, { strict: true })).toBe('0.1');
    expect(() => csvCell(NaN, { strict: true })).toThrow(/finite/);
    expect(() => csvCell(1e21, { strict: true })).toThrow(/exponent/);
  });

  it('writes areas.csv and values.csv with their fixed columns, a final newline and absent columns empty', () => {
    expect(areasCsv([{ id: '1', name: 'A', level: 'l', lon: 12.5, lat: '51.000000' }])).toBe('id,name,level,parent,lon,lat\n1,A,l,,12.5,51.000000\n');
    expect(valuesCsv(['x', 'y'], [{ areaId: '1', year: 2020, values: { x: 3 } }])).toBe('area_id,year,x,y\n1,2020,3,\n');
    // Only the row's own columns: not what an object inherits.
    expect(valuesCsv(['constructor'], [{ areaId: '1', year: 2020, values: {} }])).toBe('area_id,year,constructor\n1,2020,\n');
  });

  it('names the files of a site as the catalog does', () => {
    expect(sitePaths('leipzig')).toEqual({ areas: 'leipzig/areas.csv', values: 'leipzig/values.csv', firstView: 'leipzig/first-view.json' });
    expect(geometryPath('kreise', 'land')).toBe('kreise/land.geojson');
    expect(areaFeature('1', 'A', null)).toEqual({ type: 'Feature', properties: { id: '1', name: 'A' }, geometry: null });
  });
});

describe.each(bundledCatalog.sites.filter((s) => s.kind !== 'grid').map((s) => [s.id, s] as const))('bundled site %s', (_id, site) => {
  it('names its files by the package format', () => {
    // A site with value parts keeps its wide table beside the parts (values/all.csv), out of the app's build.
    const expected = sitePaths(site.id);
    if (site.valueParts) expected.values = valuePartsTablePath(site.id);
    expect({ areas: site.areas, values: site.values, firstView: site.firstView }).toEqual(expected);
  });

  it('areas.csv and values.csv are exactly what the writers give for their rows', () => {
    const areasText = read(site.areas);
    const areas = csvParse(areasText);
    expect(areas.columns).toEqual([...AREA_COLUMNS]);
    expect(areasCsv(areas as unknown as Parameters<typeof areasCsv>[0], { strict: true })).toBe(areasText);

    const valuesText = read(site.values);
    const [header, ...rows] = csvParseRows(valuesText);
    expect(header!.slice(0, 2)).toEqual([...VALUE_KEY_COLUMNS]);
    const columns = header!.slice(2);
    // Parsed text is written verbatim; the year goes through the number rule.
    const parsed = rows.map((r) => ({ areaId: r[0]!, year: Number(r[1]), values: Object.fromEntries(columns.map((c, i) => [c, r[i + 2]])) }));
    expect(valuesCsv(columns, parsed, { strict: true })).toBe(valuesText);
  });

  it('first-view.json is exactly what the writer gives for its view', () => {
    const text = read(site.firstView);
    const view = JSON.parse(text) as { level: string; ind: string; year: number; values: Record<string, number | null> };
    const values = Object.keys(view.values)
      .sort(cmp)
      .map((id) => [id, view.values[id]!] as const);
    expect(firstViewJson({ ...view, values })).toBe(text);
  });
});

describe('a site written with the package format', () => {
  it('loads through the schema: parents, label points, quoted names, missing values', async () => {
    const dir = 'test/pkg';
    const paths = sitePaths(dir);
    const areas = areasCsv([
      { id: '1', name: 'Nord, "Alt"', level: 'teil', parent: 'S', lon: 12.25, lat: 51.5 },
      { id: '2', name: 'Süd\nneu', level: 'teil', parent: 'S', lon: 12.5, lat: NaN },
      { id: 'S', name: 'Stadt', level: 'stadt', parent: null, lon: 12.4, lat: 51.4 },
    ]);
    const values = valuesCsv(
      ['ew', 'al', 'quote'],
      [
        { areaId: '1', year: 2020, values: { ew: 100, al: 5, quote: 5 } },
        { areaId: '2', year: 2020, values: { ew: 300, al: null, quote: null } },
        { areaId: '1', year: 2021, values: { ew: 110, al: 0, quote: 0 } },
      ],
    );
    const text = (label: string) => ({ de: label, en: label });
    const site: Site = {
      id: 'pkg',
      label: text('pkg'),
      bounds: [12, 51, 13, 52],
      geometrySource: 'x',
      levels: [
        { id: 'teil', label: text('Teile'), geometry: geometryPath(dir, 'teil'), count: 2 },
        { id: 'stadt', label: text('Stadt'), geometry: geometryPath(dir, 'stadt'), count: 1 },
      ],
      ...paths,
      defaults: { level: 'teil', ind: 'ew', year: 2020 },
      indicators: [
        { id: 'ew', column: 'ew', label: text('EW'), unit: 'count', decimals: 0, definition: text(''), source: 'x', direction: 'neutral', years: [2020, 2021], agg: { type: 'sum' } },
        { id: 'quote', column: 'quote', label: text('Q'), unit: 'percent', decimals: 1, definition: text(''), source: 'x', direction: 'neutral', years: [2020, 2021], agg: { type: 'ratio', num: 'al', den: 'ew', scale: 100 } },
      ],
    };
    const files: Record<string, string> = { [paths.areas]: areas, [paths.values]: values };
    const engine = await createNodeEngine();
    await loadSite(engine, site, async (path) => new TextEncoder().encode(files[path]!));

    const areaRows = await queryRows<{ id: string; name: string; level: string; parent: string | null; lon: number | null; lat: number | null }>(
      engine,
      "SELECT id, name, level, parent, lon, lat FROM areas WHERE site = 'pkg' ORDER BY id",
    );
    expect(areaRows).toEqual([
      { id: '1', name: 'Nord, "Alt"', level: 'teil', parent: 'S', lon: 12.25, lat: 51.5 },
      { id: '2', name: 'Süd\nneu', level: 'teil', parent: 'S', lon: 12.5, lat: null },
      { id: 'S', name: 'Stadt', level: 'stadt', parent: null, lon: 12.4, lat: 51.4 },
    ]);
    const ancestors = await queryRows<{ base_id: string; level: string; area_id: string }>(
      engine,
      "SELECT base_id, level, area_id FROM area_base WHERE site = 'pkg' ORDER BY base_id, level",
    );
    expect(ancestors.map((a) => `${a.base_id}>${a.level}:${a.area_id}`)).toEqual(['1>stadt:S', '1>teil:1', '2>stadt:S', '2>teil:2']);
    const obs = await queryRows<{ area_id: string; ind: string; year: number; value: number | null; num: number | null; den: number | null }>(
      engine,
      "SELECT area_id, ind, year, value, num, den FROM observations WHERE site = 'pkg' ORDER BY ind, area_id, year",
    );
    expect(obs).toEqual([
      { area_id: '1', ind: 'ew', year: 2020, value: 100, num: 100, den: null },
      { area_id: '1', ind: 'ew', year: 2021, value: 110, num: 110, den: null },
      { area_id: '2', ind: 'ew', year: 2020, value: 300, num: 300, den: null },
      { area_id: '1', ind: 'quote', year: 2020, value: 5, num: 5, den: 100 },
      // A real 0 stays 0; a missing value is no observation value (never 0).
      { area_id: '1', ind: 'quote', year: 2021, value: 0, num: 0, den: 110 },
      { area_id: '2', ind: 'quote', year: 2020, value: null, num: null, den: 300 },
    ]);
  });
});
