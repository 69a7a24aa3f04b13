// The short generated text of an area catalogue page ("Gebietskatalog"): one or two
// sentences per indicator that say where the area stands against the reference (the
// city, Germany) and how the value changed since the first year of its series, e.g.
// "Bei „Ausländeranteil“ liegt Lindenau mit 30,7 % deutlich über dem städtischen Wert
// von 13,4 %. Seit 2015 ist der Wert um 4,1 Prozentpunkte gesunken."
//
// Thresholds (documented here and in the unit test):
// - Position: the relative deviation r = (value − reference) / |reference|.
//   |r| < 5 %: "etwa gleichauf" (about level); 5 % ≤ |r| < 25 %: above / below;
//   |r| ≥ 25 %: "deutlich" (well) above / below. No reference (or 0): no comparison.
// - Change from the first year of the series with a value to the catalogue's year:
//   shares (unit percent) in percentage points, "nahezu unverändert" below 0.5 points;
//   every other unit as a relative change in percent, "nahezu unverändert" below 2 %.
// Only values that are numbers enter: a value known only as "< 1 %", a hidden (".")
// or a missing one gets no sentence — never a comparison with 0.
import { formatNumber, formatValue, type Lang, type Unit } from '../analysis/format';
import { translate, type MessageKey } from '../i18n';
import '../i18n/panels-messages';

export const LEVEL_THRESHOLD = 0.05;
export const WELL_THRESHOLD = 0.25;
export const FLAT_POINTS = 0.5;
export const FLAT_PERCENT = 2;

export type Position = 'well-above' | 'above' | 'level' | 'below' | 'well-below';

/** Where a value stands against its reference, or null without a usable reference. */
export function position(value: number, reference: number | null): Position | null {
  if (reference === null || !Number.isFinite(reference) || reference === 0 || !Number.isFinite(value)) return null;
  const r = (value - reference) / Math.abs(reference);
  if (Math.abs(r) < LEVEL_THRESHOLD) return 'level';
  if (r > 0) return r >= WELL_THRESHOLD ? 'well-above' : 'above';
  return r <= -WELL_THRESHOLD ? 'well-below' : 'below';
}

export interface SeriesChange {
  from: number;
  /** Percentage points (kind 'points') or percent of the first value (kind 'percent'). */
  delta: number;
  kind: 'points' | 'percent';
  trend: 'up' | 'down' | 'flat';
}

/** The change from the first year with a value up to `year` (null: fewer than two years, or a relative change from 0). */
export function seriesChange(series: readonly { year: number; value: number | null }[], year: number, unit: Unit): SeriesChange | null {
  const present = series.filter((p): p is { year: number; value: number } => p.value !== null && Number.isFinite(p.value) && p.year <= year);
  const first = present[0];
  const last = present.find((p) => p.year === year);
  if (!first || !last || first.year === last.year) return null;
  if (unit === 'percent') {
    const delta = last.value - first.value;
    return { from: first.year, delta, kind: 'points', trend: Math.abs(delta) < FLAT_POINTS ? 'flat' : delta > 0 ? 'up' : 'down' };
  }
  if (first.value === 0) return null;
  const delta = ((last.value - first.value) / Math.abs(first.value)) * 100;
  return { from: first.year, delta, kind: 'percent', trend: Math.abs(delta) < FLAT_PERCENT ? 'flat' : delta > 0 ? 'up' : 'down' };
}

export interface SentenceInput {
  area: string;
  label: string;
  unit: Unit;
  decimals: number;
  /** The area's value in `year`; null (missing, hidden, "< 1 %") gives no sentence. */
  value: number | null;
  reference: number | null;
  /** The reference's level id ('stadt', 'bund', …) and name, for "dem städtischen Wert". */
  referenceLevel: string;
  referenceName: string;
  year: number;
  series: readonly { year: number; value: number | null }[];
}

function referencePhrase(lang: Lang, level: string, name: string): string {
  if (level === 'stadt') return translate(lang, 'catalog.ref.city');
  if (level === 'bund') return translate(lang, 'catalog.ref.country');
  return translate(lang, 'catalog.ref.other', { name });
}

function changeText(c: SeriesChange, decimals: number, lang: Lang): string {
  const abs = Math.abs(c.delta);
  return c.kind === 'points'
    ? translate(lang, 'catalog.text.points', { n: formatNumber(abs, Math.max(decimals, 1), lang) })
    : formatValue(abs, 'percent', 1, lang);
}

/** The sentences about one indicator of one area (empty when the value is not a number). */
export function indicatorSentences(input: SentenceInput, lang: Lang): string[] {
  if (input.value === null || !Number.isFinite(input.value)) return [];
  const value = formatValue(input.value, input.unit, input.decimals, lang);
  const pos = position(input.value, input.reference);
  const out: string[] = [];
  if (pos !== null) {
    out.push(
      translate(lang, 'catalog.text.compare', {
        label: input.label,
        area: input.area,
        value,
        position: translate(lang, `catalog.pos.${pos}` as MessageKey),
        reference: referencePhrase(lang, input.referenceLevel, input.referenceName),
        refValue: formatValue(input.reference, input.unit, input.decimals, lang),
      }),
    );
  } else {
    out.push(translate(lang, 'catalog.text.value', { label: input.label, area: input.area, value, year: input.year }));
  }
  const c = seriesChange(input.series, input.year, input.unit);
  if (c) {
    const key: MessageKey = c.trend === 'flat' ? 'catalog.text.flat' : c.trend === 'up' ? 'catalog.text.up' : 'catalog.text.down';
    out.push(translate(lang, key, { from: c.from, change: changeText(c, input.decimals, lang) }));
  }
  return out;
}

/**
 * The text of a page: the sentences of the `max` indicators that differ most from their
 * reference (|r|, largest first; ties in the given order). Sums of counts (residents, the
 * unemployed) are left out by the caller: an area's count against the city's total says nothing.
 */
export function areaSummary(inputs: readonly SentenceInput[], lang: Lang, max = 3): string[] {
  const scored = inputs
    .map((input, i) => {
      const usable = input.value !== null && Number.isFinite(input.value) && position(input.value, input.reference) !== null;
      const r = usable ? Math.abs((input.value! - input.reference!) / Math.abs(input.reference!)) : -1;
      return { input, i, r };
    })
    .filter((s) => s.r >= 0)
    .sort((a, b) => b.r - a.r || a.i - b.i)
    .slice(0, max);
  return scored.flatMap((s) => [indicatorSentences(s.input, lang).join(' ')]);
}
