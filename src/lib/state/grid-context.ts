// A grid site's programme level (loaded with it): the cells of the shown indicator, muted, beneath
// the programme areas (MapController.showGridContext, drawn into MapLibre's canvas beneath the
// areas' fill), so that a drawn area is seen in its surroundings; the areas stay on top, coloured,
// outlined, hoverable and clickable.
import type { Indicator, Site } from '../data/catalog-types';
import { findIndicator } from '../data/catalog';
import type { MapController } from '../map/map-controller';
import { cellColors } from '../map/grid-colors';
import { mutedCellColors, translucentFill } from '../map/grid-muted';
import { sourceId } from '../map/layers';
import { isGridColumn } from '../db/grid';
import { buildGridResult } from '../render/view-result';
import type { ValueCache } from './value-cache';
import type { ViewState } from './view-state';

/** Muted colours per cache, site and column (a year or mode switch reuses them). */
const memo = new WeakMap<ValueCache, Map<string, Promise<Uint8Array>>>();

function mutedColors(cache: ValueCache, site: Site, ind: Indicator, view: ViewState): Promise<Uint8Array> {
  let mine = memo.get(cache);
  if (!mine) memo.set(cache, (mine = new Map()));
  const key = `${site.id}|${ind.column}`;
  let colors = mine.get(key);
  if (!colors) {
    colors = cache.gridValues(site, ind).then((values) => {
      // Quintiles of the cells: a calm background whatever the classification of the areas.
      const result = buildGridResult({ ...view, cls: 'quantile', k: 5, breaks: null }, ind, values);
      return mutedCellColors(cellColors(values, result.classification, result.colors));
    });
    mine.set(key, colors);
    colors.catch(() => mine.delete(key));
  }
  return colors;
}

/** Shows the cells beneath the programme areas of `level` and resolves once drawn. */
export async function showGridContext(map: MapController, cache: ValueCache, view: ViewState, site: Site, ind: Indicator, level: string): Promise<void> {
  // An indicator without a cell column (none bundled) falls back to the residents.
  const shown = isGridColumn(ind.column) ? ind : findIndicator(site, 'einwohner');
  const colors = await mutedColors(cache, site, shown, view);
  const source = sourceId(site.id, level);
  translucentFill(map.areas.map, source);
  const layer = await map.showGridContext(site.id, `${source}:fill`, () => cache.gridCells(site), colors);
  await layer.painted();
}
