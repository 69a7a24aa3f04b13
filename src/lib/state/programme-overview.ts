// The figures of the cross-site overview (mode=programmes, components/analysis/
// ProgrammeOverviewPanel.svelte): every programme area of every site with one indicator, its
// change since the start year and its reference. Per site one answer of the value cache for
// the programme level (one DuckDB query over all of the site's programme areas, statistical
// secrecy applied like everywhere) and one per reference level used (the city, Kreise, …);
// the rows are assembled by the pure functions of analysis/programme-overview.ts.
import type { Indicator, Site } from '../data/catalog-types';
import { hierarchyLevels, PROGRAMME_LEVEL, topLevel, type ProgrammeArea } from '../data/programme-areas';
import { naturalMeasure } from '../analysis/change';
import { containingArea, overviewRow, type OverviewRow } from '../analysis/programme-overview';
import type { ValueCache } from './value-cache';
import { REFERENCE_LEVELS } from '../data/programme-rest-reference';
import { isAggregable } from '../data/catalog';
import { restLabel } from '../render/rest-label';
import type { Lang } from '../i18n';

export { REFERENCE_LEVELS };

/** What the overview needs of the site registry. */
export interface OverviewSites {
  find(id: string): Site | undefined;
}

/** An indicator id offered by the overview, with the sites that have it. */
export interface OverviewIndicator {
  id: string;
  ind: Indicator;
  sites: string[];
}

/** The indicators of the sites that have programme areas, by id (the first site's metadata), most common first. */
export function overviewIndicators(sites: OverviewSites, areas: readonly ProgrammeArea[]): OverviewIndicator[] {
  const byId = new Map<string, OverviewIndicator>();
  for (const siteId of new Set(areas.map((a) => a.site))) {
    const site = sites.find(siteId);
    if (!site || site.kind === 'grid') continue;
    for (const ind of site.indicators) {
      const entry = byId.get(ind.id) ?? { id: ind.id, ind, sites: [] };
      entry.sites.push(siteId);
      byId.set(ind.id, entry);
    }
  }
  return [...byId.values()].sort((a, b) => b.sites.length - a.sites.length);
}

/** The overview rows of every programme area for the indicator `indId` (areas of sites without it: no value). */
export async function programmeOverview(cache: ValueCache, sites: OverviewSites, areas: readonly ProgrammeArea[], indId: string, lang: Lang = 'de'): Promise<OverviewRow[]> {
  const siteIds = [...new Set(areas.map((a) => a.site))];
  const perSite = await Promise.all(
    siteIds.map(async (siteId) => {
      const site = sites.find(siteId);
      const mine = areas.filter((a) => a.site === siteId);
      if (!site || site.kind === 'grid') return [];
      const ind = site.indicators.find((i) => i.id === indId);
      return siteRows(cache, site, mine, ind ?? null, lang);
    }),
  );
  return perSite.flat();
}

async function siteRows(cache: ValueCache, site: Site, areas: readonly ProgrammeArea[], ind: Indicator | null, lang: Lang): Promise<OverviewRow[]> {
  const base = (a: ProgrammeArea) => ({ id: a.id, site: a.site, name: a.name, programme: a.programme === 'own' && a.programmeText ? a.programmeText : a.programme, startYear: a.startYear, example: a.example === true });
  if (!ind) return areas.map((a) => overviewRow({ area: base(a), series: [], reference: null, measure: 'abs' }));
  const levels = hierarchyLevels(site).map((l) => l.id);
  const top = topLevel(site).id;
  const withRest = isAggregable(site, ind, PROGRAMME_LEVEL);
  const [data, rest, restRefs, ...parents] = await Promise.all([
    cache.get(site, PROGRAMME_LEVEL, ind),
    withRest ? cache.rest(site, ind) : null,
    withRest ? cache.restReferences(site) : null,
    ...levels.map((l) => cache.areas(site, l)),
  ]);
  const parentsOf = new Map(levels.map((l, i) => [l, parents[i]!]));
  const parentOf = (level: string, id: string) => {
    const a = parentsOf.get(level)?.get(id);
    return a === undefined ? undefined : a.parent;
  };
  const allowed = (level: string) => REFERENCE_LEVELS.has(level) || level === top;
  const refs = new Map(areas.map((a) => [a.id, containingArea(a.members, levels, parentOf, allowed)]));
  const refLevels = [...new Set([...refs.values()].flatMap((r) => (r ? [r.level] : [])))];
  const refData = new Map(
    await Promise.all(refLevels.map(async (l) => [l, await Promise.all([cache.get(site, l, ind), cache.names(site, l)])] as const)),
  );
  const measure = naturalMeasure(ind.unit);
  return areas.map((a) => {
    const ref = refs.get(a.id) ?? null;
    const rd = ref ? refData.get(ref.level) : undefined;
    return overviewRow({
      area: base(a),
      series: data.byArea.get(a.id) ?? [],
      reference: ref && rd ? { id: ref.id, level: ref.level, name: rd[1].get(ref.id) ?? ref.id, series: rd[0].byArea.get(ref.id) ?? [] } : null,
      measure,
      rest: rest && restRefs ? { name: restLabel(site, lang, undefined, restRefs.get(a.id)), series: rest.byArea.get(a.id) ?? [] } : null,
    });
  });
}
