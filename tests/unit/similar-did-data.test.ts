// The figures of the similar-areas and before/after views on the bundled data, through the real
// DuckDB engine and the value cache (state/similar-did.ts), checked against values computed here
// straight from the bundled values.csv (not through DuckDB).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { csvParse } from 'd3-dsv';
import { createNodeEngine, dataDir, loadBundledSite } from './helpers/node-engine';
import { bundledCatalog, findBundledSite } from '../../src/lib/data/catalog';
import { setProgrammeAreas } from '../../src/lib/db/programme-areas';
import type { Engine } from '../../src/lib/db/engine';
import { PROGRAMME_LEVEL, type ProgrammeArea } from '../../src/lib/data/programme-areas';
import { ValueCache } from '../../src/lib/state/value-cache';
import { AnalysisData } from '../../src/lib/state/analysis.svelte';
import { buildDid, buildSimilar, defaultSimilarIndicators, didStart, focusArea } from '../../src/lib/state/similar-did';
import { parseViewState } from '../../src/lib/state/url';
import type { ViewState } from '../../src/lib/state/view-state';

let engine: Engine;
let cache: ValueCache;
const leipzig = findBundledSite('leipzig');

beforeAll(async () => {
  engine = await createNodeEngine();
  for (const id of ['leipzig', 'gemeinden']) await loadBundledSite(engine, findBundledSite(id));
  cache = new ValueCache(engine, async () => {});
});

const view = (search: string): ViewState => parseViewState(search, bundledCatalog.sites, 'leipzig').state;

