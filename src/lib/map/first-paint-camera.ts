// The camera of the first paint (map/first-paint.ts): the view MapLibre shows after `fitBounds(bounds,
// { padding })`, and for a tiled level the tiles it reads for it — MapLibre's `coveringTiles` for a vector
// source without pitch (512 px tiles: tile zoom = floor(zoom), at most the archive's maxzoom, none below its
// minzoom, every tile that overlaps the view). Pure; part of the initial bundle (no MapLibre, no decoder).

/** The padding of ChoroplethMap.fit (px). */
export const FIT_PADDING = 24;
/** MapLibre's tile size (px) of a vector source and of its transform. */
export const TILE_SIZE = 512;

/** Web Mercator of a longitude/latitude, in world units (0…1 both ways, y downwards), as MapLibre's. */
export function mercator(lng: number, lat: number): [number, number] {
  const clamped = Math.max(-85.051129, Math.min(85.051129, lat));
  const x = (180 + lng) / 360;
  const y = (180 - (180 / Math.PI) * Math.log(Math.tan(Math.PI / 4 + (clamped * Math.PI) / 360))) / 360;
  return [x, y];
}

/** A map's camera: `scale` CSS px per world unit, the world point (cx, cy) at the centre of a width × height box. */
export interface Camera {
  width: number;
  height: number;
  scale: number;
  cx: number;
  cy: number;
  /** MapLibre's zoom: log2(scale / 512). */
  zoom: number;
}

/**
 * The camera of a `width` × `height` map fitted to `bounds` [west, south, east, north] with `padding` on
 * every side — MapLibre's fitBounds without bearing: the box's projected centre at the map's centre,
 * scaled so that the box just fits (zoom ≤ 22).
 */
export function fittedCamera(bounds: readonly [number, number, number, number], width: number, height: number, padding = FIT_PADDING): Camera {
  const [w, s, e, n] = bounds;
  const [x0, y0] = mercator(w, n);
  const [x1, y1] = mercator(e, s);
  const scaleX = (width - 2 * padding) / (x1 - x0);
  const scaleY = (height - 2 * padding) / (y1 - y0);
  // MapLibre's maxZoom (22) with its 512 px tiles: at most 512 · 2^22 px per world.
  const scale = Math.min(scaleX, scaleY, TILE_SIZE * 2 ** 22);
  return { width, height, scale, cx: (x0 + x1) / 2, cy: (y0 + y1) / 2, zoom: Math.log2(scale / TILE_SIZE) };
}

/** A world point's screen position (CSS px) under `camera`. */
export function toScreen(camera: Camera, x: number, y: number): [number, number] {
  return [camera.width / 2 + (x - camera.cx) * camera.scale, camera.height / 2 + (y - camera.cy) * camera.scale];
}

export interface TileId {
  z: number;
  x: number;
  y: number;
}

/** The tile zoom MapLibre reads for `zoom` from an archive of `minzoom`…`maxzoom`; null: none (below minzoom). */
export function tileZoom(zoom: number, minzoom: number, maxzoom: number): number | null {
  const z = Math.min(Math.max(0, Math.floor(zoom)), maxzoom);
  return z < minzoom ? null : z;
}

/** The tiles MapLibre shows for `camera` (no pitch, no world copies needed for a site's box), row by row. */
export function coveringTiles(camera: Camera, minzoom: number, maxzoom: number): TileId[] {
  const z = tileZoom(camera.zoom, minzoom, maxzoom);
  if (z === null) return [];
  const n = 2 ** z;
  // The view's world box; a tile is shown when it overlaps it (touching is not overlapping).
  const west = camera.cx - camera.width / 2 / camera.scale;
  const east = camera.cx + camera.width / 2 / camera.scale;
  const north = camera.cy - camera.height / 2 / camera.scale;
  const south = camera.cy + camera.height / 2 / camera.scale;
  const first = (v: number) => Math.max(0, Math.floor(v * n));
  const last = (v: number) => Math.min(n - 1, Math.ceil(v * n) - 1);
  const tiles: TileId[] = [];
  for (let y = first(north); y <= last(south); y++) for (let x = first(west); x <= last(east); x++) tiles.push({ z, x, y });
  return tiles;
}

/** A tile's square on the screen (CSS px): [left, top, size]. */
export function tileBox(camera: Camera, tile: TileId): [number, number, number] {
  const n = 2 ** tile.z;
  const [left, top] = toScreen(camera, tile.x / n, tile.y / n);
  return [left, top, camera.scale / n];
}
