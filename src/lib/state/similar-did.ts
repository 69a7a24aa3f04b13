// Figures of the similar-areas view (mode=similar) and of the before/after view (mode=did):
// values from the value cache (DuckDB answers), computed by the pure functions
// similarAreas (analysis/similar-areas.ts) and differenceInDifferences (analysis/did.ts).
import type { Indicator, Site } from '../data/catalog-types';
import { baseLevel } from '../data/catalog';
import { isProgrammeLevel, type ProgrammeArea } from '../data/programme-areas';
import type { AreaValue, LevelData } from '../data/values';
import { valueOrMidpoint } from '../analysis/below';
import { DEFAULT_SIMILAR_K, similarAreas, type SimilarResult, type SimilarRow } from '../analysis/similar-areas';
import { differenceInDifferences, type DidOutcome, type DidSeries } from '../analysis/did';
import type { ValueCache } from './value-cache';
import { nearestYear } from './view-normalize';
import type { ViewState } from './view-state';

/** The area the two views are about: the last selected one. */
export function focusArea(view: Pick<ViewState, 'sel'>): string | null {
  return view.sel.at(-1) ?? null;
}

/** The default indicators of similar areas: the site's shares; with fewer than two, every indicator that is not a count. */
export function defaultSimilarIndicators(site: Pick<Site, 'indicators'>): string[] {
  const shares = site.indicators.filter((i) => i.unit === 'percent');
  if (shares.length >= 2) return shares.map((i) => i.id);
  const rates = site.indicators.filter((i) => i.unit !== 'count');
  return (rates.length >= 2 ? rates : site.indicators).map((i) => i.id);
}

/** The indicators compared: the URL's (`sim`), else the default set; unknown ids are left out. */
export function similarIndicators(site: Site, view: Pick<ViewState, 'sim'>): Indicator[] {
  const ids = view.sim.length > 0 ? view.sim : defaultSimilarIndicators(site);
  return ids.flatMap((id) => site.indicators.filter((i) => i.id === id));
}

export interface SimilarData {
  /** The selected area, or null (nothing selected: the panel asks for a selection). */
  target: string | null;
  level: string;
  /** The indicators asked for, each with the year used (the nearest it has to the shown year). */
  indicators: { ind: Indicator; year: number }[];
  /** null without a selected area. */
  result: SimilarResult | null;
  /** Areas of the level (with the selected one; 1: there is nothing to compare it with). */
  areaCount: number;
}

/** Values per area for one year; a value known only as "< 1 %" enters with its midpoint (as in the social index). */
function valuesIn(data: LevelData, year: number): Map<string, number | null> {
  return new Map((data.byYear.get(year) ?? []).map((r) => [r.id, valueOrMidpoint(r)]));
}

/** The k areas of the level most similar to the selected one, by the chosen indicators in the shown year. */
export async function buildSimilar(cache: ValueCache, site: Site, view: ViewState, k = DEFAULT_SIMILAR_K): Promise<SimilarData> {
  const target = focusArea(view);
  const inds = similarIndicators(site, view);
  const indicators = inds.map((ind) => ({ ind, year: nearestYear(ind.years, view.year) }));
  if (target === null) return { target, level: view.level, indicators, result: null, areaCount: 0 };
  const datas = await Promise.all(inds.map((ind) => cache.get(site, view.level, ind)));
  const columns = datas.map((d, j) => valuesIn(d, indicators[j]!.year));
  const ids = new Set<string>();
  for (const d of datas) for (const id of d.byArea.keys()) ids.add(id);
  const rows: SimilarRow[] = [...ids].map((id) => ({ id, values: columns.map((c) => c.get(id) ?? null) }));
  const result = similarAreas(
    target,
    inds.map((i) => i.id),
    rows,
    { k },
  );
  return { target, level: view.level, indicators, result, areaCount: rows.length };
}

/** One point of a chart series. */
export interface DidPoint {
  year: number;
  value: number;
}

export interface DidData {
  target: string | null;
  ind: Indicator;
  /** The start year used (the first year "after"). */
  start: number;
  /** Years a start may be chosen from (every year of the window after its first). */
  startChoices: number[];
  from: number;
  to: number;
  /** The comparison group asked for, and the level its areas are of (the base level for a programme area's rest). */
  group: ViewState['cg'];
  groupLevel: string;
  /** The comparison areas (before any were left out for missing values). */
  comparisonIds: string[];
  /** The selected area's series and the comparison group's mean per year (over the areas the estimate uses that have a value that year). */
  treated: DidPoint[];
  comparisonMean: (DidPoint & { n: number })[];
  outcome: DidOutcome | null;
  /** Catalog notes of series breaks (yearNotes) inside the years used: year → text. */
  breaks: { year: number; note: Indicator['label'] }[];
  /** With cg=similar: the year the similarity was measured in (the shown year). */
  similarYear: number | null;
}

