// Figures of the similar-areas view (mode=similar) and of the before/after view (mode=did):
// values from the value cache (DuckDB answers), computed by the pure functions
// similarAreas (analysis/similar-areas.ts) and differenceInDifferences (analysis/did.ts).
import type { Indicator, Site } from '../data/catalog-types';
import { baseLevel } from '../data/catalog';
import { isProgrammeLevel, PROGRAMME_LEVEL, type ProgrammeArea } from '../data/programme-areas';
import type { AreaValue } from '../data/values';
import { valueOrMidpoint } from '../analysis/below';
import { areaKey, DEFAULT_SIMILAR_K, similarAreas, type SimilarResult, type SimilarRow } from '../analysis/similar-areas';
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
  /** Areas compared (with the selected one; 1: there is nothing to compare it with). */
  areaCount: number;
  /**
   * Across sites (simx): result ids of other sites' areas (areaKey(site, id)) → the site, the area's id
   * there and its name. Ids without an entry are areas of the shown site.
   */
  foreign: ReadonlyMap<string, ForeignArea>;
  /** The other sites whose areas were compared (empty: within the site). */
  acrossSites: string[];
  /** Other sites' areas left out because the shown site (or an earlier other site) has an area of the same id. */
  duplicates: number;
  /**
   * A programme area is compared with the base areas outside it (the other programme areas are too
   * few and overlap it): the result's ids are then areas of this base level, named here. null otherwise.
   */
  baseOf: { level: string; names: ReadonlyMap<string, string> } | null;
}

export interface ForeignArea {
  site: string;
  id: string;
  name: string;
}

/**
 * The other sites similar areas can be compared across: a non-grid site other than the shown one that
 * has a level of the same id and every compared indicator (by id), in the order given.
 */
export function similarAcrossSites(site: Site, view: Pick<ViewState, 'sim' | 'level'>, sites: readonly Site[]): Site[] {
  const ids = similarIndicators(site, view).map((i) => i.id);
  if (ids.length === 0) return [];
  return sites.filter(
    (s) => s.id !== site.id && s.kind !== 'grid' && s.levels.some((l) => l.id === view.level) && ids.every((id) => s.indicators.some((i) => i.id === id)),
  );
}

/** The values of the compared indicators per area of a level (each indicator in the year nearest to `year`). */
async function columnsOf(cache: ValueCache, site: Site, level: string, picks: { ind: Indicator; year: number }[]) {
  // A value known only as "< 1 %" enters with its midpoint (as in the social index).
  const columns = (await cache.yearValues(site, level, picks)).map((m) => new Map([...m].map(([id, v]) => [id, valueOrMidpoint(v)])));
  const ids = new Set<string>();
  for (const c of columns) for (const id of c.keys()) ids.add(id);
  return { ids, columns };
}

/**
 * The k areas most similar to the selected one, by the chosen indicators in the shown year: within
 * the level, and with view.simx also the same level of the other sites in `sites` (similarAcrossSites).
 * Across sites the z-standardisation is over the union of all compared areas. An area id the shown
 * site has is not taken again from another site (the Kreise site and the Gemeinden site both hold
 * the 400 Kreise, from different sources): the shown site's values count; between other sites the
 * first in `sites` wins.
 */
