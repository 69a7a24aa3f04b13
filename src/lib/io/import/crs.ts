/**
 * Coordinate reference systems for the import: which CRS a file uses (from a
 * .prj WKT text, a GeoJSON's legacy `crs` member, or a guess from the
 * coordinates) and reprojection to WGS84 longitude/latitude with proj4.
 *
 * Conventions:
 * - Coordinates are handled as [x, y] = [easting, northing] (or [longitude,
 *   latitude] for EPSG:4326), the order shapefiles and GeoJSON store them in,
 *   whatever axis order the EPSG registry defines (31466–31469 are officially
 *   northing-first; 5677 is the same CRS as 31467 with easting first, so both
 *   transform identically here). A file that stores (y, x) — latitude before
 *   longitude, or northing before easting — is reported with
 *   `swappedAxes: true`.
 * - ETRS89 and WGS84 are treated as identical (they differ by less than a
 *   metre in Germany, which is below what a neighbourhood dashboard can show;
 *   proj4 itself has no plate-motion model). A .prj on WGS84 / UTM 32N
 *   therefore maps to 25832, and ETRS89 longitude/latitude (4258) to 4326.
 * - DHDN (Gauss-Krüger) is shifted to WGS84 with the 7-parameter Helmert set
 *   598.1, 73.7, 418.2 m, 0.202, 0.045, −2.455″, 6.7 ppm (EPSG transformation
 *   1777, "DHDN to WGS 84 (2)", position-vector convention as proj4's
 *   +towgs84 expects; the set epsg.io / GDAL give for 31466–31469 and 5677).
 *   EPSG states its accuracy as about 3 m; the AdV's BeTA2007 NTv2 grid is
 *   better, but is a binary grid file that the app does not ship.
 * - ESRI's "ETRS_1989_UTM_Zone_32N_7stellen" (false easting 2,500,000) and
 *   "…_33N_7stellen" (3,500,000) are UTM with a different false easting: they
 *   are reported as 25832 / 25833 with an `eastingOffset` (−2,000,000 /
 *   −3,000,000) that is added to x before reprojecting.
 *
 * Pure functions apart from a cache of proj4 converters; nothing touches the
 * DOM or the network.
 */
import proj4 from 'proj4';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';

export type EpsgCode = 4326 | 3857 | 25832 | 25833 | 31466 | 31467 | 31468 | 31469 | 3035 | 4647 | 5650 | 5677;

export interface CrsDefinition {
  code: EpsgCode;
  /** EPSG name */
  name: string;
  /** proj4 definition (x = easting / longitude, y = northing / latitude) */
  proj4: string;
}

/** The Helmert parameters DHDN → WGS84 (EPSG:1777, position-vector convention as proj4 expects). */
export const DHDN_TOWGS84 = [598.1, 73.7, 418.2, 0.202, 0.045, -2.455, 6.7] as const;

const DHDN = `+ellps=bessel +towgs84=${DHDN_TOWGS84.join(',')}`;
const ETRS89 = '+ellps=GRS80 +towgs84=0,0,0,0,0,0,0';

function gaussKruger(zone: 2 | 3 | 4 | 5): string {
  return `+proj=tmerc +lat_0=0 +lon_0=${zone * 3} +k=1 +x_0=${zone * 1_000_000 + 500_000} +y_0=0 ${DHDN} +units=m +no_defs`;
}

export const SUPPORTED_CRS: readonly CrsDefinition[] = Object.freeze([
  { code: 4326, name: 'WGS 84', proj4: '+proj=longlat +datum=WGS84 +no_defs' },
  {
    code: 3857,
    name: 'WGS 84 / Pseudo-Mercator',
    proj4: '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs',
  },
  { code: 25832, name: 'ETRS89 / UTM zone 32N', proj4: `+proj=utm +zone=32 ${ETRS89} +units=m +no_defs` },
  { code: 25833, name: 'ETRS89 / UTM zone 33N', proj4: `+proj=utm +zone=33 ${ETRS89} +units=m +no_defs` },
  { code: 31466, name: 'DHDN / 3-degree Gauss-Kruger zone 2', proj4: gaussKruger(2) },
  { code: 31467, name: 'DHDN / 3-degree Gauss-Kruger zone 3', proj4: gaussKruger(3) },
  { code: 31468, name: 'DHDN / 3-degree Gauss-Kruger zone 4', proj4: gaussKruger(4) },
  { code: 31469, name: 'DHDN / 3-degree Gauss-Kruger zone 5', proj4: gaussKruger(5) },
  {
    code: 3035,
    name: 'ETRS89-extended / LAEA Europe',
    proj4: `+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 ${ETRS89} +units=m +no_defs`,
  },
  {
    code: 4647,
    name: 'ETRS89 / UTM zone 32N (zE-N)',
    proj4: `+proj=tmerc +lat_0=0 +lon_0=9 +k=0.9996 +x_0=32500000 +y_0=0 ${ETRS89} +units=m +no_defs`,
  },
  {
    code: 5650,
    name: 'ETRS89 / UTM zone 33N (zE-N)',
    proj4: `+proj=tmerc +lat_0=0 +lon_0=15 +k=0.9996 +x_0=33500000 +y_0=0 ${ETRS89} +units=m +no_defs`,
  },
  { code: 5677, name: 'DHDN / 3-degree Gauss-Kruger zone 3 (E-N)', proj4: gaussKruger(3) },
]);

const BY_CODE = new Map<number, CrsDefinition>(SUPPORTED_CRS.map((c) => [c.code, c]));

export function isEpsgCode(value: unknown): value is EpsgCode {
  return typeof value === 'number' && BY_CODE.has(value);
}

