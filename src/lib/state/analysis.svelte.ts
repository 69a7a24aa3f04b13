// Data for the compare-and-analyse views (compare table, profile, scatter,
// bivariate map, social index, hot spots). Everything is derived from the value
// cache (DuckDB answers) with the pure functions of lib/analysis; components only
// read the results.
import type { RestReference } from '../data/programme-rest-reference';
import { isProgrammeLevel, topLevel } from '../data/programme-areas';
import type { Indicator, Site } from '../data/catalog-types';
import { findLevel } from '../data/catalog';
import { levelGeometry } from '../data/geometry';
import type { ValueCache } from './value-cache';
import type { LevelData } from '../data/values';
import { type IndexWeight, type ViewState } from './view-state';
import { nearestYear } from './view-normalize';
import { defaultIndexWeights, secondIndicator } from './indicator-choice';
import { rankAreas, type RankedArea } from '../analysis/ranking';
import { regression, type Regression } from '../analysis/regression';
import { bivariateClasses, BIVARIATE_COLORS } from '../analysis/bivariate';
import { dynamicsWindow, MSS_MIN_RESIDENTS, socialIndex } from '../analysis/social-index';
import { queenNeighbours } from '../analysis/contiguity';
import { lisa, moransI, type LisaCluster, type MoranResult } from '../analysis/moran';
import { change } from '../analysis/change';
import { belowBound, valueOrMidpoint } from '../analysis/below';
import { isAggregable } from '../data/catalog';
import { siteRegistry } from '../data/site-registry.svelte';
import { buildDid, buildSimilar, type DidData, type SimilarData } from './similar-did';

/** One indicator for the level, in the year nearest to the view's year. */
export interface IndicatorFigures {
  ind: Indicator;
  year: number;
  aggregable: boolean;
  values: ReadonlyMap<string, number | null>;
  /** Areas whose value is known only to lie below a bound ("< 1 %"; their value is null): the bound. */
  below: ReadonlyMap<string, number>;
  /** The site's top level (city, Germany) in the same year. */
  reference: number | null;
  /**
   * On the programme level: each programme area's rest within its reference ("übrige Stadt", from
   * counts) in the same year, by area id (null: secret or missing); null on other levels and grid sites.
   */
  rest: ReadonlyMap<string, number | null> | null;
  /**
   * On a grid site's programme level: each programme area's town (the Gemeinde at its label point) and
   * the town's value in the grid's year, estimated from the cells with their centre in it (by area id;
   * value null: missing); null elsewhere.
   */
  town: ReadonlyMap<string, { id: string; name: string; cells: number; value: number | null }> | null;
  /** With `rest`: the area each rest lies in (the city, the Kreis …; absent: the whole site), for its name. */
  restRefs: ReadonlyMap<string, RestReference> | null;
  ranked: readonly RankedArea[];
  rankOf: ReadonlyMap<string, RankedArea>;
  /** Extent of the values (for position charts). */
  min: number | null;
  max: number | null;
  byArea: LevelData['byArea'];
}

export interface ScatterPoint {
  id: string;
  x: number | null;
  y: number | null;
  size: number | null;
}

export interface ScatterData {
  x: Indicator;
  y: Indicator;
  xYear: number;
  yYear: number;
  points: ScatterPoint[];
  fit: Regression | null;
}

export interface BivariateData {
  x: Indicator;
  y: Indicator;
  classes: ReadonlyMap<string, number | null>;
  counts: number[];
  missing: number;
  xBreaks: [number, number];
  yBreaks: [number, number];
}

export interface IndexData {
  weights: IndexWeight[];
  statusYear: number;
  from: number;
  to: number;
  status: ReadonlyMap<string, { score: number | null; cls: 1 | 2 | 3 | 4 | null }>;
  dynamics: ReadonlyMap<string, { score: number | null; cls: 1 | 2 | 3 | null }>;
  /** counts[status − 1][dynamics − 1] */
  counts: number[][];
  /** Areas without a class for a missing value (the not rated ones are counted apart). */
  missing: number;
  /** Areas with fewer residents are not rated (0: every area); the residents' year. */
  minResidents: number;
  residentsYear: number | null;
  /** Areas left out for having fewer than minResidents residents ("nicht bewertet"). */
  notRated: ReadonlySet<string>;
  /** How many values entered as their interval's midpoint (known only as "< 1 %"; status and the dynamics' two years). */
  estimated: number;
}

/** The indicator whose values are an area's residents (the social index's minimum). */
export const POPULATION_ID = 'einwohner';

