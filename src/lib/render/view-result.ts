// What the map, legend and tooltip show for a view, computed from the DuckDB
// answers by pure functions: one year's classes, the change between two years,
// small multiples, the swipe view's second map. No DOM, no engine, no map.
import type { Indicator, Site } from '../data/catalog-types';
import { isAggregable } from '../data/catalog';
import type { AreaValue, LevelData } from '../data/values';
import { classify, type Classification } from '../analysis/classify';
import { areaColor } from '../analysis/class-colors';
import { belowBound } from '../analysis/below';
import { change, divergingBreaks, naturalMeasure, type ChangeMeasure } from '../analysis/change';
import { divergingColors, paletteColors } from '../map/palette';
import { type ViewState } from '../state/view-state';
import { nearestYear } from '../state/view-normalize';

/** What the map, legend and tooltip show for the current view. */
export interface ViewResult {
  key: string;
  /** Change mode: the range and measure, and each area's values in the two years. */
  change: {
    from: number;
    to: number;
    measure: ChangeMeasure;
    ends: ReadonlyMap<string, [number | null, number | null]>;
    /** The ends known only to lie below a bound ("< 1 %"), for the areas that have one: [from, to] bounds. */
    endsBelow?: ReadonlyMap<string, [number | null, number | null]>;
  } | null;
  /** Small multiples: each year's colour per area, all from one classification. */
  multiples: { year: number; colors: ReadonlyMap<string, string | null> }[] | null;
  values: ReadonlyMap<string, AreaValue>;
  classification: Classification | null;
  colors: readonly string[];
  aggregable: boolean;
}

/** The right-hand map of the swipe view: another year (same classes) or another indicator (own classes). */
export interface SwipeSide {
  key: string;
  ind: Indicator;
  year: number;
  colors: ReadonlyMap<string, string | null>;
  /** Own classes (another indicator); null when the left map's classes are used. */
  classification: Classification | null;
  palette: readonly string[];
}

/** The part of the view that decides which data a result rests on (with the classes it names what is painted). */
export function dataKey(v: ViewState): string {
  const base = `${v.site}|${v.level}|${v.ind}|${v.year}`;
  if (v.mode === 'change') return `${base}|change:${v.from}-${v.to}:${v.chg ?? 'auto'}`;
  if (v.mode === 'bivariate') return `${base}|bivariate:${v.ind2 ?? ''}`;
  if (v.mode === 'index') return `${base}|index:${v.from}-${v.to}:${v.idx.map((p) => `${p.id}:${p.w}`).join(',')}:${v.idxmin ?? 'auto'}:${v.idxdyn ?? 'range'}`;
  if (v.mode === 'lisa') return `${base}|lisa`;
  if (v.mode === 'swipe') return `${base}|swipe:${v.ind2 ?? ''}:${v.from}`;
  return v.mode === 'multiples' ? `${base}|multiples:${v.from}-${v.to}` : base;
}

/** The key of a painted view: its data, its classes, and whether the values came from DuckDB or the first view. */
export function paintedKeyOf(v: ViewState, fromEngine: boolean): string {
  return `${dataKey(v)}|${v.cls}|${v.k}|${fromEngine ? 'db' : 'first'}`;
}

/** A swipe between two years of one indicator (no different second indicator chosen). */
export function swipesYears(v: ViewState): boolean {
  return v.mode === 'swipe' && (v.ind2 === null || v.ind2 === v.ind);
}

/** Whether a view's classes span several years (small multiples, a swipe between years): it needs all years. */
export function needsAllYears(v: ViewState): boolean {
  return v.mode === 'multiples' || swipesYears(v);
}

/** Each area's map colour in a result (secret values grey). */
export function resultColors(result: ViewResult): Map<string, string | null> {
  // A loop, not [...values].map(): no array of 100,000 pairs to collect at a large level.
  const out = new Map<string, string | null>();
  for (const [id, v] of result.values) out.set(id, areaColor(v, result.classification, result.colors));
  return out;
}

/**
 * The areas of a result whose value is known only to lie below a bound ("< 1 %"): how many, the
 * (largest) bound, and the colour the map gives them (null: hatched, when a class break lies below
 * the bound). Null when there are none. Classification counts them as missing, the legend apart.
 */
export function belowSummary(result: ViewResult | null): { count: number; bound: number; color: string | null } | null {
  if (!result) return null;
  let count = 0;
  let bound = 0;
  for (const v of result.values.values()) {
    const b = belowBound(v);
    if (b === null || v.secret) continue;
    count++;
    bound = Math.max(bound, b);
  }
  return count === 0 ? null : { count, bound, color: areaColor({ value: null, below: bound }, result.classification, result.colors) };
}

