import type { Unit } from './format';
import { formatNumber, formatValue, type Lang } from './format';

export type ChangeMeasure = 'abs' | 'pct';

/** Shares change in percentage points; counts and other quantities in percent by default. */
export function naturalMeasure(unit: Unit): ChangeMeasure {
  return unit === 'percent' ? 'abs' : 'pct';
}

/**
 * Change of one area between two years: the absolute difference (percentage
 * points for shares), or the percent change relative to the first year. Null
 * when either year is missing, or a percent change would divide by zero.
 */
export function change(from: number | null, to: number | null, measure: ChangeMeasure): number | null {
  if (from === null || to === null || !Number.isFinite(from) || !Number.isFinite(to)) return null;
  if (measure === 'abs') return to - from;
  return from === 0 ? null : ((to - from) / Math.abs(from)) * 100;
}

/**
 * k − 1 class breaks symmetric around zero for a diverging palette: equal
 * steps over [−m, m] with m the largest absolute change. With an odd k the
 * middle class holds zero; with an even k zero is a break.
 */
export function divergingBreaks(values: readonly (number | null)[], k: number): number[] {
  let m = 0;
  for (const v of values) if (v !== null && Number.isFinite(v)) m = Math.max(m, Math.abs(v));
  if (m === 0) m = 1;
  const step = (2 * m) / k;
  return Array.from({ length: k - 1 }, (_, i) => {
    const b = -m + (i + 1) * step;
    return Math.abs(b) < step * 1e-9 ? 0 : b;
  });
}

/** A change with its sign and unit: "+1,2 Pp.", "−3,4 %", "+1.234". */
export function formatChange(v: number | null, measure: ChangeMeasure, unit: Unit, decimals: number, lang: Lang): string {
  if (v === null || !Number.isFinite(v)) return formatNumber(null, 0, lang);
  const sign = v > 0 ? '+' : v < 0 ? '−' : '±';
  const abs = Math.abs(v);
  if (measure === 'pct') return `${sign}${formatValue(abs, 'percent', 1, lang)}`;
  if (unit === 'percent') return `${sign}${formatNumber(abs, Math.max(decimals, 1), lang)}\u00a0${lang === 'de' ? 'Pp.' : 'pp'}`;
  return `${sign}${formatValue(abs, unit, decimals, lang)}`;
}
