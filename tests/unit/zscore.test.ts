import { describe, expect, it } from 'vitest';
import { zScores } from '../../src/lib/analysis/zscore';

describe('zScores', () => {
  it('standardises with the population SD: 2, 4, 4, 4, 5, 5, 7, 9 has mean 5 and SD 2', () => {
    // Σ(v − 5)² = 9 + 1 + 1 + 1 + 0 + 0 + 4 + 16 = 32; 32 / 8 = 4; SD = 2.
    expect(zScores([2, 4, 4, 4, 5, 5, 7, 9])).toEqual([-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2]);
  });

  it('keeps missing values missing and leaves them out of mean and SD', () => {
    expect(zScores([2, null, 4, 4, 4, 5, Number.NaN, 5, 7, 9])).toEqual([-1.5, null, -0.5, -0.5, -0.5, 0, null, 0, 1, 2]);
  });

  it('is undefined (all null, never 0) for equal values or fewer than two', () => {
    expect(zScores([3, 3, 3])).toEqual([null, null, null]);
    expect(zScores([3, null])).toEqual([null, null]);
    expect(zScores([])).toEqual([]);
  });
});
