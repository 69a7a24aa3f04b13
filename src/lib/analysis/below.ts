// Values known only to lie below a bound (AreaValue.below): Leipzig's SGB-II-Quote, which the
// source truncates to whole percent, so a share under 1 % arrives as "0" (site-package.js
// BELOW_PREFIX, data/SOURCES.md). Such a value is not missing: it is shown as "< 1 %", coloured in
// the lowest class, ranked below the known values, and the social index uses the interval's midpoint.
import type { Classification } from './classify';
import { formatValue, type Lang, type Unit } from './format';

/** What a value row may carry: its value, or only an upper bound. */
export interface MaybeBelow {
  value: number | null;
  below?: number | null;
}

/** The bound when a row's value is known only to lie below it (its value missing), else null. */
export function belowBound(v: MaybeBelow | undefined): number | null {
  return v && v.value === null && typeof v.below === 'number' && Number.isFinite(v.below) && v.below > 0 ? v.below : null;
}

/** "< 1 %" (German, with a no-break space before the unit as every value has) / "< 1%" (English). */
export function formatBelow(bound: number, unit: Unit, lang: Lang): string {
  const decimals = Number.isInteger(bound) ? 0 : String(bound).split('.')[1]!.length;
  return `<\u00a0${formatValue(bound, unit, decimals, lang)}`;
}

/**
 * The class of a value known only to lie in [0, bound): the class every such value falls in, or
 * −1 when a class break lies inside the interval (the class is then unknown). With the usual
 * classes of the SGB-II-Quote (every known value is ≥ 1 %, so every break is too) this is the
 * lowest class.
 */
export function belowClass(bound: number, classification: Classification | null): number {
  if (!classification) return -1;
  const low = classification.classOf(0);
  return classification.breaks.some((b) => b > 0 && b < bound) ? -1 : low;
}

/**
 * The number an analysis that needs one (the social index) uses for a value in [0, bound): the
 * interval's midpoint, bound / 2 (0.5 % for "< 1 %"). Known values are used as they are.
 */
export function valueOrMidpoint(v: MaybeBelow | undefined): number | null {
  if (!v) return null;
  const bound = belowBound(v);
  return bound !== null ? bound / 2 : v.value;
}
