import { linearRegression, sampleCorrelation } from 'simple-statistics';

export interface Regression {
  /** Number of (x, y) pairs used. */
  n: number;
  slope: number;
  intercept: number;
  /** Pearson correlation coefficient. */
  r: number;
  /** Coefficient of determination; for a simple OLS line r² = r·r. */
  r2: number;
}

function isNumber(v: number | null): v is number {
  return v !== null && Number.isFinite(v);
}

/**
 * Ordinary least squares fit y = intercept + slope·x, e.g. for the trend line of
 * a scatter plot of two indicators. Only pairs where both x and y are finite
 * numbers are used (a missing value is skipped, never read as 0). Null when
 * fewer than 3 pairs remain (a line through two points says nothing about a
 * relation) or when x or y is constant (slope or r undefined).
 */
export function regression(points: readonly { x: number | null; y: number | null }[]): Regression | null {
  const pairs: [number, number][] = [];
  for (const { x, y } of points) if (isNumber(x) && isNumber(y)) pairs.push([x, y]);
  if (pairs.length < 3) return null;
  const xs = pairs.map((p) => p[0]);
  const ys = pairs.map((p) => p[1]);
  // Tested for exact equality: a floating-point variance of equal values may be a tiny non-zero.
  if (xs.every((v) => v === xs[0]) || ys.every((v) => v === ys[0])) return null;
  const { m, b } = linearRegression(pairs);
  // Clamped: rounding can push a perfect correlation a hair beyond ±1.
  const r = Math.max(-1, Math.min(1, sampleCorrelation(xs, ys)));
  return { n: pairs.length, slope: m, intercept: b, r, r2: r * r };
}
