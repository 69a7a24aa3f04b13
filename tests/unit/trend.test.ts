import { describe, expect, it } from 'vitest';
import { linearTrend, trendJudgement } from '../../src/lib/analysis/trend';

describe('linear trend over a year range', () => {
  it('is the least-squares slope per year', () => {
    // y = 2x + 1 exactly → slope 2
    const points = [2010, 2011, 2012, 2013].map((year) => ({ year, value: 2 * (year - 2010) + 1 }));
    expect(linearTrend(points, 2010, 2013)?.slope).toBeCloseTo(2, 12);
    // (0,1), (1,2), (2,6): x̄ = 1, ȳ = 3, Σ(x−x̄)(y−ȳ) = (−1)(−2) + 0 + (1)(3) = 5, Σ(x−x̄)² = 2 → 2.5
    expect(linearTrend([{ year: 0, value: 1 }, { year: 1, value: 2 }, { year: 2, value: 6 }], 0, 2)?.slope).toBeCloseTo(2.5, 12);
  });

  it('skips missing years and years outside the range', () => {
    const points = [
      { year: 2009, value: 100 },
      { year: 2010, value: 10 },
      { year: 2011, value: null },
      { year: 2012, value: 14 },
      { year: 2013, value: 999 },
    ];
    expect(linearTrend(points, 2010, 2012)).toEqual({ slope: 2, n: 2 });
  });

  it('is null with fewer than two years with a value', () => {
    expect(linearTrend([{ year: 2010, value: 5 }, { year: 2011, value: null }], 2010, 2011)).toBeNull();
    expect(linearTrend([], 2010, 2020)).toBeNull();
  });

  it('judges a rise by the indicator direction', () => {
    expect(trendJudgement(0.5, 'higher-worse')).toBe(-1);
    expect(trendJudgement(0.5, 'higher-better')).toBe(1);
    expect(trendJudgement(-0.5, 'higher-worse')).toBe(1);
    expect(trendJudgement(0.5, 'neutral')).toBe(0);
  });
});

describe('trend glyphs', () => {
  it('point the arrow by the slope, scale it to the steepest area and colour it by direction', async () => {
    const { trendGlyphs } = await import('../../src/lib/map/trend-glyphs');
    const series = new Map([
      ['a', [2010, 2011].map((year, i) => ({ id: 'a', year, value: 10 + i * 2, n: 1, present: 1, coverage: null }))],
      ['b', [2010, 2011].map((year, i) => ({ id: 'b', year, value: 10 - i, n: 1, present: 1, coverage: null }))],
      ['c', [{ id: 'c', year: 2010, value: 5, n: 1, present: 1, coverage: null }]],
    ]);
    const points = ['a', 'b', 'c'].map((id) => ({ id, lon: 12, lat: 51 }));
    const { glyphs, slopes } = trendGlyphs(points, series, 2010, 2011, 'higher-worse');
    expect([...slopes]).toEqual([['a', 2], ['b', -1]]);
    expect(glyphs.map((g) => [g.id, g.angle, g.size])).toEqual([['a', 75, 32], ['b', -37.5, 23]]);
    expect(glyphs[0]!.color.slice(0, 3)).toEqual([178, 24, 43]); // a rise of a "worse" indicator is red
    expect(glyphs[1]!.color.slice(0, 3)).toEqual([33, 102, 172]);
  });

  it('the legend key has the colours the arrows are drawn in', async () => {
    const { trendGlyphs, trendKey } = await import('../../src/lib/map/trend-glyphs');
    const hex = (c: readonly number[]) => `#${c.slice(0, 3).map((v) => v.toString(16).padStart(2, '0')).join('')}`;
    const series = new Map([
      ['up', [2010, 2011].map((year, i) => ({ id: 'up', year, value: 10 + i, n: 1, present: 1, coverage: null }))],
      ['down', [2010, 2011].map((year, i) => ({ id: 'down', year, value: 10 - i, n: 1, present: 1, coverage: null }))],
    ]);
    const points = ['up', 'down'].map((id) => ({ id, lon: 12, lat: 51 }));
    const drawn = (direction: 'higher-better' | 'neutral') => new Set(trendGlyphs(points, series, 2010, 2011, direction).glyphs.map((g) => hex(g.color)));
    const key = trendKey('higher-better');
    expect(key.map((k) => k.judgement)).toEqual(['good', 'bad']);
    expect(new Set(key.map((k) => k.color))).toEqual(drawn('higher-better'));
    expect(trendKey('neutral')).toEqual([{ judgement: 'neutral', color: [...drawn('neutral')][0] }]);
  });
});
