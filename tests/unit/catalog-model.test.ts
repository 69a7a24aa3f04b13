// The area catalogue's page model on the real Leipzig data, through the real DuckDB
// engine and the profile's own figures: one page per Ortsteil, values as the screen
// shows them, the reference aggregated from counts (Σ numerator / Σ denominator,
// recomputed here from values.csv), ranks, the "< 1 %" of Plaußig-Portitz, the
// locator map and the sparklines; and the PDF writer's page count and text.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { csvParse } from 'd3-dsv';
import { createLoadedEngine, dataDir } from './helpers/node-engine';
import { bundledCatalog, findBundledSite, findIndicator } from '../../src/lib/data/catalog';
import { loadSiteData } from '../../src/lib/db/load';
import type { Engine } from '../../src/lib/db/engine';
import type { AreaCollection } from '../../src/lib/data/geometry';
import { ValueCache } from '../../src/lib/state/value-cache';
import { backgroundLevel, buildCatalogModel, MAX_CATALOG_AREAS, type CatalogRequest } from '../../src/lib/state/catalog-build';
import type { CatalogModel } from '../../src/lib/io/export/catalog/catalog-model';
import { PROGRAMME_LEVEL, PROGRAMME_LEVEL_LABEL } from '../../src/lib/data/programme-areas';
import { setProgrammeAreas } from '../../src/lib/db/programme-areas';
import type { MultiPolygon, Polygon } from 'geojson';

let engine: Engine;
let cache: ValueCache;
const site = findBundledSite('leipzig');
const geometry = async (path: string) => JSON.parse(readFileSync(dataDir + path, 'utf8')) as AreaCollection;
const source = (key: string) => bundledCatalog.sources[key];
const now = new Date('2026-12-06T12:00:00Z');

beforeAll(async () => {
  engine = await createLoadedEngine();
  cache = new ValueCache(engine, (s) => loadSiteData(engine, s, async () => new Uint8Array()));
});

const ortsteile = () => JSON.parse(readFileSync(`${dataDir}leipzig/ortsteil.geojson`, 'utf8')) as AreaCollection;
const allIds = () => ortsteile().features.map((f) => String(f.properties.id));

function request(extra: Partial<CatalogRequest> = {}): CatalogRequest {
  return { site, level: 'ortsteil', ids: allIds(), indicators: site.indicators, year: 2023, lang: 'de', sec: 0, ...extra };
}

const rows = () => csvParse(readFileSync(`${dataDir}leipzig/values.csv`, 'utf8'));

