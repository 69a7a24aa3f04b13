// The first paint: the prepared first view (its real values, classified and coloured exactly as the
// map will colour them) drawn at once on a 2D canvas in the map's place, before MapLibre (lazily
// loaded) has started. Projected the way MapLibre will show it: Web Mercator at the camera that
// `fitBounds(bounds, { padding })` gives for the same box, so when MapLibre's first frame is drawn and
// the canvas is removed, nothing moves. A small level is drawn from its GeoJSON; a tiled one from the
// tiles MapLibre will read for that camera (first-paint-tiles.ts, loaded then), each clipped to its
// square as MapLibre clips it. No MapLibre import here: this is part of the initial bundle.
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { BACKGROUND_COLOR, hatchImage, hatchesMissing, MISSING_FILL } from './layers';
import { coveringTiles, FIT_PADDING, fittedCamera, mercator, tileBox, toScreen, type TileId } from './first-paint-camera';

export { FIT_PADDING, mercator } from './first-paint-camera';

/**
 * The screen position (CSS px) of a longitude/latitude in a `width` × `height` map fitted to `bounds`
 * [west, south, east, north] with `padding` on every side — MapLibre's fitBounds without bearing:
 * the box's projected centre at the map's centre, scaled so that the box just fits (zoom ≤ 22).
 */
export function fittedProjection(bounds: readonly [number, number, number, number], width: number, height: number, padding = FIT_PADDING): (lng: number, lat: number) => [number, number] {
  const camera = fittedCamera(bounds, width, height, padding);
  return (lng, lat) => {
    const [x, y] = mercator(lng, lat);
    return toScreen(camera, x, y);
  };
}

/** A level's pre-built tiles as the first paint reads them: the archive's absolute URL, its layer and zooms. */
export interface FirstPaintTiles {
  href: string;
  layer: string;
  minzoom: number;
  maxzoom: number;
  /** The level's number of areas (decides, as on the map, whether missing values are hatched at this zoom). */
  areaCount: number;
}

type Render = (ctx: CanvasRenderingContext2D, width: number, height: number) => boolean;

/** The area colours (null: missing) of one level's features, drawn on a canvas over the map's box (`container`). */
export class FirstPaint {
  private canvas: HTMLCanvasElement | null = null;
  private resized: ResizeObserver | null = null;
  /** Tiles were read (ranges kept for MapLibre until remove()). */
  private tiled = false;

  constructor(private readonly container: HTMLElement) {}

  /** The map box's size (CSS px), 0 × 0 before layout. */
  size(): { width: number; height: number } {
    return { width: this.container.clientWidth, height: this.container.clientHeight };
  }

  /** Draws the areas of `geometry` (features with `properties.id`) in `colors`, fitted to `bounds`; false when the box has no size yet. */
  draw(geometry: FeatureCollection, colors: ReadonlyMap<string, string | null>, bounds: readonly [number, number, number, number]): boolean {
    return this.show((ctx, width, height) => {
      const project = fittedProjection(bounds, width, height);
      const hatch = hatchPattern(ctx);
      const paths: Path2D[] = [];
      for (const feature of geometry.features) {
        const path = featurePath(feature, project);
        if (!path) continue;
        paths.push(path);
        const color = colors.get(String(feature.properties?.id ?? feature.id));
        ctx.fillStyle = color ?? MISSING_FILL;
        ctx.fill(path, 'evenodd');
        if ((color === null || color === undefined) && hatch) {
          ctx.fillStyle = hatch;
          ctx.fill(path, 'evenodd');
        }
      }
      outlineStyle(ctx);
      for (const path of paths) ctx.stroke(path);
      return true;
    });
  }

