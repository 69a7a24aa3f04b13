// Difference-in-differences: a hand-computed example, the seeded bootstrap, a single
// comparison area, missing values, and Leipzig's Ortsteile through the real DuckDB engine.
import { beforeAll, describe, expect, it } from 'vitest';
import { differenceInDifferences, type DidSeries } from '../../src/lib/analysis/did';
import { mulberry32 } from '../../src/lib/analysis/moran';
import { createNodeEngine, readDataFile } from './helpers/node-engine';
import { findBundledSite } from '../../src/lib/data/catalog';
import { loadSiteData } from '../../src/lib/db/load';
import { levelSeries } from '../../src/lib/db/queries';
import type { Engine } from '../../src/lib/db/engine';

const series = (id: string, values: Record<number, number | null>): DidSeries => ({
  id,
  values: new Map(Object.entries(values).map(([y, v]) => [Number(y), v])),
});

// Start 2012. Treated: pre (10 + 12) / 2 = 11, post (14 + 18) / 2 = 16, change 5 (2014 missing, 2009 absent).
const T = series('t', { 2010: 10, 2011: 12, 2012: 14, 2013: 18, 2014: null });
// A: pre 6, post 9, change 3.  B: pre 20, post 21, change 1.  C (2010 and 2013 missing): pre 4, post 6, change 2.
// D: no value before 2012 → left out.  E: its only pre value is in 2009, a year the treated area lacks → left out.
const COMP = [
  series('a', { 2010: 5, 2011: 7, 2012: 8, 2013: 10 }),
  series('b', { 2010: 20, 2011: 20, 2012: 21, 2013: 21 }),
  series('c', { 2010: null, 2011: 4, 2012: 6, 2013: null }),
  series('d', { 2012: 3, 2013: 4 }),
  series('e', { 2009: 1, 2012: 3, 2013: 4 }),
  series('t', { 2010: 0, 2011: 0, 2012: 100, 2013: 100 }), // the treated area itself is never a comparison
];

describe('differenceInDifferences: hand-computed', () => {
  it('DiD = (16 − 11) − mean(3, 1, 2) = 3, with the years and areas used', () => {
    const r = differenceInDifferences(T, COMP, 2012);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.years).toEqual({ pre: [2010, 2011], post: [2012, 2013] });
    expect(r.treated).toEqual({ pre: 11, post: 16, change: 5 });
    expect(r.comparison).toEqual({ pre: 10, post: 12, change: 2, n: 3, excluded: ['d', 'e'], incomplete: 1 });
    expect(r.estimate).toBe(3);
  });

  it('the bootstrap interval: changes 1, 2, 3 give estimates between 2 and 4, and the 2.5/97.5 % points are those ends', () => {
    // Three areas drawn with replacement: a mean of 3 (estimate 2) and of 1 (estimate 4) each have
    // probability 1/27 ≈ 3.7 % > 2.5 %, so with 2,000 draws the percentiles are the ends.
    const r = differenceInDifferences(T, COMP, 2012);
    expect(r.ok && r.interval).toMatchObject({ low: 2, high: 4, level: 0.95, draws: 2000, degenerate: false });
  });

  it('the window: from/to restrict the years', () => {
    const r = differenceInDifferences(T, COMP, 2012, { from: 2011, to: 2012 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.years).toEqual({ pre: [2011], post: [2012] });
    // Treated 14 − 12 = 2; A 1, B 1, C 2; D and E have no 2011 value.
    expect(r.estimate).toBeCloseTo(2 - 4 / 3, 12);
    expect(r.comparison.excluded).toEqual(['d', 'e']);
    expect(r.comparison.incomplete).toBe(0);
  });

  it('one comparison area: the interval is degenerate (every draw is the same area)', () => {
    const r = differenceInDifferences(T, [COMP[0]!], 2012);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.estimate).toBe(2);
    expect(r.comparison.n).toBe(1);
    expect(r.interval).toMatchObject({ low: 2, high: 2, degenerate: true });
  });

  it('no estimate without a pre year, a post year, or a usable comparison area', () => {
    expect(differenceInDifferences(T, COMP, 2010)).toMatchObject({ ok: false, reason: 'no-pre-years' });
    expect(differenceInDifferences(T, COMP, 2014)).toMatchObject({ ok: false, reason: 'no-post-years' });
    expect(differenceInDifferences(T, [COMP[3]!, COMP[4]!], 2012)).toMatchObject({ ok: false, reason: 'no-comparison' });
    expect(differenceInDifferences(T, [], 2012)).toMatchObject({ ok: false, reason: 'no-comparison' });
  });
});

