/**
 * The coordinate system value every part of the import passes around (Crs), the
 * systems the import knows by code (the picker's list and the guess), and
 * Germany's extent, the plausibility test for readings. The rest of the CRS
 * handling is beside it: spec.ts (parameters → proj4), wkt.ts (WKT1, ESRI,
 * WKT2 texts), projjson.ts (PROJJSON), names.ts (CRS names, GeoJSON `crs`
 * members), reproject.ts (to WGS84 with proj4), guess.ts (from the
 * coordinates), detect.ts (all of it for one file).
 *
 * Conventions:
 * - A Crs carries its own proj4 definition: a system that a file defines
 *   (a .prj, a GeoPackage's gpkg_spatial_ref_sys, FlatGeobuf / GeoParquet
 *   metadata) is built from its parameters, whether or not it has a code.
 * - Coordinates are handled as [x, y] = [easting, northing] (or [longitude,
 *   latitude]), the order shapefiles, GeoPackage and GeoJSON store them in,
 *   whatever axis order the definition declares (Crs.axes; 31466–31469 and
 *   4326 are officially northing-first). A file that stores (y, x) is
 *   reported with `swappedAxes: true` after a check against its coordinates.
 * - ETRS89 and WGS84 are treated as identical (they differ by less than a
 *   metre in Germany; proj4 itself has no plate-motion model). A .prj on
 *   WGS84 / UTM 32N therefore maps to 25832, and ETRS89 longitude/latitude
 *   (4258) to 4326.
 * - DHDN (Gauss-Krüger) is shifted to WGS84 with the 7-parameter Helmert set
 *   598.1, 73.7, 418.2 m, 0.202, 0.045, −2.455″, 6.7 ppm (EPSG transformation
 *   1777, "DHDN to WGS 84 (2)", position-vector convention as proj4's
 *   +towgs84 expects; the set epsg.io / GDAL give for 31466–31469 and 5677),
 *   also when a .prj names DHDN without a shift (as ESRI's do).
 *   EPSG states its accuracy as about 3 m; the AdV's BeTA2007 NTv2 grid is
 *   better, but is a binary grid file that the app does not ship.
 * - ESRI's "ETRS_1989_UTM_Zone_32N_7stellen" (false easting 2,500,000) and
 *   "…_33N_7stellen" (3,500,000) are Transverse Mercator with that false
 *   easting, nothing more; they are in the picker's list as ESRI:102328 and
 *   ESRI:102359.
 *
 * Pure functions apart from a cache of proj4 converters (reproject.ts); nothing
 * touches the DOM or the network.
 */

/** The i18n keys of readable CRS names (German variants recognised from their parameters, src/lib/i18n). */
export type CrsLabelKey =
  | 'crs.utm'
  | 'crs.utmZone'
  | 'crs.utm7'
  | 'crs.gk'
  | 'crs.gk6'
  | 'crs.laea'
  | 'crs.lcc'
  | 'crs.webMercator'
  | 'crs.geographic'
  | 'crs.soldnerBerlin'
  | 'crs.custom';

export interface CrsLabel {
  key: CrsLabelKey;
  params: Record<string, string | number>;
}

/** A coordinate reference system with everything needed to transform (plain data: crosses the worker boundary). */
export interface Crs {
  /** stable identity: "EPSG:25832", "ESRI:102328", or "WKT:<hash of the definition>" for a system a file defines */
  key: string;
  /** the EPSG code when known (a code from the file's own definition is kept even when it is not in the list) */
  code: number | null;
  /** the EPSG name, or the file's own name for its system */
  name: string;
  /** proj4 definition (x = easting / longitude, y = northing / latitude) */
  proj4: string;
  /** longitude/latitude rather than projected */
  geographic: boolean;
  /** degrees per coordinate unit of a geographic CRS (1; grads 0.9): applied before proj4 */
  unitDegrees: number;
  /** the axis order the definition declares ('ne': northing / latitude first); files store easting first nonetheless */
  axes: 'en' | 'ne';
  /** the readable name (an i18n key and its parameters) */
  label: CrsLabel;
  /** how the shift to WGS84 is known: given by the definition, by the datum's name, zero (ETRS89 / WGS84), none (unknown datum) */
  shift: 'given' | 'by-name' | 'zero' | 'none';
}

/** The Helmert parameters DHDN → WGS84 (EPSG:1777, position-vector convention as proj4 expects). */
export const DHDN_TOWGS84 = [598.1, 73.7, 418.2, 0.202, 0.045, -2.455, 6.7] as const;

const DHDN = `+ellps=bessel +towgs84=${DHDN_TOWGS84.join(',')}`;
const ETRS89 = '+ellps=GRS80 +towgs84=0,0,0,0,0,0,0';

function gaussKruger(zone: 2 | 3 | 4 | 5): string {
  return `+proj=tmerc +lat_0=0 +lon_0=${zone * 3} +k=1 +x_0=${zone * 1_000_000 + 500_000} +y_0=0 ${DHDN} +units=m +no_defs`;
}

function known(
  authority: 'EPSG' | 'ESRI',
  code: number,
  name: string,
  proj4: string,
  label: CrsLabel,
  more: Partial<Pick<Crs, 'geographic' | 'axes' | 'shift'>> = {},
): Crs {
  return Object.freeze({
    key: `${authority}:${code}`,
    code: authority === 'EPSG' ? code : null,
    name,
    proj4,
    geographic: false,
    unitDegrees: 1,
    axes: 'en' as const,
    label: Object.freeze(label),
    shift: 'zero' as const,
    ...more,
  });
}