/** The social index's minimum number of residents for a view: the URL's, else 300 (MSS) where the site has residents, else 0. */
export function indexMinResidents(site: Site, view: Pick<ViewState, 'idxmin'>): number {
  if (!site.indicators.some((i) => i.id === POPULATION_ID)) return 0;
  return view.idxmin ?? MSS_MIN_RESIDENTS;
}

export interface LisaData {
  ind: Indicator;
  year: number;
  global: MoranResult | null;
  clusters: ReadonlyMap<string, LisaCluster | null>;
  counts: Record<LisaCluster, number>;
  missing: number;
  islands: number;
}

export const LISA_COLORS: Record<LisaCluster, string> = {
  HH: '#d7191c',
  LL: '#2c7bb6',
  HL: '#fdae61',
  LH: '#abd9e9',
  ns: '#f4f4f4',
};
export const LISA_ORDER: readonly LisaCluster[] = ['HH', 'LL', 'HL', 'LH', 'ns'];

/**
 * Status (rows: hoch … sehr niedrig) × dynamics (columns: positiv, stabil, negativ).
 * '#f6b9a1' was ColorBrewer's '#fcbba1': with deuteranopia it came within ΔE00 3.9 of
 * '#fdd0a2' above it; see tests/unit/palette-cvd.test.ts.
 */
export const INDEX_COLORS: readonly (readonly string[])[] = [
  ['#deebf7', '#9ecae1', '#4292c6'],
  ['#fff7bc', '#fee391', '#fec44f'],
  ['#fdd0a2', '#fdae6b', '#f16913'],
  ['#f6b9a1', '#fb6a4a', '#cb181d'],
];

function valuesIn(data: LevelData, year: number): Map<string, number | null> {
  return new Map((data.byYear.get(year) ?? []).map((r) => [r.id, r.value]));
}

/** Values for an analysis that needs a number: a value known only as "below b" becomes b / 2 (below.ts). */
function estimatesIn(data: LevelData, year: number): Map<string, number | null> {
  return new Map((data.byYear.get(year) ?? []).map((r) => [r.id, valueOrMidpoint(r)]));
}

export class AnalysisData {
  /** Every indicator of the level (compare table and profile). */
  figures = $state.raw<IndicatorFigures[]>([]);
  scatter = $state.raw<ScatterData | null>(null);
  bivariate = $state.raw<BivariateData | null>(null);
  index = $state.raw<IndexData | null>(null);
  lisa = $state.raw<LisaData | null>(null);
  similar = $state.raw<SimilarData | null>(null);
  did = $state.raw<DidData | null>(null);
  /** Areas the map marks besides the selection: the similar areas, or the comparison group of a before/after view when it is them. */
  marked: string[] = [];
  /** An analysis failed (shown instead of its panel). */
  error = $state<string | null>(null);

  private readonly neighbours = new Map<string, Promise<{ ids: string[]; lists: number[][] }>>();

  /** Figures of one indicator for the level and year (nearest year it has). */
  async indicatorFigures(cache: ValueCache, site: Site, level: string, ind: Indicator, year: number): Promise<IndicatorFigures> {
    const top = topLevel(site).id;
    const y = nearestYear(ind.years, year);
    const withRest = isProgrammeLevel(level) && site.kind !== 'grid' && isAggregable(site, ind, level);
    const withTown = isProgrammeLevel(level) && site.kind === 'grid';
    const [data, ref, rest, restRefs, towns] = await Promise.all([
      cache.get(site, level, ind),
      top === level ? null : cache.get(site, top, ind),
      withRest ? cache.rest(site, ind) : null,
      withRest ? cache.restReferences(site) : null,
      withTown ? cache.gridTowns(site, ind, siteRegistry.programmeAreasOf(site.id)) : null,
    ]);
    const values = valuesIn(data, y);
    const below = new Map<string, number>();
    for (const r of data.byYear.get(y) ?? []) {
      const b = belowBound(r);
      if (b !== null) below.set(r.id, b);
    }
    const ranked = rankAreas([...values].map(([id, value]) => ({ id, value, below: below.get(id) ?? null })));
    const present = [...values.values()].filter((v): v is number => v !== null);
    return {
      ind,
      year: y,
      aggregable: isAggregable(site, ind, level),
      values,
      below,
      reference: ref ? ((ref.byYear.get(y) ?? [])[0]?.value ?? null) : null,
      rest: rest ? valuesIn(rest, y) : null,
      town: towns ? new Map([...towns.towns].map(([id, t]) => [id, { id: t.id, name: t.name, cells: t.cells, value: towns.values.get(t.id)?.value ?? null }])) : null,
      restRefs,
      ranked,
      rankOf: new Map(ranked.map((r) => [r.id, r])),
      min: present.length ? Math.min(...present) : null,
      max: present.length ? Math.max(...present) : null,
      byArea: data.byArea,
    };
  }

