// Similar areas: a hand-computed example, the rules for missing and constant indicators, rows
// from several sites, and Leipzig's Ortsteile 2022 through the real DuckDB engine.
import { beforeAll, describe, expect, it } from 'vitest';
import { areaKey, similarAreas, type SimilarRow } from '../../src/lib/analysis/similar-areas';
import { zScores } from '../../src/lib/analysis/zscore';
import { createNodeEngine, readDataFile } from './helpers/node-engine';
import { findBundledSite } from '../../src/lib/data/catalog';
import { loadSiteData } from '../../src/lib/db/load';
import { levelValues } from '../../src/lib/db/queries';
import type { Engine } from '../../src/lib/db/engine';

// Three indicators over five areas, chosen so that the z-scores are exact:
// A = 7, 9, 10, 11, 13: mean 10, population SD 2 (Σ(v − 10)² = 9 + 1 + 0 + 1 + 9 = 20; 20 / 5 = 4) → z = −1.5, −0.5, 0, 0.5, 1.5
// B = 40, 40, 40, 40, 90: mean 50, SD 20 (Σ = 4 · 100 + 1600 = 2000; 2000 / 5 = 400) → z = −0.5, −0.5, −0.5, −0.5, 2
// C = 100, 103, 99, 101, 97: mean 100, SD 2 → z = 0, 1.5, −0.5, 0.5, −1.5
const HAND: SimilarRow[] = [
  { id: 'a', values: [7, 40, 100] },
  { id: 'b', values: [9, 40, 103] },
  { id: 'c', values: [10, 40, 99] },
  { id: 'd', values: [11, 40, 101] },
  { id: 'e', values: [13, 90, 97] },
];
const IND = ['A', 'B', 'C'];

