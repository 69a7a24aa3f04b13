import type { Catalog, Indicator, Level, Site } from './catalog-types';
import catalogJson from '../../../data/catalog.json';

/**
 * The bundled catalog: sites, levels, indicators and sources (small, shipped in the JS).
 * Never changed at run time: the site registry (site-registry.svelte.ts) owns the list of
 * sites the app shows, bundled and imported.
 */
// Written by scripts/prepare-data.mjs and checked against the data in tests/unit/catalog.test.ts.
export const bundledCatalog: Readonly<Catalog> = catalogJson as unknown as Catalog;

/** A bundled site (scripts and tests; the app looks sites up in the site registry). */
export function findBundledSite(id: string): Site {
  const site = bundledCatalog.sites.find((s) => s.id === id);
  if (!site) throw new Error(`Unknown site "${id}"`);
  return site;
}

export function findIndicator(site: Site, id: string): Indicator {
  const ind = site.indicators.find((i) => i.id === id);
  if (!ind) throw new Error(`Unknown indicator "${id}" for site "${site.id}"`);
  return ind;
}

export function findLevel(site: Site, id: string): Level {
  const level = site.levels.find((l) => l.id === id);
  if (!level) throw new Error(`Unknown level "${id}" for site "${site.id}"`);
  return level;
}

/** The level whose areas carry the observations; all others are aggregated from it. */
export function baseLevel(site: Site): Level {
  const first = site.levels[0];
  if (!first) throw new Error(`Site "${site.id}" has no levels`);
  return first;
}

/** programme-areas.ts PROGRAMME_LEVEL (not imported: the catalog's chunk stays apart from the programme model's). */
const GRID_PROGRAMME_LEVEL = 'programmgebiet';

/**
 * Whether the indicator can be shown at this level (the base level always can; above it only from
 * counts; a grid site's programme areas from their cells' residents, db/grid-programme.ts).
 */
export function isAggregable(site: Site, ind: Indicator, level: string): boolean {
  return level === baseLevel(site).id || ind.agg.type !== 'none' || (site.kind === 'grid' && level === GRID_PROGRAMME_LEVEL);
}
