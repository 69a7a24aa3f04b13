// A grid site's programme level (loaded with it): the cells of the shown indicator in muted
// quintiles beneath the programme areas (MapController.gridContext, map/grid-context-layer.ts: drawn
// into MapLibre's canvas beneath the areas' fill), so that a drawn area is seen in its surroundings;
// the areas stay on top, coloured, outlined, hoverable and clickable.
import type { Indicator, Site } from '../data/catalog-types';
import type { MapController } from '../map/map-controller';
import { mutedCellColors } from '../map/grid-muted';
import { fillOpacity, sourceId } from '../map/layers';
import type { ValueCache } from './value-cache';

/** Muted colours per cache, site and column (a year or mode switch reuses them). */
const memo = new WeakMap<ValueCache, Map<string, Promise<Uint8Array>>>();

function mutedColors(cache: ValueCache, site: Site, ind: Indicator): Promise<Uint8Array> {
  let mine = memo.get(cache);
  if (!mine) memo.set(cache, (mine = new Map()));
  const key = `${site.id}|${ind.column}`;
  let colors = mine.get(key);
  if (!colors) {
    colors = cache.gridValues(site, ind).then(mutedCellColors);
    mine.set(key, colors);
    colors.catch(() => mine.delete(key));
  }
  return colors;
}

/** Shows the cells beneath the programme areas of `level` and resolves once drawn. */
export async function showGridContext(map: MapController, cache: ValueCache, site: Site, ind: Indicator, level: string): Promise<void> {
  const source = sourceId(site.id, level);
  const [colors, layer, cells] = await Promise.all([mutedColors(cache, site, ind), map.gridContext(), cache.gridCells(site)]);
  // The areas' fill lets the cells beneath show through (as over the online basemap).
  map.areas.setFillOpacity(source, fillOpacity(true));
  await layer.show(site.id, `${source}:fill`, cells, colors);
}