/** Leipzig's values.csv read directly: area → year → column → number (null when empty; "<1" → 0.5, as the view uses it). */
const csv = csvParse(readFileSync(`${dataDir}leipzig/values.csv`, 'utf8'));
function cell(area: string, year: number, column: string): number | null {
  const row = csv.find((r) => r.area_id === area && Number(r.year) === year);
  const text = row?.[column] ?? '';
  if (text === '') return null;
  if (text.startsWith('<')) return Number(text.slice(1)) / 2;
  return Number(text);
}
const ortsteile = [...new Set(csv.map((r) => r.area_id!))].sort();
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('similar areas (state/similar-did.ts)', () => {
  it('the default indicators are the site’s shares; the area is the last selected one', () => {
    expect(defaultSimilarIndicators(leipzig)).toEqual(['auslaenderanteil', 'migrantenanteil', 'arbeitslosenanteil', 'sgb2_quote']);
    expect(defaultSimilarIndicators(findBundledSite('gemeinden'))).toEqual(['auslaenderanteil', 'einwanderungsgeschichte_anteil', 'leerstandsquote', 'eigentuemerquote']);
    expect(focusArea({ sel: ['01', '63'] })).toBe('63');
    expect(focusArea({ sel: [] })).toBeNull();
  });

  it('Leipzig Ortsteil 63 (2022): the ten nearest Ortsteile equal a hand computation from values.csv', async () => {
    const data = await buildSimilar(cache, leipzig, view('?site=leipzig&mode=similar&year=2022&sel=63'));
    const cols = ['auslaenderanteil', 'migrantenanteil', 'arbeitslosenanteil', 'sgb2_quote'];
    expect(data.indicators.map((x) => [x.ind.id, x.year])).toEqual(cols.map((c) => [c, 2022]));
    const r = data.result!;
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // z-standardise each column over the Ortsteile with a value, distances to 63 over the areas with all four.
    const z = cols.map((c) => {
      const vals = ortsteile.map((id) => cell(id, 2022, c)).filter((v): v is number => v !== null);
      const m = mean(vals);
      const sd = Math.sqrt(mean(vals.map((v) => (v - m) ** 2)));
      return (v: number) => (v - m) / sd;
    });
    const at = (id: string) => cols.map((c) => cell(id, 2022, c));
    const target = at('63') as number[];
    const expected = ortsteile
      .filter((id) => id !== '63' && at(id).every((v) => v !== null))
      .map((id) => ({ id, d: Math.sqrt(at(id).reduce((s: number, v, j) => s + (z[j]!(v!) - z[j]!(target[j]!)) ** 2, 0)) }))
      .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1))
      .slice(0, 10);
    expect(r.areas.map((a) => a.id)).toEqual(expected.map((e) => e.id));
    r.areas.forEach((a, i) => expect(a.distance).toBeCloseTo(expected[i]!.d, 9));
    expect(r.areas.some((a) => a.id === '63')).toBe(false);
    for (const a of r.areas) expect(a.contributions.reduce((s, c) => s + c, 0)).toBeCloseTo(1, 12);
  });

  it('the chosen indicators (sim) are used; without a selection there is no result', async () => {
    const one = await buildSimilar(cache, leipzig, view('?site=leipzig&mode=similar&year=2022&sel=00&sim=arbeitslosenanteil'));
    expect(one.result?.ok && one.result.indicators).toEqual(['arbeitslosenanteil']);
    const own = cell('00', 2022, 'arbeitslosenanteil')!;
    if (!one.result?.ok) throw new Error('no result');
    const nearest = one.result.areas[0]!;
    const gaps = ortsteile.filter((id) => id !== '00' && cell(id, 2022, 'arbeitslosenanteil') !== null).map((id) => Math.abs(cell(id, 2022, 'arbeitslosenanteil')! - own));
    expect(Math.abs(cell(nearest.id, 2022, 'arbeitslosenanteil')! - own)).toBe(Math.min(...gaps));
    const none = await buildSimilar(cache, leipzig, view('?site=leipzig&mode=similar&year=2022'));
    expect(none).toMatchObject({ target: null, result: null, areaCount: 0 });
    expect(one.areaCount).toBe(63);
  });

  it('all 10,786 Gemeinden: Leipzig’s nearest ten, and the analysis marks them for the map', async () => {
    const gemeinden = findBundledSite('gemeinden');
    const v = view('?site=gemeinden&level=gemeinde&mode=similar&sel=14713000');
    const analysis = new AnalysisData();
    await analysis.refresh(cache, gemeinden, v);
    expect(analysis.error).toBeNull();
    const r = analysis.similar!.result!;
    expect(r.ok && r.compared + r.excluded).toBe(10_785);
    expect(r.ok && r.areas).toHaveLength(10);
    expect(analysis.marked).toEqual(r.ok ? r.areas.map((a) => a.id) : []);
    // every distance ascending, Leipzig itself not among them
    const ds = r.ok ? r.areas.map((a) => a.distance) : [];
    expect(ds).toEqual([...ds].sort((a, b) => a - b));
    expect(analysis.marked).not.toContain('14713000');
  });
});