export function crsDefinition(code: EpsgCode): CrsDefinition {
  const def = BY_CODE.get(code);
  if (!def) throw new Error(`Unsupported coordinate system EPSG:${String(code)}`);
  return def;
}

/** Germany's bounding box with a margin (WGS84 degrees): the plausibility test for guesses. */
export const GERMANY_BBOX = Object.freeze({ west: 5.5, south: 47, east: 15.5, north: 55.5 });

/**
 * A coarse outline of Germany ([lon, lat], about 10–20 km accurate, coastal
 * waters and islands included), drawn by hand from well-known border points
 * (Selfkant, Ouren, Schengen, Lauterbourg, Basel, Lindau, Haldenwanger Eck,
 * Passau, Zittau, Görlitz, the Oder, List on Sylt, …). Only used to rank
 * readings that all fall inside GERMANY_BBOX, never to reject one.
 */
export const GERMANY_OUTLINE: readonly (readonly [number, number])[] = Object.freeze([
  [6.65, 53.6], // Borkum
  [7.2, 53.25], // Dollart
  [7.1, 52.85],
  [6.7, 52.55], // Emlichheim
  [7.0, 52.4],
  [7.0, 52.2], // Gronau
  [6.72, 52.05], // Vreden
  [6.35, 51.85], // Anholt
  [5.95, 51.8], // Kranenburg
  [6.05, 51.65], // Goch / Gennep
  [6.2, 51.4], // Venlo
  [6.1, 51.2],
  [5.87, 51.05], // Selfkant
  [5.97, 50.75], // Vaals / Aachen
  [6.15, 50.55], // Monschau
  [6.3, 50.35],
  [6.14, 50.13], // Ouren
  [6.45, 49.8], // Echternach
  [6.5, 49.7], // Wasserbillig
  [6.37, 49.47], // Schengen
  [6.7, 49.22],
  [7.05, 49.1], // Saarbrücken
  [7.6, 49.05],
  [8.2, 48.97], // Lauterbourg
  [7.8, 48.55], // Kehl
  [7.55, 48.05], // Breisach
  [7.55, 47.57], // Basel
  [8.2, 47.6], // Waldshut
  [8.6, 47.65],
  [9.15, 47.65], // Konstanz
  [9.72, 47.53], // Lindau
  [9.9, 47.57],
  [10.2, 47.27], // Haldenwanger Eck
  [10.6, 47.55], // Füssen
  [11.0, 47.4], // Zugspitze
  [12.2, 47.6], // Kufstein
  [12.75, 47.65],
  [12.9, 47.47], // Berchtesgaden
  [13.08, 47.55],
  [13.05, 47.75],
  [12.95, 47.8], // Freilassing / Salzburg
  [12.85, 48.2], // Burghausen
  [13.45, 48.55], // Passau
  [13.83, 48.77], // Dreisessel
  [13.2, 49.1], // Bayerisch Eisenstein
  [12.5, 49.65], // Waidhaus
  [12.1, 50.3], // Selb / Asch
  [12.95, 50.4], // Oberwiesenthal
  [13.75, 50.72], // Zinnwald
  [14.25, 50.88], // Schmilka
  [14.8, 50.85], // Zittau
  [14.95, 51.0],
  [15.01, 51.15], // Görlitz
  [15.04, 51.27], // easternmost point
  [14.72, 51.55], // Bad Muskau
  [14.75, 52.05], // Neisse mouth
  [14.6, 52.35], // Frankfurt (Oder)
  [14.15, 52.85],
  [14.4, 53.25],
  [14.4, 53.5],
  [14.22, 53.9], // Ahlbeck (Usedom)
  [14.05, 54.1],
  [13.75, 54.35], // Rügen
  [13.45, 54.7], // Kap Arkona
  [13.05, 54.6], // Hiddensee
  [12.4, 54.5], // Darß
  [11.95, 54.2], // Warnemünde
  [11.2, 54.55], // Fehmarn
  [10.2, 54.5], // Kiel
  [9.9, 54.85], // Flensburger Förde
  [8.65, 54.92], // Danish border, west end
  [8.4, 55.07], // List (Sylt)
  [8.1, 54.75], // Sylt, Amrum
  [7.8, 54.25], // Heligoland
  [7.9, 53.8], // Wangerooge
  [6.9, 53.72], // Juist
] as const);

