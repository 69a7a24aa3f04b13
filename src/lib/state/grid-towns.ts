// "Compared with their town" on a grid site (loaded on first use): a programme
// area drawn over the grid has no statistical parent, so its town is the
// Gemeinde containing the area's label point (the bundled Gemeinden outlines,
// fetched once), and the town's figures are estimated from the grid cells whose
// centre lies in that Gemeinde (db/grid-town.ts: sums of counts, rates from
// counts, the grid's one year).
import type { FeatureCollection } from 'geojson';
import type { Indicator, Site } from '../data/catalog-types';
import type { AreaValue } from '../data/values';
import type { ProgrammeArea } from '../data/programme-areas';
import { findBundledSite } from '../data/catalog';
import { fetchJsonOnce } from '../data/urls';
import { labelPoint } from '../data/programme-areas-geometry';
import { boxAreas, findContaining, pointsInArea, type AreaFeature, type BoxedArea } from '../analysis/containing-area';
import type { Engine } from '../db/engine';
import { gridCellsInBox, gridTownSeries, setGridTownCells } from '../db/grid-town';
import { bbox } from '@turf/turf';

/** A programme area's town: the Gemeinde (AGS, name) and how many grid cells have their centre in it. */
export interface GridTown {
  id: string;
  name: string;
  cells: number;
}

export interface GridTownFigures {
  /** Each programme area's town, by area id (absent: its label point lies in no Gemeinde). */
  towns: ReadonlyMap<string, GridTown>;
  /** Each town's value of the indicator, by town id (absent: no cell; value null: missing). */
  values: ReadonlyMap<string, AreaValue>;
}

export type GemeindenLoader = () => Promise<FeatureCollection>;

/** The bundled Gemeinden outlines (the Gemeinden site's base level). */
export const bundledGemeinden: GemeindenLoader = () => fetchJsonOnce<FeatureCollection>(findBundledSite('gemeinden').levels[0]!.geometry);

const boxed = new Map<GemeindenLoader, Promise<BoxedArea[]>>();
/** Per engine: the towns whose cells are written (key `site|town`). */
const written = new WeakMap<Engine, Map<string, Promise<GridTown>>>();

function gemeinden(load: GemeindenLoader): Promise<BoxedArea[]> {
  let areas = boxed.get(load);
  if (!areas) {
    areas = load().then((fc) => boxAreas(fc.features as AreaFeature[]));
    boxed.set(load, areas);
    areas.catch(() => boxed.delete(load));
  }
  return areas;
}

/** Writes the cells whose centre lies in the Gemeinde (once per engine, site and Gemeinde). */
function townCells(engine: Engine, site: Site, gemeinde: AreaFeature): Promise<GridTown> {
  let mine = written.get(engine);
  if (!mine) written.set(engine, (mine = new Map()));
  const id = String(gemeinde.properties.id);
  const key = `${site.id}|${id}`;
  let town = mine.get(key);
  if (!town) {
    town = (async () => {
      const [w, s, e, n] = bbox(gemeinde);
      const candidates = await gridCellsInBox(engine, site, [w, s, e, n]);
      const lonLat = new Float64Array(candidates.length * 2);
      candidates.forEach((c, i) => lonLat.set([c.lon, c.lat], 2 * i));
      const inside = pointsInArea(gemeinde, lonLat).map((i) => candidates[i]!);
      await setGridTownCells(engine, site, id, inside);
      return { id, name: String(gemeinde.properties.name ?? id), cells: inside.length };
    })();
    mine.set(key, town);
    town.catch(() => mine.delete(key));
  }
  return town;
}

/** Each programme area's town (the Gemeinde at its label point), its cells written to DuckDB. */
export async function gridTowns(engine: Engine, site: Site, areas: readonly ProgrammeArea[], load: GemeindenLoader = bundledGemeinden): Promise<Map<string, GridTown>> {
  const drawn = areas.filter((a) => a.site === site.id && a.geometry);
  const towns = new Map<string, GridTown>();
  if (drawn.length === 0) return towns;
  const all = await gemeinden(load);
  for (const a of drawn) {
    const gemeinde = findContaining(all, labelPoint(a.geometry!));
    if (gemeinde) towns.set(a.id, await townCells(engine, site, gemeinde));
  }
  return towns;
}

/** The towns of the programme areas and their values of one indicator (estimated from the cells). */
export async function gridTownFigures(
  engine: Engine,
  site: Site,
  ind: Indicator,
  areas: readonly ProgrammeArea[],
  load: GemeindenLoader = bundledGemeinden,
): Promise<GridTownFigures> {
  const towns = await gridTowns(engine, site, areas, load);
  const ids = [...new Set([...towns.values()].map((t) => t.id))];
  const rows = await gridTownSeries(engine, site, ind, ids);
  return { towns, values: new Map(rows.map((r) => [r.id, r])) };
}
