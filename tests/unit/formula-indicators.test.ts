// Formula indicators on Leipzig's real data through the real DuckDB engine: written into
// observations and then asked for through the app's own level query (queries.ts), compared with
// hand-written sums over the raw counts; the record's checks and its URL form.
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine, loadBundledSite, readDataFile } from './helpers/node-engine';
import { bundledCatalog, findBundledSite } from '../../src/lib/data/catalog';
import type { Site } from '../../src/lib/data/catalog-types';
import { loadSiteData } from '../../src/lib/db/load';
import { levelValues } from '../../src/lib/db/queries';
import { queryRows, type Engine } from '../../src/lib/db/engine';
import { setProgrammeAreas } from '../../src/lib/db/programme-areas';
import { writeFormulaIndicators } from '../../src/lib/db/formula-indicators';
import { formulaIndicatorEntry, formulaNames } from '../../src/lib/data/formula-indicator-entry';
import { parseViewState, serializeViewState } from '../../src/lib/state/url';
import { readProject, writeProject } from '../../src/lib/io/project-file';
import {
  checkFormulaIndicator, decodeFormulaIndicators, encodeFormulaIndicators, formulaRecords, type FormulaIndicator,
} from '../../src/lib/data/formula-indicators';

let engine: Engine;
const leipzig = findBundledSite('leipzig');
const source = (key: string) => bundledCatalog.sources[key];

function record(id: string, formula: string, extra: Partial<FormulaIndicator> = {}): FormulaIndicator {
  return { id, site: 'leipzig', name: `Formel ${id}`, formula, unit: 'per1000', direction: 'neutral', ...extra };
}

/** Leipzig with the given formula indicators, written into DuckDB. */
async function withFormulas(records: FormulaIndicator[]): Promise<Site> {
  let site: Site = leipzig;
  for (const r of records) {
    const entry = formulaIndicatorEntry(site, r, source);
    if (!entry.ok) throw new Error(entry.reason);
    site = { ...site, indicators: [...site.indicators, entry.indicator] };
  }
  const result = await writeFormulaIndicators(engine, site, source);
  expect(result.failed).toEqual([]);
  return site;
}

const ind = (site: Site, id: string) => site.indicators.find((i) => i.id === id)!;

/** Σ of an indicator's raw values over the Ortsteile of a Stadtbezirk (from areas.parent, not area_base). */
async function handSum(id: string, bezirk: string, year: number): Promise<{ sum: number; n: number }> {
  const [row] = await queryRows<{ sum: number; n: number }>(
    engine,
    `SELECT sum(o.value) AS sum, CAST(count(o.value) AS DOUBLE) AS n FROM observations o
     JOIN areas a ON a.site = o.site AND a.id = o.area_id AND a.level = 'ortsteil'
     WHERE o.site = 'leipzig' AND o.ind = '${id}' AND o.year = ${year} AND a.parent = '${bezirk}'`,
  );
  return row!;
}

beforeAll(async () => {
  engine = await createNodeEngine();
  await loadSiteData(engine, leipzig, readDataFile);
});

