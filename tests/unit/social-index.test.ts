import { describe, expect, it } from 'vitest';
import {
  COMBINED_CLASSES,
  DYNAMICS_CLASS_LABELS,
  DYNAMICS_THRESHOLDS,
  STATUS_CLASS_LABELS,
  STATUS_THRESHOLDS,
  combinedClass,
  dynamicsClass,
  dynamicsWindow,
  MSS_MIN_RESIDENTS,
  socialIndex,
  statusClass,
  type IndexIndicator,
} from '../../src/lib/analysis/social-index';
import type { Direction } from '../../src/lib/analysis/format-types';

const IDS = ['a', 'b', 'c', 'd'];

function ind(
  id: string,
  direction: Direction,
  status: (number | null)[],
  change: (number | null)[],
  weight = 1,
): IndexIndicator {
  return { id, weight, direction, status, change };
}

// Hand example, 4 areas:
// A (higher-worse) status [1, 3, 1, 3]: mean 2, population SD 1 → z = [−1, 1, −1, 1]
// B (higher-better) status [10, 10, 30, 30]: mean 20, SD 10 → z = [−1, −1, 1, 1], oriented × −1 → [1, 1, −1, −1]
// A change [2, 0, 0, −2]: mean 0, SD √(8/4) = √2 → z = [√2, 0, 0, −√2]
// B change [−1, 1, −1, 1]: mean 0, SD 1 → z = [−1, 1, −1, 1], oriented → [1, −1, 1, −1]
const A = (w = 1) => ind('A', 'higher-worse', [1, 3, 1, 3], [2, 0, 0, -2], w);
const B = (w = 1, direction: Direction = 'higher-better') => ind('B', direction, [10, 10, 30, 30], [-1, 1, -1, 1], w);

function expectClose(actual: (number | null)[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((e, i) => expect(actual[i]).toBeCloseTo(e, 9));
}

describe('socialIndex: hand-computed example', () => {
  it('status: weighted mean of oriented z-scores, re-standardised', () => {
    // equal weights: mean of A and oriented B = [(−1+1)/2, (1+1)/2, (−1−1)/2, (1−1)/2] = [0, 1, −1, 0]
    // mean 0, SD √((0 + 1 + 1 + 0)/4) = √0.5 → status = [0, √2, −√2, 0] = [0, 1.414, −1.414, 0]
    // classes: 0 → 2 mittel; 1 < 1.414 ≤ 1.5 → 3 niedrig; −1.414 < −1 → 1 hoch
    const r = socialIndex(IDS, [A(), B()]);
    expect(r.ids).toEqual(IDS);
    expectClose(r.status, [0, Math.SQRT2, -Math.SQRT2, 0]);
    expect(r.statusClass).toEqual([2, 3, 1, 2]);
  });

  it('dynamics: the same with the changes', () => {
    // mean of A and oriented B = [(√2+1)/2, (0−1)/2, (0+1)/2, (−√2−1)/2] = [1.20711, −0.5, 0.5, −1.20711]
    // mean 0, variance (2·1.20711² + 2·0.25)/4 = (2.91421 + 0.5)/4 = 0.853553, SD 0.923880
    // dynamics = [1.306563, −0.541196, 0.541196, −1.306563] → classes 3 negativ, 2, 2, 1 positiv
    const r = socialIndex(IDS, [A(), B()]);
    const h = (Math.SQRT2 + 1) / 2;
    const sd = Math.sqrt((2 * h * h + 0.5) / 4);
    expect(sd).toBeCloseTo(0.92388, 5);
    expectClose(r.dynamics, [h / sd, -0.5 / sd, 0.5 / sd, -h / sd]);
    expect(r.dynamics[0]).toBeCloseTo(1.306563, 6);
    expect(r.dynamicsClass).toEqual([3, 2, 2, 1]);
    // combined = status class × dynamics class
    expect(r.combined).toEqual(['23', '32', '12', '21']);
  });

  it('the re-standardised indices have mean 0 and population SD 1', () => {
    const r = socialIndex(IDS, [A(), B(3)]);
    for (const v of [r.status, r.dynamics] as number[][]) {
      const m = v.reduce((s, x) => s + x, 0) / v.length;
      expect(m).toBeCloseTo(0, 12);
      expect(Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / v.length)).toBeCloseTo(1, 12);
    }
  });
});

describe('socialIndex: orientation', () => {
  it('higher-better is flipped, higher-worse and neutral keep their sign', () => {
    // B as neutral: z B = [−1, −1, 1, 1] not flipped → mean with A = [−1, 0, 0, 1] → SD √0.5 → [−√2, 0, 0, √2]
    const neutral = socialIndex(IDS, [A(), B(1, 'neutral')]);
    expectClose(neutral.status, [-Math.SQRT2, 0, 0, Math.SQRT2]);
    const worse = socialIndex(IDS, [A(), B(1, 'higher-worse')]);
    expect(worse.status).toEqual(neutral.status);
    // a single higher-better indicator: high values = low disadvantage
    const only = socialIndex(IDS, [ind('share', 'higher-better', [10, 20, 30, 40], [0, 1, 2, 3])]);
    // z of [10,20,30,40] = [−1.342, −0.447, 0.447, 1.342] (SD √125) → flipped
    expectClose(only.status, [3, 1, -1, -3].map((v) => v / Math.sqrt(5)));
    expect(only.statusClass).toEqual([3, 2, 2, 1]);
    // rising values of a higher-better indicator are a positive (improving) dynamic
    expect(only.dynamicsClass).toEqual([3, 2, 2, 1]);
  });
});

