// The coordinate system a .prj file names: a tolerant WKT parser (OGC WKT1, ESRI
// WKT1, WKT2) and the match of its authority code, datum and projection
// parameters against the supported systems.
import { mapAuthorityCode, type EpsgCode } from './definitions';

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