export async function buildSimilar(
  cache: ValueCache,
  site: Site,
  view: ViewState,
  k = DEFAULT_SIMILAR_K,
  sites: readonly Site[] = [],
  programmeAreas: readonly ProgrammeArea[] = [],
): Promise<SimilarData> {
  const target = focusArea(view);
  const inds = similarIndicators(site, view);
  const indicators = inds.map((ind) => ({ ind, year: nearestYear(ind.years, view.year) }));
  const others = view.simx ? similarAcrossSites(site, view, sites) : [];
  const foreign = new Map<string, ForeignArea>();
  const empty = { target, level: view.level, indicators, result: null, areaCount: 0, foreign, acrossSites: [], duplicates: 0, baseOf: null };
  if (target === null) return empty;
  const programme = isProgrammeLevel(view.level) && site.kind !== 'grid' ? programmeAreas.find((a) => a.site === site.id && a.id === target) : undefined;
  if (programme) return similarToProgrammeArea(cache, site, programme, inds, indicators, k, empty);
  const own = await columnsOf(cache, site, view.level, indicators);
  const rows: SimilarRow[] = [...own.ids].map((id) => ({ id, values: own.columns.map((c) => c.get(id) ?? null) }));
  const taken = new Set(own.ids);
  let duplicates = 0;
  const across = await Promise.all(
    others.map(async (other) => {
      const picks = inds.map((i) => other.indicators.find((o) => o.id === i.id)!).map((ind) => ({ ind, year: nearestYear(ind.years, view.year) }));
      const [data, names] = await Promise.all([columnsOf(cache, other, view.level, picks), cache.names(other, view.level)]);
      return { other, data, names };
    }),
  );
  for (const { other, data, names } of across) {
    for (const id of data.ids) {
      if (taken.has(id)) {
        duplicates++;
        continue;
      }
      taken.add(id);
      const key = areaKey(other.id, id);
      foreign.set(key, { site: other.id, id, name: names.get(id) ?? id });
      rows.push({ id: key, values: data.columns.map((c) => c.get(id) ?? null) });
    }
  }
  const result = similarAreas(
    target,
    inds.map((i) => i.id),
    rows,
    { k },
  );
  return { ...empty, result, areaCount: rows.length, acrossSites: others.map((o) => o.id), duplicates };
}

/**
 * A programme area against the base areas outside it (none of its members, also not those it cuts):
 * z-standardised over those base areas and the programme area itself.
 */
async function similarToProgrammeArea(
  cache: ValueCache,
  site: Site,
  area: ProgrammeArea,
  inds: Indicator[],
  indicators: { ind: Indicator; year: number }[],
  k: number,
  empty: SimilarData,
): Promise<SimilarData> {
  const base = baseLevel(site).id;
  const [own, bases, names] = await Promise.all([
    columnsOf(cache, site, PROGRAMME_LEVEL, indicators),
    columnsOf(cache, site, base, indicators),
    cache.names(site, base),
  ]);
  const members = new Set(area.members);
  const rows: SimilarRow[] = [{ id: area.id, values: own.columns.map((c) => c.get(area.id) ?? null) }];
  for (const id of bases.ids) if (!members.has(id)) rows.push({ id, values: bases.columns.map((c) => c.get(id) ?? null) });
  const result = similarAreas(
    area.id,
    inds.map((i) => i.id),
    rows,
    { k },
  );
  return { ...empty, result, areaCount: rows.length, baseOf: { level: base, names } };
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
  /** Names of the comparison areas when they are of another level than the shown one (a programme area's similar base areas). */
  groupNames: ReadonlyMap<string, string> | null;
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
  const base: Omit<DidData, 'target' | 'groupLevel' | 'groupNames' | 'comparisonIds' | 'treated' | 'comparisonMean' | 'outcome' | 'breaks' | 'similarYear'> = {
    ind,
    start,
    startChoices: window.slice(1),
    from: view.from,
    to: view.to,
    group: view.cg,
  };
  if (target === null) {
    return { ...base, target, groupLevel: view.level, groupNames: null, comparisonIds: [], treated: [], comparisonMean: [], outcome: null, breaks: [], similarYear: null };
  }
  const data = await cache.get(site, view.level, ind);
  const treated = seriesOf(target, data.byArea.get(target));

  let groupLevel = view.level;
  let groupNames: ReadonlyMap<string, string> | null = null;
  let groupData = data;
  let comparisonIds: string[];
  let similarYear: number | null = null;
  if (view.cg === 'similar') {
    const similar = await buildSimilar(cache, site, view, DEFAULT_SIMILAR_K, [], programmeAreas);
    comparisonIds = similar.result?.ok ? similar.result.areas.map((a) => a.id) : [];
    similarYear = view.year;
    // A programme area's similar areas are base areas.
    if (similar.baseOf) {
      groupLevel = similar.baseOf.level;
      groupNames = similar.baseOf.names;
      groupData = await cache.get(site, groupLevel, ind);
    }
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
  return { ...base, target, groupLevel, groupNames, comparisonIds, treated: treatedPoints, comparisonMean, outcome, breaks, similarYear };
}
