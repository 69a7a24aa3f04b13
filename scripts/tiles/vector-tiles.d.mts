// Types for vector-tiles.mjs (tsconfig has allowJs off).
import type { FeatureCollection } from 'geojson';
import type { Catalog, LevelTiles } from '../../src/lib/data/catalog-types';

export const TILED_ABOVE: number;
export const DEFAULT_MAXZOOM: number;
export function collectionBounds(fc: FeatureCollection): [number, number, number, number];
export interface AreaTileOptions {
  layer: string;
  minzoom?: number;
  maxzoom?: number;
  tolerance?: number;
  buffer?: number;
  name?: string;
}
/** The PMTiles archive of a level's areas (features keep `id` and `name`). */
export function buildAreaTiles(fc: FeatureCollection, options: AreaTileOptions): { bytes: Buffer; tileCount: number };
/** Writes `<level>.pmtiles` beside the level's GeoJSON (`geometry` relative to `dataDir`); the catalog's `tiles` entry. */
export function writeLevelTiles(dataDir: string, geometry: string, options?: { minzoom?: number; maxzoom?: number }): { tiles: LevelTiles; bytes: number; tileCount: number };
/** Tiles for every area level over TILED_ABOVE areas of `catalog` (changed in place); what was written. */
export function addLevelTiles(catalog: Catalog, dataDir: string, options?: { minzoom?: number; maxzoom?: number }): { path: string; bytes: number; tiles: number }[];
