// The rest of a programme area within its city ("übrige Stadt", issue 17 item 3), on the real
// bundled Leipzig data in real DuckDB-WASM: Σ (1 − w) · count over the city's base areas, rates as
// Σ (1 − w) · numerator / Σ (1 − w) · denominator. The expected figures are computed here
// independently from data/leipzig/values.csv; secrecy hides a rest that would give a hidden value away.
import { beforeAll, describe, expect, it } from 'vitest';
import { findBundledSite, findIndicator } from '../../src/lib/data/catalog';
import { PROGRAMME_LEVEL, type ProgrammeArea } from '../../src/lib/data/programme-areas';
import type { Engine } from '../../src/lib/db/engine';
import { programmeRestSeries } from '../../src/lib/db/programme-rest';
import { setProgrammeAreas } from '../../src/lib/db/programme-areas';
import { loadSite } from '../../src/lib/db/schema';
import { ValueCache } from '../../src/lib/state/value-cache';
import { siteRegistry } from '../../src/lib/data/site-registry.svelte';
import { programmeRestSeries as restLines } from '../../src/lib/state/programme-references';
import { restLabel } from '../../src/lib/render/rest-label';
import { createNodeEngine, readDataFile } from './helpers/node-engine';

const leipzig = findBundledSite('leipzig');
const einwohner = findIndicator(leipzig, 'einwohner');
const auslaender = findIndicator(leipzig, 'auslaender');
const anteil = findIndicator(leipzig, 'auslaenderanteil');

const area = (id: string, members: string[], extra: Partial<ProgrammeArea> = {}): ProgrammeArea => ({
  id, site: 'leipzig', name: `Gebiet ${id}`, programme: 'esf-plus', startYear: 2021, color: '#e69f00', members, ...extra,
});

/** values.csv of Leipzig as rows of numbers by column (empty = null), read without the app's code. */
async function leipzigCsv(): Promise<{ id: string; year: number; get: (col: string) => number | null }[]> {
  const text = new TextDecoder().decode(await readDataFile('leipzig/values.csv'));
  const [head, ...lines] = text.trim().split(/\r?\n/);
  const cols = head!.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    const get = (col: string) => {
      const c = cells[cols.indexOf(col)];
      return c === undefined || c === '' || c.startsWith('<') ? null : Number(c);
    };
    return { id: cells[0]!, year: Number(cells[1]), get };
  });
}

const at = <T extends { year: number; id: string }>(rows: readonly T[], id: string, year: number): T | undefined => rows.find((r) => r.id === id && r.year === year);