/** Whether [lon, lat] lies inside GERMANY_OUTLINE (ray casting). */
export function insideGermanyOutline(lon: number, lat: number): boolean {
  let inside = false;
  const ring = GERMANY_OUTLINE;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export interface CrsDetection {
  /** the CRS to use; null when nothing plausible was found */
  code: EpsgCode | null;
  /**
   * where the code comes from: the .prj, the GeoJSON `crs` member, a binary format's header (FlatGeobuf) or
   * metadata (GeoParquet), a guess from the coordinates, or the GeoJSON default (RFC 7946: WGS84)
   */
  source: 'prj' | 'geojson' | 'header' | 'metadata' | 'guess' | 'default';
  /** 'certain': declared by the file and consistent with the coordinates; 'likely': one plausible reading (ask the user to confirm); 'ambiguous': several (see candidates); 'unknown': none */
  confidence: 'certain' | 'likely' | 'ambiguous' | 'unknown';
  /** plausible codes, best first (code is the first when not null) */
  candidates: EpsgCode[];
  /** the file stores (y, x): latitude before longitude, or northing before easting */
  swappedAxes: boolean;
  /** metres to add to x before reprojecting with `code` (non-zero only for ESRI's 7-digit UTM variants) */
  eastingOffset: number;
  /** an English explanation for logs and the confirmation dialog */
  reason: string;
}

export interface ReprojectOptions {
  /** the coordinates are stored as (y, x); swap them first */
  swapAxes?: boolean;
  /** added to x (after swapping) before reprojecting, see CrsDetection.eastingOffset */
  eastingOffset?: number;
}

// ---------------------------------------------------------------------------
// Reprojection

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

// ---------------------------------------------------------------------------
// WKT (.prj)

type WktValue = string | number | WktNode;
interface WktNode {
  keyword: string;
  args: WktValue[];
}

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/y;
const MAX_DEPTH = 64;

/** A tolerant WKT1/WKT2/ESRI parser: KEYWORD[args] or KEYWORD(args); strings in double quotes ("" escapes a quote); bare words (EAST, Cartesian) become strings. */
function parseWkt(text: string): WktNode | null {
  const s = text.replace(/^\uFEFF/, '');
  let i = 0;
  const ws = () => {
    while (i < s.length && /\s/.test(s[i])) i++;
  };
  const fail = (): never => {
    throw new SyntaxError(`WKT: unexpected ${s[i] === undefined ? 'end' : JSON.stringify(s[i])} at ${i}`);
  };
  const value = (depth: number): WktValue => {
    ws();
    const ch = s[i];
    if (ch === '"') {
      let str = '';
      i++;
      for (;;) {
        if (i >= s.length) fail();
        if (s[i] === '"') {
          if (s[i + 1] === '"') {
            str += '"';
            i += 2;
            continue;
          }
          i++;
          return str;
        }
        str += s[i++];
      }
    }
    NUMBER.lastIndex = i;
    const num = NUMBER.exec(s);
    if (num) {
      i += num[0].length;
      return Number(num[0]);
    }
    IDENT.lastIndex = i;
    const id = IDENT.exec(s);
    if (!id) return fail();
    i += id[0].length;
    ws();
    if (s[i] !== '[' && s[i] !== '(') return id[0];
    if (depth >= MAX_DEPTH) fail();
    const close = s[i] === '[' ? ']' : ')';
    i++;
    const node: WktNode = { keyword: id[0].toUpperCase(), args: [] };
    ws();
    if (s[i] === close) {
      i++;
      return node;
    }
    for (;;) {
      node.args.push(value(depth + 1));
      ws();
      if (s[i] === ',') {
        i++;
        continue;
      }
      if (s[i] === close) {
        i++;
        return node;
      }
      fail();
    }
  };
  try {
    const root = value(0);
    ws();
    if (i !== s.length || typeof root !== 'object') return null;
    return root;
  } catch {
    return null;
  }
}

const isNode = (v: WktValue | undefined): v is WktNode => typeof v === 'object' && v !== null;

function child(node: WktNode | undefined, ...keywords: string[]): WktNode | undefined {
  if (!node) return undefined;
  for (const a of node.args) if (isNode(a) && keywords.includes(a.keyword)) return a;
  return undefined;
}

function children(node: WktNode, ...keywords: string[]): WktNode[] {
  return node.args.filter((a): a is WktNode => isNode(a) && keywords.includes(a.keyword));
}

function nameOf(node: WktNode | undefined): string {
  const first = node?.args[0];
  return typeof first === 'string' ? first : '';
}

function numberArg(node: WktNode | undefined, index: number): number | undefined {
  const v = node?.args[index];
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** lower case, letters and digits only: "Latitude of natural origin" → "latitudeofnaturalorigin" */
const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

const near = (a: number | undefined, b: number, tol: number): boolean => a !== undefined && Math.abs(a - b) <= tol;

const PROJECTED = ['PROJCS', 'PROJCRS', 'PROJECTEDCRS'];
const GEOGRAPHIC = ['GEOGCS', 'GEOGCRS', 'GEODCRS', 'GEOGRAPHICCRS', 'GEODETICCRS'];
const BASE_GEOGRAPHIC = ['GEOGCS', 'BASEGEOGCRS', 'BASEGEODCRS', 'BASEGEOGRAPHICCRS', 'GEOGCRS', 'GEODCRS'];

/** Authority codes that are not in SUPPORTED_CRS but mean one of them (same transformation here). */
const CODE_ALIASES: Record<string, Record<number, EpsgCode>> = {
  EPSG: { 4258: 4326, 3785: 3857, 900913: 3857, 102100: 3857, 102113: 3857 },
  ESRI: { 102100: 3857, 102113: 3857 },
};

function mapAuthorityCode(authority: string, code: number): EpsgCode | null {
  const auth = authority.toUpperCase();
  if (auth === 'EPSG' && isEpsgCode(code)) return code;
  return CODE_ALIASES[auth]?.[code] ?? null;
}

/** The CRS's own AUTHORITY["EPSG","25832"] (WKT1) or ID["EPSG",25832] (WKT2), not those of its parts. */
function ownAuthority(node: WktNode): EpsgCode | null {
  for (const a of children(node, 'AUTHORITY', 'ID')) {
    const auth = a.args[0];
    const code = numberArg(a, 1);
    if (typeof auth === 'string' && code !== undefined) {
      const mapped = mapAuthorityCode(auth, code);
      if (mapped) return mapped;
    }
  }
  return null;
}

type DatumKind = 'wgs84' | 'etrs89' | 'dhdn' | 'other';

/** Which datum a (base) geographic CRS node uses, from the datum name, else the ellipsoid. */
function datumKind(geog: WktNode | undefined): DatumKind {
  if (!geog) return 'other';
  const datum = child(geog, 'DATUM', 'TRF', 'GEODETICDATUM', 'ENSEMBLE');
  const ellipsoid = child(datum, 'SPHEROID', 'ELLIPSOID') ?? child(geog, 'SPHEROID', 'ELLIPSOID');
  const a = numberArg(ellipsoid, 1);
  const rf = numberArg(ellipsoid, 2);
  const bessel = near(a, 6377397.155, 0.01);
  // rf 0: the sphere of ESRI's old "WGS_1984_Web_Mercator" (D_WGS_1984_Major_Auxiliary_Sphere)
  const grs80OrWgs84 = near(a, 6378137, 0.01) && (rf === undefined || rf === 0 || near(rf, 298.2572, 0.0001));
  const fromName = (raw: string): DatumKind | null => {
    const n = norm(raw);
    if (/etrs|europeanterrestrial/.test(n)) return 'etrs89';
    if (/wgs84|wgs1984|worldgeodeticsystem1984/.test(n)) return 'wgs84';
    if (/dhdn|hauptdreiecksnetz/.test(n)) return 'dhdn';
    if (n === '' || /^d?(unknown|unnamed|undefined|none)/.test(n)) return null;
    return 'other';
  };
  const kind = fromName(nameOf(datum)) ?? fromName(nameOf(geog));
  const ellipsoidOk = (k: DatumKind) => a === undefined || (k === 'dhdn' ? bessel : grs80OrWgs84);
  if (kind) return kind !== 'other' && ellipsoidOk(kind) ? kind : 'other';
  if (grs80OrWgs84) return near(rf, 298.257223563, 1e-6) ? 'wgs84' : 'etrs89';
  if (bessel) return 'dhdn';
  return 'other';
}

const PARAM_ALIASES: Record<string, string[]> = {
  lon0: [
    'centralmeridian',
    'longitudeofcenter',
    'longitudeofcentre',
    'longitudeoforigin',
    'longitudeofnaturalorigin',
    'longitudeofprojectioncentre',
    'longitudeofprojectioncenter',
    'longitudeoffalseorigin',
  ],
  lat0: [
    'latitudeoforigin',
    'latitudeofcenter',
    'latitudeofcentre',
    'latitudeofnaturalorigin',
    'latitudeofprojectioncentre',
    'latitudeofprojectioncenter',
    'latitudeoffalseorigin',
  ],
  k: ['scalefactor', 'scalefactoratnaturalorigin', 'scalefactoronprojectioncentre'],
  fe: ['falseeasting', 'eastingatfalseorigin', 'eastingatprojectioncentre'],
  fn: ['falsenorthing', 'northingatfalseorigin', 'northingatprojectioncentre'],
  sp1: ['standardparallel1', 'latitudeof1ststandardparallel'],
};

const DEG = 180 / Math.PI;

/** Projection parameters by role (degrees, metres, unitless), converting WKT2 per-parameter units. */
function projectionParameters(container: WktNode): Partial<Record<keyof typeof PARAM_ALIASES, number>> {
  const out: Partial<Record<string, number>> = {};
  for (const p of children(container, 'PARAMETER')) {
    let v = numberArg(p, 1);
    if (v === undefined) continue;
    const n = norm(nameOf(p));
    const role = Object.keys(PARAM_ALIASES).find((r) => PARAM_ALIASES[r].includes(n));
    if (!role) continue;
    const angleUnit = child(p, 'ANGLEUNIT');
    const lengthUnit = child(p, 'LENGTHUNIT');
    const unitFactor = numberArg(angleUnit ?? lengthUnit, 1);
    if (angleUnit && unitFactor !== undefined) v = v * unitFactor * DEG;
    else if (lengthUnit && unitFactor !== undefined) v = v * unitFactor;
    out[role] = v;
  }
  return out;
}

/** Metres per unit of a projected CRS's coordinates (1 when not stated). */
function linearUnitFactor(crs: WktNode): number {
  const direct = child(crs, 'UNIT', 'LENGTHUNIT');
  if (direct) return numberArg(direct, 1) ?? 1;
  const cs = child(crs, 'CS');
  for (const axis of [...children(crs, 'AXIS'), ...(cs ? children(cs, 'AXIS') : [])]) {
    const unit = child(axis, 'LENGTHUNIT', 'UNIT');
    if (unit) return numberArg(unit, 1) ?? 1;
  }
  return 1;
}

export interface PrjMatch {
  code: EpsgCode;
  /** see CrsDetection.eastingOffset */
  eastingOffset: number;
}

interface TmEntry {
  datum: 'etrs89' | 'dhdn';
  lon0: number;
  k: number;
  fe: number;
  code: EpsgCode;
  eastingOffset: number;
}

const TM_TABLE: readonly TmEntry[] = [
  { datum: 'etrs89', lon0: 9, k: 0.9996, fe: 500_000, code: 25832, eastingOffset: 0 },
  { datum: 'etrs89', lon0: 15, k: 0.9996, fe: 500_000, code: 25833, eastingOffset: 0 },
  { datum: 'etrs89', lon0: 9, k: 0.9996, fe: 32_500_000, code: 4647, eastingOffset: 0 },
  { datum: 'etrs89', lon0: 15, k: 0.9996, fe: 33_500_000, code: 5650, eastingOffset: 0 },
  // ESRI 102328 "ETRS_1989_UTM_Zone_32N_7stellen", 102359 "ETRS_1989_UTM_Zone_33N_7stellen"
  { datum: 'etrs89', lon0: 9, k: 0.9996, fe: 2_500_000, code: 25832, eastingOffset: -2_000_000 },
  { datum: 'etrs89', lon0: 15, k: 0.9996, fe: 3_500_000, code: 25833, eastingOffset: -3_000_000 },
  { datum: 'dhdn', lon0: 6, k: 1, fe: 2_500_000, code: 31466, eastingOffset: 0 },
  { datum: 'dhdn', lon0: 9, k: 1, fe: 3_500_000, code: 31467, eastingOffset: 0 },
  { datum: 'dhdn', lon0: 12, k: 1, fe: 4_500_000, code: 31468, eastingOffset: 0 },
  { datum: 'dhdn', lon0: 15, k: 1, fe: 5_500_000, code: 31469, eastingOffset: 0 },
];

function matchProjected(crs: WktNode): PrjMatch | null {
  const geog = child(crs, ...BASE_GEOGRAPHIC);
  const kind = datumKind(geog);
  if (kind === 'other') return null;
  const etrsLike = kind === 'etrs89' || kind === 'wgs84';
  if (Math.abs(linearUnitFactor(crs) - 1) > 1e-9) return null;
  // WKT1: PROJECTION and PARAMETERs are children of PROJCS; WKT2: of CONVERSION (METHOD)
  const conversion = child(crs, 'CONVERSION') ?? crs;
  const method = norm(nameOf(child(conversion, 'PROJECTION', 'METHOD')));
  const p = projectionParameters(conversion);
  const name = nameOf(crs);
  const lat0 = p.lat0 ?? 0;
  const fn = p.fn ?? 0;

  if (/transversemercator|gausskruger|gaussschreiber|^tmerc$/.test(method) && !/south/.test(method)) {
    if (!near(lat0, 0, 1e-9) || !near(fn, 0, 0.001)) return null;
    const entry = TM_TABLE.find(
      (e) =>
        (e.datum === 'dhdn' ? kind === 'dhdn' : etrsLike) &&
        near(p.lon0, e.lon0, 1e-7) &&
        near(p.k ?? 1, e.k, 1e-9) &&
        near(p.fe, e.fe, 0.001),
    );
    if (!entry) return null;
    // 5677 is 31467 with easting first: only its name tells them apart
    if (entry.code === 31467 && /(^|[^A-Za-z])E-N([^A-Za-z]|$)/.test(name)) return { code: 5677, eastingOffset: 0 };
    return { code: entry.code, eastingOffset: entry.eastingOffset };
  }
  if (/lambertazimuthalequalarea|^laea$/.test(method)) {
    const ok =
      etrsLike &&
      near(p.lat0, 52, 1e-7) &&
      near(p.lon0, 10, 1e-7) &&
      near(p.fe, 4_321_000, 0.001) &&
      near(p.fn, 3_210_000, 0.001);
    return ok ? { code: 3035, eastingOffset: 0 } : null;
  }
  if (/mercator/.test(method) && !/transverse|oblique/.test(method)) {
    const ellipsoid = child(child(geog, 'DATUM'), 'SPHEROID', 'ELLIPSOID');
    const sphere = near(numberArg(ellipsoid, 1), 6378137, 0.01) && numberArg(ellipsoid, 2) === 0;
    const extension = child(crs, 'EXTENSION');
    const proj4Ext = extension ? String(extension.args[1] ?? '') : '';
    const web =
      /auxiliarysphere|pseudomercator|popularvisuali[sz]ation/.test(method) ||
      /pseudomercator|webmercator|google|900913/.test(norm(name)) ||
      (/\+a=6378137\b/.test(proj4Ext) && /\+b=6378137\b/.test(proj4Ext)) ||
      sphere;
    const ok = web && etrsLike && near(p.lon0 ?? 0, 0, 1e-9) && near(p.fe ?? 0, 0, 0.001) && near(fn, 0, 0.001);
    return ok ? { code: 3857, eastingOffset: 0 } : null;
  }
  return null;
}

function matchGeographic(crs: WktNode): PrjMatch | null {
  const kind = datumKind(crs);
  if (kind !== 'wgs84' && kind !== 'etrs89') return null;
  const cs = child(crs, 'CS');
  if (cs && !/ellipsoidal/i.test(String(cs.args[0] ?? ''))) return null; // e.g. a geocentric GEODCRS
  const unit = child(crs, 'UNIT', 'ANGLEUNIT');
  const factor = numberArg(unit, 1);
  if (factor !== undefined && !near(factor, Math.PI / 180, 1e-12)) return null;
  return { code: 4326, eastingOffset: 0 };
}

/** The horizontal CRS of a WKT root (unwraps COMPD_CS / COMPOUNDCRS and BOUNDCRS). */
function horizontalCrs(root: WktNode): WktNode | null {
  if (PROJECTED.includes(root.keyword) || GEOGRAPHIC.includes(root.keyword)) return root;
  if (root.keyword === 'COMPD_CS' || root.keyword === 'COMPOUNDCRS') {
    for (const a of root.args) if (isNode(a)) {
      const h = horizontalCrs(a);
      if (h) return h;
    }
    return null;
  }
  if (root.keyword === 'BOUNDCRS') {
    const source = child(root, 'SOURCECRS');
    const inner = source?.args.find(isNode);
    return inner ? horizontalCrs(inner) : null;
  }
  return null;
}

/**
 * Code and easting offset from a .prj WKT text (OGC WKT1, ESRI WKT1, WKT2):
 * the CRS's own AUTHORITY/ID when it names a supported code, else the datum
 * (WGS84/ETRS89 or DHDN) and the projection parameters (method, central
 * meridian, latitude of origin, scale, false easting/northing). null when
 * not recognised.
 */
export function parsePrj(wkt: string): PrjMatch | null {
  if (typeof wkt !== 'string') return null;
  const root = parseWkt(wkt.trim());
  if (!root) return null;
  const crs = horizontalCrs(root);
  if (!crs) return null;
  const byAuthority = ownAuthority(crs);
  if (byAuthority) return { code: byAuthority, eastingOffset: 0 };
  return PROJECTED.includes(crs.keyword) ? matchProjected(crs) : matchGeographic(crs);
}

/**
 * EPSG code from a .prj WKT text: OGC WKT1, ESRI WKT
 * (PROJCS["ETRS_1989_UTM_Zone_32N",…], "DHDN_3_Degree_Gauss_Zone_4",
 * "ETRS_1989_UTM_Zone_N32" / false easting 32500000,
 * "Deutsches_Hauptdreiecksnetz" …), WKT2 with ID["EPSG",25832]; uses
 * AUTHORITY/ID when present, else datum + projection parameters (central
 * meridian, false easting, scale). null when not recognised.
 *
 * ESRI's 7-digit UTM variants ("…_7stellen", false easting 2,500,000 /
 * 3,500,000) give 25832 / 25833, which is only correct together with the
 * easting offset: use parsePrj or detectCrs for those.
 */
export function crsFromPrj(wkt: string): EpsgCode | null {
  return parsePrj(wkt)?.code ?? null;
}

// ---------------------------------------------------------------------------
// GeoJSON `crs` member and CRS names

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A code from a CRS name: "EPSG:25832", "urn:ogc:def:crs:EPSG::25832",
 * "urn:ogc:def:crs:EPSG:6.6:25832", "http://www.opengis.net/def/crs/EPSG/0/25832",
 * "urn:ogc:def:crs:OGC:1.3:CRS84" / "CRS84" (→ 4326). null when not supported.
 */
export function crsFromName(name: string): EpsgCode | null {
  const s = name.trim();
  if (/^(?:urn:(?:x-)?ogc:def:crs:OGC:[^:]*:|https?:\/\/www\.opengis\.net\/def\/crs\/OGC\/[^/]+\/|OGC:)?CRS:?84$/i.test(s)) return 4326;
  const m =
    /^EPSG:{1,2}(\d+)$/i.exec(s) ??
    /^urn:(?:x-)?ogc:def:crs:EPSG:[^:]*:(\d+)$/i.exec(s) ??
    /^https?:\/\/www\.opengis\.net\/def\/crs\/EPSG\/[^/]+\/(\d+)$/i.exec(s);
  return m ? mapAuthorityCode('EPSG', Number(m[1])) : null;
}

/** From a GeoJSON's legacy `crs` member ("EPSG:25832", "urn:ogc:def:crs:EPSG::25832", "urn:ogc:def:crs:OGC:1.3:CRS84"; also the 2008 form {type: "EPSG", properties: {code}}). */
export function crsFromGeoJson(geojson: unknown): EpsgCode | null {
  if (!isObject(geojson)) return null;
  const crs = geojson.crs;
  if (!isObject(crs) || !isObject(crs.properties)) return null;
  const type = typeof crs.type === 'string' ? crs.type.toLowerCase() : '';
  if (type === 'name' && typeof crs.properties.name === 'string') return crsFromName(crs.properties.name);
  if (type === 'epsg') {
    // Number() throws for an object such as {"toString": 1}
    const raw = crs.properties.code;
    const code = typeof raw === 'number' || typeof raw === 'string' ? Number(raw) : NaN;
    return Number.isInteger(code) ? mapAuthorityCode('EPSG', code) : null;
  }
  return null;
}

// ---------------------------------------------------------------------------
// Guessing from coordinates

/** Codes tried by guessCrs. 5677 is left out: it transforms exactly like 31467. */
const GUESS_CODES: readonly EpsgCode[] = [4326, 25832, 25833, 4647, 5650, 31466, 31467, 31468, 31469, 3035, 3857];
const PLAUSIBLE_SHARE = 0.9;
const MAX_GUESS_SAMPLES = 1000;

interface Trial {
  code: EpsgCode;
  swapped: boolean;
  /** share of samples inside GERMANY_BBOX after reprojection */
  share: number;
  /** share of samples inside GERMANY_OUTLINE after reprojection */
  outlineShare: number;
}

function evenSubset<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const step = items.length / max;
  return Array.from({ length: max }, (_, i) => items[Math.floor(i * step)]);
}

function trial(samples: readonly [number, number][], code: EpsgCode, swapped: boolean, eastingOffset = 0): Trial {
  let inside = 0;
  let inOutline = 0;
  for (const [x, y] of samples) {
    const [lon, lat] = transformPosition(x, y, code, { swapAxes: swapped, eastingOffset });
    if (lon >= GERMANY_BBOX.west && lon <= GERMANY_BBOX.east && lat >= GERMANY_BBOX.south && lat <= GERMANY_BBOX.north) {
      inside++;
      if (insideGermanyOutline(lon, lat)) inOutline++;
    }
  }
  const n = samples.length || 1;
  return { code, swapped, share: inside / n, outlineShare: inOutline / n };
}

function describe(code: EpsgCode, swapped: boolean): string {
  const axes = swapped ? ' with swapped axes' : '';
  switch (code) {
    case 4326:
      return swapped
        ? 'WGS84 latitude/longitude in degrees (EPSG:4326, swapped axes: latitude first)'
        : 'WGS84 longitude/latitude in degrees (EPSG:4326)';
    case 25832:
    case 25833:
      return `6-digit eastings: ETRS89 / UTM zone ${code - 25800}N (EPSG:${code})${axes}`;
    case 4647:
    case 5650:
      return `8-digit eastings with zone prefix ${code === 4647 ? 32 : 33}: ETRS89 / UTM zone ${code === 4647 ? 32 : 33}N (zE-N, EPSG:${code})${axes}`;
    case 31466:
    case 31467:
    case 31468:
    case 31469:
    case 5677: {
      const zone = code === 5677 ? 3 : code - 31464;
      const utm7 =
        zone === 2 || zone === 3
          ? ` (ETRS89 / UTM zone ${zone === 2 ? 32 : 33}N with 7-digit eastings, false easting ${zone},500,000, gives similar numbers: check the source)`
          : '';
      return `7-digit eastings starting with ${zone}: DHDN / Gauss-Krüger zone ${zone} (EPSG:${code})${axes}${utm7}`;
    }
    case 3035:
      return `ETRS89 / LAEA Europe (EPSG:3035)${axes}`;
    case 3857:
      return `Web Mercator (EPSG:3857)${axes}`;
  }
}

const pct = (share: number) => `${Math.round(share * 100)} %`;

/**
 * A guess from sample coordinates ([x, y] pairs as stored in the file) when
 * the file says nothing. Every supported CRS (5677 aside, see GUESS_CODES) is
 * tried in both axis orders; a reading is plausible when at least 90 % of the
 * samples land inside Germany's bounding box (GERMANY_BBOX). This covers WGS84
 * longitude/latitude and swapped latitude/longitude, UTM 32/33 (6-digit
 * eastings), zE-N (8-digit eastings, 32… → 4647, 33… → 5650), Gauss-Krüger
 * (7-digit eastings, zone = leading digit), LAEA and Web Mercator, and also
 * projected coordinates stored northing first. Several plausible readings
 * (typically UTM 32 against 33: 6-digit eastings fit both zones) give
 * confidence 'ambiguous', ranked by the share inside the box, then by the
 * share inside a coarse outline of Germany (GERMANY_OUTLINE: a point at 12°E
 * in zone 33 reads as 6°E in zone 32, which is in the Netherlands), then by
 * GUESS_CODES order (zone 32 before 33: 12 of the 16 Länder use zone 32).
 * Eastings west of the central meridian often fit both zones inside Germany
 * (Köln in zone 32 reads as a point near Chemnitz in zone 33), so the user has
 * to confirm a guess in any case.
 */
export function guessCrs(samples: readonly [number, number][]): CrsDetection {
  const finite = evenSubset(
    samples.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)),
    MAX_GUESS_SAMPLES,
  );
  const base = { source: 'guess' as const, eastingOffset: 0 };
  if (finite.length === 0) {
    return {
      ...base,
      code: null,
      confidence: 'unknown',
      candidates: [],
      swappedAxes: false,
      reason: 'No coordinates to guess the coordinate system from.',
    };
  }
  const trials = GUESS_CODES.flatMap((code) => [trial(finite, code, false), trial(finite, code, true)]);
  trials.sort(
    (a, b) =>
      b.share - a.share ||
      b.outlineShare - a.outlineShare ||
      Number(a.swapped) - Number(b.swapped) ||
      GUESS_CODES.indexOf(a.code) - GUESS_CODES.indexOf(b.code),
  );
  const plausible = trials.filter((t) => t.share >= PLAUSIBLE_SHARE);
  const ranked: Trial[] = [];
  for (const t of plausible) if (!ranked.some((r) => r.code === t.code)) ranked.push(t);
  const n = finite.length;
  if (ranked.length === 0) {
    const best = trials[0];
    return {
      ...base,
      code: null,
      confidence: 'unknown',
      candidates: [],
      swappedAxes: false,
      reason:
        `None of the supported coordinate systems puts the ${n} sample point${n === 1 ? '' : 's'} inside Germany's bounding box` +
        (best.share > 0 ? ` (best: EPSG:${best.code}${best.swapped ? ' with swapped axes' : ''}, ${pct(best.share)})` : '') +
        '.',
    };
  }
  const best = ranked[0];
  const inside = `${pct(best.share)} of ${n} sample point${n === 1 ? '' : 's'} fall inside Germany's bounding box`;
  if (ranked.length === 1) {
    return {
      ...base,
      code: best.code,
      confidence: 'likely',
      candidates: [best.code],
      swappedAxes: best.swapped,
      reason: `Coordinates look like ${describe(best.code, best.swapped)}; ${inside}.`,
    };
  }
  const others = ranked
    .slice(1)
    .map((t) => `EPSG:${t.code}${t.swapped ? ' with swapped axes' : ''}`)
    .join(', ');
  return {
    ...base,
    code: best.code,
    confidence: 'ambiguous',
    candidates: ranked.map((t) => t.code),
    swappedAxes: best.swapped,
    reason:
      `Coordinates fit several coordinate systems; most plausible: ${describe(best.code, best.swapped)} ` +
      `(${inside}, ${pct(best.outlineShare)} inside the outline of Germany); also possible: ${others}. Please confirm.`,
  };
}

