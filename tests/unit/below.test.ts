// Values known only to lie below a bound: Leipzig's SGB-II-Quote, truncated by the source to "0"
// where it is under 1 % (Plaußig-Portitz 2022: 21 recipients, 3,229 residents). From values.csv
// ("<1") through DuckDB (observations.below) to every place that shows a value.
import { readFileSync, readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLoadedEngine, createNodeEngine, dataDir } from './helpers/node-engine';
import { bundledCatalog, findBundledSite, findIndicator } from '../../src/lib/data/catalog';
import type { Site } from '../../src/lib/data/catalog-types';
import type { AreaValue, LevelData } from '../../src/lib/data/values';
import { belowText, parseBelow, valuesCsv, areasCsv, sitePaths, geometryPath } from '../../src/lib/data/site-package.js';
import { queryRows, type Engine } from '../../src/lib/db/engine';
import { loadSite } from '../../src/lib/db/schema';
import { levelSeries } from '../../src/lib/db/queries';
import { belowClass, formatBelow, valueOrMidpoint } from '../../src/lib/analysis/below';
import { areaColor } from '../../src/lib/analysis/class-colors';
import { rankAreas } from '../../src/lib/analysis/ranking';
import { buildChange, buildResult, belowSummary, resultColors } from '../../src/lib/render/view-result';
import { describeValue } from '../../src/lib/render/describe';
import { areaHoverText } from '../../src/lib/render/hover-text';
import { viewTables, viewTexts, type ShownView } from '../../src/lib/state/view-export';
import { parseViewState } from '../../src/lib/state/url';

const leipzig = findBundledSite('leipzig');
const quote = findIndicator(leipzig, 'sgb2_quote');
const view = (q: string) => parseViewState(q, [leipzig], 'leipzig').state;

let engine: Engine;
let ortsteile: AreaValue[];
beforeAll(async () => {
  engine = await createLoadedEngine();
  ortsteile = await levelSeries(engine, leipzig, quote, 'ortsteil');
});
const year = (y: number) => ortsteile.filter((r) => r.year === y);
const data = (): LevelData => ({
  byYear: new Map(quote.years.map((y) => [y, year(y)])),
  byArea: new Map([...new Set(ortsteile.map((r) => r.id))].map((id) => [id, ortsteile.filter((r) => r.id === id)])),
});

