// A level's pre-built vector tiles (catalog `tiles`, written by scripts/tiles/) with the archive's URL
// resolved like every bundled data file: what the maps are given to draw the level from tiles.
import type { Level, LevelTiles } from './catalog-types';
import { dataUrl } from './urls';

export function levelTiles(level: Level): LevelTiles | undefined {
  return level.tiles ? { ...level.tiles, url: dataUrl(level.tiles.url) } : undefined;
}