/** Checks a declared CRS against the coordinates (and detects swapped axes). */
function checkDeclared(
  code: EpsgCode,
  eastingOffset: number,
  source: 'prj' | 'geojson' | 'header' | 'metadata',
  samples: readonly [number, number][],
  declared: string,
): CrsDetection {
  const base = { code, source, eastingOffset };
  const finite = evenSubset(
    samples.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)),
    MAX_GUESS_SAMPLES,
  );
  if (finite.length === 0) {
    return { ...base, confidence: 'certain', candidates: [code], swappedAxes: false, reason: `${declared}.` };
  }
  const straight = trial(finite, code, false, eastingOffset);
  if (straight.share >= PLAUSIBLE_SHARE) {
    return {
      ...base,
      confidence: 'certain',
      candidates: [code],
      swappedAxes: false,
      reason: `${declared}; ${pct(straight.share)} of the sample points fall inside Germany's bounding box.`,
    };
  }
  const swapped = trial(finite, code, true, eastingOffset);
  if (swapped.share >= PLAUSIBLE_SHARE) {
    return {
      ...base,
      confidence: 'likely',
      candidates: [code],
      swappedAxes: true,
      reason:
        `${declared}, but the file stores the axes swapped (${code === 4326 ? 'latitude before longitude' : 'northing before easting'}): ` +
        `with swapped axes ${pct(swapped.share)} of the sample points fall inside Germany's bounding box.`,
    };
  }
  const guess = guessCrs(finite);
  if (guess.code !== null && guess.code !== code) {
    return {
      ...base,
      confidence: 'ambiguous',
      candidates: [code, ...guess.candidates.filter((c) => c !== code)],
      swappedAxes: false,
      reason: `${declared}, but only ${pct(straight.share)} of the sample points fall inside Germany's bounding box with it. ${guess.reason}`,
    };
  }
  return {
    ...base,
    confidence: 'likely',
    candidates: [code],
    swappedAxes: false,
    reason: `${declared}, but only ${pct(straight.share)} of the sample points fall inside Germany's bounding box with it.`,
  };
}