describe('similarAreas: hand-computed', () => {
  it('the areas closest to c, with distances and contributions', () => {
    // c is (0, −0.5, −0.5). Differences other − c and squared distances:
    // d: (0.5, 0, 1) → 1.25;  a: (−1.5, 0, 0.5) → 2.5;  b: (−0.5, 0, 2) → 4.25;  e: (1.5, 2.5, −1) → 9.5
    const r = similarAreas('c', IND, HAND, { k: 3 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.indicators).toEqual(IND);
    expect(r.dropped).toEqual([]);
    expect(r.compared).toBe(4);
    expect(r.excluded).toBe(0);
    expect(r.areas.map((a) => a.id)).toEqual(['d', 'a', 'b']);
    const [d, a, b] = r.areas;
    expect(d!.distance).toBeCloseTo(Math.sqrt(1.25), 12);
    expect(a!.distance).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(b!.distance).toBeCloseTo(Math.sqrt(4.25), 12);
    d!.diffs.forEach((x, i) => expect(x).toBeCloseTo([0.5, 0, 1][i]!, 12));
    d!.contributions.forEach((x, i) => expect(x).toBeCloseTo([0.2, 0, 0.8][i]!, 12));
    a!.contributions.forEach((x, i) => expect(x).toBeCloseTo([0.9, 0, 0.1][i]!, 12));
    b!.contributions.forEach((x, i) => expect(x).toBeCloseTo([0.25 / 4.25, 0, 4 / 4.25][i]!, 12));
    // The default k takes all four; e is last.
    const all = similarAreas('c', IND, HAND);
    expect(all.ok && all.areas.map((x) => x.id)).toEqual(['d', 'a', 'b', 'e']);
    expect(all.ok && all.areas[3]!.distance).toBeCloseTo(Math.sqrt(9.5), 12);
  });

  it('ties are ordered by id', () => {
    const rows: SimilarRow[] = [...HAND, { id: 'dd', values: [11, 40, 101] }, { id: 'd0', values: [11, 40, 101] }];
    const r = similarAreas('c', IND, rows, { k: 3 });
    expect(r.ok && r.areas.map((a) => a.id)).toEqual(['d', 'd0', 'dd']);
  });

  it('an area missing a used indicator is left out and counted; it still enters that indicator\'s standardisation', () => {
    const rows: SimilarRow[] = [...HAND, { id: 'f', values: [10, null, 99] }];
    const r = similarAreas('c', IND, rows);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.excluded).toBe(1);
    expect(r.areas.map((a) => a.id)).not.toContain('f');
    // A now has six values (mean 10, Σ = 20, SD √(20/6)): d's A difference is 1 / √(10/3).
    expect(r.areas.find((a) => a.id === 'd')!.diffs[0]).toBeCloseTo(1 / Math.sqrt(20 / 6), 12);
  });

  it('drops an indicator the selected area lacks, and one that is equal everywhere', () => {
    const rows: SimilarRow[] = HAND.map((r) => ({ id: r.id, values: [...r.values, 5, r.id === 'c' ? null : 1] }));
    const r = similarAreas('c', [...IND, 'const', 'gap'], rows, { k: 1 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.indicators).toEqual(IND);
    expect(r.dropped).toEqual([
      { id: 'const', reason: 'constant' },
      { id: 'gap', reason: 'target-missing' },
    ]);
    expect(r.areas[0]!.distance).toBeCloseTo(Math.sqrt(1.25), 12);
    expect(similarAreas('c', ['const'], HAND.map((x) => ({ id: x.id, values: [5] })))).toMatchObject({ ok: false, reason: 'no-indicators' });
    expect(similarAreas('zz', IND, HAND)).toMatchObject({ ok: false, reason: 'unknown-area' });
  });

  it('rows of several sites, ids made unique by site: the same answer, ties across sites by key', () => {
    const rows = HAND.map((r, i) => ({ id: areaKey(i < 3 ? 'kreise' : 'gemeinden', r.id), values: r.values }));
    const r = similarAreas('kreise:c', IND, rows);
    expect(r.ok && r.areas.map((a) => a.id)).toEqual(['gemeinden:d', 'kreise:a', 'kreise:b', 'gemeinden:e']);
    const twins = [...rows, { id: 'kreise:d', values: [11, 40, 101] }];
    const t = similarAreas('kreise:c', IND, twins, { k: 2 });
    expect(t.ok && t.areas.map((a) => a.id)).toEqual(['gemeinden:d', 'kreise:d']);
  });
});

describe('similarAreas: Leipzig Ortsteile 2022 (real data)', () => {
  let engine: Engine;
  const site = findBundledSite('leipzig');
  // Shares of the residents (einwohner is their denominator).
  const IDS = ['auslaenderanteil', 'migrantenanteil'];
  let rows: SimilarRow[] = [];

  beforeAll(async () => {
    engine = await createNodeEngine();
    await loadSiteData(engine, site, readDataFile);
    const perInd = await Promise.all(IDS.map((id) => levelValues(engine, site, site.indicators.find((i) => i.id === id)!, 'ortsteil', 2022)));
    for (const ind of site.indicators.filter((i) => IDS.includes(i.id))) expect(ind.agg.type === 'ratio' && ind.agg.den).toBe('einwohner');
    const ids = perInd[0]!.map((r) => r.id);
    rows = ids.map((id) => ({ id, values: perInd.map((vs) => vs.find((v) => v.id === id)?.value ?? null) }));
  });

  it('Volkmarsdorf: not in its own result, contributions sum to 1, sorted, equal to a brute-force computation', () => {
    expect(rows).toHaveLength(63);
    const r = similarAreas('21', IDS, rows, { k: 63 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const missing = rows.filter((x) => x.values.some((v) => v === null)).length;
    expect(r.compared + r.excluded).toBe(62);
    expect(r.excluded).toBe(missing);
    expect(r.areas).toHaveLength(r.compared);
    expect(r.areas.map((a) => a.id)).not.toContain('21');
    for (const a of r.areas) expect(a.contributions.reduce((s, c) => s + c, 0)).toBeCloseTo(1, 12);
    for (let i = 1; i < r.areas.length; i++) expect(r.areas[i]!.distance).toBeGreaterThanOrEqual(r.areas[i - 1]!.distance);
    // Brute force with zscore.ts (the same level-wide standardisation per indicator).
    const z = IDS.map((_, j) => zScores(rows.map((x) => x.values[j]!)));
    const me = rows.findIndex((x) => x.id === '21');
    const brute = rows
      .map((x, i) => ({ id: x.id, d: Math.sqrt(z.reduce((s, zj) => s + (zj[i]! - zj[me]!) ** 2, 0)), ok: z.every((zj) => zj[i] !== null) }))
      .filter((x) => x.ok && x.id !== '21')
      .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1));
    expect(r.areas.map((a) => a.id)).toEqual(brute.map((b) => b.id));
    r.areas.forEach((a, i) => expect(a.distance).toBeCloseTo(brute[i]!.d, 12));
    // The most similar Ortsteil to Volkmarsdorf (a high share of foreign residents) is itself far above the city's median.
    const share = (id: string) => rows.find((x) => x.id === id)!.values[0]!;
    const sorted = rows.map((x) => x.values[0]!).sort((a, b) => a - b);
    expect(share(r.areas[0]!.id)).toBeGreaterThan(sorted[31]!);
  });

  it('an identical copy of the area is at distance 0 and comes first', () => {
    const me = rows.find((x) => x.id === '21')!;
    const r = similarAreas('21', IDS, [...rows, { id: 'copy', values: [...me.values] }], { k: 5 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.areas[0]).toMatchObject({ id: 'copy', distance: 0, contributions: [0, 0] });
    expect(r.areas[1]!.distance).toBeGreaterThan(0);
  });
});
