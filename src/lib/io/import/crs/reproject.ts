// Reprojection to WGS84 longitude/latitude with proj4 (converters cached per
// code), and sample coordinates of a collection for detecting its CRS.
import proj4 from 'proj4';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { crsDefinition, type EpsgCode } from './definitions';

export interface ReprojectOptions {
  /** the coordinates are stored as (y, x); swap them first */
  swapAxes?: boolean;
  /** added to x (after swapping) before reprojecting, see CrsDetection.eastingOffset */
  eastingOffset?: number;
}

const WGS84_PROJ4 = '+proj=longlat +datum=WGS84 +no_defs';
const converters = new Map<EpsgCode, proj4.Converter>();

function converter(code: EpsgCode): proj4.Converter {
  let c = converters.get(code);
  if (!c) {
    c = proj4(crsDefinition(code).proj4, WGS84_PROJ4);
    converters.set(code, c);
  }
  return c;
}

/**
 * One position to WGS84 [lon, lat]. Returns [NaN, NaN] when proj4 fails
 * (the caller decides whether that is an error).
 */
export function transformPosition(x: number, y: number, code: EpsgCode, options: ReprojectOptions = {}): [number, number] {
  const [sx, sy] = options.swapAxes ? [y, x] : [x, y];
  const ex = sx + (options.eastingOffset ?? 0);
  if (!Number.isFinite(ex) || !Number.isFinite(sy)) return [NaN, NaN];
  if (code === 4326) return [ex, sy];
  try {
    const out = converter(code).forward([ex, sy]);
    return [out[0], out[1]];
  } catch {
    return [NaN, NaN];
  }
}

/** WGS84 [lon, lat] to [x, y] in `code` (for tests, fixtures and previews). */
export function fromWgs84(lon: number, lat: number, code: EpsgCode): [number, number] {
  if (code === 4326) return [lon, lat];
  const out = converter(code).inverse([lon, lat]);
  return [out[0], out[1]];
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
export function toWgs84<T extends FeatureCollection<Geometry | null>>(
  fc: T,
  code: EpsgCode,
  options: ReprojectOptions = {},
): T {
  crsDefinition(code); // throws for an unsupported code
  const features = fc.features.map((feature: Feature<Geometry | null>, index) => {
    const fn = (p: Position): Position => {
      const [lon, lat] = transformPosition(p[0], p[1], code, options);
      if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
        throw new Error(
          `Cannot reproject feature ${index} from EPSG:${code}${options.swapAxes ? ' (axes swapped)' : ''}: ` +
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
