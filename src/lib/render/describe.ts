import type { Indicator } from '../data/catalog-types';
import type { AreaValue } from '../data/values';
import { formatValue } from '../analysis/format';
import { belowBound, formatBelow, type MaybeBelow } from '../analysis/below';
import { translate, type Lang } from '../i18n';

/** A value as text: "12,3 %", "< 1 %" for a value known only to lie below 1 %, "keine Angabe" when missing. */
export function valueText(v: MaybeBelow | undefined, ind: Pick<Indicator, 'unit' | 'decimals'>, lang: Lang): string {
  const bound = belowBound(v);
  return bound !== null ? formatBelow(bound, ind.unit, lang) : formatValue(v?.value ?? null, ind.unit, ind.decimals, lang);
}

/** The text shown for one area's value, with why it is missing where known. */
export function describeValue(
  v: AreaValue | undefined,
  ind: Indicator,
  aggregable: boolean,
  lang: Lang,
): { text: string; note: string | null } {
  if (!aggregable) return { text: translate(lang, 'value.missing'), note: translate(lang, 'value.notAggregable') };
  if (v?.secret) return { text: '.', note: translate(lang, v.secret === 'primary' ? 'value.secret' : 'value.secretSecondary') };
  const bound = belowBound(v);
  if (bound !== null) return { text: formatBelow(bound, ind.unit, lang), note: translate(lang, 'value.below') };
  const value = v?.value ?? null;
  const text = formatValue(value, ind.unit, ind.decimals, lang);
  if (value === null && v && v.n > 1 && v.present < v.n) {
    return { text, note: translate(lang, 'value.incomplete', { present: v.present, n: v.n }) };
  }
  if (value !== null && v?.coverage !== null && v?.coverage !== undefined && v.coverage < 1) {
    const coverage = formatValue(v.coverage * 100, 'percent', 1, lang);
    return { text, note: translate(lang, 'value.partial', { present: v.present, n: v.n, coverage }) };
  }
  return { text, note: null };
}