describe('formula indicators in DuckDB (Leipzig)', () => {
  it('auslaender / einwohner * 1000 at Stadtbezirk level is Σ auslaender / Σ einwohner × 1000, through the app\'s query', async () => {
    const site = await withFormulas([record('f-aus1000', 'auslaender / einwohner * 1000')]);
    const f = ind(site, 'f-aus1000');
    expect(f.agg).toEqual({ type: 'ratio', num: 'auslaender', den: 'einwohner', scale: 1000 });
    expect(f.years).toEqual(ind(leipzig, 'auslaender').years);
    const rows = await levelValues(engine, site, f, 'stadtbezirk', 2022);
    expect(rows).toHaveLength(10);
    for (const bezirk of ['0', '3', '9']) {
      const aus = await handSum('auslaender', bezirk, 2022);
      const ew = await handSum('einwohner', bezirk, 2022);
      expect(aus.n).toBeGreaterThan(2);
      expect(ew.sum).toBeGreaterThan(30_000);
      expect(rows.find((r) => r.id === bezirk)!.value).toBeCloseTo((aus.sum / ew.sum) * 1000, 9);
    }
    // Base level: the formula per Ortsteil; the mean of those is not the Stadtbezirk's value.
    const base = await levelValues(engine, site, f, 'ortsteil', 2022);
    const [o00] = await queryRows<{ a: number; e: number }>(engine, `SELECT max(CASE WHEN ind = 'auslaender' THEN value END) AS a, max(CASE WHEN ind = 'einwohner' THEN value END) AS e
      FROM observations WHERE site = 'leipzig' AND area_id = '00' AND year = 2022`);
    expect(base.find((r) => r.id === '00')!.value).toBeCloseTo((o00!.a / o00!.e) * 1000, 9);
  });

  it('a programme area enters with its members\' weights: Σ w·num / Σ w·den', async () => {
    const site = await withFormulas([record('f-aus1000', 'auslaender / einwohner * 1000')]);
    const area = { id: 'pa-t1', site: 'leipzig', name: 'Test', programme: 'own' as const, startYear: null, color: '#e69f00', members: ['00', '01'], weights: { '00': 1, '01': 0.5 } };
    await setProgrammeAreas(engine, site, [area]);
    try {
      const [row] = await levelValues(engine, site, ind(site, 'f-aus1000'), 'programmgebiet', 2022);
      const raw = await queryRows<{ id: string; a: number; e: number }>(engine, `SELECT area_id AS id, max(CASE WHEN ind = 'auslaender' THEN value END) AS a, max(CASE WHEN ind = 'einwohner' THEN value END) AS e
        FROM observations WHERE site = 'leipzig' AND area_id IN ('00', '01') AND year = 2022 GROUP BY area_id ORDER BY area_id`);
      const [a, b] = raw;
      expect(row!.value).toBeCloseTo(((a!.a + 0.5 * b!.a) / (a!.e + 0.5 * b!.e)) * 1000, 9);
      expect(row!.estimated).toBe(true);
    } finally {
      await setProgrammeAreas(engine, site, []);
    }
  });

  it('division by zero gives NULL ("keine Angabe") at every level, never 0 or infinity', async () => {
    const site = await withFormulas([record('f-zero', 'einwohner / (auslaender - auslaender)')]);
    const f = ind(site, 'f-zero');
    expect(f.agg.type).toBe('ratio');
    for (const level of ['ortsteil', 'stadtbezirk', 'stadt']) {
      const rows = await levelValues(engine, site, f, level, 2022);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.value === null)).toBe(true);
    }
  });

  it('a sum formula aggregates as Σ; a product is shown at the base level only', async () => {
    const site = await withFormulas([
      record('f-deutsche', 'einwohner - auslaender', { unit: 'count' }),
      record('f-prod', 'auslaenderanteil * einwohner', { unit: 'count' }),
    ]);
    const [stadt] = await levelValues(engine, site, ind(site, 'f-deutsche'), 'stadt', 2022);
    const [hand] = await queryRows<{ e: number; a: number }>(engine, `SELECT sum(CASE WHEN ind = 'einwohner' THEN value END) AS e, sum(CASE WHEN ind = 'auslaender' THEN value END) AS a
      FROM observations WHERE site = 'leipzig' AND year = 2022 AND area_id IN (SELECT id FROM areas WHERE site = 'leipzig' AND level = 'ortsteil')`);
    expect(stadt!.value).toBeCloseTo(hand!.e - hand!.a, 6);
    const prod = ind(site, 'f-prod');
    expect(prod.agg.type).toBe('none');
    const base = await levelValues(engine, site, prod, 'ortsteil', 2022);
    expect(base.filter((r) => r.value !== null).length).toBeGreaterThan(50);
    const upper = await levelValues(engine, site, prod, 'stadtbezirk', 2022);
    expect(upper.every((r) => r.value === null)).toBe(true);
  });

  it('Gemeinden: a formula over all 10,786 Gemeinden, aggregated to a Land from counts (timings: scripts/bench-formula.mjs)', async () => {
    const gemeinden = findBundledSite('gemeinden');
    await loadBundledSite(engine, gemeinden);
    const entry = formulaIndicatorEntry(gemeinden, { ...record('f-wohn', 'wohnungen / einwohner * 1000'), site: 'gemeinden' }, source);
    if (!entry.ok) throw new Error(entry.reason);
    const site = { ...gemeinden, indicators: [...gemeinden.indicators, entry.indicator] };
    await writeFormulaIndicators(engine, site, source);
    const rows = await levelValues(engine, site, entry.indicator, 'gemeinde', 2022);
    expect(rows.length).toBe(10_786);
    const [land] = (await levelValues(engine, site, entry.indicator, 'land', 2022)).filter((r) => r.id === '14');
    const [hand] = await queryRows<{ w: number; e: number }>(engine, `SELECT sum(CASE WHEN ind = 'wohnungen' THEN value END) AS w, sum(CASE WHEN ind = 'einwohner' THEN value END) AS e
      FROM observations WHERE site = 'gemeinden' AND year = 2022 AND starts_with(area_id, '14')`);
    expect(land!.value).toBeCloseTo((hand!.w / hand!.e) * 1000, 6);
  });
});