/** The start year: the URL's, else a programme area's first year of funding, else the middle year of the window. */
export function didStart(view: Pick<ViewState, 'start' | 'from' | 'to'>, ind: Indicator, programmeStart: number | null): number {
  const window = ind.years.filter((y) => y >= view.from && y <= view.to);
  const usable = window.length > 1 ? window.slice(1) : ind.years;
  if (view.start !== null) return view.start;
  if (programmeStart !== null && usable.includes(programmeStart)) return programmeStart;
  return usable[Math.floor((usable.length - 1) / 2)] ?? view.to;
}

function seriesOf(id: string, rows: readonly AreaValue[] | undefined): DidSeries {
  return { id, values: new Map((rows ?? []).map((r) => [r.year, r.value])) };
}

/**
 * Before/after for the selected area and view.ind over view.from–view.to: the comparison group is the
 * rest of the level (for a programme area: the base areas outside it) or the similar areas (cg=similar).
 */
export async function buildDid(
  cache: ValueCache,
  site: Site,
  view: ViewState,
  programmeAreas: readonly ProgrammeArea[] = [],
): Promise<DidData> {
  const ind = site.indicators.find((i) => i.id === view.ind)!;
  const target = focusArea(view);
  const programme = isProgrammeLevel(view.level) && target !== null ? (programmeAreas.find((a) => a.site === site.id && a.id === target) ?? null) : null;
  const start = didStart(view, ind, programme?.startYear ?? null);
  const window = ind.years.filter((y) => y >= view.from && y <= view.to);
  const base: Omit<DidData, 'target' | 'groupLevel' | 'comparisonIds' | 'treated' | 'comparisonMean' | 'outcome' | 'breaks' | 'similarYear'> = {
    ind,
    start,
    startChoices: window.slice(1),
    from: view.from,
    to: view.to,
    group: view.cg,
  };
  if (target === null) {
    return { ...base, target, groupLevel: view.level, comparisonIds: [], treated: [], comparisonMean: [], outcome: null, breaks: [], similarYear: null };
  }
  const data = await cache.get(site, view.level, ind);
  const treated = seriesOf(target, data.byArea.get(target));

  let groupLevel = view.level;
  let groupData = data;
  let comparisonIds: string[];
  let similarYear: number | null = null;
  if (view.cg === 'similar') {
    const similar = await buildSimilar(cache, site, view);
    comparisonIds = similar.result?.ok ? similar.result.areas.map((a) => a.id) : [];
    similarYear = view.year;
  } else if (programme) {
    // A programme area against the rest of its site: the base areas that are none of its members.
    groupLevel = baseLevel(site).id;
    groupData = await cache.get(site, groupLevel, ind);
    const members = new Set(programme.members);
    comparisonIds = [...groupData.byArea.keys()].filter((id) => !members.has(id));
  } else {
    comparisonIds = [...data.byArea.keys()].filter((id) => id !== target);
  }
  const comparison = comparisonIds.map((id) => seriesOf(id, groupData.byArea.get(id)));
  const outcome = differenceInDifferences(treated, comparison, start, { from: view.from, to: view.to });

  const treatedPoints = window.flatMap((year) => {
    const v = treated.values.get(year);
    return v === null || v === undefined ? [] : [{ year, value: v }];
  });
  // The chart's mean is over the areas the estimate uses (those with a value before and after the start).
  const left = new Set(outcome.ok ? outcome.comparison.excluded : []);
  const used = comparison.filter((c) => !left.has(c.id));
  const comparisonMean = window.flatMap((year) => {
    let sum = 0;
    let n = 0;
    for (const c of used) {
      const v = c.values.get(year);
      if (v !== null && v !== undefined && Number.isFinite(v)) {
        sum += v;
        n++;
      }
    }
    return n > 0 ? [{ year, value: sum / n, n }] : [];
  });
  const years = outcome.ok ? [...outcome.years.pre, ...outcome.years.post] : window;
  const first = years[0] ?? view.from;
  const last = years.at(-1) ?? view.to;
  const breaks = Object.entries(ind.yearNotes ?? {})
    .map(([year, note]) => ({ year: Number(year), note }))
    .filter((b) => b.year > first && b.year <= last)
    .sort((a, b) => a.year - b.year);
  return { ...base, target, groupLevel, comparisonIds, treated: treatedPoints, comparisonMean, outcome, breaks, similarYear };
}