describe('before/after (state/similar-did.ts)', () => {
  /** DiD straight from values.csv: years in from–to where `area` has a value; comparison areas with a value before and after. */
  function handDid(area: string, others: string[], column: string, start: number, from: number, to: number): { estimate: number; n: number } {
    const years = [];
    for (let y = from; y <= to; y++) if (cell(area, y, column) !== null) years.push(y);
    const pre = years.filter((y) => y < start);
    const post = years.filter((y) => y >= start);
    const avg = (id: string, ys: number[]) => {
      const vs = ys.map((y) => cell(id, y, column)).filter((v): v is number => v !== null);
      return vs.length ? mean(vs) : null;
    };
    const changes = others.flatMap((id) => {
      const a = avg(id, pre);
      const b = avg(id, post);
      return a === null || b === null ? [] : [b - a];
    });
    return { estimate: avg(area, post)! - avg(area, pre)! - mean(changes), n: changes.length };
  }

  it('Ortsteil 50, Arbeitslosenanteil, start 2015 against the other 62 Ortsteile', async () => {
    const v = view('?site=leipzig&mode=did&ind=arbeitslosenanteil&year=2022&sel=50&start=2015');
    const d = await buildDid(cache, leipzig, v);
    expect(d).toMatchObject({ target: '50', start: 2015, from: 2000, to: 2022, group: 'rest', groupLevel: 'ortsteil' });
    expect(d.comparisonIds).toHaveLength(62);
    const hand = handDid('50', ortsteile.filter((id) => id !== '50'), 'arbeitslosenanteil', 2015, 2000, 2022);
    expect(d.outcome?.ok).toBe(true);
    if (!d.outcome?.ok) return;
    expect(d.outcome.estimate).toBeCloseTo(hand.estimate, 10);
    expect(d.outcome.comparison.n).toBe(hand.n);
    expect(d.outcome.interval!.low).toBeLessThanOrEqual(d.outcome.estimate);
    expect(d.outcome.interval!.high).toBeGreaterThanOrEqual(d.outcome.estimate);
    // the chart: the area's own values, and the mean of the others per year
    expect(d.treated.find((p) => p.year === 2015)?.value).toBe(cell('50', 2015, 'arbeitslosenanteil'));
    const others2015 = ortsteile.filter((id) => id !== '50').map((id) => cell(id, 2015, 'arbeitslosenanteil')).filter((x): x is number => x !== null);
    expect(d.comparisonMean.find((p) => p.year === 2015)).toMatchObject({ n: others2015.length });
    expect(d.comparisonMean.find((p) => p.year === 2015)!.value).toBeCloseTo(mean(others2015), 10);
    // series breaks of the catalog (boundary changes 2006, 2012, 2014) inside the years used
    expect(d.breaks.map((b) => b.year)).toEqual([2006, 2012, 2014]);
    expect(d.startChoices[0]).toBe(2001);
  });

  it('cg=similar: the comparison group is the similar areas of the same view', async () => {
    const v = view('?site=leipzig&mode=did&ind=arbeitslosenanteil&year=2022&sel=50&start=2015&cg=similar');
    const [d, s] = await Promise.all([buildDid(cache, leipzig, v), buildSimilar(cache, leipzig, v)]);
    const ids = s.result?.ok ? s.result.areas.map((a) => a.id) : [];
    expect(ids).toHaveLength(10);
    expect(d.comparisonIds).toEqual(ids);
    expect(d.similarYear).toBe(2022);
    const hand = handDid('50', ids, 'arbeitslosenanteil', 2015, 2000, 2022);
    expect(d.outcome?.ok && d.outcome.estimate).toBeCloseTo(hand.estimate, 10);
  });

  it('a programme area (Ortsteile 00, 01, 02 since 2015) against the rest of the site, from counts', async () => {
    const pa: ProgrammeArea = { id: 'pa-z', site: 'leipzig', name: 'Zentrum', programme: 'esf-plus', startYear: 2015, color: '#e69f00', members: ['00', '01', '02'] };
    await setProgrammeAreas(engine, leipzig, [pa]);
    try {
      const v: ViewState = { ...view('?site=leipzig&mode=did&ind=auslaenderanteil&year=2023'), level: PROGRAMME_LEVEL, sel: ['pa-z'] };
      const d = await buildDid(cache, leipzig, v, [pa]);
      expect(d.start).toBe(2015); // the programme area's start of funding
      expect(d.groupLevel).toBe('ortsteil');
      expect(d.comparisonIds).toHaveLength(60);
      expect(d.comparisonIds).not.toContain('00');
      // the union's share is Σ foreigners / Σ residents of its members, never a mean of their shares
      const share = (y: number) => {
        const num = ['00', '01', '02'].map((id) => cell(id, y, 'auslaender')!);
        const den = ['00', '01', '02'].map((id) => cell(id, y, 'einwohner')!);
        return (num.reduce((a, b) => a + b) / den.reduce((a, b) => a + b)) * 100;
      };
      expect(d.treated.find((p) => p.year === 2023)!.value).toBeCloseTo(share(2023), 9);
      const years = Array.from({ length: 24 }, (_, i) => 2000 + i);
      const pre = mean(years.filter((y) => y < 2015).map(share));
      const post = mean(years.filter((y) => y >= 2015).map(share));
      const changes = d.comparisonIds.map((id) => {
        const a = years.filter((y) => y < 2015).map((y) => cell(id, y, 'auslaenderanteil')).filter((x): x is number => x !== null);
        const b = years.filter((y) => y >= 2015).map((y) => cell(id, y, 'auslaenderanteil')).filter((x): x is number => x !== null);
        return mean(b) - mean(a);
      });
      expect(d.outcome?.ok && d.outcome.estimate).toBeCloseTo(post - pre - mean(changes), 9);
      // the only programme area of its site has no other area of its level to be similar to
      const alone = await buildSimilar(cache, leipzig, { ...v, mode: 'similar' });
      expect(alone).toMatchObject({ target: 'pa-z', areaCount: 1 });
      expect(alone.result?.ok).toBe(false);
    } finally {
      await setProgrammeAreas(engine, leipzig, []);
    }
  });

  it('a programme area’s similar areas are the base areas outside it, and they become the before/after comparison group', async () => {
    const pa: ProgrammeArea = { id: 'pa-z', site: 'leipzig', name: 'Zentrum', programme: 'esf-plus', startYear: 2015, color: '#e69f00', members: ['00', '01', '02'] };
    await setProgrammeAreas(engine, leipzig, [pa]);
    try {
      const v: ViewState = { ...view('?site=leipzig&mode=similar&ind=auslaenderanteil&year=2023&sim=auslaenderanteil'), level: PROGRAMME_LEVEL, sel: ['pa-z'] };
      const s = await buildSimilar(cache, leipzig, v, 10, [], [pa]);
      expect(s.baseOf?.level).toBe('ortsteil');
      expect(s.areaCount).toBe(61); // the area and the 60 Ortsteile outside it
      expect(s.result?.ok).toBe(true);
      if (!s.result?.ok) return;
      const ids = s.result.areas.map((a) => a.id);
      expect(ids).toHaveLength(10);
      for (const m of pa.members) expect(ids).not.toContain(m);
      // one indicator: the nearest are the Ortsteile whose share lies closest to the union's Σ/Σ share
      const sum = (col: string) => pa.members.reduce((t, id) => t + cell(id, 2023, col)!, 0);
      const own = (sum('auslaender') / sum('einwohner')) * 100;
      const gap = (id: string) => Math.abs(cell(id, 2023, 'auslaenderanteil')! - own);
      const expected = ortsteile.filter((id) => !pa.members.includes(id) && cell(id, 2023, 'auslaenderanteil') !== null).sort((a, b) => gap(a) - gap(b) || a.localeCompare(b));
      expect(ids).toEqual(expected.slice(0, 10));
      const [first, last] = [s.result.areas[0]!, s.result.areas[9]!];
      expect(first.distance / last.distance).toBeCloseTo(gap(first.id) / gap(last.id), 6);
      expect(s.baseOf?.names.get(ids[0]!)).toBeTruthy();
      // before/after with cg=similar: the same Ortsteile, on their level, named
      const d = await buildDid(cache, leipzig, { ...v, mode: 'did', cg: 'similar' }, [pa]);
      expect(d.groupLevel).toBe('ortsteil');
      expect(d.comparisonIds).toEqual(ids);
      expect(d.groupNames?.get(ids[0]!)).toBe(s.baseOf?.names.get(ids[0]!));
      expect(d.outcome?.ok).toBe(true);
    } finally {
      await setProgrammeAreas(engine, leipzig, []);
    }
  });

  it('the start year: the URL’s, else the programme area’s, else the middle of the window', () => {
    const ind = leipzig.indicators.find((i) => i.id === 'arbeitslosenanteil')!;
    expect(didStart({ start: 2010, from: 2000, to: 2022 }, ind, 2015)).toBe(2010);
    expect(didStart({ start: null, from: 2000, to: 2022 }, ind, 2015)).toBe(2015);
    expect(didStart({ start: null, from: 2000, to: 2022 }, ind, 2000)).toBe(2011); // 2000 has no year before it
    expect(didStart({ start: null, from: 2010, to: 2020 }, ind, null)).toBe(2015);
  });
});
