// The first paint: the prepared first view (its real values, classified and coloured exactly as the
// map will colour them) drawn at once on a 2D canvas in the map's place, before MapLibre (lazily
// loaded) has started. Projected the way MapLibre will show it: Web Mercator at the camera that
// `fitBounds(bounds, { padding })` gives for the same box, so when MapLibre's first frame is drawn and
// the canvas is removed, nothing moves. No MapLibre import here: this is part of the initial bundle.
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { BACKGROUND_COLOR, hatchImage, MISSING_FILL } from './layers';

/** The padding of ChoroplethMap.fit (px). */
export const FIT_PADDING = 24;

/** Web Mercator of a longitude/latitude, in world units (0…1 both ways, y downwards), as MapLibre's. */
export function mercator(lng: number, lat: number): [number, number] {
  const clamped = Math.max(-85.051129, Math.min(85.051129, lat));
  const x = (180 + lng) / 360;
  const y = (180 - (180 / Math.PI) * Math.log(Math.tan(Math.PI / 4 + (clamped * Math.PI) / 360))) / 360;
  return [x, y];
}

/**
 * The screen position (CSS px) of a longitude/latitude in a `width` × `height` map fitted to `bounds`
 * [west, south, east, north] with `padding` on every side — MapLibre's fitBounds without bearing:
 * the box's projected centre at the map's centre, scaled so that the box just fits (zoom ≤ 22).
 */
export function fittedProjection(bounds: readonly [number, number, number, number], width: number, height: number, padding = FIT_PADDING): (lng: number, lat: number) => [number, number] {
  const [w, s, e, n] = bounds;
  const [x0, y0] = mercator(w, n);
  const [x1, y1] = mercator(e, s);
  const scaleX = (width - 2 * padding) / (x1 - x0);
  const scaleY = (height - 2 * padding) / (y1 - y0);
  // MapLibre's maxZoom (22) with its 512 px tiles: at most 512 · 2^22 px per world.
  const scale = Math.min(scaleX, scaleY, 512 * 2 ** 22);
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  return (lng, lat) => {
    const [x, y] = mercator(lng, lat);
    return [width / 2 + (x - cx) * scale, height / 2 + (y - cy) * scale];
  };
}

/** The area colours (null: missing) of one level's features, drawn on a canvas over the map's box (`container`). */
export class FirstPaint {
  private canvas: HTMLCanvasElement | null = null;
  private resized: ResizeObserver | null = null;

  constructor(private readonly container: HTMLElement) {}

  /** Draws the areas of `geometry` (features with `properties.id`) in `colors`, fitted to `bounds`; false when the box has no size yet. */
  draw(geometry: FeatureCollection, colors: ReadonlyMap<string, string | null>, bounds: readonly [number, number, number, number]): boolean {
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
    // The outline layer's default: white, 0.6 px, 85 % opaque.
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.85)';
    ctx.lineWidth = 0.6;
    ctx.lineJoin = 'round';
    for (const path of paths) ctx.stroke(path);
    this.canvas?.remove();
    this.canvas = canvas;
    this.container.after(canvas);
    // The box changes size before MapLibre has taken over (a panel, the window): drawn again to fit, as MapLibre will.
    if (!this.resized && typeof ResizeObserver !== 'undefined') {
      this.resized = new ResizeObserver(() => {
        const c = this.canvas;
        if (c && (c.style.width !== `${this.container.clientWidth}px` || c.style.height !== `${this.container.clientHeight}px`)) {
          if (!this.draw(geometry, colors, bounds)) this.remove();
        }
      });
      this.resized.observe(this.container);
    }
    return true;
  }

  /** Takes the canvas away (MapLibre's frame is drawn beneath it). */
  remove(): void {
    this.resized?.disconnect();
    this.resized = null;
    this.canvas?.remove();
    this.canvas = null;
  }
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
