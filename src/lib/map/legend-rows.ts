// The legend's classes for the current view: colour, value range, number of
// areas. Shared by the legend panel and the exports (PNG, PPTX) so both show
// the same classes.
import type { Classification } from '../analysis/classify';

export interface LegendRow {
  color: string;
  from: number;
  to: number;
  count: number;
  /** Change maps: the class that holds zero (no change). */
  zero: boolean;
}

export function legendRows(cls: Classification | null, colors: readonly string[], diverging: boolean): LegendRow[] {
  if (!cls) return [];
  let bounds = [cls.min, ...cls.breaks, cls.max];
  if (diverging && cls.breaks.length > 1) {
    // Diverging classes are symmetric around zero: show their full span.
    const step = cls.breaks[1]! - cls.breaks[0]!;
    bounds = [cls.breaks[0]! - step, ...cls.breaks, cls.breaks[cls.breaks.length - 1]! + step];
  }
  const out = cls.counts.map((count, i) => ({
    color: colors[i] ?? '#ccc',
    from: bounds[i] ?? cls.min,
    to: bounds[i + 1] ?? cls.max,
    count,
    zero: false,
  }));
  const zero = diverging ? out.find((r) => r.from <= 0 && r.to >= 0) : undefined;
  if (zero) zero.zero = true;
  return out;
}
