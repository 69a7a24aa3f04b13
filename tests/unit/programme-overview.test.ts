// The bundled programme areas and the cross-site overview on the real bundled data in real
// DuckDB-WASM: an example's figures are sums of counts and Σ numerator / Σ denominator of its
// members (checked against values.csv read here independently), and the overview gives each
// area its latest value, its change since the start year and its reference (the city, the Kreis).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { findBundledSite, findIndicator } from '../../src/lib/data/catalog';
import { encodeProgrammeAreas, isBundled, PROGRAMME_LEVEL, type ProgrammeArea } from '../../src/lib/data/programme-areas';
import type { Engine } from '../../src/lib/db/engine';
import { levelSeries } from '../../src/lib/db/queries';
import { setProgrammeAreas } from '../../src/lib/db/programme-areas';
import { ValueCache } from '../../src/lib/state/value-cache';
import { parseProgrammeExamples } from '../../src/lib/state/programme-examples';
import { programmeOverview } from '../../src/lib/state/programme-overview';
import { containingArea, latestYear, overviewRow, sortOverview } from '../../src/lib/analysis/programme-overview';
import { overviewDeck, overviewTables } from '../../src/lib/state/programme-overview-export';
import { buildXlsx } from '../../src/lib/io/export/xlsx-export';
import { buildTablePptx } from '../../src/lib/io/export/pptx-table-export';
import '../../src/lib/i18n/panels-messages';
import { SiteRegistry } from '../../src/lib/data/site-registry.svelte';
import { ProgrammeAreas } from '../../src/lib/state/programme-areas.svelte';
import { createNodeEngine, dataDir, loadBundledSite } from './helpers/node-engine';

const leipzig = findBundledSite('leipzig');
const gemeinden = findBundledSite('gemeinden');
const json: unknown = JSON.parse(readFileSync(`${dataDir}programme-areas/examples.json`, 'utf8'));
const { areas: bundled, sources } = parseProgrammeExamples(json);
const byId = (id: string) => bundled.find((a) => a.id === id)!;

/** values.csv as rows of numbers (empty = null), read without the app's code. */
function valuesCsv(site: string): { id: string; year: number; get: (col: string) => number | null }[] {
  const [header, ...lines] = readFileSync(dataDir + findBundledSite(site).values, 'utf8').trim().split('\n');
  const cols = header!.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return {
      id: cells[0]!,
      year: Number(cells[1]),
      get: (col: string) => {
        const raw = cells[cols.indexOf(col)];
        return raw === undefined || raw === '' ? null : Number(raw);
      },
    };
  });
}

/** Σ of a column over some areas in one year (null when a part is missing). */
function sum(rows: ReturnType<typeof valuesCsv>, ids: readonly string[], year: number, col: string): number | null {
  let total = 0;
  for (const id of ids) {
    const v = rows.find((r) => r.id === id && r.year === year)?.get(col);
    if (v === null || v === undefined) return null;
    total += v;
  }
  return total;
}

