// Reference lines of the trend chart for programme areas (trend-series.ts asks for them).
import type { Indicator, Site } from '../data/catalog-types';
import type { TrendSeries } from '../charts/trend';
import { isAggregable } from '../data/catalog';
import { hierarchyLevels, PROGRAMME_LEVEL } from '../data/programme-areas';
import { siteRegistry } from '../data/site-registry.svelte';
import type { ValueCache } from './value-cache';
import { restLabel } from '../render/rest-label';
import type { Lang } from '../i18n';

/**
 * Reference lines for programme areas: the smallest area of the site's hierarchy that contains
 * all members of a selected programme area (its Stadtbezirk, Kreis, …) and every area above it.
 */
export async function programmeReferences(cache: ValueCache, site: Site, ind: Indicator, selected: readonly string[]): Promise<TrendSeries[]> {
  const levels = hierarchyLevels(site);
  const wanted = new Map<string, Set<string>>();
  for (const id of selected) {
    let ids = new Set(siteRegistry.programmeAreas.find((a) => a.id === id && a.site === site.id)?.members ?? []);
    for (let i = 0; i < levels.length - 1 && ids.size > 0; i++) {
      const here = await cache.areas(site, levels[i]!.id);
      ids = new Set([...ids].flatMap((m) => (here.get(m)?.parent ? [here.get(m)!.parent!] : [])));
      const up = levels[i + 1]!.id;
      if (ids.size === 1) wanted.set(up, new Set([...(wanted.get(up) ?? []), ...ids]));
    }
  }
  const references: TrendSeries[] = [];
  for (const up of levels.map((l) => l.id)) {
    const ids = wanted.get(up);
    if (!ids || !isAggregable(site, ind, up)) continue;
    const [data, names] = await Promise.all([cache.get(site, up, ind), cache.names(site, up)]);
    for (const id of ids) {
      const points = data.byArea.get(id);
      if (points) references.push({ id: `ref:${up}:${id}`, name: names.get(id) ?? id, points, reference: true });
    }
  }
  return references;
}

/**
 * The rest of each selected programme area within its reference ("übrige Stadt": the city without
 * the area; "übriger Landkreis Verden": its Kreis without it; from counts; value-cache `rest`), a line beside the area and the city. Not on grid sites.
 */
export async function programmeRestSeries(cache: ValueCache, site: Site, ind: Indicator, selected: readonly string[], lang: Lang): Promise<TrendSeries[]> {
  if (site.kind === 'grid' || selected.length === 0 || !isAggregable(site, ind, PROGRAMME_LEVEL)) return [];
  const [data, names, refs] = await Promise.all([cache.rest(site, ind), cache.names(site, PROGRAMME_LEVEL), cache.restReferences(site)]);
  const out: TrendSeries[] = [];
  for (const id of selected) {
    const points = data.byArea.get(id);
    if (!points) continue;
    const name = restLabel(site, lang, selected.length > 1 ? (names.get(id) ?? id) : undefined, refs.get(id));
    const color = siteRegistry.programmeAreas.find((a) => a.id === id && a.site === site.id)?.color;
    out.push({ id: `rest:${id}`, name, points, reference: true, rest: true, ...(color ? { color } : {}) });
  }
  return out;
}