const utm = (zone: number): CrsLabel => ({ key: 'crs.utm', params: { datum: 'ETRS89', zone } });
const gk = (zone: number): CrsLabel => ({ key: 'crs.gk', params: { datum: 'DHDN', zone } });
const DHDN_MORE = { shift: 'given', axes: 'ne' } as const;

/** The systems the import knows by code: the picker's list (in this order) and, except the ESRI entries and 5677, the guess. */
export const KNOWN_CRS: readonly Crs[] = Object.freeze([
  known('EPSG', 4326, 'WGS 84', '+proj=longlat +datum=WGS84 +no_defs', { key: 'crs.geographic', params: { datum: 'WGS 84' } }, { geographic: true, axes: 'ne' }),
  known(
    'EPSG',
    3857,
    'WGS 84 / Pseudo-Mercator',
    '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs',
    { key: 'crs.webMercator', params: {} },
  ),
  known('EPSG', 25832, 'ETRS89 / UTM zone 32N', `+proj=utm +zone=32 ${ETRS89} +units=m +no_defs`, utm(32)),
  known('EPSG', 25833, 'ETRS89 / UTM zone 33N', `+proj=utm +zone=33 ${ETRS89} +units=m +no_defs`, utm(33)),
  known(
    'ESRI',
    102328,
    'ETRS_1989_UTM_Zone_32N_7stellen',
    `+proj=tmerc +lat_0=0 +lon_0=9 +k=0.9996 +x_0=2500000 +y_0=0 ${ETRS89} +units=m +no_defs`,
    { key: 'crs.utm7', params: { datum: 'ETRS89', zone: 32, lead: 2 } },
  ),
  known(
    'ESRI',
    102359,
    'ETRS_1989_UTM_Zone_33N_7stellen',
    `+proj=tmerc +lat_0=0 +lon_0=15 +k=0.9996 +x_0=3500000 +y_0=0 ${ETRS89} +units=m +no_defs`,
    { key: 'crs.utm7', params: { datum: 'ETRS89', zone: 33, lead: 3 } },
  ),
  known('EPSG', 31466, 'DHDN / 3-degree Gauss-Kruger zone 2', gaussKruger(2), gk(2), DHDN_MORE),
  known('EPSG', 31467, 'DHDN / 3-degree Gauss-Kruger zone 3', gaussKruger(3), gk(3), DHDN_MORE),
  known('EPSG', 31468, 'DHDN / 3-degree Gauss-Kruger zone 4', gaussKruger(4), gk(4), DHDN_MORE),
  known('EPSG', 31469, 'DHDN / 3-degree Gauss-Kruger zone 5', gaussKruger(5), gk(5), DHDN_MORE),
  known(
    'EPSG',
    3035,
    'ETRS89-extended / LAEA Europe',
    `+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 ${ETRS89} +units=m +no_defs`,
    { key: 'crs.laea', params: { datum: 'ETRS89' } },
    { axes: 'ne' },
  ),
  known(
    'EPSG',
    4647,
    'ETRS89 / UTM zone 32N (zE-N)',
    `+proj=tmerc +lat_0=0 +lon_0=9 +k=0.9996 +x_0=32500000 +y_0=0 ${ETRS89} +units=m +no_defs`,
    { key: 'crs.utmZone', params: { datum: 'ETRS89', zone: 32 } },
  ),
  known(
    'EPSG',
    5650,
    'ETRS89 / UTM zone 33N (zE-N)',
    `+proj=tmerc +lat_0=0 +lon_0=15 +k=0.9996 +x_0=33500000 +y_0=0 ${ETRS89} +units=m +no_defs`,
    { key: 'crs.utmZone', params: { datum: 'ETRS89', zone: 33 } },
  ),
  known('EPSG', 5677, 'DHDN / 3-degree Gauss-Kruger zone 3 (E-N)', gaussKruger(3), gk(3), { shift: 'given' }),
]);

const BY_CODE = new Map<number, Crs>(KNOWN_CRS.filter((c) => c.code !== null).map((c) => [c.code!, c]));
const BY_KEY = new Map<string, Crs>(KNOWN_CRS.map((c) => [c.key, c]));

/** Authority codes that are not in KNOWN_CRS but mean one of them (same transformation here). */
const CODE_ALIASES: Record<string, Record<number, number>> = {
  EPSG: { 4258: 4326, 3785: 3857, 900913: 3857, 102100: 3857, 102113: 3857 },
  ESRI: { 102100: 3857, 102113: 3857 },
};

/** The known system an authority's code means (EPSG codes of the list, ESRI:102328 / 102359, and the aliases above), or null. */
export function crsByAuthority(authority: string, code: number): Crs | null {
  const auth = authority.toUpperCase();
  if (!Number.isInteger(code)) return null;
  const own = auth === 'EPSG' ? BY_CODE.get(code) : BY_KEY.get(`${auth}:${code}`);
  if (own) return own;
  const alias = CODE_ALIASES[auth]?.[code];
  return alias !== undefined ? (BY_CODE.get(alias) ?? null) : null;
}

/** The known system with this EPSG code (aliases such as 4258 → 4326 included), or null. */
export function crsByCode(code: number): Crs | null {
  return crsByAuthority('EPSG', code);
}

/** The known system with this key ("EPSG:25832", "ESRI:102328"), or null. */
export function crsByKey(key: string): Crs | null {
  return BY_KEY.get(key) ?? null;
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