describe('the bundled programme areas (data/programme-areas/examples.json)', () => {
  it('three Leipzig Fördergebiete labelled "Beispiel" and a Sozialraum of Landkreis Verden as its source defines it', () => {
    expect(bundled.map((a) => a.id).sort()).toEqual(['pa-ex-gruenau', 'pa-ex-leipziger-osten', 'pa-ex-schoenefeld-mockau', 'pa-ex-verden-nord']);
    expect(bundled.filter((a) => a.site === 'leipzig').every((a) => a.example === true)).toBe(true);
    const verden = byId('pa-ex-verden-nord');
    expect(verden.example).toBeUndefined();
    expect(verden.members.every((m) => m.startsWith('03361'))).toBe(true);
    expect(sources.get('pa-ex-verden-nord')?.url).toMatch(/^https:\/\/www\.kreiszeitung\.de\//);
    for (const a of bundled) {
      expect(isBundled(a)).toBe(true);
      expect(a.geometry?.type).toMatch(/Polygon/);
      expect(sources.get(a.id)?.title).toBeTruthy();
    }
    // Never in share links.
    expect(encodeProgrammeAreas(bundled.map(({ geometry: _g, ...a }) => a))).toBe('');
  });
});

describe('the owner and bundled areas', () => {
  it('never keeps them, refuses edits, hides instead of deleting (undo shows again), and leaves them out of the URL form', async () => {
    const kept = new Map<string, ProgrammeArea>();
    const removed: string[] = [];
    const owner = new ProgrammeAreas(new SiteRegistry(), null, null, {
      save: async (areas) => void areas.forEach((a) => kept.set(a.id, a)),
      remove: async (id) => void removed.push(id),
    });
    await owner.addMany(bundled);
    expect(owner.of('leipzig')).toHaveLength(3);
    expect(owner.of('gemeinden')).toHaveLength(1);
    expect(kept.size).toBe(0);
    await expect(owner.rename('pa-ex-gruenau', 'Anders')).rejects.toThrow(/cannot be changed/);
    await owner.remove('pa-ex-gruenau');
    expect(owner.find('pa-ex-gruenau')).toBeUndefined();
    expect(owner.hiddenBundled).toEqual(['pa-ex-gruenau']);
    expect(removed).toEqual([]);
    expect(await owner.undoRemove()).toBe(true);
    expect(owner.find('pa-ex-gruenau')).toBeDefined();
    expect(owner.hiddenBundled).toEqual([]);
    expect(kept.size).toBe(0);
    // The user's own area beside them is kept as always.
    const own = await owner.add({ site: 'leipzig', name: 'Eigenes', programme: 'thinka', startYear: null, members: ['00'] });
    expect([...kept.keys()]).toEqual([own.id]);
    expect(encodeProgrammeAreas(owner.of('leipzig'))).toMatch(new RegExp(`^${own.id}~`));
    expect(encodeProgrammeAreas(owner.of('leipzig'))).not.toContain('pa-ex-');
    await owner.settled();
  });
});

describe('their figures and the overview, on the real data', () => {
  let engine: Engine;
  let cache: ValueCache;
  const lz = valuesCsv('leipzig');
  const gm = valuesCsv('gemeinden');
  const sites = { find: (id: string) => [leipzig, gemeinden].find((s) => s.id === id) };

  beforeAll(async () => {
    engine = await createNodeEngine();
    for (const site of [leipzig, gemeinden]) {
      await loadBundledSite(engine, site);
      await setProgrammeAreas(engine, site, bundled);
    }
    cache = new ValueCache(engine, async () => undefined);
  }, 120_000);

  it('Grünau: residents are the sum of its five Ortsteile, the foreigner share Σ foreigners / Σ residents', async () => {
    const gruenau = byId('pa-ex-gruenau');
    const [residents, share] = await Promise.all([
      levelSeries(engine, leipzig, findIndicator(leipzig, 'einwohner'), PROGRAMME_LEVEL),
      levelSeries(engine, leipzig, findIndicator(leipzig, 'auslaenderanteil'), PROGRAMME_LEVEL),
    ]);
    const r2023 = residents.find((r) => r.id === gruenau.id && r.year === 2023)!;
    const expected = sum(lz, gruenau.members, 2023, 'einwohner')!;
    expect(expected).toBeGreaterThan(40_000);
    expect(r2023.value).toBe(expected);
    const foreigners = sum(lz, gruenau.members, 2023, 'auslaender')!;
    const s2023 = share.find((r) => r.id === gruenau.id && r.year === 2023)!;
    expect(s2023.value).toBeCloseTo((foreigners / expected) * 100, 10);
    // Not the mean of the members' shares.
    const mean = gruenau.members.map((m) => lz.find((r) => r.id === m && r.year === 2023)!.get('auslaenderanteil')!).reduce((a, b) => a + b, 0) / gruenau.members.length;
    expect(Math.abs(s2023.value! - mean)).toBeGreaterThan(0.1);
    expect(s2023.estimated).toBe(false);
  });

  it('the overview: latest value, change since the start year, the reference (city; Kreis) and the difference', async () => {
    const rows = await programmeOverview(cache, sites, bundled, 'auslaenderanteil');
    expect(rows).toHaveLength(4);
    const osten = rows.find((r) => r.id === 'pa-ex-leipziger-osten')!;
    const members = byId('pa-ex-leipziger-osten').members;
    const share = (ids: readonly string[], year: number) => (sum(lz, ids, year, 'auslaender')! / sum(lz, ids, year, 'einwohner')!) * 100;
    expect(osten.year).toBe(2023);
    expect(osten.value).toBeCloseTo(share(members, 2023), 10);
    expect(osten.fromYear).toBe(2016);
    expect(osten.change).toBeCloseTo(share(members, 2023) - share(members, 2016), 10);
    expect(osten.measure).toBe('abs');
    const all = [...new Set(lz.map((r) => r.id))];
    expect(osten.refLevel).toBe('stadt');
    expect(osten.refValue).toBeCloseTo(share(all, 2023), 10);
    expect(osten.diff).toBeCloseTo(share(members, 2023) - share(all, 2023), 10);

    const verden = rows.find((r) => r.id === 'pa-ex-verden-nord')!;
    const vm = byId('pa-ex-verden-nord').members;
    const kreis = [...new Set(gm.map((r) => r.id))].filter((id) => id.startsWith('03361'));
    const gShare = (ids: readonly string[]) => (sum(gm, ids, 2022, 'auslaender_est')! / sum(gm, ids, 2022, 'einwohner')!) * 100;
    expect(verden.year).toBe(2022);
    expect(verden.value).toBeCloseTo(gShare(vm), 10);
    expect(verden.refLevel).toBe('kreis');
    expect(verden.refId).toBe('03361');
    expect(verden.refValue).toBeCloseTo(gShare(kreis), 10);
    // No start year, one Zensus year: no change.
    expect(verden.change).toBeNull();
    // The rest within the reference: Kreis Verden without the Sozialraum (not the rest of Germany); Leipzig's in the city.
    expect(verden.restName).toBe('übriger Landkreis Verden');
    expect(verden.restValue).toBeCloseTo(gShare(kreis.filter((id) => !vm.includes(id))), 10);
    expect(osten.restName).toBe('übrige Stadt');
    expect(osten.restValue).toBeCloseTo(share(all.filter((id) => !members.includes(id)), 2023), 10);
  });

  it('counts change in percent; an indicator a site lacks gives no value there (never 0)', async () => {
    const rows = await programmeOverview(cache, sites, bundled, 'einwohner');
    const osten = rows.find((r) => r.id === 'pa-ex-leipziger-osten')!;
    const members = byId('pa-ex-leipziger-osten').members;
    expect(osten.measure).toBe('pct');
    expect(osten.change).toBeCloseTo((sum(lz, members, 2023, 'einwohner')! / sum(lz, members, 2016, 'einwohner')! - 1) * 100, 10);
    const verden = rows.find((r) => r.id === 'pa-ex-verden-nord')!;
    expect(verden.value).toBe(sum(gm, byId('pa-ex-verden-nord').members, 2022, 'einwohner'));
    const lacking = await programmeOverview(cache, sites, bundled, 'arbeitslose');
    expect(lacking.find((r) => r.id === 'pa-ex-verden-nord')!.value).toBeNull();
    expect(lacking.find((r) => r.id === 'pa-ex-gruenau')!.year).toBe(2022);
  });
  it('XLSX: one row per area, values unrounded, missing empty, sources, licences and the definitions; PPTX: table and chart', async () => {
    const rows = await programmeOverview(cache, sites, bundled, 'arbeitslosenanteil');
    const x = { rows, ind: findIndicator(leipzig, 'arbeitslosenanteil'), lang: 'de' as const, site: sites.find, filter: '' };
    const [data, meta] = overviewTables(x, new Date('2026-12-06T21:00:00Z'));
    expect(data!.rows).toHaveLength(4);
    const gruenau = data!.rows.find((r) => r[0] === 'Grünau')!;
    expect(gruenau[5]).toBe(rows.find((r) => r.id === 'pa-ex-gruenau')!.value);
    expect(gruenau[4]).toBe(2022);
    expect(gruenau[13]).toBe('Beispiel');
    expect(data!.columns[11]).toBe('Rest im Bezugsgebiet');
    expect(data!.columns[12]).toBe('übrige Stadt / übriger Kreis');
    expect(gruenau[11]).toBe('übrige Stadt');
    expect(gruenau[12]).toBe(rows.find((r) => r.id === 'pa-ex-gruenau')!.restValue);
    expect(typeof gruenau[12]).toBe('number');
    // The Gemeinden site has no such indicator: empty cells, never 0.
    const verden = data!.rows.find((r) => r[0] === 'Sozialraum Nord (LK Verden)')!;
    expect(verden[5]).toBeNull();
    const metaText = meta!.rows.map((r) => r.join(' ')).join('\n');
    expect(metaText).toContain('Stadt Leipzig');
    expect(metaText).toContain('dl-de');
    expect(metaText).toContain('kreiszeitung.de');
    expect(metaText).toContain('Σ Zähler / Σ Nenner');
    const xlsx = await buildXlsx([data!, meta!]);
    expect(String.fromCharCode(xlsx[0]!, xlsx[1]!)).toBe('PK');
    const deck = overviewDeck(x);
    expect(deck.rows[0]).toHaveLength(deck.columns.length);
    expect(deck.sourceLine).toContain('Stadt Leipzig');
    const pptx = await buildTablePptx(deck);
    expect(String.fromCharCode(pptx[0]!, pptx[1]!)).toBe('PK');
    expect(pptx.length).toBeGreaterThan(20_000);
  });
});

describe('the overview functions', () => {
  it('the smallest allowed area containing every member', () => {
    const parents: Record<string, Record<string, string | null>> = {
      ot: { '60': '6', '61': '6', '20': '2' },
      sb: { '6': 'L', '2': 'L' },
      st: { L: null },
    };
    const parentOf = (level: string, id: string) => parents[level]?.[id];
    const levels = ['ot', 'sb', 'st'];
    expect(containingArea(['60', '61'], levels, parentOf, () => true)).toEqual({ level: 'sb', id: '6' });
    expect(containingArea(['60', '61'], levels, parentOf, (l) => l === 'st')).toEqual({ level: 'st', id: 'L' });
    expect(containingArea(['60', '20'], levels, parentOf, () => true)).toEqual({ level: 'st', id: 'L' });
    expect(containingArea(['zz'], levels, parentOf, () => true)).toBeNull();
  });

  it('a secret latest value hides value, change and difference; missing values sort last', () => {
    const area = { id: 'pa-a', site: 's', name: 'A', programme: 'esf-plus', startYear: 2020, example: false };
    const row = overviewRow({
      area,
      series: [{ year: 2020, value: 5 }, { year: 2021, value: null, secret: 'primary' }],
      reference: { id: 'r', name: 'R', level: 'stadt', series: [{ year: 2021, value: 4 }] },
      measure: 'abs',
    });
    expect(row).toMatchObject({ year: 2021, value: null, secret: true, change: null, diff: null, refValue: 4 });
    expect(latestYear([{ year: 2019, value: 1 }, { year: 2020, value: null }])?.year).toBe(2019);
    const b = { ...row, id: 'pa-b', name: 'B', value: 3 };
    const c = { ...row, id: 'pa-c', name: 'C', value: 7 };
    expect(sortOverview([row, b, c], 'value', true).map((r) => r.name)).toEqual(['C', 'B', 'A']);
    expect(sortOverview([row, b, c], 'value', false).map((r) => r.name)).toEqual(['B', 'C', 'A']);
  });
});

export type { ProgrammeArea };