describe('socialIndex: weights', () => {
  it('weights the z-scores', () => {
    // weights A 3, B 1: (3·zA + 1·zB)/4 = [(−3+1)/4, (3+1)/4, (−3−1)/4, (3−1)/4] = [−0.5, 1, −1, 0.5]
    // SD √((0.25 + 1 + 1 + 0.25)/4) = √0.625 = 0.790569 → [−0.632456, 1.264911, −1.264911, 0.632456]
    const r = socialIndex(IDS, [A(3), B(1)]);
    expectClose(r.status, [-0.5, 1, -1, 0.5].map((v) => v / Math.sqrt(0.625)));
    expect(r.status[1]).toBeCloseTo(1.264911, 6);
    expect(r.statusClass).toEqual([2, 3, 1, 2]);
  });

  it('only the ratio of the weights matters', () => {
    expect(socialIndex(IDS, [A(30), B(10)])).toEqual(socialIndex(IDS, [A(3), B(1)]));
  });

  it('weight 0 leaves an indicator out, including its gaps', () => {
    const withGaps = ind('B', 'higher-better', [null, 10, null, 30], [null, null, null, null], 0);
    expect(socialIndex(IDS, [A(), withGaps])).toEqual(socialIndex(IDS, [A()]));
    // A alone: status = z of A = [−1, 1, −1, 1] exactly; ±1 are the edges of "mittel"
    const r = socialIndex(IDS, [A()]);
    expect(r.status).toEqual([-1, 1, -1, 1]);
    expect(r.statusClass).toEqual([2, 2, 2, 2]);
  });

  it('throws without an indicator with a positive weight, and on bad weights or lengths', () => {
    expect(() => socialIndex(IDS, [])).toThrow(/at least one indicator with a weight above 0/);
    expect(() => socialIndex(IDS, [A(0), B(0)])).toThrow(/at least one indicator with a weight above 0/);
    expect(() => socialIndex(IDS, [A(-1), B()])).toThrow(/weight of indicator 'A' must be a number ≥ 0/);
    expect(() => socialIndex(IDS, [A(NaN)])).toThrow(/must be a number ≥ 0/);
    expect(() => socialIndex(['a', 'b'], [A()])).toThrow(/'A' has 4 status and 4 change values for 2 areas/);
  });
});

describe('socialIndex: missing values', () => {
  // A fifth area 'e' with a gap in B's status (but all changes present)
  const A5 = ind('A', 'higher-worse', [1, 3, 1, 3, 2], [2, 0, 0, -2, 1]);
  const B5 = ind('B', 'higher-better', [10, 10, 30, 30, null], [-1, 1, -1, 1, 0]);

  it('a gap in any indicator makes the status null, not a value computed with 0', () => {
    const r = socialIndex([...IDS, 'e'], [A5, B5]);
    expect(r.status[4]).toBeNull();
    expect(r.statusClass[4]).toBeNull();
    expect(r.combined[4]).toBeNull();
    // the other areas are standardised over the complete areas only: the same as without 'e'
    const four = socialIndex(IDS, [A(), B()]);
    expect(r.status.slice(0, 4)).toEqual(four.status);
    // (reading the null as 0 would give B z-scores over [10,10,30,30,0] and other values)
    expect(r.status[1]).toBeCloseTo(Math.SQRT2, 9);
    // the changes of 'e' are complete, so it has a dynamics value
    expect(r.dynamics[4]).not.toBeNull();
    expect(r.dynamicsClass[4]).not.toBeNull();
  });

  it('a missing change makes only the dynamics null', () => {
    const A5c = { ...A5, change: [2, 0, null, -2, 1] };
    const r = socialIndex([...IDS, 'e'], [A5c, { ...B5, status: [10, 10, 30, 30, 20] }]);
    expect(r.dynamics[2]).toBeNull();
    expect(r.dynamicsClass[2]).toBeNull();
    expect(r.combined[2]).toBeNull();
    expect(r.status[2]).not.toBeNull();
    expect(r.dynamics.filter((d) => d !== null)).toHaveLength(4);
  });

  it('NaN counts as missing; a constant indicator or fewer than 2 complete areas gives all null', () => {
    const r = socialIndex(IDS, [ind('A', 'higher-worse', [1, NaN, 1, 3], [0, 1, 2, 3])]);
    expect(r.status[1]).toBeNull();
    const constant = socialIndex(IDS, [A(), ind('C', 'neutral', [5, 5, 5, 5], [1, 2, 3, 4])]);
    expect(constant.status).toEqual([null, null, null, null]);
    expect(constant.dynamics.every((d) => d !== null)).toBe(true);
    const one = socialIndex(IDS, [ind('A', 'higher-worse', [1, null, null, null], [null, null, null, null])]);
    expect(one.status).toEqual([null, null, null, null]);
    expect(one.dynamics).toEqual([null, null, null, null]);
  });
});

