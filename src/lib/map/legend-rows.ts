// The legend's classes for the current view: colour, value range, number of
// areas. Shared by the legend panel and the exports (PNG, PPTX) so both show
// the same classes.
import type { Classification } from '../analysis/classify';
import { translate, type Lang } from '../i18n';

export interface LegendRow {
  color: string;
  from: number;
  to: number;
  count: number;
  /** Change maps: the class that holds zero (no change). */
  zero: boolean;
  /** The class holds its upper bound too: the last one. Every other class is [from, to). */
  closed: boolean;
}

/**
 * A class's range as the legend, the map's table and the exports write it: which end is closed is
 * said in words, as German statistics do ("10 bis unter 15"; the last class "15 bis 20").
 */
export function rangeLabel(row: LegendRow, fmt: (v: number) => string, lang: Lang): string {
  return translate(lang, row.closed ? 'legend.rangeClosed' : 'legend.range', { from: fmt(row.from), to: fmt(row.to) });
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
    closed: i === cls.counts.length - 1,
  }));
  const zero = diverging ? out.find((r) => r.from <= 0 && r.to >= 0) : undefined;
  if (zero) zero.zero = true;
  return out;
}
