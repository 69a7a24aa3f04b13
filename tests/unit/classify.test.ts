import { describe, expect, it } from 'vitest';
import { classify, normalizeManualBreaks } from '../../src/lib/analysis/classify';

const ONE_TO_TEN = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

function expectBreaks(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((b, i) => expect(actual[i]).toBeCloseTo(b, 4));
}

describe('classify [1..10]', () => {
  it('quantile k=5', () => {
    // type-7 quantile: idx = (n-1)·p = 9·p, interpolate between sorted[floor] and sorted[ceil]
    // p=.2 → idx 1.8 → 2 + .8 = 2.8; p=.4 → 3.6 → 4.6; p=.6 → 5.4 → 6.4; p=.8 → 7.2 → 8.2
    const c = classify(ONE_TO_TEN, 'quantile', 5);
    expectBreaks(c.breaks, [2.8, 4.6, 6.4, 8.2]);
    expect(c.k).toBe(5);
    expect(c.counts).toEqual([2, 2, 2, 2, 2]);
    expect(c.min).toBe(1);
    expect(c.max).toBe(10);
    expect(c.missing).toBe(0);
  });

  it('quantile k=4', () => {
    // p=.25 → idx 2.25 → 3.25; p=.5 → 4.5 → 5.5; p=.75 → 6.75 → 7.75
    // classes: {1,2,3} {4,5} {6,7} {8,9,10}
    const c = classify(ONE_TO_TEN, 'quantile', 4);
    expectBreaks(c.breaks, [3.25, 5.5, 7.75]);
    expect(c.counts).toEqual([3, 2, 2, 3]);
  });

  it('equal interval k=5 and k=3', () => {
    // k=5: step (10-1)/5 = 1.8 → 2.8, 4.6, 6.4, 8.2
    const c5 = classify(ONE_TO_TEN, 'equal', 5);
    expectBreaks(c5.breaks, [2.8, 4.6, 6.4, 8.2]);
    expect(c5.counts).toEqual([2, 2, 2, 2, 2]);
    // k=3: step 9/3 = 3 → 4, 7; values equal to a break go to the upper class:
    // {1,2,3} {4,5,6} {7,8,9,10}
    const c3 = classify(ONE_TO_TEN, 'equal', 3);
    expect(c3.breaks).toEqual([4, 7]);
    expect(c3.counts).toEqual([3, 3, 4]);
    expect(c3.classOf(4)).toBe(1);
    expect(c3.classOf(7)).toBe(2);
    expect(c3.classOf(10)).toBe(2); // last class is closed
  });

  it('jenks k=5', () => {
    // Evenly spaced values: five pairs give SSE 5·0.5 = 2.5; any other split has a
    // group of 3 (SSE 2) plus singletons, e.g. 1,2,2,2,3 sizes → 0 + 1.5 + 2 = 3.5.
    // So clusters {1,2} {3,4} {5,6} {7,8} {9,10}, breaks = lower bounds 3, 5, 7, 9.
    const c = classify(ONE_TO_TEN, 'jenks', 5);
    expect(c.breaks).toEqual([3, 5, 7, 9]);
    expect(c.counts).toEqual([2, 2, 2, 2, 2]);
  });

  it('stddev k=5 (odd: middle class = mean ± 0.5 sd)', () => {
    // mean 5.5; population variance = 2·(0.25+2.25+6.25+12.25+20.25)/10 = 8.25, sd = 2.87228
    // breaks 5.5 + (-1.5, -0.5, 0.5, 1.5)·sd = 1.19158, 4.06386, 6.93614, 9.80842
    // classes: {1} {2,3,4} {5,6} {7,8,9} {10}
    const c = classify(ONE_TO_TEN, 'stddev', 5);
    const sd = Math.sqrt(8.25);
    expectBreaks(c.breaks, [5.5 - 1.5 * sd, 5.5 - 0.5 * sd, 5.5 + 0.5 * sd, 5.5 + 1.5 * sd]);
    expect(c.breaks[0]).toBeCloseTo(1.19158, 4);
    expect(c.counts).toEqual([1, 3, 2, 3, 1]);
  });

  it('stddev k=4 (even: the mean is a break)', () => {
    // breaks 5.5 - sd = 2.62772, 5.5, 5.5 + sd = 8.37228 → {1,2} {3,4,5} {6,7,8} {9,10}
    const c = classify(ONE_TO_TEN, 'stddev', 4);
    expectBreaks(c.breaks, [2.62772, 5.5, 8.37228]);
    expect(c.counts).toEqual([2, 3, 3, 2]);
  });

  it('manual breaks are sorted and deduplicated, k = breaks + 1', () => {
    // breaks 3, 5, 7 → {1,2} {3,4} {5,6} {7,8,9,10}; the k argument is ignored
    const c = classify(ONE_TO_TEN, 'manual', 9, [7, 3, 5, 3]);
    expect(c.breaks).toEqual([3, 5, 7]);
    expect(c.k).toBe(4);
    expect(c.counts).toEqual([2, 2, 2, 4]);
  });
});