describe('class thresholds', () => {
  it('exports the MSS thresholds and labels', () => {
    expect(STATUS_THRESHOLDS).toEqual({ high: -1, low: 1, veryLow: 1.5 });
    expect(DYNAMICS_THRESHOLDS).toEqual({ positive: -1, negative: 1 });
    expect(STATUS_CLASS_LABELS).toEqual({ 1: 'hoch', 2: 'mittel', 3: 'niedrig', 4: 'sehr niedrig' });
    expect(DYNAMICS_CLASS_LABELS).toEqual({ 1: 'positiv', 2: 'stabil', 3: 'negativ' });
  });

  it('status classes at their edges', () => {
    const e = 1e-9;
    expect(statusClass(-1 - e)).toBe(1);
    expect(statusClass(-1)).toBe(2);
    expect(statusClass(0)).toBe(2);
    expect(statusClass(1)).toBe(2);
    expect(statusClass(1 + e)).toBe(3);
    expect(statusClass(1.5)).toBe(3);
    expect(statusClass(1.5 + e)).toBe(4);
    expect(statusClass(-5)).toBe(1);
    expect(statusClass(null)).toBeNull();
    expect(statusClass(NaN)).toBeNull();
  });

  it('dynamics classes at their edges', () => {
    const e = 1e-9;
    expect(dynamicsClass(-1 - e)).toBe(1);
    expect(dynamicsClass(-1)).toBe(2);
    expect(dynamicsClass(1)).toBe(2);
    expect(dynamicsClass(1 + e)).toBe(3);
    expect(dynamicsClass(null)).toBeNull();
  });

  it('12 combined classes', () => {
    expect(COMBINED_CLASSES).toEqual(['11', '12', '13', '21', '22', '23', '31', '32', '33', '41', '42', '43']);
    expect(combinedClass(4, 3)).toBe('43');
    expect(combinedClass(null, 3)).toBeNull();
    expect(combinedClass(2, null)).toBeNull();
  });
});

describe('socialIndex: areas below a minimum number of residents (MSS: 300)', () => {
  const FIVE = ['a', 'b', 'c', 'd', 'e'];
  // e is an outlier that would dominate the standardisation if it took part.
  const A5 = ind('A', 'higher-worse', [1, 3, 1, 3, 100], [2, 0, 0, -2, 50]);
  const B5 = ind('B', 'higher-better', [10, 10, 30, 30, 0], [-1, 1, -1, 1, 9]);

  it('leaves them out before standardising: the others get exactly the index of the data without them', () => {
    const r = socialIndex(FIVE, [A5, B5], { residents: [1000, 800, 5000, 300, 299], minResidents: MSS_MIN_RESIDENTS });
    expect(r.notRated).toEqual([false, false, false, false, true]);
    expect(r.status[4]).toBeNull();
    expect(r.combined[4]).toBeNull();
    const without = socialIndex(IDS, [A(), B()]);
    expectClose(r.status.slice(0, 4), without.status as number[]);
    expectClose(r.dynamics.slice(0, 4), without.dynamics as number[]);
    // 300 residents is enough (fewer than 300 are left out).
    expect(r.notRated[3]).toBe(false);
  });

  it('rates an area whose residents are unknown, and everyone with minResidents 0 or without residents', () => {
    const unknown = socialIndex(FIVE, [A5, B5], { residents: [1000, 800, 5000, 300, null], minResidents: 300 });
    expect(unknown.notRated).toEqual([false, false, false, false, false]);
    expect(unknown.status[4]).not.toBeNull();
    expect(socialIndex(FIVE, [A5, B5], { residents: [1, 1, 1, 1, 1], minResidents: 0 }).notRated.every((x) => !x)).toBe(true);
    expect(socialIndex(FIVE, [A5, B5]).notRated.every((x) => !x)).toBe(true);
  });

  it('rejects a negative minimum and residents that do not match the ids', () => {
    expect(() => socialIndex(FIVE, [A5], { minResidents: -1 })).toThrow(/minimum number of residents/);
    expect(() => socialIndex(FIVE, [A5], { residents: [1, 2], minResidents: 300 })).toThrow(/resident counts/);
  });
});

describe('dynamicsWindow', () => {
  it('from–to by default, the last N years up to the status year when set (MSS: 2)', () => {
    expect(dynamicsWindow(2022, { from: 2000, to: 2022 }, null)).toEqual({ from: 2000, to: 2022 });
    expect(dynamicsWindow(2022, { from: 2000, to: 2022 }, 2)).toEqual({ from: 2020, to: 2022 });
    expect(dynamicsWindow(2019, { from: 2010, to: 2022 }, 5)).toEqual({ from: 2014, to: 2019 });
  });
});
