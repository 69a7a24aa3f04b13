import type { Indicator, Site } from '../data/catalog-types';
import type { TrendSeries } from '../charts/trend';
import { siteRegistry } from '../data/site-registry.svelte';
import { isAggregable } from '../data/catalog';
import { hierarchyLevels, isProgrammeLevel, topLevel } from '../data/programme-areas';
import type { ValueCache } from './value-cache';

/** An area of another site that could be added to the trend chart. */
export interface Suggestion {
  key: string;
  site: string;
  name: string;
}

/**
 * Reference lines for the trend chart: the areas above the selected ones at
 * every higher level (e.g. Stadtbezirk and city for Ortsteile; Land and
 * Germany for Kreise), where the indicator can be aggregated there.
 */
export async function ancestorSeries(
  cache: ValueCache,
  site: Site,
  ind: Indicator,
  level: string,
  selected: readonly string[],
): Promise<TrendSeries[]> {
  // Loaded when first needed (programme areas are not in every session).
  if (isProgrammeLevel(level)) return (await import('./programme-references')).programmeReferences(cache, site, ind, selected);
  const levels = hierarchyLevels(site);
  const index = levels.findIndex((l) => l.id === level);
  const references: TrendSeries[] = [];
  let ids = new Set(selected);
  for (let i = Math.max(index, 0); index >= 0 && i < levels.length - 1 && ids.size > 0; i++) {
    const here = await cache.areas(site, levels[i]!.id);
    const up = levels[i + 1]!;
    ids = new Set([...ids].flatMap((id) => (here.get(id)?.parent ? [here.get(id)!.parent!] : [])));
    if (ids.size === 0 || !isAggregable(site, ind, up.id)) continue;
    const [data, names] = await Promise.all([cache.get(site, up.id, ind), cache.names(site, up.id)]);
    for (const id of ids) {
      const points = data.byArea.get(id);
      if (points) references.push({ id: `ref:${up.id}:${id}`, name: names.get(id) ?? id, points, reference: true });
    }
  }
  return references;
}

/**
 * Cross-site comparison for the trend chart: the same indicator id in other
 * sites ("site:id" entries of the URL's cmp), and suggestions along the AGS:
 * an area "14713000" suggests Kreis 14713, Land 14 and Germany where another
 * site has them.
 */
export async function crossSiteSeries(
  cache: ValueCache,
  site: Site,
  ind: Indicator,
  selected: readonly string[],
  compared: readonly string[],
): Promise<{ series: TrendSeries[]; suggestions: Suggestion[] }> {
  const others = siteRegistry.sites.filter((s) => s.id !== site.id && s.kind !== 'grid' && s.indicators.some((i) => i.id === ind.id));
  const series: TrendSeries[] = [];
  for (const key of compared) {
    const [siteId, id] = key.split(':') as [string, string];
    const other = others.find((s) => s.id === siteId);
    const otherInd = other?.indicators.find((i) => i.id === ind.id);
    if (!other || !otherInd) continue;
    const level = await cache.level(other, id);
    if (!level || !isAggregable(other, otherInd, level)) continue;
    const [data, names] = await Promise.all([cache.get(other, level, otherInd), cache.names(other, level)]);
    const points = data.byArea.get(id);
    if (points) series.push({ id: `cmp:${key}`, name: names.get(id) ?? id, points, reference: false, site: other.id });
  }
  // Anchors: the selected areas and the site's top level (e.g. the city 14713000 for Leipzig's Ortsteile).
  const top = topLevel(site);
  const anchors = [...selected, ...(await cache.names(site, top.id)).keys()].filter((a) => /^\d{2,}$/.test(a));
  const candidates = [...new Set(anchors.flatMap((a) => [a, a.slice(0, 5), a.slice(0, 2)]).concat('DE'))];
  const suggestions: Suggestion[] = [];
  for (const other of others) {
    for (const id of candidates) {
      const key = `${other.id}:${id}`;
      if (compared.includes(key) || suggestions.length >= 8) continue;
      const level = await cache.level(other, id);
      if (!level) continue;
      suggestions.push({ key, site: other.id, name: (await cache.names(other, level)).get(id) ?? id });
    }
  }
  return { series, suggestions };
}
