// Reprojection to WGS84 longitude/latitude with proj4 (converters cached per
// definition), and sample coordinates of a collection for detecting its CRS.
import proj4 from 'proj4';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import type { Crs } from './definitions';

export interface ReprojectOptions {
  /** the coordinates are stored as (y, x); swap them first */
  swapAxes?: boolean;
}

const WGS84_PROJ4 = '+proj=longlat +datum=WGS84 +no_defs';
const converters = new Map<string, proj4.Converter>();

function converter(crs: Crs): proj4.Converter {
  let c = converters.get(crs.proj4);
  if (!c) {
    c = proj4(crs.proj4, WGS84_PROJ4);
    converters.set(crs.proj4, c);
  }
  return c;
}

const isPlainWgs84 = (crs: Crs) => crs.proj4 === WGS84_PROJ4 && crs.unitDegrees === 1;

/**
 * One position to WGS84 [lon, lat]. Returns [NaN, NaN] when proj4 fails
 * (the caller decides whether that is an error).
 */
export function transformPosition(x: number, y: number, crs: Crs, options: ReprojectOptions = {}): [number, number] {
  let [sx, sy] = options.swapAxes ? [y, x] : [x, y];
  if (!Number.isFinite(sx) || !Number.isFinite(sy)) return [NaN, NaN];
  if (crs.geographic && crs.unitDegrees !== 1) {
    sx *= crs.unitDegrees;
    sy *= crs.unitDegrees;
  }
  if (isPlainWgs84(crs)) return [sx, sy];
  try {
    const out = converter(crs).forward([sx, sy]);
    return Number.isFinite(out[0]) && Number.isFinite(out[1]) ? [out[0], out[1]] : [NaN, NaN];
  } catch {
    return [NaN, NaN];
  }
}

/** WGS84 [lon, lat] to [x, y] in `crs` (for tests, fixtures, previews and comparing systems). */
export function fromWgs84(lon: number, lat: number, crs: Crs): [number, number] {
  if (isPlainWgs84(crs)) return [lon, lat];
  const out = converter(crs).inverse([lon, lat]);
  return crs.geographic && crs.unitDegrees !== 1 ? [out[0] / crs.unitDegrees, out[1] / crs.unitDegrees] : [out[0], out[1]];
}

/** Points across Germany (and its neighbours) at which two systems are compared. */
const PROBES: readonly [number, number][] = [
  [6.1, 50.8],
  [9, 47.6],
  [13.4, 52.5],
  [10, 54.5],
  [14.9, 51.1],
  [11.6, 48.1],
];

/**
 * Whether two systems transform alike in Germany: the same coordinates for the same places
 * (within a millimetre, or 1e-9° for longitude/latitude). 5677 and 31467, WGS84 and ETRS89 /
 * UTM 32N are alike; the 7-digit UTM and 25832 are not.
 */
export function sameTransformation(a: Crs, b: Crs): boolean {
  if (a.proj4 === b.proj4 && a.unitDegrees === b.unitDegrees) return true;
  if (a.geographic !== b.geographic) return false;
  const tol = a.geographic ? 1e-9 : 1e-3;
  try {
    return PROBES.every(([lon, lat]) => {
      const [ax, ay] = fromWgs84(lon, lat, a);
      const [bx, by] = fromWgs84(lon, lat, b);
      return Math.abs(ax - bx) <= tol && Math.abs(ay - by) <= tol;
    });
  } catch {
    return false;
  }
}