describe('the site package: "<1" cells', () => {
  it('writes and reads the bound; anything else is no such cell', () => {
    expect(belowText(1)).toBe('<1');
    expect(belowText(0.5)).toBe('<0.5');
    expect(() => belowText(0)).toThrow();
    expect(() => belowText(Number.NaN)).toThrow();
    expect(parseBelow('<1')).toBe(1);
    expect(parseBelow('<2.5')).toBe(2.5);
    for (const t of ['1', '<', '<0', '<-1', '< 1', '<1e3', '<x', '<=1', '']) expect(parseBelow(t)).toBeNull();
  });

  it('the bundled data have exactly one such cell: Leipzig sgb2_quote, Plaußig-Portitz (15) 2022', () => {
    const found: string[] = [];
    for (const dir of readdirSync(dataDir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      let text: string;
      try {
        // A site with value parts keeps its wide table at values/all.csv.
        const site = bundledCatalog.sites.find((s) => s.id === dir.name && s.kind !== 'grid');
        text = readFileSync(dataDir + (site?.values ?? `${dir.name}/values.csv`), 'utf8');
      } catch {
        continue;
      }
      const [header, ...lines] = text.trimEnd().split('\n');
      const cols = header!.split(',');
      for (const line of lines) {
        line.split(',').forEach((cell, i) => {
          if (cell.startsWith('<')) found.push(`${dir.name}:${line.split(',')[0]}:${line.split(',')[1]}:${cols[i]}:${cell}`);
        });
      }
    }
    expect(found).toEqual(['leipzig:15:2022:sgb2_quote:<1']);
  });
});

describe('DuckDB', () => {
  it('stores "<1" as below = 1 with the value NULL; every other observation has no bound', async () => {
    const rows = await queryRows(engine, 'SELECT site, area_id, ind, year, value, num, den, below FROM observations WHERE below IS NOT NULL');
    expect(rows).toEqual([{ site: 'leipzig', area_id: '15', ind: 'sgb2_quote', year: 2022, value: null, num: null, den: null, below: 1 }]);
  });

  it('the Ortsteil answer carries the bound; Stadtbezirke and the city have none (aggregates come from counts; the quote is not aggregated)', async () => {
    const pp = year(2022).find((r) => r.id === '15')!;
    expect(pp).toMatchObject({ value: null, below: 1, present: 0 });
    expect(year(2022).filter((r) => r.below !== null)).toHaveLength(1);
    expect(year(2021).find((r) => r.id === '15')).toMatchObject({ value: 1, below: null });
    for (const level of ['stadtbezirk', 'stadt']) {
      const agg = await levelSeries(engine, leipzig, quote, level);
      expect(agg.every((r) => r.value === null && r.below === null)).toBe(true);
    }
    // The counts behind it are aggregated as before: SGB II recipients of Nordost (1) 2022 = Σ of its Ortsteile.
    const lb = findIndicator(leipzig, 'sgb2_leistungsberechtigte');
    const [bezirk] = (await levelSeries(engine, leipzig, lb, 'stadtbezirk')).filter((r) => r.id === '1' && r.year === 2022);
    const parts = (await levelSeries(engine, leipzig, lb, 'ortsteil')).filter((r) => r.id.startsWith('1') && r.year === 2022);
    expect(parts.find((r) => r.id === '15')!.value).toBe(21);
    expect(bezirk!.value).toBe(parts.reduce((s, r) => s + r.value!, 0));
  });

  it('a values file with malformed "<" cells gives no bound and no value (and a number column none at all)', async () => {
    const e = await createNodeEngine();
    const dir = 'user/below-test';
    const paths = sitePaths(dir);
    const text = (s: string) => ({ de: s, en: s });
    const site: Site = {
      id: 'below-test', label: text('t'), bounds: [12, 51, 13, 52], geometrySource: 'x',
      levels: [{ id: 'teil', label: text('Teile'), geometry: geometryPath(dir, 'teil'), count: 6 }],
      ...paths, defaults: { level: 'teil', ind: 'q', year: 2020 },
      indicators: [
        { id: 'q', column: 'q', label: text('Q'), unit: 'percent', decimals: 0, definition: text(''), source: 'x', direction: 'neutral', years: [2020], agg: { type: 'none', reason: text('') } },
        { id: 'n', column: 'n', label: text('N'), unit: 'count', decimals: 0, definition: text(''), source: 'x', direction: 'neutral', years: [2020], agg: { type: 'sum' } },
      ],
    };
    const cells = ['<1', '<0', '<-1', '<x', '< 2', '<2.5'];
    const files: Record<string, string> = {
      [paths.areas]: areasCsv(cells.map((_, i) => ({ id: String(i), name: String(i), level: 'teil', parent: '', lon: 12, lat: 51 }))),
      [paths.values]: valuesCsv(['q', 'n'], cells.map((c, i) => ({ areaId: String(i), year: 2020, values: { q: c, n: i } }))),
    };
    await loadSite(e, site, async (p) => new TextEncoder().encode(files[p]!));
    const rows = await queryRows<{ area_id: string; value: number | null; below: number | null }>(
      e,
      "SELECT area_id, value, below FROM observations WHERE site = 'below-test' AND ind = 'q' ORDER BY area_id",
    );
    expect(rows).toEqual([
      { area_id: '0', value: null, below: 1 },
      { area_id: '5', value: null, below: 2.5 },
    ]);
    const n = await queryRows(e, "SELECT count(*)::INT AS c FROM observations WHERE site = 'below-test' AND ind = 'n' AND below IS NOT NULL");
    expect(n).toEqual([{ c: 0 }]);
  });
});

describe('what the map, legend, tooltip, ranking and exports show', () => {
  it('the tooltip: "< 1 %" (German) / "< 1%" (English), with why', () => {
    const pp = year(2022).find((r) => r.id === '15');
    expect(describeValue(pp, quote, true, 'de')).toEqual({ text: '<\u00a01\u00a0%', note: expect.stringContaining('abgeschnitten') });
    expect(describeValue(pp, quote, true, 'en').text).toBe('<\u00a01%');
    expect(formatBelow(1, 'percent', 'de').replaceAll('\u00a0', ' ')).toBe('< 1 %');
    expect(formatBelow(1, 'percent', 'en').replaceAll('\u00a0', ' ')).toBe('< 1%');
  });

  it('the map colours it in the lowest class (every known 2022 value is ≥ 1 %), and the legend counts it apart from missing', () => {
    for (const cls of ['quantile', 'equal', 'jenks']) {
      const result = buildResult(view(`?ind=sgb2_quote&year=2022&cls=${cls}&k=5`), leipzig, quote, year(2022));
      const colors = resultColors(result);
      expect(colors.get('15')).toBe(result.colors[0]);
      expect(result.classification!.missing).toBe(1); // classes rest on the 62 known values
      expect(belowSummary(result)).toEqual({ count: 1, bound: 1, color: result.colors[0] });
      const texts = viewTexts({ views: { view: view(`?ind=sgb2_quote&year=2022&cls=${cls}`), indicator: quote, level: leipzig.levels[0]!, site: leipzig }, shown: { result, names: new Map(), trendShown: null } } as ShownView);
      const below = texts.legend.items.find((i) => i.label.includes('abgeschnitten') || i.label.includes('„0“'));
      expect(below).toMatchObject({ color: result.colors[0], count: '1 Gebiet' });
      expect(texts.legend.items.find((i) => i.label === 'keine Angabe')!.count).toBe('0 Gebiete');
    }
  });

  it('a class break below the bound makes the class unknown: hatched', () => {
    const result = buildResult(view('?ind=sgb2_quote&year=2022&cls=manual&breaks=0.5,5,10'), leipzig, quote, year(2022));
    expect(belowClass(1, result.classification)).toBe(-1);
    expect(areaColor(year(2022).find((r) => r.id === '15')!, result.classification, result.colors)).toBeNull();
  });

  it('the ranking puts it below every known value, before the missing ones', () => {
    const ranked = rankAreas(year(2022).map((r) => ({ id: r.id, value: r.value, below: r.below })));
    expect(ranked).toHaveLength(63);
    expect(ranked[62]).toEqual({ id: '15', value: null, rank: 63, below: 1 });
    expect(ranked.slice(0, 62).every((r) => r.value !== null && r.value >= 1)).toBe(true);
    const mixed = rankAreas([{ id: 'a', value: 2 }, { id: 'b', value: null, below: 1 }, { id: 'c', value: 0.5 }, { id: 'd', value: null }, { id: 'e', value: 1 }]);
    expect(mixed.map((r) => `${r.id}${r.rank ?? '-'}`)).toEqual(['a1', 'e2', 'b3', 'c4', 'd-']);
  });

  it('change: from or to "< 1 %" is no change (missing); the tooltip names both ends', () => {
    const result = buildChange(view('?ind=sgb2_quote&mode=change&from=2021&to=2022'), leipzig, quote, data());
    expect(result.values.get('15')).toMatchObject({ value: null });
    expect(result.values.get('15')!.below).toBeUndefined();
    expect(belowSummary(result)).toBeNull();
    expect(result.change!.endsBelow!.get('15')).toEqual([null, 1]);
    expect(areaHoverText('15', quote, result, null, 'de').note!.replaceAll('\u00a0', ' ')).toBe('2021: 1 % → 2022: < 1 %');
  });

  it('CSV/XLSX: the value cell is the text "<1", and the metadata say what it means', () => {
    const v = view('?ind=sgb2_quote&year=2022');
    const result = buildResult(v, leipzig, quote, year(2022));
    const app = { views: { view: v, indicator: quote, level: leipzig.levels[0]!, site: leipzig }, shown: { result, names: new Map([['15', 'Plaußig-Portitz']]), trendShown: null } } as ShownView;
    const { data: table, meta } = viewTables(app, 'https://example.org/');
    expect(table.rows.find((r) => r[0] === '15')).toEqual(['15', 'Plaußig-Portitz', 2022, '<1']);
    expect(table.rows.filter((r) => r[3] === null)).toHaveLength(0);
    expect(meta.rows.some((r) => String(r[1]).includes('<1'))).toBe(true);
  });

  it('the social index uses the midpoint 0.5 %; known values as they are', () => {
    expect(valueOrMidpoint(year(2022).find((r) => r.id === '15'))).toBe(0.5);
    expect(valueOrMidpoint(year(2021).find((r) => r.id === '15'))).toBe(1);
    expect(valueOrMidpoint({ value: null })).toBeNull();
  });
});