describe('differenceInDifferences: seeded bootstrap', () => {
  // 40 comparison areas with varied changes (from a seeded generator).
  const rng = mulberry32(7);
  const many = Array.from({ length: 40 }, (_, i) => series(`c${i}`, { 2000: 10 * rng(), 2001: 10 * rng(), 2002: 10 + 5 * rng(), 2003: 10 + 5 * rng() }));
  const t = series('t', { 2000: 5, 2001: 5, 2002: 15, 2003: 15 });

  it('the same seed gives the same interval; another seed another one; the estimate does not depend on it', () => {
    const a = differenceInDifferences(t, many, 2002, { seed: 1 });
    const b = differenceInDifferences(t, many, 2002, { seed: 1 });
    const c = differenceInDifferences(t, many, 2002, { seed: 2 });
    expect(a).toEqual(b);
    expect(a.ok && c.ok).toBe(true);
    if (!a.ok || !c.ok) return;
    expect(c.estimate).toBe(a.estimate);
    expect(c.interval!.low).not.toBe(a.interval!.low);
    expect(a.interval!.low).toBeLessThan(a.estimate);
    expect(a.interval!.high).toBeGreaterThan(a.estimate);
    // The width is about 2 × 1.96 × the standard error of the mean change (normal approximation).
    const changes = many.map((s) => (s.values.get(2002)! + s.values.get(2003)!) / 2 - (s.values.get(2000)! + s.values.get(2001)!) / 2);
    const m = changes.reduce((x, y) => x + y, 0) / changes.length;
    const se = Math.sqrt(changes.reduce((x, y) => x + (y - m) ** 2, 0) / changes.length / changes.length);
    expect(a.interval!.high - a.interval!.low).toBeGreaterThan(2 * 1.96 * se * 0.8);
    expect(a.interval!.high - a.interval!.low).toBeLessThan(2 * 1.96 * se * 1.2);
  });

  it('draws: 0 gives no interval', () => {
    const r = differenceInDifferences(t, many, 2002, { draws: 0 });
    expect(r.ok && r.interval).toBeNull();
  });
});

describe('differenceInDifferences: Leipzig (real data)', () => {
  let engine: Engine;
  const site = findBundledSite('leipzig');

  beforeAll(async () => {
    engine = await createNodeEngine();
    await loadSiteData(engine, site, readDataFile);
  });

  it('Volkmarsdorf, Arbeitslosenanteil, start 2015 (years from 2006, the current boundaries), against the other Ortsteile', async () => {
    const ind = site.indicators.find((i) => i.id === 'arbeitslosenanteil')!;
    const rows = await levelSeries(engine, site, ind, 'ortsteil');
    const byArea = new Map<string, Map<number, number | null>>();
    for (const r of rows) {
      if (!byArea.has(r.id)) byArea.set(r.id, new Map());
      byArea.get(r.id)!.set(r.year, r.value);
    }
    const all = [...byArea].map(([id, values]) => ({ id, values }));
    const treated = all.find((s) => s.id === '21')!;
    const r = differenceInDifferences(treated, all, 2015, { from: 2006 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Number.isFinite(r.estimate)).toBe(true);
    expect(r.years.pre[0]).toBe(2006);
    expect(r.years.pre.at(-1)).toBe(2014);
    expect(r.years.post[0]).toBe(2015);
    expect(r.comparison.n + r.comparison.excluded.length).toBe(62);
    expect(r.comparison.n).toBeGreaterThan(55);
    // The treated means by hand from the same rows.
    const mean = (ys: number[]) => ys.reduce((s, y) => s + treated.values.get(y)!, 0) / ys.length;
    expect(r.treated.pre).toBeCloseTo(mean(r.years.pre), 12);
    expect(r.treated.post).toBeCloseTo(mean(r.years.post), 12);
    // Unemployment fell across Leipzig after 2015, and in Volkmarsdorf (from a high level) by more points.
    expect(r.comparison.change).toBeLessThan(0);
    expect(r.treated.change).toBeLessThan(r.comparison.change);
    expect(r.interval!.degenerate).toBe(false);
    expect(r.interval!.low).toBeLessThanOrEqual(r.estimate);
    expect(r.interval!.high).toBeGreaterThanOrEqual(r.estimate);
    expect(r.interval!.high - r.interval!.low).toBeGreaterThan(0);
  });
});
