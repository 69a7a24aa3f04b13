// Similar areas across sites (simx) and the one-query path of the value cache, on the bundled data
// through the real DuckDB engine. A second Leipzig-like site is built here from the real Leipzig
// files under another site id, with the Ortsteile 70–95 renamed B70–B95 (the others keep their
// ids: duplicates of the shown site's areas, which must not be listed twice).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { csvParse } from 'd3-dsv';
import { createNodeEngine, dataDir, loadBundledSite } from './helpers/node-engine';
import { bundledCatalog, findBundledSite } from '../../src/lib/data/catalog';
import type { Site } from '../../src/lib/data/catalog-types';
import { loadSiteData } from '../../src/lib/db/load';
import type { Engine } from '../../src/lib/db/engine';
import { ValueCache } from '../../src/lib/state/value-cache';
import { buildSimilar, similarAcrossSites } from '../../src/lib/state/similar-did';
import { nearestYear } from '../../src/lib/state/view-normalize';
import { parseViewState, serializeViewState } from '../../src/lib/state/url';
import type { ViewState } from '../../src/lib/state/view-state';

const leipzig = findBundledSite('leipzig');
const kreise = findBundledSite('kreise');
const gemeinden = findBundledSite('gemeinden');
const twin: Site = { ...leipzig, id: 'leipzig-b', label: { de: 'Leipzig B', en: 'Leipzig B' }, areas: 'leipzig-b/areas.csv', values: 'leipzig-b/values.csv' };
const sites: Site[] = [...bundledCatalog.sites, twin];
const RENAMED = /^([7-9]\d),/gm;

let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
  for (const site of [leipzig, kreise, gemeinden]) await loadBundledSite(engine, site);
  // The twin: Leipzig's own files, Ortsteile 70–95 renamed (lines start with the id in both files).
  await loadSiteData(engine, twin, async (path) => {
    const text = readFileSync(dataDir + path.replace(/^leipzig-b\//, 'leipzig/'), 'utf8');
    return new TextEncoder().encode(text.replace(RENAMED, 'B$1,'));
  });
});

const fresh = () => new ValueCache(engine, async () => {});
const view = (search: string, site = 'leipzig'): ViewState => parseViewState(search, sites, site).state;

const csv = csvParse(readFileSync(`${dataDir}leipzig/values.csv`, 'utf8'));
const ortsteile = [...new Set(csv.map((r) => r.area_id!))].sort();
function cell(area: string, year: number, column: string): number | null {
  const text = csv.find((r) => r.area_id === area && Number(r.year) === year)?.[column] ?? '';
  if (text === '') return null;
  return text.startsWith('<') ? Number(text.slice(1)) / 2 : Number(text);
}
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('similar areas across sites (simx)', () => {
  it('is offered for another site with the same level and every chosen indicator, never for a grid', () => {
    expect(similarAcrossSites(leipzig, view('?site=leipzig'), sites).map((s) => s.id)).toEqual(['leipzig-b']);
    // Kreise: the Gemeinden site has a kreis level, but not the Kreise site's default shares …
    expect(similarAcrossSites(kreise, view('?site=kreise&level=kreis', 'kreise'), sites)).toEqual([]);
    // … only indicators both have.
    expect(similarAcrossSites(kreise, view('?site=kreise&level=kreis&sim=auslaenderanteil', 'kreise'), sites).map((s) => s.id)).toEqual(['gemeinden']);
    // The Gemeinden site's gemeinde level exists nowhere else.
    expect(similarAcrossSites(gemeinden, view('?site=gemeinden&level=gemeinde&sim=auslaenderanteil', 'gemeinden'), sites)).toEqual([]);
  });

  it('simx in the URL: simx=1 after cg, absent when off, a malformed value a notice', () => {
    const on = parseViewState('?site=leipzig&mode=similar&simx=1&cg=similar', sites, 'leipzig');
    expect(on.state.simx).toBe(true);
    expect(serializeViewState(on.state)).toMatch(/&cg=similar&simx=1&/);
    expect(serializeViewState({ ...on.state, simx: false })).not.toContain('simx');
    const bad = parseViewState('?site=leipzig&simx=yes', sites, 'leipzig');
    expect(bad.state.simx).toBe(false);
    expect(bad.notices.map((n) => n.param)).toEqual(['simx']);
  });

  it('Kreise with Gemeinden (kreis level): the 400 shared Kreis keys are not listed twice, the Kreise site’s values count', async () => {
    const cache = fresh();
    const v = view('?site=kreise&level=kreis&mode=similar&year=2022&sel=14713&sim=auslaenderanteil&simx=1', 'kreise');
    const across = await buildSimilar(cache, kreise, v, 10, sites);
    const within = await buildSimilar(cache, kreise, { ...v, simx: false }, 10, sites);
    expect(across.acrossSites).toEqual(['gemeinden']);
    expect(across.duplicates).toBe(400);
    expect(across.foreign.size).toBe(0);
    expect(across.areaCount).toBe(400);
    // Nothing of the Gemeinden site entered: the result is the within-site one.
    expect(across.result).toEqual(within.result);
  });

  it('Leipzig with its twin: other-site rows only for ids the shown site lacks, z-standardised over the union (hand computation)', async () => {
    const v = view('?site=leipzig&mode=similar&year=2022&sel=63&simx=1');
    const data = await buildSimilar(fresh(), leipzig, v, 10, sites);
    const renamed = ortsteile.filter((id) => /^[7-9]\d$/.test(id));
    expect(renamed.length).toBeGreaterThan(10);
    expect(data.acrossSites).toEqual(['leipzig-b']);
    expect(data.duplicates).toBe(ortsteile.length - renamed.length);
    expect(data.areaCount).toBe(ortsteile.length + renamed.length);
    expect([...data.foreign.keys()].sort()).toEqual(renamed.map((id) => `leipzig-b:B${id}`));
    for (const [key, f] of data.foreign) {
      expect(f.site).toBe('leipzig-b');
      expect(key).toBe(`leipzig-b:${f.id}`);
      expect(f.name).not.toBe(f.id); // the twin's own name
    }
    const r = data.result!;
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // By hand: the union is every Ortsteile once plus a copy of each renamed one.
    const cols = ['auslaenderanteil', 'migrantenanteil', 'arbeitslosenanteil', 'sgb2_quote'];
    const union = [...ortsteile.map((id) => ({ key: id, src: id })), ...renamed.map((id) => ({ key: `leipzig-b:B${id}`, src: id }))];
    const at = (src: string) => cols.map((c) => cell(src, 2022, c));
    const z = cols.map((c, j) => {
      const vals = union.map((u) => at(u.src)[j]).filter((x): x is number => x !== null);
      const m = mean(vals);
      const sd = Math.sqrt(mean(vals.map((x) => (x - m) ** 2)));
      return (x: number) => (x - m) / sd;
    });
    const target = at('63') as number[];
    const expected = union
      .filter((u) => u.key !== '63' && at(u.src).every((x) => x !== null))
      .map((u) => ({ id: u.key, d: Math.sqrt(at(u.src).reduce((s: number, x, j) => s + (z[j]!(x!) - z[j]!(target[j]!)) ** 2, 0)) }))
      .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1))
      .slice(0, 10);
    expect(r.areas.map((a) => a.id)).toEqual(expected.map((e) => e.id));
    r.areas.forEach((a, i) => expect(a.distance).toBeCloseTo(expected[i]!.d, 9));
    expect(new Set(r.areas.map((a) => a.id)).size).toBe(r.areas.length);
  });

  it('an Ortsteil the twin renamed has its copy at distance 0; without simx only Leipzig’s Ortsteile', async () => {
    const v = view('?site=leipzig&mode=similar&year=2022&sel=70&simx=1');
    const data = await buildSimilar(fresh(), leipzig, v, 10, sites);
    expect(data.result?.ok && data.result.areas[0]).toMatchObject({ id: 'leipzig-b:B70', distance: 0 });
    const within = await buildSimilar(fresh(), leipzig, { ...v, simx: false }, 10, sites);
    expect(within.acrossSites).toEqual([]);
    expect(within.foreign.size).toBe(0);
    expect(within.areaCount).toBe(ortsteile.length);
    expect(within.result?.ok && within.result.areas.every((a) => ortsteile.includes(a.id))).toBe(true);
  });
});

