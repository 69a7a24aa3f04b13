// classify() sorts the valid values as a Float64Array (native numeric sort) and counts the classes by binary
// search of the breaks. Checked against the former way — a number[] sorted with a comparator, simple-statistics
// on that array, classOf per value — on the real bundled values of the Gemeinden (10,786 areas, the largest
// bundled level) and Leipzig through the real DuckDB engine: every indicator, every year, every method, k 3..9.
import { beforeAll, describe, expect, it } from 'vitest';
import { ckmeans, equalIntervalBreaks, mean, quantileSorted, standardDeviation } from 'simple-statistics';
import { classify, type ClassMethod } from '../../src/lib/analysis/classify';
import { findBundledSite } from '../../src/lib/data/catalog';
import type { Site } from '../../src/lib/data/catalog-types';
import { levelSeries } from '../../src/lib/db/queries';
import { createNodeEngine, loadBundledSite } from './helpers/node-engine';

/** The former classify (before the typed array), kept here as the reference. */
function formerClassify(values: readonly (number | null)[], method: Exclude<ClassMethod, 'manual'>, kIn: number) {
  const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  const n = sorted.length;
  const min = n > 0 ? sorted[0]! : NaN;
  const max = n > 0 ? sorted[n - 1]! : NaN;
  const k = Math.min(9, Math.max(3, Math.round(kIn)));
  let breaks: number[] = [];
  if (n > 0 && min !== max) {
    let raw: number[];
    if (method === 'quantile') raw = Array.from({ length: k - 1 }, (_, i) => quantileSorted(sorted, (i + 1) / k));
    else if (method === 'equal') raw = equalIntervalBreaks(sorted, k).slice(1, -1);
    else if (method === 'jenks') raw = ckmeans(sorted, Math.min(k, new Set(sorted).size)).slice(1).map((c) => c[0]!);
    else {
      const m = mean(sorted);
      const sd = standardDeviation(sorted);
      raw = Array.from({ length: k - 1 }, (_, i) => m + (i + 1 - k / 2) * sd);
    }
    breaks = [...new Set(raw)].filter((b) => b > min && b <= max).sort((a, b) => a - b);
  }
  const classOf = (v: number) => breaks.filter((b) => b <= v).length;
  const counts = new Array<number>(breaks.length + 1).fill(0);
  for (const v of sorted) counts[classOf(v)]!++;
  return { breaks, counts, min, max, missing: values.length - n };
}

const METHODS = ['quantile', 'equal', 'jenks', 'stddev'] as const;
const series = new Map<string, (number | null)[]>();

beforeAll(async () => {
  const engine = await createNodeEngine();
  const sites: [Site, string][] = [
    [findBundledSite('gemeinden'), 'gemeinde'],
    [findBundledSite('leipzig'), 'ortsteil'],
  ];
  for (const [site, level] of sites) {
    await loadBundledSite(engine, site);
    for (const ind of site.indicators) {
      const rows = await levelSeries(engine, site, ind, level);
      for (const year of ind.years) series.set(`${site.id}/${ind.id}/${year}`, rows.filter((r) => r.year === year).map((r) => r.value));
    }
  }
}, 240_000);

describe('classify on a typed array = the former classify, on the real values', () => {
  it('has real series to compare, large ones and ones with missing values among them', () => {
    expect(series.size).toBeGreaterThan(20);
    const lengths = [...series.values()].map((v) => v.length);
    expect(Math.max(...lengths)).toBeGreaterThan(10_000);
    expect([...series.values()].some((v) => v.some((x) => x === null))).toBe(true);
  });

  for (const method of METHODS) {
    it(`${method}: breaks, counts, extent and missing are equal for every series and k`, () => {
      let compared = 0;
      for (const [key, values] of series) {
        // Jenks is O(k·n²)-ish in simple-statistics: the largest series once, at k 5.
        const ks = method === 'jenks' && values.length > 2000 ? [5] : [3, 4, 5, 6, 7, 8, 9];
        for (const k of ks) {
          const now = classify(values, method, k);
          const before = formerClassify(values, method, k);
          expect({ key, k, breaks: now.breaks, counts: now.counts, min: now.min, max: now.max, missing: now.missing }).toEqual({ key, k, ...before });
          // classOf per value agrees with the counts taken by binary search.
          const perValue = new Array<number>(now.k).fill(0);
          for (const v of values) if (now.classOf(v) >= 0) perValue[now.classOf(v)]!++;
          expect(perValue).toEqual(now.counts);
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(20);
    }, 240_000);
  }

  it('manual breaks, inside and outside the data range, count the same as classOf per value', () => {
    for (const values of series.values()) {
      const finite = values.filter((v): v is number => v !== null);
      if (finite.length < 3) continue;
      const lo = Math.min(...finite);
      const hi = Math.max(...finite);
      const breaks = [lo - 1, lo, (lo + hi) / 2, hi, hi + 1];
      const c = classify(values, 'manual', 5, breaks);
      const perValue = new Array<number>(c.k).fill(0);
      for (const v of finite) perValue[c.classOf(v)]!++;
      expect(c.counts).toEqual(perValue);
      expect(c.counts.reduce((a, b) => a + b, 0)).toBe(finite.length);
    }
  });
});