  /**
   * Draws a tiled level: the tiles MapLibre will read for the fitted camera, from the archive by range
   * requests, each feature in its colour and clipped to its tile's square. False when the box has no size
   * yet or no tile is shown at this zoom.
   */
  async drawTiles(
    tiles: FirstPaintTiles,
    colorsOf: Promise<ReadonlyMap<string, string | null> | null>,
    bounds: readonly [number, number, number, number],
  ): Promise<boolean> {
    const { width, height } = this.size();
    if (width === 0 || height === 0) return false;
    const wanted = coveringTiles(fittedCamera(bounds, width, height), tiles.minzoom, tiles.maxzoom);
    if (wanted.length === 0) return false;
    const [{ readTiles }, { decodeTileFeatures }] = await Promise.all([import('./first-paint-archive'), import('./first-paint-tiles')]);
    this.tiled = true;
    // The tiles and the values at once.
    const [read, colors] = await Promise.all([readTiles(tiles.href, wanted), colorsOf]);
    if (!colors) return false;
    // For scripts/trace-start.mjs: the tiles and values are in; drawing them is what follows.
    performance.mark('atlas:first-paint-read');
    return this.show((ctx, w, h) => {
      const camera = fittedCamera(bounds, w, h);
      // Resized to a box that shows other tiles: left to MapLibre.
      if (!sameTiles(coveringTiles(camera, tiles.minzoom, tiles.maxzoom), wanted)) return false;
      const hatch = hatchesMissing(tiles.areaCount, camera.zoom) ? hatchPattern(ctx) : null;
      const ratio = window.devicePixelRatio || 1;
      const drawnTiles: { box: [number, number, number, number]; place: { left: number; top: number; k: number }; paths: Path2D[] }[] = [];
      wanted.forEach((tile, i) => {
        const bytes = read[i];
        if (!bytes) return;
        // One path per colour (the areas of a level do not overlap, so even-odd filling is the same):
        // a few fills per tile instead of one per area; the same paths are stroked for the outlines. Written
        // as SVG path text in the tile's units and handed to Path2D at once (a Path2D call per vertex cost
        // ~10 µs here), drawn through the tile's transform.
        const sinks = new Map<string | null, SvgPath>();
        const { extent } = decodeTileFeatures(bytes, tiles.layer, (id) => {
          const color = colors.get(id) ?? null;
          let sink = sinks.get(color);
          if (!sink) sinks.set(color, (sink = new SvgPath()));
          return sink;
        });
        const fills = new Map([...sinks].map(([color, sink]) => [color, new Path2D(sink.d)]));
        const [left, top, size] = tileBox(camera, tile);
        // MapLibre clips each tile to its square (a stencil, on whole pixels): the same square, snapped to device pixels.
        const box = snappedBox([left, top, size], ratio);
        const place = { left, top, k: size / extent };
        drawnTiles.push({ box, place, paths: [...fills.values()] });
        ctx.save();
        clipTo(ctx, box);
        for (const [color, path] of fills) {
          ctx.save();
          ctx.translate(left, top);
          ctx.scale(place.k, place.k);
          ctx.fillStyle = color ?? MISSING_FILL;
          ctx.fill(path, 'evenodd');
          ctx.restore();
          if (color === null && hatch) {
            // The hatching in CSS px (a pattern follows the drawing's transform): the path placed instead.
            const placed = new Path2D();
            placed.addPath(path, new DOMMatrix([place.k, 0, 0, place.k, left, top]));
            ctx.fillStyle = hatch;
            ctx.fill(placed, 'evenodd');
          }
        }
        ctx.restore();
      });
      performance.mark('atlas:first-paint-filled');
      // The outline layer is drawn after the fill of every tile, as MapLibre draws layer after layer.
      for (const { box, place, paths } of drawnTiles) {
        ctx.save();
        clipTo(ctx, box);
        ctx.translate(place.left, place.top);
        ctx.scale(place.k, place.k);
        outlineStyle(ctx, place.k);
        for (const path of paths) ctx.stroke(path);
        ctx.restore();
      }
      return true;
    });
  }