  /** Recomputes what the view's mode shows; returns map colours for the modes that recolour the map. */
  async refresh(cache: ValueCache, site: Site, view: ViewState): Promise<ReadonlyMap<string, string | null> | null> {
    this.error = null;
    this.marked = [];
    try {
      switch (view.mode) {
        case 'compare':
        case 'profile':
          this.figures = await Promise.all(site.indicators.map((ind) => this.indicatorFigures(cache, site, view.level, ind, view.year)));
          return null;
        case 'scatter':
          this.scatter = await this.buildScatter(cache, site, view);
          return null;
        case 'bivariate': {
          const data = await this.buildBivariate(cache, site, view);
          this.bivariate = data;
          return new Map([...data.classes].map(([id, c]) => [id, c === null ? null : (BIVARIATE_COLORS[c] ?? null)]));
        }
        case 'index': {
          const data = await this.buildIndex(cache, site, view);
          this.index = data;
          return new Map(
            [...data.status].map(([id, s]) => {
              const d = data.dynamics.get(id)?.cls ?? null;
              return [id, s.cls === null || d === null ? null : (INDEX_COLORS[s.cls - 1]?.[d - 1] ?? null)];
            }),
          );
        }
        case 'lisa': {
          const data = await this.buildLisa(cache, site, view);
          this.lisa = data;
          return new Map([...data.clusters].map(([id, c]) => [id, c === null ? null : LISA_COLORS[c]]));
        }
        case 'similar': {
          const data = await buildSimilar(cache, site, view, undefined, siteRegistry.sites, siteRegistry.programmeAreasOf(site.id));
          this.similar = data;
          // Only the shown level's areas of the shown site are on the map (a programme area's similar areas are base areas).
          this.marked = data.result?.ok && !data.baseOf ? data.result.areas.map((a) => a.id).filter((id) => !data.foreign.has(id)) : [];
          return null;
        }
        case 'did': {
          const data = await buildDid(cache, site, view, siteRegistry.programmeAreasOf(site.id));
          this.did = data;
          this.marked = view.cg === 'similar' && data.groupLevel === view.level ? data.comparisonIds : [];
          return null;
        }
        default:
          return null;
      }
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
      return null;
    }
  }

  private async buildScatter(cache: ValueCache, site: Site, view: ViewState): Promise<ScatterData> {
    const x = site.indicators.find((i) => i.id === view.ind)!;
    const y = secondIndicator(site, view);
    const population = site.indicators.find((i) => i.id === 'einwohner');
    const [xd, yd, pd] = await Promise.all([
      cache.get(site, view.level, x),
      cache.get(site, view.level, y),
      population ? cache.get(site, view.level, population) : null,
    ]);
    const xYear = nearestYear(x.years, view.year);
    const yYear = nearestYear(y.years, view.year);
    const xs = valuesIn(xd, xYear);
    const ys = valuesIn(yd, yYear);
    const sizes = pd && population ? valuesIn(pd, nearestYear(population.years, view.year)) : new Map<string, number | null>();
    const points = [...xs].map(([id, xv]) => ({ id, x: xv, y: ys.get(id) ?? null, size: sizes.get(id) ?? null }));
    return { x, y, xYear, yYear, points, fit: regression(points) };
  }

  private async buildBivariate(cache: ValueCache, site: Site, view: ViewState): Promise<BivariateData> {
    const x = site.indicators.find((i) => i.id === view.ind)!;
    const y = secondIndicator(site, view);
    const [xd, yd] = await Promise.all([cache.get(site, view.level, x), cache.get(site, view.level, y)]);
    const xs = valuesIn(xd, nearestYear(x.years, view.year));
    const ys = valuesIn(yd, nearestYear(y.years, view.year));
    const ids = [...xs.keys()];
    const { classes, xBreaks, yBreaks } = bivariateClasses(
      ids.map((id) => xs.get(id) ?? null),
      ids.map((id) => ys.get(id) ?? null),
    );
    const counts = new Array<number>(9).fill(0);
    for (const c of classes) if (c !== null) counts[c]!++;
    return {
      x,
      y,
      classes: new Map(ids.map((id, i) => [id, classes[i] ?? null])),
      counts,
      missing: classes.filter((c) => c === null).length,
      xBreaks,
      yBreaks,
    };
  }

