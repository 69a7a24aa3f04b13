import { describe, expect, it } from 'vitest';
import { BIVARIATE_COLORS, bivariateClasses } from '../../src/lib/analysis/bivariate';

describe('bivariateClasses', () => {
  it('splits each variable at its tertiles', () => {
    // 1..9, type-7 quantiles: idx 8/3 = 2.667 → 3 + .667 = 3.667; 16/3 = 5.333 → 6.333
    // x classes {1,2,3} {4,5,6} {7,8,9}; y = 10·x reversed: high y where x is low
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    const y = [90, 80, 70, 60, 50, 40, 30, 20, 10];
    const r = bivariateClasses(x, y);
    expect(r.xBreaks[0]).toBeCloseTo(11 / 3, 12);
    expect(r.xBreaks[1]).toBeCloseTo(19 / 3, 12);
    expect(r.yBreaks[0]).toBeCloseTo(110 / 3, 12);
    expect(r.yBreaks[1]).toBeCloseTo(190 / 3, 12);
    // xClass + 3·yClass: x low & y high = 0 + 6, x mid & y mid = 1 + 3, x high & y low = 2 + 0
    expect(r.classes).toEqual([6, 6, 6, 4, 4, 4, 2, 2, 2]);
  });

  it('uses class index x + 3·y for all nine combinations', () => {
    // x and y independently low/mid/high; tertiles of [0,0,0,1,1,1,2,2,2]: idx 2.667 → 0 + .667 = 0.667, 5.333 → 1.333
    const x = [0, 1, 2, 0, 1, 2, 0, 1, 2];
    const y = [0, 0, 0, 1, 1, 1, 2, 2, 2];
    const r = bivariateClasses(x, y);
    expect(r.xBreaks[0]).toBeCloseTo(2 / 3, 12);
    expect(r.xBreaks[1]).toBeCloseTo(4 / 3, 12);
    expect(r.classes).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('a value on a break goes to the upper class', () => {
    // [1,2,3,4]: idx 1 → 2, idx 2 → 3 (exact), so 2 is mid and 3 high
    const r = bivariateClasses([1, 2, 3, 4], [1, 2, 3, 4]);
    expect(r.xBreaks).toEqual([2, 3]);
    expect(r.classes).toEqual([0, 4, 8, 8]);
  });

  it('breaks come from the non-missing values; a missing x or y gives null', () => {
    // x breaks from 1..9 only (11/3, 19/3); were the null read as 0, [0,1..9] would give idx 3 → 3 and idx 6 → 6
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, null];
    const y = [1, 2, 3, 4, 5, 6, 7, 8, 9, 5];
    const r = bivariateClasses(x, y);
    expect(r.xBreaks[0]).toBeCloseTo(11 / 3, 12);
    expect(r.xBreaks[1]).toBeCloseTo(19 / 3, 12);
    // y has 10 values [1..9, 5]: sorted 1 2 3 4 5 5 6 7 8 9, idx 3 → 4, idx 6 → 6
    expect(r.yBreaks).toEqual([4, 6]);
    expect(r.classes[9]).toBeNull();
    // x classes 0 0 0 1 1 1 2 2 2; y classes (v < 4, 4 ≤ v < 6, v ≥ 6) 0 0 0 1 1 2 2 2 2
    expect(r.classes.slice(0, 9)).toEqual([0, 0, 0, 4, 4, 7, 8, 8, 8]);
    expect(bivariateClasses([1, 2, 3, 4], [null, 2, 3, 4]).classes[0]).toBeNull();
    expect(bivariateClasses([NaN, 1, 2, 3], [1, 2, 3, 4]).classes[0]).toBeNull();
  });

  it('no values: NaN breaks, all null', () => {
    const r = bivariateClasses([null, null], [1, 2]);
    expect(r.xBreaks).toEqual([NaN, NaN]);
    expect(r.classes).toEqual([null, null]);
    expect(() => bivariateClasses([1], [1, 2])).toThrow(/1 x values but 2 y values/);
  });
});

describe('BIVARIATE_COLORS', () => {
  it('has 9 distinct hex colours with the corners of the teal–purple scheme', () => {
    expect(BIVARIATE_COLORS).toHaveLength(9);
    expect(new Set(BIVARIATE_COLORS).size).toBe(9);
    for (const c of BIVARIATE_COLORS) expect(c).toMatch(/^#[0-9a-f]{6}$/);
    expect(BIVARIATE_COLORS[0]).toBe('#e8e8e8'); // both low
    expect(BIVARIATE_COLORS[2]).toBe('#5ac8c8'); // x high, y low: teal
    expect(BIVARIATE_COLORS[6]).toBe('#be64ac'); // x low, y high: purple
    expect(BIVARIATE_COLORS[8]).toBe('#3b4994'); // both high
  });

  it('gets darker as either variable grows', () => {
    const lum = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    for (let yc = 0; yc < 3; yc++) {
      for (let xc = 0; xc < 3; xc++) {
        const c = lum(BIVARIATE_COLORS[xc + 3 * yc]);
        if (xc < 2) expect(lum(BIVARIATE_COLORS[xc + 1 + 3 * yc])).toBeLessThan(c);
        if (yc < 2) expect(lum(BIVARIATE_COLORS[xc + 3 * (yc + 1)])).toBeLessThan(c);
      }
    }
  });
});
