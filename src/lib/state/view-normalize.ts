// One set of rules that makes a view consistent, used by URL parsing and by every
// update from the UI: the year and the range lie on years the indicator has, the
// range runs forwards and spans more than one year where the indicator allows,
// a change map needs two years, manual breaks exist only with cls=manual.
import type { SiteInfo, ViewMode, ViewState } from './view-state';

/** Nearest entry of `years` to `target` (the later one on a tie); `target` itself if `years` is empty. */
export function nearestYear(years: readonly number[], target: number): number {
  let best = target;
  let bestDist = Infinity;
  for (const y of years) {
    const d = Math.abs(y - target);
    if (d < bestDist || (d === bestDist && y > best)) {
      best = y;
      bestDist = d;
    }
  }
  return best;
}

/**
 * The year range `from`–`to` on the indicator's years, in order; a range of one year starts at the
 * first year instead. A change map over one year (an indicator with a single year) becomes a plain map.
 */
export function normalizeRange(
  years: readonly number[],
  from: number,
  to: number,
  mode: ViewMode,
): { from: number; to: number; mode: ViewMode; changeDropped: boolean } {
  let a = nearestYear(years, from);
  let b = nearestYear(years, to);
  if (a > b) [a, b] = [b, a];
  if (a === b) a = years[0] ?? a;
  const changeDropped = a === b && mode === 'change';
  return { from: a, to: b, mode: changeDropped ? 'map' : mode, changeDropped };
}

/** A view made consistent with its site (whose id and indicator it is assumed to name). */
export function normalizeView(view: ViewState, site: SiteInfo): ViewState {
  const years = site.indicators.find((i) => i.id === view.ind)?.years ?? [];
  const range = normalizeRange(years, view.from, view.to, view.mode);
  return {
    ...view,
    year: nearestYear(years, view.year),
    from: range.from,
    to: range.to,
    mode: range.mode,
    breaks: view.cls === 'manual' ? view.breaks : null,
    start: view.start === null ? null : nearestYear(years, view.start),
  };
}