  /** A new canvas with the map's background and what `render` draws on it, in place of the last one. */
  private show(render: Render): boolean {
    const width = this.container.clientWidth;
    const height = this.container.clientHeight;
    if (width === 0 || height === 0) return false;
    const ratio = window.devicePixelRatio || 1;
    const canvas = document.createElement('canvas');
    canvas.dataset.testid = 'first-paint';
    canvas.setAttribute('aria-hidden', 'true');
    // Beside the map's box, at its place: over MapLibre's canvas (later in the document), under its
    // controls (z-index 2); the pointer goes to the map. Not inside the box: MapLibre owns that.
    canvas.style.cssText = `position:absolute;left:${this.container.offsetLeft}px;top:${this.container.offsetTop}px;pointer-events:none`;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    const ctx = canvas.getContext('2d');
    if (!ctx) return false;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = BACKGROUND_COLOR;
    ctx.fillRect(0, 0, width, height);
    if (!render(ctx, width, height)) return false;
    this.canvas?.remove();
    this.canvas = canvas;
    this.container.after(canvas);
    // The box changes size before MapLibre has taken over (a panel, the window): drawn again to fit, as MapLibre will.
    if (!this.resized && typeof ResizeObserver !== 'undefined') {
      this.resized = new ResizeObserver(() => {
        const c = this.canvas;
        if (c && (c.style.width !== `${this.container.clientWidth}px` || c.style.height !== `${this.container.clientHeight}px`)) {
          if (!this.show(render)) this.remove();
        }
      });
      this.resized.observe(this.container);
    }
    return true;
  }

  /** Takes the canvas away (MapLibre's frame is drawn beneath it). */
  remove(): void {
    // MapLibre has read the tiles of its first frame: the ones the first paint kept for it go.
    if (this.tiled) void import('./first-paint-archive').then((m) => m.releaseKeptTiles());
    this.tiled = false;
    this.resized?.disconnect();
    this.resized = null;
    this.canvas?.remove();
    this.canvas = null;
  }
}

/** The outline layer's default: white, 0.6 px, 85 % opaque (`scale`: the drawing's scale, CSS px per unit). */
function outlineStyle(ctx: CanvasRenderingContext2D, scale = 1): void {
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.85)';
  ctx.lineWidth = 0.6 / scale;
  ctx.lineJoin = 'round';
}

/** A path as SVG path data in a tile's integer units: absolute moves, relative lines (short text, fast to write). */
class SvgPath {
  d = '';
  moveTo(x: number, y: number): void {
    this.d += `M${x} ${y}`;
  }
  lineBy(dx: number, dy: number): void {
    this.d += `l${dx} ${dy}`;
  }
  closePath(): void {
    this.d += 'z';
  }
}

function sameTiles(a: readonly TileId[], b: readonly TileId[]): boolean {
  return a.length === b.length && a.every((t, i) => t.z === b[i]!.z && t.x === b[i]!.x && t.y === b[i]!.y);
}

/** A tile's square [left, top, size] as [x0, y0, x1, y1] on whole device pixels (CSS px). */
function snappedBox([left, top, size]: [number, number, number], ratio: number): [number, number, number, number] {
  const snap = (v: number) => Math.round(v * ratio) / ratio;
  return [snap(left), snap(top), snap(left + size), snap(top + size)];
}

function clipTo(ctx: CanvasRenderingContext2D, [x0, y0, x1, y1]: [number, number, number, number]): void {
  ctx.beginPath();
  ctx.rect(x0, y0, x1 - x0, y1 - y0);
  ctx.clip();
}

function featurePath(feature: Feature, project: (lng: number, lat: number) => [number, number]): Path2D | null {
  const polygons = polygonsOf(feature.geometry);
  if (polygons.length === 0) return null;
  const path = new Path2D();
  for (const rings of polygons) {
    for (const ring of rings) {
      ring.forEach((position, i) => {
        const [x, y] = project(position[0]!, position[1]!);
        if (i === 0) path.moveTo(x, y);
        else path.lineTo(x, y);
      });
      path.closePath();
    }
  }
  return path;
}

function polygonsOf(geometry: Geometry | null): Position[][][] {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  if (geometry.type === 'GeometryCollection') return geometry.geometries.flatMap(polygonsOf);
  return [];
}

/** The map's hatching of missing values (the same 8 × 8 image at pixel ratio 2). */
function hatchPattern(ctx: CanvasRenderingContext2D): CanvasPattern | null {
  const { width, height, data } = hatchImage();
  const tile = document.createElement('canvas');
  tile.width = width;
  tile.height = height;
  const tctx = tile.getContext('2d');
  if (!tctx) return null;
  tctx.putImageData(new ImageData(new Uint8ClampedArray(data), width, height), 0, 0);
  const pattern = ctx.createPattern(tile, 'repeat');
  pattern?.setTransform(new DOMMatrix().scale(0.5));
  return pattern;
}