  private async buildIndex(cache: ValueCache, site: Site, view: ViewState): Promise<IndexData> {
    const weights = view.idx.length > 0 ? view.idx : defaultIndexWeights(site);
    const chosen = weights
      .map((w) => ({ w, ind: site.indicators.find((i) => i.id === w.id) }))
      .filter((c): c is { w: IndexWeight; ind: Indicator } => c.ind !== undefined && c.w.w > 0);
    const population = site.indicators.find((i) => i.id === POPULATION_ID);
    const minResidents = indexMinResidents(site, view);
    const window = dynamicsWindow(view.year, view, view.idxdyn);
    const [datas, residentsData] = await Promise.all([
      Promise.all(chosen.map((c) => cache.get(site, view.level, c.ind))),
      population && minResidents > 0 ? cache.get(site, view.level, population) : null,
    ]);
    const ids = [...new Set(datas.flatMap((d) => [...d.byArea.keys()]))].sort();
    let estimated = 0;
    const indicators = chosen.map((c, i) => {
      const data = datas[i]!;
      for (const y of new Set([view.year, window.from, window.to].map((x) => nearestYear(c.ind.years, x)))) {
        estimated += (data.byYear.get(y) ?? []).filter((r) => belowBound(r) !== null).length;
      }
      // A value known only as "< 1 %" enters with its interval's midpoint (valueOrMidpoint).
      const now = estimatesIn(data, nearestYear(c.ind.years, view.year));
      const a = estimatesIn(data, nearestYear(c.ind.years, window.from));
      const b = estimatesIn(data, nearestYear(c.ind.years, window.to));
      return {
        id: c.ind.id,
        weight: c.w.w,
        direction: c.ind.direction,
        status: ids.map((id) => now.get(id) ?? null),
        // Dynamics from the absolute change (percentage points for shares), as in the MSS.
        change: ids.map((id) => change(a.get(id) ?? null, b.get(id) ?? null, 'abs')),
      };
    });
    const residentsYear = population ? nearestYear(population.years, view.year) : null;
    const residents = residentsData && residentsYear !== null ? valuesIn(residentsData, residentsYear) : null;
    const result = socialIndex(ids, indicators, { minResidents, ...(residents ? { residents: ids.map((id) => residents.get(id) ?? null) } : {}) });
    const counts = INDEX_COLORS.map((row) => row.map(() => 0));
    let missing = 0;
    ids.forEach((_, i) => {
      const s = result.statusClass[i];
      const d = result.dynamicsClass[i];
      if (s && d) counts[s - 1]![d - 1]!++;
      else if (!result.notRated[i]) missing++;
    });
    return {
      weights: chosen.map((c) => c.w),
      statusYear: view.year,
      from: window.from,
      to: window.to,
      minResidents,
      residentsYear,
      notRated: new Set(ids.filter((_, i) => result.notRated[i])),
      estimated,
      status: new Map(ids.map((id, i) => [id, { score: result.status[i] ?? null, cls: result.statusClass[i] ?? null }])),
      dynamics: new Map(ids.map((id, i) => [id, { score: result.dynamics[i] ?? null, cls: result.dynamicsClass[i] ?? null }])),
      counts,
      missing,
    };
  }

  /** Queen neighbours of a level, from its bundled boundaries, once per level. */
  private levelNeighbours(site: Site, level: string): Promise<{ ids: string[]; lists: number[][] }> {
    const path = findLevel(site, level).geometry;
    let found = this.neighbours.get(path);
    if (!found) {
      found = levelGeometry(path).then((fc) => ({ ids: fc.features.map((f) => String(f.properties.id)), lists: queenNeighbours(fc) }));
      this.neighbours.set(path, found);
    }
    return found;
  }

  private async buildLisa(cache: ValueCache, site: Site, view: ViewState): Promise<LisaData> {
    const ind = site.indicators.find((i) => i.id === view.ind)!;
    const year = nearestYear(ind.years, view.year);
    const [data, { ids, lists }] = await Promise.all([cache.get(site, view.level, ind), this.levelNeighbours(site, view.level)]);
    const values = valuesIn(data, year);
    const xs = ids.map((id) => values.get(id) ?? null);
    const global = moransI(xs, lists, { seed: 1 });
    const local = lisa(xs, lists, { seed: 1 });
    const counts: Record<LisaCluster, number> = { HH: 0, LL: 0, HL: 0, LH: 0, ns: 0 };
    for (const c of local.cluster) if (c) counts[c]++;
    return {
      ind,
      year,
      global,
      clusters: new Map(ids.map((id, i) => [id, local.cluster[i] ?? null])),
      counts,
      missing: xs.filter((v) => v === null).length,
      islands: lists.filter((l) => l.length === 0).length,
    };
  }
}