describe('area catalogue model (Leipzig, Ortsteile, 2023)', () => {
  let model: CatalogModel;
  beforeAll(async () => {
    const steps: number[] = [];
    model = await buildCatalogModel(request(), { cache, geometry, source, now }, (done) => steps.push(done));
    expect(steps.length).toBe(site.indicators.length + 1);
    expect(steps[steps.length - 1]).toBe(site.indicators.length + 1);
  });

  it('has one page per Ortsteil, sorted by name, each with every indicator', () => {
    expect(model.pages).toHaveLength(63);
    const names = model.pages.map((p) => p.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'de')));
    for (const p of model.pages) expect(p.rows).toHaveLength(site.indicators.length);
    expect(model.title).toBe('Gebietskatalog: Leipzig – Ortsteile');
    expect(model.subtitle).toContain('Stand 2023');
  });

  it('value and reference of the Ausländeranteil come from counts (Σ Ausländer / Σ Einwohner), as on screen', () => {
    const ind = findIndicator(site, 'auslaenderanteil');
    if (ind.agg.type !== 'ratio') throw new Error('Ausländeranteil should be a ratio');
    const agg = ind.agg;
    const y2023 = rows().filter((r) => r.year === '2023');
    const num = y2023.reduce((s, r) => s + Number(r[agg.num] || 0), 0);
    const den = y2023.reduce((s, r) => s + Number(r[agg.den] || 0), 0);
    const expected = ((num / den) * agg.scale).toLocaleString('de-DE', { minimumFractionDigits: ind.decimals, maximumFractionDigits: ind.decimals });
    const i = site.indicators.indexOf(ind);
    const lindenau = model.pages.find((p) => p.name === 'Lindenau')!;
    expect(lindenau.rows[i]!.reference).toBe(`${expected}\u00a0%`);
    const own = y2023.find((r) => r.area_id === lindenau.id)!;
    const value = (Number(own[agg.num]) / Number(own[agg.den])) * agg.scale;
    expect(lindenau.rows[i]!.value).toBe(`${value.toLocaleString('de-DE', { minimumFractionDigits: ind.decimals, maximumFractionDigits: ind.decimals })}\u00a0%`);
    // Ranks count every Ortsteil with a value.
    expect(lindenau.rows[i]!.rank).toMatch(/^\d+ von 63$/);
    expect(lindenau.rows[i]!.deviation).toMatch(/^[+−]\d+,\d\u00a0Pp\.$/);
  });

  it('the generated text names the area and compares with the city', () => {
    const p = model.pages.find((x) => x.name === 'Volkmarsdorf')!;
    expect(p.text.length).toBeGreaterThan(0);
    expect(p.text.length).toBeLessThanOrEqual(3);
    expect(p.text[0]).toMatch(/^Bei „.+“ liegt Volkmarsdorf mit .+ (deutlich über|über|etwa gleichauf mit|unter|deutlich unter) dem städtischen Wert von .+\./);
  });

  it('a value known only as "< 1 %" stays "< 1 %" (never 0) and a missing year stays "keine Angabe"', async () => {
    const m = await buildCatalogModel(request({ year: 2022, ids: ['15'] }), { cache, geometry, source, now });
    const i = site.indicators.findIndex((x) => x.id === 'sgb2_quote');
    const page = m.pages[0]!;
    expect(page.name).toBe('Plaußig-Portitz');
    expect(page.rows[i]!.value).toBe('<\u00a01\u00a0%');
    expect(page.rows[i]!.deviation).toBe('–');
    expect(page.rows.map((r) => r.value)).not.toContain('0,0\u00a0%');
  });

  it('draws the locator map (63 grey areas, the page\'s area highlighted) and sparklines in the box', () => {
    expect(model.baseMap.paths).toHaveLength(63);
    expect(model.baseMap.width).toBeLessThanOrEqual(190);
    for (const p of model.pages) expect(p.highlight).toMatch(/^M[\d.]+,[\d.]+/);
    const spark = model.pages[0]!.rows[0]!.spark!;
    expect(spark.path).toMatch(/^M/);
    expect(spark.current).not.toBeNull();
    const xs = [...spark.path.matchAll(/[ML]([\d.]+),([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    for (const [x, y] of xs) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(spark.width);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(spark.height);
    }
  });

  it('lists every source with its licence', () => {
    expect(model.sources.length).toBeGreaterThan(0);
    for (const line of model.sources) expect(line).toMatch(/ – /);
    expect(model.sources.join(' ')).toContain('Leipzig');
  });

  it('English: labels and text in English', async () => {
    const m = await buildCatalogModel(request({ lang: 'en', ids: ['00'] }), { cache, geometry, source, now });
    expect(m.title).toBe('Area catalogue: Leipzig – Districts (Ortsteile)');
    expect(m.labels.pageOf).toBe('Page {page} of {pages}');
    expect(m.pages[0]!.text.join(' ')).toMatch(/the city value of/);
  });

  it('refuses no areas and too many areas with a message', async () => {
    await expect(buildCatalogModel(request({ ids: [] }), { cache, geometry, source, now })).rejects.toThrow('Keine Gebiete');
    const many = Array.from({ length: MAX_CATALOG_AREAS + 1 }, (_, i) => String(i));
    await expect(buildCatalogModel(request({ ids: many }), { cache, geometry, source, now })).rejects.toThrow('Zu viele Gebiete');
  });

  it('stops when cancelled', async () => {
    const ctrl = new AbortController();
    ctrl.abort();
    await expect(buildCatalogModel(request(), { cache, geometry, source, now }, () => {}, ctrl.signal)).rejects.toThrow('Abgebrochen');
  });
});

describe('area catalogue of programme areas', () => {
  it('a union of Ortsteile: its page has the figures from counts (29,4 % Ausländer 2023, 6,986 / 23,784) and is drawn on the Ortsteile', async () => {
    const members = ['00', '01', '02'];
    await setProgrammeAreas(engine, site, [{ id: 'pa-zentrum', site: 'leipzig', name: 'Leipziger Zentrum', programme: 'esf-plus', startYear: 2021, color: '#e69f00', members }]);
    const withLevel = { ...site, levels: [...site.levels, { id: PROGRAMME_LEVEL, label: { ...PROGRAMME_LEVEL_LABEL }, geometry: 'pa.geojson', count: 1 }] };
    const parts = ortsteile().features.filter((f) => members.includes(String(f.properties.id)));
    const union: AreaCollection = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { id: 'pa-zentrum' },
          geometry: { type: 'MultiPolygon', coordinates: parts.flatMap((f) => (f.geometry.type === 'Polygon' ? [(f.geometry as Polygon).coordinates] : (f.geometry as MultiPolygon).coordinates)) },
        },
      ],
    };
    const m = await buildCatalogModel(
      { site: withLevel, level: PROGRAMME_LEVEL, ids: ['pa-zentrum'], indicators: site.indicators, year: 2023, lang: 'de', sec: 0 },
      { cache, geometry: async (path) => (path === 'pa.geojson' ? union : geometry(path)), source, now },
    );
    expect(m.pages).toHaveLength(1);
    const page = m.pages[0]!;
    expect(page.name).toBe('Leipziger Zentrum');
    expect(page.subtitle).toBe('Programmgebiete · Leipzig');
    const i = site.indicators.findIndex((x) => x.id === 'auslaenderanteil');
    expect(page.rows[i]!.value).toBe('29,4\u00a0%');
    expect(page.rows[site.indicators.findIndex((x) => x.id === 'einwohner')]!.value).toBe('23.784');
    // The base map is the 63 Ortsteile; the highlight is the union's outline.
    expect(m.baseMap.paths).toHaveLength(63);
    expect(page.highlight.match(/M/g)!.length).toBeGreaterThanOrEqual(3);
    await setProgrammeAreas(engine, site, []);
  });
});

describe('locator map of a fine level', () => {
  it('Gemeinden are drawn on the Kreise (10,786 grey paths on every page would be far too many)', async () => {
    const gemeinden = findBundledSite('gemeinden');
    expect(backgroundLevel(gemeinden, 'gemeinde').id).toBe('kreis');
    expect(backgroundLevel(gemeinden, 'kreis').id).toBe('kreis');
    expect(backgroundLevel(site, 'ortsteil').id).toBe('ortsteil');
    expect(backgroundLevel(site, PROGRAMME_LEVEL).id).toBe('ortsteil');
    const m = await buildCatalogModel(
      { site: gemeinden, level: 'gemeinde', ids: ['14713000', '11000000'], indicators: gemeinden.indicators, year: 2022, lang: 'de', sec: 0 },
      { cache, geometry, source, now },
    );
    expect(m.pages.map((p) => p.name)).toEqual(['Berlin, Stadt', 'Leipzig, Stadt']);
    expect(m.baseMap.paths).toHaveLength(400);
    for (const p of m.pages) expect(p.highlight).toMatch(/^M/);
    expect(m.subtitle).toContain('Referenz: Deutschland');
    expect(m.pages[1]!.text.join(' ')).toMatch(/dem bundesweiten Wert/);
  });
});