/** One year's map; with `all` (small multiples, swipe between years) the classes come from every year shown, the same for each map. */
export function buildResult(view: ViewState, site: Site, ind: Indicator, rows: readonly AreaValue[], all: LevelData | null = null): ViewResult {
  const values = new Map<string, AreaValue>();
  for (const r of rows) values.set(r.id, r);
  const aggregable = isAggregable(site, ind, view.level);
  // Classes over several years: every year from–to (small multiples), or the two years of a swipe.
  const years = !all ? [] : swipesYears(view) ? [view.from, view.year] : ind.years.filter((y) => y >= view.from && y <= view.to);
  const nums = all ? years.flatMap((y) => (all.byYear.get(y) ?? []).map((r) => r.value)) : rows.map((r) => r.value);
  const classification = aggregable && nums.some((v) => v !== null) ? classify(nums, view.cls, view.k, view.breaks ?? undefined) : null;
  const colors = classification ? paletteColors(classification.k, ind.direction) : [];
  const multiples =
    all && view.mode === 'multiples'
      ? years.map((year) => ({ year, colors: new Map((all.byYear.get(year) ?? []).map((r) => [r.id, areaColor({ value: r.value, below: r.below }, classification, colors)])) }))
      : null;
  return { key: dataKey(view), values, classification, colors, aggregable, change: null, multiples };
}

/** Change between `from` and `to`: diverging classes centred on zero, "worse" in red. */
export function buildChange(view: ViewState, site: Site, ind: Indicator, data: LevelData): ViewResult {
  const measure = view.chg ?? naturalMeasure(ind.unit);
  const fromRows = new Map((data.byYear.get(view.from) ?? []).map((r) => [r.id, r]));
  const ends = new Map<string, [number | null, number | null]>();
  const endsBelow = new Map<string, [number | null, number | null]>();
  const rows = (data.byYear.get(view.to) ?? []).map((r) => {
    const from = fromRows.get(r.id);
    const a = from?.value ?? null;
    ends.set(r.id, [a, r.value]);
    const belowA = belowBound(from);
    const belowB = belowBound(r);
    if (belowA !== null || belowB !== null) endsBelow.set(r.id, [belowA, belowB]);
    // A change from or to a secret value is itself secret.
    const secret = r.secret ?? from?.secret;
    // A change from or to a value known only as "< 1 %" is unknown (missing), not "< 1 %" itself.
    const rest: AreaValue = { ...r };
    delete rest.below;
    return { ...rest, value: change(a, r.value, measure), ...(secret ? { secret } : {}) };
  });
  const values = new Map(rows.map((r) => [r.id, r]));
  const aggregable = isAggregable(site, ind, view.level);
  const nums = rows.map((r) => r.value);
  const k = Math.max(3, Math.min(9, view.k));
  const classification = aggregable && nums.some((v) => v !== null) ? classify(nums, 'manual', k, divergingBreaks(nums, k)) : null;
  // RdBu runs red (low) to blue (high): reversed when a rise is bad, purple–orange when neutral.
  const base = divergingColors(k, ind.direction === 'neutral' ? 'PuOr' : 'RdBu');
  const colors = ind.direction === 'higher-worse' ? [...base].reverse() : base;
  return { key: dataKey(view), values, classification, colors, aggregable, change: { from: view.from, to: view.to, measure, ends, ...(endsBelow.size > 0 ? { endsBelow } : {}) }, multiples: null };
}

/** The indicator and year the swipe view's right-hand map shows: `ind2` in the same year, or `ind` in the year `from`. */
export function swipeTarget(view: ViewState, site: Site, ind: Indicator): { ind: Indicator; year: number; ownClasses: boolean } {
  const other = view.ind2 && view.ind2 !== ind.id ? site.indicators.find((i) => i.id === view.ind2) : undefined;
  if (other) return { ind: other, year: nearestYear(other.years, view.year), ownClasses: true };
  return { ind, year: view.from, ownClasses: false };
}

/**
 * The right-hand map of the swipe view: another indicator in the same year with its own
 * classes, or the same indicator in the year `from` coloured with the left map's classes
 * (computed over both years), so that colours compare across years.
 */
export function buildSwipe(view: ViewState, site: Site, left: ViewResult, target: ReturnType<typeof swipeTarget>, data: LevelData): SwipeSide {
  const rows = data.byYear.get(target.year) ?? [];
  let classification = left.classification;
  let palette = left.colors;
  if (target.ownClasses) {
    const nums = rows.map((r) => r.value);
    classification = isAggregable(site, target.ind, view.level) && nums.some((v) => v !== null) ? classify(nums, view.cls, view.k) : null;
    palette = classification ? paletteColors(classification.k, target.ind.direction) : [];
  }
  const colors = new Map(rows.map((r) => [r.id, areaColor({ value: r.value, below: r.below }, classification, palette)] as const));
  return {
    key: `${site.id}|${view.level}|${target.ind.id}|${target.year}`,
    ind: target.ind,
    year: target.year,
    colors,
    classification: target.ownClasses ? classification : null,
    palette,
  };
}

/** A grid site's classes over every cell's value (NaN = missing). */
export function buildGridResult(view: ViewState, ind: Indicator, values: Float32Array): ViewResult {
  const nums = Array.from(values, (v) => (Number.isNaN(v) ? null : v));
  const classification = nums.some((v) => v !== null) ? classify(nums, view.cls, view.k, view.breaks ?? undefined) : null;
  const colors = classification ? paletteColors(classification.k, ind.direction) : [];
  return { key: dataKey(view), values: new Map(), classification, colors, aggregable: true, change: null, multiples: null };
}
