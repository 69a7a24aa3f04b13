import { describe, expect, it } from 'vitest';
import { regression } from '../../src/lib/analysis/regression';

const pts = (xs: (number | null)[], ys: (number | null)[]) => xs.map((x, i) => ({ x, y: ys[i] }));

describe('regression', () => {
  it('fits an exact line', () => {
    // y = 3 − 2x exactly → slope −2, intercept 3, r = −1
    const r = regression(pts([0, 1, 2, 3], [3, 1, -1, -3]));
    expect(r).not.toBeNull();
    expect(r!.n).toBe(4);
    expect(r!.slope).toBeCloseTo(-2, 12);
    expect(r!.intercept).toBeCloseTo(3, 12);
    expect(r!.r).toBeCloseTo(-1, 12);
    expect(r!.r2).toBeCloseTo(1, 12);
  });

  it('matches a hand computation', () => {
    // (0,1), (1,2), (2,6): x̄ = 1, ȳ = 3; Sxy = (−1)(−2) + 0·(−1) + 1·3 = 5, Sxx = 2, Syy = 4 + 1 + 9 = 14
    // slope = 5/2 = 2.5, intercept = 3 − 2.5·1 = 0.5, r = 5 / √(2·14) = 0.944911, r² = 25/28 = 0.892857
    const r = regression(pts([0, 1, 2], [1, 2, 6]))!;
    expect(r.slope).toBeCloseTo(2.5, 12);
    expect(r.intercept).toBeCloseTo(0.5, 12);
    expect(r.r).toBeCloseTo(5 / Math.sqrt(28), 12);
    expect(r.r2).toBeCloseTo(25 / 28, 12);
  });

  it('skips pairs with a missing or non-finite value (not read as 0)', () => {
    const withGaps = regression(pts([0, 1, null, 2, 5, NaN], [1, 2, 100, 6, null, 3]))!;
    const clean = regression(pts([0, 1, 2], [1, 2, 6]))!;
    expect(withGaps).toEqual(clean);
    expect(withGaps.n).toBe(3);
  });

  it('is null with fewer than 3 pairs or a constant variable', () => {
    expect(regression(pts([0, 1], [1, 2]))).toBeNull();
    expect(regression(pts([0, 1, null], [1, 2, 3]))).toBeNull();
    expect(regression([])).toBeNull();
    expect(regression(pts([2, 2, 2], [1, 2, 3]))).toBeNull(); // vertical: slope undefined
    expect(regression(pts([1, 2, 3], [0.1, 0.1, 0.1]))).toBeNull(); // horizontal: r undefined
  });
});