describe('one query for the compared indicators (ValueCache.yearValues)', () => {
  it('equals the all-years answers at the base level (Gemeinden) and above it (Leipzig Stadtbezirke)', async () => {
    for (const [site, level] of [
      [gemeinden, 'gemeinde'],
      [leipzig, 'stadtbezirk'],
      [leipzig, 'ortsteil'],
    ] as const) {
      const picks = site.indicators.map((ind) => ({ ind, year: nearestYear(ind.years, 2022) }));
      const one = await fresh().yearValues(site, level, picks);
      const full = fresh();
      expect(one).toHaveLength(picks.length);
      for (const [k, p] of picks.entries()) {
        const rows = (await full.get(site, level, p.ind)).byYear.get(p.year) ?? [];
        expect(rows.length).toBeGreaterThan(0);
        expect(one[k]).toEqual(new Map(rows.map((r) => [r.id, { value: r.value, below: r.below ?? null }])));
      }
      // From the cache (all-years answers held now) the same.
      expect(await full.yearValues(site, level, picks)).toEqual(one);
    }
  });

  it('similar areas over all 10,786 Gemeinden: the same result cold (one query) and from cached all-years answers', async () => {
    const ids = ['auslaenderanteil', 'einwanderungsgeschichte_anteil', 'haushaltsgroesse', 'leerstandsquote', 'nettokaltmiete_qm', 'eigentuemerquote'];
    const v = view(`?site=gemeinden&level=gemeinde&mode=similar&year=2022&sel=14713000&sim=${ids.join(',')}`, 'gemeinden');
    const cold = await buildSimilar(fresh(), gemeinden, v);
    const warm = fresh();
    for (const id of ids) await warm.get(gemeinden, 'gemeinde', gemeinden.indicators.find((i) => i.id === id)!);
    const cached = await buildSimilar(warm, gemeinden, v);
    expect(cold.areaCount).toBe(10786);
    expect(cold.result?.ok && cold.result.areas.length).toBe(10);
    expect(cold.result).toEqual(cached.result);
    // A value known only as "< 1 %" (Leipzig's SGB-II-Quote) enters the same way on both paths.
    const lv = view('?site=leipzig&mode=similar&year=2022&sel=00&sim=sgb2_quote,arbeitslosenanteil');
    const sgb2 = leipzig.indicators.find((i) => i.id === 'sgb2_quote')!;
    const belowRows = (await fresh().get(leipzig, 'ortsteil', sgb2)).byYear.get(2022)!.filter((r) => r.value === null && (r.below ?? 0) > 0);
    expect(belowRows.length).toBeGreaterThan(0);
    const warmL = fresh();
    for (const ind of leipzig.indicators) await warmL.get(leipzig, 'ortsteil', ind);
    expect((await buildSimilar(fresh(), leipzig, lv)).result).toEqual((await buildSimilar(warmL, leipzig, lv)).result);
  });
});
