// The population surface that refines the areal weights of drawn programme areas:
// the residents of the bundled Zensus 2011 1 km grid (cell centres and `einwohner`,
// read from DuckDB through the value cache), over the box of the site drawn on.
// Only for the bundled sites (Leipzig, Kreise, Gemeinden): the grid's year and its
// cells fit their boundaries; an imported site is weighed by area alone.
import type { Site } from '../data/catalog-types';
import { bundledCatalog } from '../data/catalog';
import type { WeightSurface } from '../data/programme-weights';
import type { ValueCache } from './value-cache';

/** Margin around the site's box (degrees): cells whose centre lies just outside still reach into border areas. */
const MARGIN = 0.02;

/** The grid's residents around `site` as a surface of 1 km cells, or undefined where there is none (imported sites, no grid). */
export function zensusSurface(site: Site, sites: readonly Site[], cache: ValueCache): WeightSurface | undefined {
  const bundled = (id: string) => bundledCatalog.sites.some((s) => s.id === id);
  const grid = sites.find((s) => s.kind === 'grid' && bundled(s.id));
  const residents = grid?.indicators.find((i) => i.id === 'einwohner');
  if (!grid || !residents || site.kind === 'grid' || !bundled(site.id)) return undefined;
  return {
    key: `${grid.id}|${site.id}`,
    points: async () => {
      const [cells, population] = await Promise.all([cache.gridCells(grid), cache.gridValues(grid, residents)]);
      const [w, s, e, n] = site.bounds;
      const keep: number[] = [];
      for (let i = 0; i < cells.count; i++) {
        const lon = cells.positions[2 * i]!;
        const lat = cells.positions[2 * i + 1]!;
        if (lon >= w - MARGIN && lon <= e + MARGIN && lat >= s - MARGIN && lat <= n + MARGIN) keep.push(i);
      }
      const positions = new Float32Array(2 * keep.length);
      const pop = new Float32Array(keep.length);
      keep.forEach((i, k) => {
        positions[2 * k] = cells.positions[2 * i]!;
        positions[2 * k + 1] = cells.positions[2 * i + 1]!;
        pop[k] = population[i]!;
      });
      return { positions, population: pop, cellMetres: 1000 };
    },
  };
}