describe('formula indicator records', () => {
  const good = record('f-abc', 'auslaender / einwohner * 1000');

  it('a damaged stored record is refused with a reason', () => {
    expect(checkFormulaIndicator(good)).toEqual({ ok: true, value: good });
    const cases: [unknown, RegExp][] = [
      [null, /not a formula indicator/],
      [{ ...good, id: 'x-1' }, /no id/],
      [{ ...good, id: "f-a'; DROP TABLE observations; --" }, /no id/],
      [{ ...good, name: '' }, /no usable name/],
      [{ ...good, name: 'a\u0000b' }, /no usable name/],
      [{ ...good, formula: 42 }, /no usable formula/],
      [{ ...good, unit: 'furlong' }, /unknown unit/],
      [{ ...good, direction: 'up' }, /unknown direction/],
      [{ ...good, decimals: 1.5 }, /impossible decimals/],
    ];
    for (const [x, reason] of cases) {
      const checked = checkFormulaIndicator(x);
      expect(checked.ok).toBe(false);
      if (!checked.ok) expect(checked.reason).toMatch(reason);
    }
  });

  it('a record whose formula does not fit its site is refused when it becomes an indicator', () => {
    const unknown = formulaIndicatorEntry(leipzig, record('f-x', 'auslaender / bewohner'), source);
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error?.kind).toBe('unknown-name');
    const clash = formulaIndicatorEntry(leipzig, record('f-y', 'einwohner + auslaenderanteil'), source);
    expect(!clash.ok && clash.error?.kind).toBe('unit-clash');
    const constant = formulaIndicatorEntry(leipzig, record('f-z', '2 * 3'), source);
    expect(constant.ok).toBe(false);
    // No formulas of formulas: a formula indicator is no input.
    const entry = formulaIndicatorEntry(leipzig, good, source);
    if (!entry.ok) throw new Error(entry.reason);
    const site = { ...leipzig, indicators: [...leipzig.indicators, entry.indicator] };
    expect(formulaNames(site).some((n) => n.id === 'f-abc')).toBe(false);
  });

  it('the source names the calculation and its inputs\' sources', () => {
    const entry = formulaIndicatorEntry(leipzig, good, source);
    if (!entry.ok) throw new Error(entry.reason);
    expect(entry.source.attribution).toContain('Eigene Berechnung: auslaender / einwohner * 1000');
    expect(entry.source.attribution).toContain(bundledCatalog.sources['leipzig-stat']!.attribution);
    expect(entry.indicator.source).toBe('f-abc-source');
  });

  it('URL form round trip (names with ~, |, umlauts; the formula with spaces and parentheses)', () => {
    const list: FormulaIndicator[] = [
      good,
      { ...record('f-q2', '(arbeitslose - arbeitslose_sgb2) / arbeitslose * 100'), name: 'Anteil ~ nicht SGB II | Ü', unit: 'percent', direction: 'higher-worse', decimals: 2 },
    ];
    const raw = encodeFormulaIndicators(list);
    expect(raw).not.toMatch(/[ /]/);
    expect(decodeFormulaIndicators(raw, 'leipzig')).toEqual({ list, rejected: [] });
    // Through URLSearchParams as a link carries it.
    const back = new URLSearchParams(`fx=${encodeURIComponent(raw)}`).get('fx')!;
    expect(decodeFormulaIndicators(back, 'leipzig').list).toEqual(list);
    const broken = decodeFormulaIndicators(`${raw}|f-bad~x~furlong~n~~a|nonsense`, 'leipzig');
    expect(broken.list).toEqual(list);
    expect(broken.rejected).toHaveLength(2);
    expect(formulaRecords([{ id: 'leipzig', indicators: [...leipzig.indicators] }])).toEqual([]);
  });

  it('a view\'s fx survives serialising and parsing (share link), with the formula indicator as ind', () => {
    const entry = formulaIndicatorEntry(leipzig, good, source);
    if (!entry.ok) throw new Error(entry.reason);
    const sites = [{ ...leipzig, indicators: [...leipzig.indicators, entry.indicator] }];
    const fx = encodeFormulaIndicators([good]);
    const { state, notices } = parseViewState(`?site=leipzig&level=stadtbezirk&ind=f-abc&year=2022&fx=${encodeURIComponent(fx)}`, sites, 'leipzig');
    expect(notices).toEqual([]);
    expect(state.ind).toBe('f-abc');
    expect(state.fx).toBe(fx);
    const link = serializeViewState(state);
    expect(link).toContain('&fx=f-abc~');
    const again = parseViewState(link, sites, 'leipzig').state;
    expect(again).toEqual(state);
    expect(decodeFormulaIndicators(again.fx, 'leipzig').list).toEqual([good]);
    // Without fx nothing is written.
    expect(serializeViewState({ ...state, fx: '' })).not.toContain('fx=');
  });

  it('the project file carries formula indicators; a damaged one refuses the file with its reason', () => {
    const text = writeProject({ sites: [], extensions: [], pointLayers: [], formulaIndicators: [good], view: '?site=leipzig&ind=f-abc' });
    expect(readProject(text, 'p.json').formulaIndicators).toEqual([good]);
    const json = JSON.parse(text) as Record<string, unknown>;
    json.formulaIndicators = [{ ...good, unit: 'furlong' }];
    expect(() => readProject(JSON.stringify(json), 'p.json')).toThrow(/formula indicator 1: .*unknown unit/);
    json.formulaIndicators = [{ ...good, site: 'atlantis' }];
    expect(() => readProject(JSON.stringify(json), 'p.json')).toThrow(/neither in the file nor loaded/);
    delete json.formulaIndicators;
    expect(readProject(JSON.stringify(json), 'p.json').formulaIndicators).toEqual([]);
  });
});