describe('the rest of a programme area in its city (real Leipzig data)', () => {
  let engine: Engine;
  let csv: Awaited<ReturnType<typeof leipzigCsv>>;
  beforeAll(async () => {
    engine = await createNodeEngine();
    await loadSite(engine, leipzig, readDataFile);
    csv = await leipzigCsv();
  }, 120_000);

  it('union of Ortsteile 00, 01, 02 in 2023: the rest of Leipzig has (city − 23,784) residents and (Σ foreigners − 6,986) / (Σ residents − 23,784)', async () => {
    await setProgrammeAreas(engine, leipzig, [area('pa-z', ['00', '01', '02'])]);
    const y2023 = csv.filter((r) => r.year === 2023);
    expect(y2023).toHaveLength(63);
    const cityResidents = y2023.reduce((s, r) => s + r.get('einwohner')!, 0);
    const cityForeigners = y2023.reduce((s, r) => s + r.get('auslaender')!, 0);
    const members = y2023.filter((r) => ['00', '01', '02'].includes(r.id));
    expect(members.reduce((s, r) => s + r.get('einwohner')!, 0)).toBe(23784);
    expect(members.reduce((s, r) => s + r.get('auslaender')!, 0)).toBe(6986);

    const cache = new ValueCache(engine, async () => undefined);
    const residents = at([...(await cache.rest(leipzig, einwohner)).byArea.get('pa-z')!], 'pa-z', 2023)!;
    expect(residents.value).toBe(cityResidents - 23784);
    expect(residents).toMatchObject({ n: 60, present: 60, estimated: false });
    const foreigners = at((await cache.rest(leipzig, auslaender)).byArea.get('pa-z')!, 'pa-z', 2023)!;
    expect(foreigners.value).toBe(cityForeigners - 6986);
    const share = at((await cache.rest(leipzig, anteil)).byArea.get('pa-z')!, 'pa-z', 2023)!;
    expect(share.value).toBeCloseTo(((cityForeigners - 6986) / (cityResidents - 23784)) * 100, 9);
    // not the city's share minus anything, nor the mean of the 60 other shares
    const others = y2023.filter((r) => !['00', '01', '02'].includes(r.id)).map((r) => r.get('auslaenderanteil')!);
    const mean = others.reduce((a, b) => a + b, 0) / others.length;
    expect(Math.abs(share.value! - mean)).toBeGreaterThan(0.5);
    expect(share.coverage).toBe(1);
    // every year of the indicator is answered, and a year's rest is the city minus the area in that year too
    expect((await cache.rest(leipzig, einwohner)).byArea.get('pa-z')!.map((r) => r.year)).toEqual(einwohner.years);
    for (const year of [2000, 2015]) {
      const rows = csv.filter((r) => r.year === year);
      const outside = rows.filter((r) => !['00', '01', '02'].includes(r.id)).reduce((s, r) => s + r.get('einwohner')!, 0);
      expect(at((await cache.rest(leipzig, einwohner)).byArea.get('pa-z')!, 'pa-z', year)!.value).toBe(outside);
    }
  });

  it('a weighted (drawn) area: its rest keeps 1 − w of each cut base area, and is estimated', async () => {
    await setProgrammeAreas(engine, leipzig, [area('pa-w', ['00', '01', '02'], { weights: { '00': 1, '01': 1, '02': 0.25 } }), area('pa-z', ['00', '01', '02'])]);
    const y2023 = csv.filter((r) => r.year === 2023);
    const e = (id: string) => y2023.find((r) => r.id === id)!.get('einwohner')!;
    const a = (id: string) => y2023.find((r) => r.id === id)!.get('auslaender')!;
    const cityResidents = y2023.reduce((s, r) => s + r.get('einwohner')!, 0);
    const cityForeigners = y2023.reduce((s, r) => s + r.get('auslaender')!, 0);
    const rows = await programmeRestSeries(engine, leipzig, einwohner);
    const w = at(rows, 'pa-w', 2023)!;
    expect(w.value).toBeCloseTo(cityResidents - e('00') - e('01') - 0.25 * e('02'), 6);
    expect(w.estimated).toBe(true);
    expect(w.n).toBe(61); // 60 outside and 02 with three quarters of its counts
    // the union beside it is unaffected (areas are independent)
    expect(at(rows, 'pa-z', 2023)!.value).toBe(cityResidents - 23784);
    const share = at(await programmeRestSeries(engine, leipzig, anteil), 'pa-w', 2023)!;
    const num = cityForeigners - a('00') - a('01') - 0.25 * a('02');
    const den = cityResidents - e('00') - e('01') - 0.25 * e('02');
    expect(share.value).toBeCloseTo((num / den) * 100, 9);
  });

  it('the trend chart gets the line "übrige Stadt" (rest:<id>) beside the area; several areas name theirs', async () => {
    await setProgrammeAreas(engine, leipzig, [area('pa-z', ['00', '01', '02'])]);
    siteRegistry.loadBaseGeometry = async () => ({ type: 'FeatureCollection', features: [] });
    await siteRegistry.setProgrammeAreas('leipzig', [area('pa-z', ['00', '01', '02'])]);
    try {
      const cache = new ValueCache(engine, async () => undefined);
      const [line] = await restLines(cache, leipzig, anteil, ['pa-z'], 'de');
      expect(line).toMatchObject({ id: 'rest:pa-z', name: 'übrige Stadt', reference: true, rest: true });
      const y2023 = csv.filter((r) => r.year === 2023);
      const outside = y2023.filter((r) => !['00', '01', '02'].includes(r.id));
      const expected = (outside.reduce((s, r) => s + r.get('auslaender')!, 0) / outside.reduce((s, r) => s + r.get('einwohner')!, 0)) * 100;
      expect(line!.points.find((p) => p.year === 2023)!.value).toBeCloseTo(expected, 9);
      expect(restLabel(leipzig, 'en')).toBe('rest of the city');
      expect(restLabel(findBundledSite('gemeinden'), 'de')).toBe('Rest von Deutschland');
      expect(restLabel(leipzig, 'de', 'Grünau')).toBe('übrige Stadt (ohne Grünau)');
      // an indicator without counts above the base level has no rest
      const quote = leipzig.indicators.find((i) => i.agg.type === 'none');
      if (quote) expect(await restLines(cache, leipzig, quote, ['pa-z'], 'de')).toEqual([]);
    } finally {
      await siteRegistry.setProgrammeAreas('leipzig', []);
    }
  });

  it('secrecy: the rest of an area that leaves out one small Ortsteil is that Ortsteil — hidden with it; no rest is shown of a hidden area', async () => {
    const ind = findIndicator(leipzig, 'langzeitarbeitslose');
    const threshold = 10;
    // The smallest positive count below the threshold in some year: the rest of "every other Ortsteil" is exactly it.
    const small = csv
      .filter((r) => ind.years.includes(r.year))
      .map((r) => ({ id: r.id, year: r.year, v: r.get('langzeitarbeitslose') }))
      .filter((r) => r.v !== null && r.v > 0 && r.v < threshold)
      .sort((a, b) => a.v! - b.v!)[0];
    expect(small, 'a small count exists in the real data').toBeDefined();
    const allOthers = [...new Set(csv.map((r) => r.id))].filter((id) => id !== small!.id);
    await setProgrammeAreas(engine, leipzig, [area('pa-most', allOthers), area('pa-z', ['00', '01', '02'])]);
    const raw = new ValueCache(engine, async () => undefined);
    const open = at((await raw.rest(leipzig, ind)).byArea.get('pa-most')!, 'pa-most', small!.year)!;
    expect(open.value).toBe(small!.v);

    const cache = new ValueCache(engine, async () => undefined);
    cache.setSecrecy(threshold);
    const rest = at((await cache.rest(leipzig, ind)).byArea.get('pa-most')!, 'pa-most', small!.year)!;
    expect(rest.value).toBeNull();
    expect(rest.secret).toBe('primary');
    // … and the area itself is hidden too (city − area would give it away)
    const programme = (await cache.get(leipzig, PROGRAMME_LEVEL, ind)).byYear.get(small!.year)!;
    expect(programme.find((r) => r.id === 'pa-most')!.value).toBeNull();
    // Consistent over every year: a hidden programme area never has a shown rest.
    const restAll = await cache.rest(leipzig, ind);
    const areaAll = await cache.get(leipzig, PROGRAMME_LEVEL, ind);
    let hiddenAreas = 0;
    for (const [year, rows] of areaAll.byYear) {
      for (const r of rows) {
        if (!r.secret) continue;
        hiddenAreas++;
        expect(at(restAll.byArea.get(r.id)!, r.id, year)!.value, `${r.id} ${year}`).toBeNull();
      }
    }
    expect(hiddenAreas).toBeGreaterThan(0);
    // Secrecy off again: the rest is back.
    cache.setSecrecy(0);
    expect(at((await cache.rest(leipzig, ind)).byArea.get('pa-most')!, 'pa-most', small!.year)!.value).toBe(small!.v);
  });
});