describe('classify: edge cases', () => {
  it('ignores null, NaN and ±Infinity and counts them as missing', () => {
    const values = [null, 4, NaN, 1, Infinity, 3, null, 2, -Infinity, 5];
    // valid values 1..5; quantile k=5: idx 4·p → 0.8, 1.6, 2.4, 3.2 → 1.8, 2.6, 3.4, 4.2
    const c = classify(values, 'quantile', 5);
    expect(c.missing).toBe(5);
    expect(c.min).toBe(1);
    expect(c.max).toBe(5);
    expectBreaks(c.breaks, [1.8, 2.6, 3.4, 4.2]);
    expect(c.counts).toEqual([1, 1, 1, 1, 1]);
    expect(c.classOf(null)).toBe(-1);
    expect(c.classOf(NaN)).toBe(-1);
    expect(c.classOf(Infinity)).toBe(-1);
    // values outside the data range fall into the outer classes
    expect(c.classOf(-100)).toBe(0);
    expect(c.classOf(100)).toBe(4);
  });

  it('ties: quantile breaks collapse to distinct values and k shrinks', () => {
    // [1,2,2,2,3], k=3: idx 4/3 = 1.33 → 2 + .33·(2-2) = 2; idx 8/3 = 2.67 → 2 → breaks [2]
    const c = classify([1, 2, 2, 2, 3], 'quantile', 3);
    expect(c.breaks).toEqual([2]);
    expect(c.k).toBe(2);
    expect(c.counts).toEqual([1, 4]);
  });

  it('ties: jenks with fewer distinct values than k', () => {
    // only 2 distinct values → ckmeans with 2 clusters {1,1} {2}
    const c = classify([1, 1, 2], 'jenks', 5);
    expect(c.breaks).toEqual([2]);
    expect(c.k).toBe(2);
    expect(c.counts).toEqual([2, 1]);
  });

  it('stddev breaks outside (min, max] are dropped', () => {
    // [0,0,0,0,10]: mean 2, variance (4·4 + 8²)/5 = 16, sd 4
    // k=5 breaks 2 + (-6, -2, 2, 6) = -4, 0, 4, 8; -4 and 0 (= min) cannot hold values → [4, 8]
    const c = classify([0, 0, 0, 0, 10], 'stddev', 5);
    expect(c.breaks).toEqual([4, 8]);
    expect(c.k).toBe(3);
    expect(c.counts).toEqual([4, 0, 1]);
  });

  it.each(['quantile', 'equal', 'jenks', 'stddev'] as const)('all-equal values give one class (%s)', (m) => {
    const c = classify([4, 4, null, 4], m, 5);
    expect(c.k).toBe(1);
    expect(c.breaks).toEqual([]);
    expect(c.counts).toEqual([3]);
    expect(c.missing).toBe(1);
    expect(c.min).toBe(4);
    expect(c.max).toBe(4);
    expect(c.classOf(4)).toBe(0);
  });

  it.each(['quantile', 'equal', 'jenks', 'stddev'] as const)('no values give one empty class (%s)', (m) => {
    const c = classify([null, NaN], m, 5);
    expect(c.k).toBe(1);
    expect(c.counts).toEqual([0]);
    expect(c.missing).toBe(2);
    expect(c.min).toBeNaN();
    expect(classify([], m, 5).counts).toEqual([0]);
  });

  it('manual breaks still apply without data', () => {
    const c = classify([], 'manual', 5, [1, 2]);
    expect(c.k).toBe(3);
    expect(c.counts).toEqual([0, 0, 0]);
  });

  it('clamps k to 3..9', () => {
    expect(classify(ONE_TO_TEN, 'quantile', 1).k).toBe(3);
    expect(classify(ONE_TO_TEN, 'quantile', 20).k).toBe(9);
    expect(classify(ONE_TO_TEN, 'equal', 4.4).k).toBe(4);
    expect(classify(ONE_TO_TEN, 'equal', NaN).k).toBe(5);
  });

  it('ckmeans: example from the simple-statistics docs', () => {
    // ckmeans([-1, 2, -1, 2, 4, 5, 6, -1, 2, -1], 3) → [[-1,-1,-1,-1], [2,2,2], [4,5,6]]
    // → breaks = lower bounds of the 2nd and 3rd cluster = 2, 4
    const c = classify([-1, 2, -1, 2, 4, 5, 6, -1, 2, -1], 'jenks', 3);
    expect(c.breaks).toEqual([2, 4]);
    expect(c.counts).toEqual([4, 3, 3]);
  });

  it('jenks isolates an outlier', () => {
    // [1,2,3,4,100], k=3: {1,2}{3,4}{100} SSE 1 beats {1}{2,3,4}{100} and {1,2,3}{4}{100} (SSE 2)
    expect(classify([1, 2, 3, 4, 100], 'jenks', 3).breaks).toEqual([3, 100]);
  });
});

describe('manual break validation', () => {
  it('throws clear errors', () => {
    expect(() => classify(ONE_TO_TEN, 'manual', 5)).toThrow(/requires breaks/);
    expect(() => classify(ONE_TO_TEN, 'manual', 5, [1, NaN])).toThrow(/finite numbers/);
    expect(() => classify(ONE_TO_TEN, 'manual', 5, [1, Infinity])).toThrow(/finite numbers/);
    expect(() => classify(ONE_TO_TEN, 'manual', 5, [3, 3])).toThrow(/2 to 8 distinct breaks/);
    expect(() => classify(ONE_TO_TEN, 'manual', 5, [1, 2, 3, 4, 5, 6, 7, 8, 9])).toThrow(/got 9/);
  });

  it('normalizeManualBreaks sorts and deduplicates', () => {
    expect(normalizeManualBreaks([2.5, -1, 2.5, 0])).toEqual([-1, 0, 2.5]);
  });
});
