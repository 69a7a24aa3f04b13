import { describe, expect, it } from 'vitest';
import { change, divergingBreaks, formatChange, naturalMeasure } from '../../src/lib/analysis/change';

describe('change between two years', () => {
  it('is percentage points for shares and percent for counts by default', () => {
    expect(naturalMeasure('percent')).toBe('abs');
    expect(naturalMeasure('count')).toBe('pct');
  });

  it('computes absolute and percent change', () => {
    expect(change(12.5, 10, 'abs')).toBeCloseTo(-2.5, 12);
    expect(change(200, 250, 'pct')).toBeCloseTo(25, 12);
    expect(change(-50, -25, 'pct')).toBeCloseTo(50, 12); // relative to |from|
  });

  it('is missing when a year is missing or a percent change would divide by zero', () => {
    expect(change(null, 5, 'abs')).toBeNull();
    expect(change(5, null, 'pct')).toBeNull();
    expect(change(0, 5, 'pct')).toBeNull();
    expect(change(0, 5, 'abs')).toBe(5);
  });
});

describe('diverging breaks', () => {
  it('are symmetric around zero; odd k puts zero inside the middle class', () => {
    // m = 10, k = 5 → step 4: −6, −2, 2, 6
    expect(divergingBreaks([-3, 10, null, 2], 5)).toEqual([-6, -2, 2, 6]);
  });

  it('make zero a break for even k', () => {
    // m = 8, k = 4 → step 4: −4, 0, 4
    expect(divergingBreaks([8, -1], 4)).toEqual([-4, 0, 4]);
  });

  it('survive all-zero or empty input', () => {
    expect(divergingBreaks([0, 0], 3)).toHaveLength(2);
    expect(divergingBreaks([], 3)).toHaveLength(2);
  });
});

describe('formatting a change', () => {
  it('has a sign and the right unit', () => {
    expect(formatChange(1.234, 'abs', 'percent', 1, 'de')).toBe('+1,2\u00a0Pp.');
    expect(formatChange(-3.45, 'pct', 'count', 0, 'de')).toBe('−3,5\u00a0%');
    expect(formatChange(-1234, 'abs', 'count', 0, 'en')).toBe('−1,234');
    expect(formatChange(null, 'abs', 'count', 0, 'de')).toBe('keine Angabe');
  });
});