function mapPositions(geometry: Geometry, fn: (p: Position) => Position): Geometry {
  switch (geometry.type) {
    case 'Point':
      return { ...geometry, coordinates: fn(geometry.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { ...geometry, coordinates: geometry.coordinates.map(fn) };
    case 'MultiLineString':
    case 'Polygon':
      return { ...geometry, coordinates: geometry.coordinates.map((ring) => ring.map(fn)) };
    case 'MultiPolygon':
      return { ...geometry, coordinates: geometry.coordinates.map((poly) => poly.map((ring) => ring.map(fn))) };
    case 'GeometryCollection':
      return { ...geometry, geometries: geometry.geometries.map((g) => mapPositions(g, fn)) };
    default: {
      const type: unknown = (geometry as { type?: unknown }).type;
      throw new Error(`Unknown geometry type ${JSON.stringify(type)}`);
    }
  }
}

function withoutBbox<O extends object>(o: O): O {
  if (!('bbox' in o)) return o;
  const copy: Record<string, unknown> = { ...o };
  delete copy.bbox;
  return copy as O;
}

/**
 * Reprojects a FeatureCollection (any geometry type, also null geometries) to
 * WGS84 longitude/latitude, swapping axes first when asked. Returns a new
 * object (features, geometries and properties are copied; `bbox` members,
 * which would still be in the source CRS, and the legacy `crs` member are
 * dropped); a third coordinate (height) is kept unchanged. Throws an Error
 * naming the feature and coordinate when the input or the result is not a
 * finite number.
 */
export function toWgs84<T extends FeatureCollection<Geometry | null>>(fc: T, crs: Crs, options: ReprojectOptions = {}): T {
  const what = crs.code !== null ? `EPSG:${crs.code}` : crs.key.startsWith('WKT:') ? `"${crs.name}"` : crs.key;
  const features = fc.features.map((feature: Feature<Geometry | null>, index) => {
    const fn = (p: Position): Position => {
      const [lon, lat] = transformPosition(p[0], p[1], crs, options);
      if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
        throw new Error(
          `Cannot reproject feature ${index} from ${what}${options.swapAxes ? ' (axes swapped)' : ''}: ` +
            `coordinate [${p[0]}, ${p[1]}] gives [${lon}, ${lat}]. Check the coordinate system and the axis order.`,
        );
      }
      return p.length > 2 ? [lon, lat, ...p.slice(2)] : [lon, lat];
    };
    const geometry = feature.geometry ? withoutBbox(mapPositions(feature.geometry, fn)) : feature.geometry;
    const properties = feature.properties ? { ...feature.properties } : feature.properties;
    return withoutBbox({ ...feature, geometry, properties });
  });
  const { bbox: _bbox, crs: _crs, ...rest } = fc as T & { crs?: unknown };
  return { ...rest, features } as unknown as T;
}

function* positionsOf(geometry: Geometry | null): Generator<Position> {
  if (!geometry) return;
  switch (geometry.type) {
    case 'Point':
      yield geometry.coordinates;
      break;
    case 'MultiPoint':
    case 'LineString':
      yield* geometry.coordinates;
      break;
    case 'MultiLineString':
    case 'Polygon':
      for (const ring of geometry.coordinates) yield* ring;
      break;
    case 'MultiPolygon':
      for (const poly of geometry.coordinates) for (const ring of poly) yield* ring;
      break;
    case 'GeometryCollection':
      for (const g of geometry.geometries) yield* positionsOf(g);
      break;
  }
}

function* allPositions(fc: FeatureCollection<Geometry | null>): Generator<Position> {
  for (const f of fc.features) yield* positionsOf(f?.geometry ?? null);
}

/**
 * Up to n [x, y] pairs, as stored, spread evenly over all positions of the
 * collection (deterministic: every k-th position). Positions without two
 * finite numbers are skipped.
 */
export function sampleCoordinates(fc: FeatureCollection<Geometry | null>, n = 256): [number, number][] {
  if (!(n >= 1)) return [];
  let total = 0;
  for (const _ of allPositions(fc)) total++;
  const step = Math.max(1, total / n);
  const out: [number, number][] = [];
  let i = 0;
  let next = 0;
  for (const p of allPositions(fc)) {
    if (i >= next) {
      next += step;
      const x = p[0];
      const y = p[1];
      if (Number.isFinite(x) && Number.isFinite(y)) out.push([x, y]);
    }
    i++;
  }
  return out.slice(0, n);
}
