import { linearRegression } from 'simple-statistics';
import type { Direction } from './format-types';

export interface Trend {
  /** Change per year of a least-squares line through the years with values. */
  slope: number;
  /** Years that had a value. */
  n: number;
}

/** Linear trend over the years in [from, to]; null with fewer than two years with a value. */
export function linearTrend(points: readonly { year: number; value: number | null }[], from: number, to: number): Trend | null {
  const pairs = points
    .filter((p) => p.year >= from && p.year <= to && p.value !== null && Number.isFinite(p.value))
    .map((p) => [p.year, p.value as number]);
  if (pairs.length < 2) return null;
  return { slope: linearRegression(pairs).m, n: pairs.length };
}

/** Whether a trend is good (1), bad (−1) or neither (0) for an indicator's direction. */
export function trendJudgement(slope: number, direction: Direction): -1 | 0 | 1 {
  if (slope === 0 || direction === 'neutral') return 0;
  const rising = slope > 0;
  return (direction === 'higher-better') === rising ? 1 : -1;
}