/** An EPSG code declared by a file's header or metadata, for detectCrs. */
export interface EpsgHint {
  /** EPSG code (aliases such as 4258 → 4326 are mapped; unsupported codes fall back to the guess with a note) */
  code: number;
  source: 'header' | 'metadata';
  /** for the reason text, e.g. "FlatGeobuf header" (default "file header" / "file metadata") */
  origin?: string;
  /** see CrsDetection.eastingOffset (for a WKT that parsePrj read as a 7-digit UTM variant) */
  eastingOffset?: number;
}

/**
 * Full detection: an explicit code from the file's header or metadata (FlatGeobuf, GeoParquet), else
 * the .prj text if it is recognised, else the GeoJSON `crs`
 * member, else a guess from the samples (a GeoJSON without `crs` member whose
 * coordinates look like longitude/latitude gets RFC 7946's WGS84 as source
 * 'default'). A declared CRS is checked against the samples: swapped axes are
 * detected, and a CRS that puts the points outside Germany is reported as
 * 'ambiguous' together with the guessed alternatives.
 */
export function detectCrs(input: {
  prj?: string | null;
  geojson?: unknown;
  /** an explicit code from the file's own header or metadata (FlatGeobuf, GeoParquet); checked first */
  epsg?: EpsgHint | null;
  samples: readonly [number, number][];
}): CrsDetection {
  const samples = input.samples ?? [];
  const notes: string[] = [];
  const hint = input.epsg;
  if (hint) {
    const origin = hint.origin ?? (hint.source === 'header' ? 'file header' : 'file metadata');
    const code = Number.isInteger(hint.code) ? mapAuthorityCode('EPSG', hint.code) : null;
    if (code !== null) {
      return checkDeclared(code, hint.eastingOffset ?? 0, hint.source, samples, `The ${origin} names ${crsDefinition(code).name} (EPSG:${code})`);
    }
    notes.push(`The ${origin} names EPSG:${String(hint.code)}, which is not supported.`);
  }
  if (typeof input.prj === 'string' && input.prj.trim() !== '') {
    const match = parsePrj(input.prj);
    if (match) {
      const offset = match.eastingOffset
        ? ` with 7-digit eastings (false easting ${(500_000 - match.eastingOffset).toLocaleString('en')} m)`
        : '';
      return checkDeclared(
        match.code,
        match.eastingOffset,
        'prj',
        samples,
        `The .prj file names ${crsDefinition(match.code).name} (EPSG:${match.code})${offset}`,
      );
    }
    notes.push('The .prj file names a coordinate system that is not supported or not recognised.');
  }
  const hasGeoJson = isObject(input.geojson);
  const hasCrsMember = hasGeoJson && (input.geojson as Record<string, unknown>).crs != null;
  if (hasGeoJson) {
    const code = crsFromGeoJson(input.geojson);
    if (code !== null) {
      return checkDeclared(code, 0, 'geojson', samples, `The GeoJSON crs member names ${crsDefinition(code).name} (EPSG:${code})`);
    }
    if (hasCrsMember) notes.push('The GeoJSON crs member names a coordinate system that is not supported or not recognised.');
  }
  const prefix = notes.length ? `${notes.join(' ')} ` : '';
  const guess = guessCrs(samples);
  if (hasGeoJson && !hasCrsMember) {
    const rfc = 'GeoJSON without a crs member is WGS84 longitude/latitude (RFC 7946)';
    if (samples.length === 0) {
      return {
        code: 4326,
        source: 'default',
        confidence: 'likely',
        candidates: [4326],
        swappedAxes: false,
        eastingOffset: 0,
        reason: `${prefix}${rfc}; there are no coordinates to check it.`,
      };
    }
    if (guess.code === 4326 && !guess.swappedAxes && guess.confidence === 'likely') {
      const agrees = guess.reason.charAt(0).toLowerCase() + guess.reason.slice(1);
      return { ...guess, source: 'default', confidence: 'certain', reason: `${prefix}${rfc}, and the ${agrees.replace(/^coordinates /, 'coordinates agree: they ')}` };
    }
  }
  return { ...guess, reason: prefix + guess.reason };
}
