import type { AreaPoint, AreaValue } from '../data/values';
import type { Direction } from '../analysis/format-types';
import { linearTrend, trendJudgement } from '../analysis/trend';
import type { TrendGlyph } from './trend-layer';

const COLORS = { [-1]: [178, 24, 43, 235], 0: [60, 60, 60, 235], 1: [33, 102, 172, 235] } as const;

const hex = (c: readonly number[]) => `#${c.slice(0, 3).map((v) => v.toString(16).padStart(2, '0')).join('')}`;

/** The arrow colours a legend explains for an indicator: favourable/unfavourable, or one neutral colour. */
export function trendKey(direction: Direction): { judgement: 'good' | 'bad' | 'neutral'; color: string }[] {
  if (direction === 'neutral') return [{ judgement: 'neutral', color: hex(COLORS[0]) }];
  return [
    { judgement: 'good', color: hex(COLORS[1]) },
    { judgement: 'bad', color: hex(COLORS[-1]) },
  ];
}

/**
 * One arrow per area with a trend over [from, to]: steeper (up to ±75° from
 * flat) and bigger for a stronger slope relative to the steepest area; red
 * where the change is unfavourable for the indicator, blue where favourable.
 */
export function trendGlyphs(
  points: readonly AreaPoint[],
  series: ReadonlyMap<string, AreaValue[]>,
  from: number,
  to: number,
  direction: Direction,
): { glyphs: TrendGlyph[]; slopes: Map<string, number> } {
  const slopes = new Map<string, number>();
  for (const [id, values] of series) {
    const trend = linearTrend(values, from, to);
    if (trend) slopes.set(id, trend.slope);
  }
  const max = Math.max(1e-12, ...[...slopes.values()].map(Math.abs));
  const glyphs = points.flatMap((p): TrendGlyph[] => {
    const slope = slopes.get(p.id);
    if (slope === undefined) return [];
    const strength = Math.abs(slope) / max;
    return [
      {
        id: p.id,
        position: [p.lon, p.lat],
        angle: Math.sign(slope) * 75 * strength,
        size: 14 + 18 * strength,
        color: [...COLORS[trendJudgement(slope, direction)]],
      },
    ];
  });
  return { glyphs, slopes };
}
