// The tooltip's text for a hovered area or grid cell (pure: from the shown result).
import type { Indicator } from '../data/catalog-types';
import type { AreaValue } from '../data/values';
import { formatChange } from '../analysis/change';
import { formatValue } from '../analysis/format';
import { translate, type Lang } from '../i18n';
import { describeValue, valueText } from './describe';
import type { ViewResult } from './view-result';

/** A grid cell's value (NaN or out of range = missing). */
export function gridHoverText(values: Float32Array | null, index: number, ind: Indicator, lang: Lang): { text: string; note: string | null } {
  const v = values?.[index];
  const value = v === undefined || Number.isNaN(v) ? null : v;
  return { text: formatValue(value, ind.unit, ind.decimals, lang), note: null };
}

/**
 * An area's value as the map shows it: the change with both ends in change mode; otherwise the
 * value (with why it is missing), and with trend arrows the slope and the years behind it.
 */
export function areaHoverText(
  id: string,
  ind: Indicator,
  result: ViewResult | null,
  trend: { slope: number | undefined; series: readonly AreaValue[]; from: number; to: number } | null,
  lang: Lang,
): { text: string; note: string | null } {
  if (result?.change) {
    const [a, b] = result.change.ends.get(id) ?? [null, null];
    const [belowA, belowB] = result.change.endsBelow?.get(id) ?? [null, null];
    const v = result.values.get(id)?.value ?? null;
    return {
      text: formatChange(v, result.change.measure, ind.unit, ind.decimals, lang),
      note: `${result.change.from}: ${valueText({ value: a, below: belowA }, ind, lang)} → ${result.change.to}: ${valueText({ value: b, below: belowB }, ind, lang)}`,
    };
  }
  const described = describeValue(result?.values.get(id), ind, result?.aggregable ?? true, lang);
  if (trend?.slope === undefined) return described;
  const inRange = trend.series.filter((p) => p.year >= trend.from && p.year <= trend.to);
  const years = inRange.map((p) => `${p.year}: ${valueText(p, ind, lang)}`).join(' · ');
  const perYear = formatChange(trend.slope, 'abs', ind.unit, Math.max(ind.decimals, 1) + 1, lang);
  return { text: described.text, note: `${translate(lang, 'trend.slope', { slope: perYear })}\n${years}` };
}
