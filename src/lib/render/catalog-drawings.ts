// Vector drawings of the area catalogue, as SVG path data in points: the locator map
// (every area of a level in grey, one highlighted; projected with d3-geo, no MapLibre)
// and the sparkline of an indicator's years (d3-shape; a missing year breaks the line,
// never drawn as 0). Pure: from GeoJSON and series to strings.
import { geoArea, geoMercator, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import { line } from 'd3-shape';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

type Area = Feature<Polygon | MultiPolygon, { id: string | number; name?: string }>;

export interface LocatorProjection {
  width: number;
  height: number;
  /** Path data of every feature of the background, in its order. */
  paths: string[];
  /** Path data of any feature (or collection) on the same projection. */
  pathOf(shape: GeoPermissibleObjects): string;
  /** Path data of an area (its rings turned for the sphere where needed). */
  pathOfArea(f: Feature<Polygon | MultiPolygon, unknown>): string;
}

/**
 * d3-geo reads rings on the sphere: an exterior ring must run clockwise, or the polygon is
 * the rest of the globe. GeoJSON (RFC 7946) runs them counter-clockwise: a polygon whose
 * area exceeds a hemisphere is turned round, ring by ring.
 */
export function forSphere<T extends Feature<Polygon | MultiPolygon, unknown>>(f: T): T {
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  const fixed = polys.map((rings) => {
    const poly: Polygon = { type: 'Polygon', coordinates: rings };
    return geoArea(poly) > 2 * Math.PI ? rings.map((r) => [...r].reverse()) : rings;
  });
  const geometry: Polygon | MultiPolygon = f.geometry.type === 'Polygon' ? { type: 'Polygon', coordinates: fixed[0]! } : { type: 'MultiPolygon', coordinates: fixed };
  return { ...f, geometry };
}

/**
 * A d3-geo path context that writes coordinates rounded to `step` points and drops a point
 * that rounds onto the previous one: at the locator map's size most vertices of a detailed
 * boundary coincide, and every point costs time when the PDF is laid out.
 */
class CompactPath {
  private parts: string[] = [];
  private last = '';
  private count = 0;
  constructor(private readonly step: number) {}
  private key(x: number, y: number): string {
    const r = (v: number) => Math.round(v / this.step) * this.step;
    return `${+r(x).toFixed(1)},${+r(y).toFixed(1)}`;
  }
  moveTo(x: number, y: number): void {
    this.last = this.key(x, y);
    this.parts.push(`M${this.last}`);
    this.count = 1;
  }
  lineTo(x: number, y: number): void {
    const k = this.key(x, y);
    if (k === this.last) return;
    this.last = k;
    this.parts.push(`L${k}`);
    this.count++;
  }
  closePath(): void {
    // A ring that collapsed to fewer than three points draws nothing.
    if (this.count < 3) {
      while (this.parts.length && !this.parts[this.parts.length - 1]!.startsWith('M')) this.parts.pop();
      this.parts.pop();
    } else this.parts.push('Z');
    this.count = 0;
  }
  beginPath(): void {}
  arc(): void {}
  take(): string {
    const d = this.parts.join('');
    this.parts = [];
    this.last = '';
    return d;
  }
}

/**
 * Projects a level's areas into a box of at most `width` × `height` points (the box shrinks to
 * the areas' shape, so there is no empty band). Coordinates are rounded to `step` points.
 */
export function locatorProjection(input: FeatureCollection<Polygon | MultiPolygon>, width: number, height: number, pad = 4, step = 0.5): LocatorProjection {
  const fc: FeatureCollection<Polygon | MultiPolygon> = { type: 'FeatureCollection', features: input.features.map((f) => forSphere(f)) };
  // precision(0): no adaptive resampling — the boundaries are dense already, and it took most of the time.
  const projection = geoMercator().precision(0).fitExtent([[pad, pad], [width - pad, height - pad]], fc);
  const [, [x1, y1]] = geoPath(projection).bounds(fc);
  const context = new CompactPath(step);
  const path = geoPath(projection, context);
  const draw = (shape: GeoPermissibleObjects) => {
    path(shape);
    return context.take();
  };
  return {
    width: Math.min(width, Math.ceil(x1 + pad)),
    height: Math.min(height, Math.ceil(y1 + pad)),
    paths: fc.features.map(draw),
    pathOf: draw,
    pathOfArea: (f) => draw(forSphere(f).geometry),
  };
}

/** The features of a collection by id (ids as strings). */
export function featuresById(fc: FeatureCollection<Polygon | MultiPolygon, unknown>): Map<string, Area> {
  return new Map(fc.features.map((f) => [String((f as Area).properties.id), f as Area]));
}

export interface SparklinePaths {
  width: number;
  height: number;
  path: string;
  dots: [number, number][];
  current: [number, number] | null;
  from: number;
  to: number;
}

const r1 = (v: number) => Math.round(v * 10) / 10;

/** A sparkline of a series (null: no year has a value). `highlight`: the year to mark. */
export function sparklinePaths(series: readonly { year: number; value: number | null }[], highlight: number, width: number, height: number, pad = 2): SparklinePaths | null {
  const points = [...series].sort((a, b) => a.year - b.year);
  const present = points.filter((p): p is { year: number; value: number } => p.value !== null && Number.isFinite(p.value));
  if (present.length === 0) return null;
  const from = points[0]!.year;
  const to = points[points.length - 1]!.year;
  const lo = Math.min(...present.map((p) => p.value));
  const hi = Math.max(...present.map((p) => p.value));
  const x = (year: number) => r1(to === from ? width / 2 : pad + ((year - from) / (to - from)) * (width - 2 * pad));
  const y = (v: number) => r1(hi === lo ? height / 2 : height - pad - ((v - lo) / (hi - lo)) * (height - 2 * pad));
  const defined = (p: { value: number | null }) => p.value !== null && Number.isFinite(p.value);
  const path =
    line<{ year: number; value: number | null }>()
      .defined(defined)
      .x((p) => x(p.year))
      .y((p) => y(p.value ?? lo))(points) ?? '';
  // A year with a value between two gaps draws no line segment: a dot instead.
  const dots = points
    .map((p, i) => ({ p, alone: defined(p) && !defined(points[i - 1] ?? { value: null }) && !defined(points[i + 1] ?? { value: null }) }))
    .filter((d) => d.alone)
    .map(({ p }) => [x(p.year), y(p.value!)] as [number, number]);
  const now = present.find((p) => p.year === highlight);
  return { width, height, path, dots, current: now ? [x(now.year), y(now.value)] : null, from, to };
}
