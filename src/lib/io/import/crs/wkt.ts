// The coordinate system a WKT text defines (a .prj, a GeoPackage's gpkg_spatial_ref_sys, FlatGeobuf or
// GeoParquet metadata): OGC WKT1 (GDAL, QGIS), ESRI WKT1 and WKT2 (2015/2019, BOUNDCRS included) read
// into a CrsSpec (spec.ts) and built from its parameters (build.ts).
import { crsFromSpec, type CrsReading } from './build';
import { isAngleRole, norm, paramRole, type CrsParams, type CrsSpec } from './spec';
import { child, children, isNode, nameOf, numberArg, parseWkt, type WktNode } from './wkt-parse';

const DEG = 180 / Math.PI;
const ARCSEC = Math.PI / 648_000;
/** Longer texts are no coordinate system (the longest EPSG WKT2 is about 10 KB). */
export const MAX_WKT_CHARS = 100_000;

const PROJECTED = ['PROJCS', 'PROJCRS', 'PROJECTEDCRS'];
const GEOGRAPHIC = ['GEOGCS', 'GEOGCRS', 'GEODCRS', 'GEOGRAPHICCRS', 'GEODETICCRS'];
const BASE_GEOGRAPHIC = ['GEOGCS', 'BASEGEOGCRS', 'BASEGEODCRS', 'BASEGEOGRAPHICCRS', 'GEOGCRS', 'GEODCRS'];

/** Metres per unit for units named without a factor. */
const LENGTH_BY_NAME: Record<string, number> = {
  metre: 1,
  meter: 1,
  m: 1,
  kilometre: 1000,
  kilometer: 1000,
  km: 1000,
  foot: 0.3048,
  ft: 0.3048,
  internationalfoot: 0.3048,
  footus: 1200 / 3937,
  usfoot: 1200 / 3937,
  ussurveyfoot: 1200 / 3937,
  usft: 1200 / 3937,
};

class WktError extends Error {}

/** A unit node's factor (metres or radians per unit), from its number or its name. */
function unitFactor(unit: WktNode | undefined, kind: 'length' | 'angle' | 'scale'): number | undefined {
  if (!unit) return undefined;
  const v = unit.args[1];
  if (v !== undefined && typeof v !== 'number') throw new WktError(`its unit "${nameOf(unit)}" has no numeric factor`);
  if (typeof v === 'number') return v;
  const n = norm(nameOf(unit));
  if (kind === 'length' && n in LENGTH_BY_NAME) return LENGTH_BY_NAME[n];
  if (kind === 'angle' && /^(degree|deg|degrees)$/.test(n)) return Math.PI / 180;
  if (kind === 'scale' && /^(unity|one)$/.test(n)) return 1;
  throw new WktError(`its unit "${nameOf(unit).slice(0, 40)}" has no factor`);
}

/** The CRS's own AUTHORITY["EPSG","25832"] (WKT1) or ID["EPSG",25832] (WKT2), not those of its parts. */
function ownAuthority(node: WktNode): CrsSpec['authority'] {
  for (const a of children(node, 'AUTHORITY', 'ID')) {
    const auth = a.args[0];
    const code = numberArg(a, 1);
    if (typeof auth === 'string' && code !== undefined && Number.isInteger(code)) return { authority: auth, code };
  }
  return null;
}

/** 'ne' when the first axis points north (WKT1 AXIS["Northing",NORTH], WKT2 AXIS[…,north,ORDER[1]]). */
function axisOrder(node: WktNode): 'en' | 'ne' {
  const cs = child(node, 'CS');
  const axes = [...children(node, 'AXIS'), ...(cs ? children(cs, 'AXIS') : [])];
  const order = (a: WktNode) => numberArg(child(a, 'ORDER'), 0) ?? 0;
  axes.sort((a, b) => order(a) - order(b));
  const dir = axes[0]?.args[1];
  return typeof dir === 'string' && /^(north|south)$/i.test(dir) ? 'ne' : 'en';
}

/** A unit of the CRS: its own UNIT / LENGTHUNIT / ANGLEUNIT, else that of its first axis. */
function csUnit(node: WktNode, kind: 'length' | 'angle'): number | undefined {
  const keyword = kind === 'length' ? 'LENGTHUNIT' : 'ANGLEUNIT';
  const direct = child(node, 'UNIT', keyword);
  if (direct) return unitFactor(direct, kind);
  const cs = child(node, 'CS');
  for (const axis of [...children(node, 'AXIS'), ...(cs ? children(cs, 'AXIS') : [])]) {
    const unit = child(axis, 'UNIT', keyword);
    if (unit) return unitFactor(unit, kind);
  }
  return undefined;
}

/** Datum, ellipsoid, explicit shift, prime meridian and angular unit of a (base) geographic CRS node. */
function geodetic(geog: WktNode | undefined): Pick<CrsSpec, 'datumName' | 'ellipsoid' | 'towgs84' | 'pm' | 'unitDegrees'> & { esri: boolean } {
  if (!geog) throw new WktError('it names no geographic coordinate system (datum and ellipsoid)');
  const datum = child(geog, 'DATUM', 'TRF', 'GEODETICDATUM', 'ENSEMBLE');
  const ell = child(datum, 'SPHEROID', 'ELLIPSOID') ?? child(geog, 'SPHEROID', 'ELLIPSOID');
  let ellipsoid: CrsSpec['ellipsoid'] = null;
  if (ell) {
    const a = numberArg(ell, 1);
    const rf = numberArg(ell, 2);
    if (a === undefined || rf === undefined) throw new WktError(`its ellipsoid "${nameOf(ell)}" lacks its axis or flattening`);
    ellipsoid = { a: a * (unitFactor(child(ell, 'LENGTHUNIT', 'UNIT'), 'length') ?? 1), rf };
  }
  const tw = child(datum, 'TOWGS84');
  const towgs84 = tw ? tw.args.map((v) => (typeof v === 'number' ? v : NaN)) : null;
  const primem = child(geog, 'PRIMEM');
  let pm = primem ? (numberArg(primem, 1) ?? NaN) : 0;
  const pmUnit = child(primem, 'ANGLEUNIT');
  if (pmUnit) pm *= (unitFactor(pmUnit, 'angle') ?? Math.PI / 180) * DEG;
  const angle = csUnit(geog, 'angle');
  const datumName = nameOf(datum) || nameOf(geog);
  return { datumName, ellipsoid, towgs84, pm, unitDegrees: angle === undefined ? 1 : angle * DEG, esri: /^D_/.test(nameOf(datum)) };
}

/** Projection parameters by role, converted to degrees and metres. */
function projectionParameters(container: WktNode, toMeter: number, angleDegrees: number): CrsParams {
  const out: CrsParams = {};
  for (const p of children(container, 'PARAMETER')) {
    const role = paramRole(nameOf(p));
    if (!role || out[role] !== undefined) continue;
    const raw = p.args[1];
    if (typeof raw !== 'number') throw new WktError(`its parameter "${nameOf(p).slice(0, 40)}" has no numeric value`);
    const angleUnit = child(p, 'ANGLEUNIT');
    const lengthUnit = child(p, 'LENGTHUNIT');
    const scaleUnit = child(p, 'SCALEUNIT');
    let v = raw;
    if (isAngleRole(role)) v = angleUnit ? raw * (unitFactor(angleUnit, 'angle') ?? 0) * DEG : raw * angleDegrees;
    else if (role === 'k') v = scaleUnit ? raw * (unitFactor(scaleUnit, 'scale') ?? 1) : raw;
    else v = lengthUnit ? raw * (unitFactor(lengthUnit, 'length') ?? 1) : raw * toMeter;
    out[role] = v;
  }
  return out;
}

/** The shift of a WKT2 BOUNDCRS's ABRIDGEDTRANSFORMATION as proj4's +towgs84 (position vector; m, ″, ppm). */
function boundShift(bound: WktNode, notes: string[]): number[] | null {
  const target = child(bound, 'TARGETCRS')?.args.find(isNode);
  const t = child(bound, 'ABRIDGEDTRANSFORMATION');
  if (!t) throw new WktError('its BOUNDCRS has no ABRIDGEDTRANSFORMATION');
  if (target && !/wgs84|wgs1984|etrs|europeanterrestrial/.test(norm(nameOf(target)))) {
    notes.push(`The BOUNDCRS shifts to "${nameOf(target)}", not to WGS 84: its shift is not used.`);
    return null;
  }
  const method = norm(nameOf(child(t, 'METHOD')));
  const frame = /coordinateframe/.test(method);
  if (!frame && !/positionvector|geocentrictranslation|helmert|towgs84/.test(method)) {
    notes.push(`The definition's datum shift "${nameOf(child(t, 'METHOD'))}" cannot be applied here (no grid files); the shift known for its datum is used.`);
    return null;
  }
  const names = ['xaxistranslation', 'yaxistranslation', 'zaxistranslation', 'xaxisrotation', 'yaxisrotation', 'zaxisrotation', 'scaledifference'];
  const out = [0, 0, 0, 0, 0, 0, 0];
  for (const p of children(t, 'PARAMETER')) {
    const i = names.indexOf(norm(nameOf(p)));
    if (i < 0) continue;
    const raw = p.args[1];
    if (typeof raw !== 'number') throw new WktError(`its datum shift parameter "${nameOf(p)}" has no numeric value`);
    const lu = child(p, 'LENGTHUNIT');
    const au = child(p, 'ANGLEUNIT');
    const su = child(p, 'SCALEUNIT');
    let v = raw;
    if (i < 3 && lu) v = raw * (unitFactor(lu, 'length') ?? 1);
    else if (i >= 3 && i < 6 && au) v = (raw * (unitFactor(au, 'angle') ?? ARCSEC)) / ARCSEC;
    else if (i === 6 && su) v = raw * (unitFactor(su, 'scale') ?? 1e-6) * 1e6;
    out[i] = frame && i >= 3 && i < 6 ? -v : v;
  }
  return out;
}

/** The horizontal CRS of a WKT root (COMPD_CS / COMPOUNDCRS and BOUNDCRS unwrapped) and a BOUNDCRS's shift. */
function horizontal(root: WktNode, notes: string[], depth = 0): { crs: WktNode; towgs84: number[] | null } {
  const k = root.keyword;
  if (PROJECTED.includes(k) || GEOGRAPHIC.includes(k)) {
    if (k === 'GEODCRS' || k === 'GEODETICCRS' || k === 'GEOCCS') {
      const cs = child(root, 'CS');
      if (cs && !/ellipsoidal/i.test(String(cs.args[0] ?? ''))) throw new WktError('it is a geocentric (earth-centred x, y, z) system, not a map coordinate system');
    }
    return { crs: root, towgs84: null };
  }
  if (k === 'GEOCCS') throw new WktError('it is a geocentric (earth-centred x, y, z) system, not a map coordinate system');
  if (k === 'COMPD_CS' || k === 'COMPOUNDCRS') {
    if (depth > 2) throw new WktError('its compound systems are nested too deeply');
    for (const a of root.args) {
      if (isNode(a) && !/^VERT/.test(a.keyword)) return horizontal(a, notes, depth + 1);
    }
    throw new WktError('its compound system has no horizontal part');
  }
  if (k === 'BOUNDCRS') {
    const inner = child(root, 'SOURCECRS')?.args.find(isNode);
    if (!inner) throw new WktError('its BOUNDCRS has no SOURCECRS');
    if (inner.keyword === 'BOUNDCRS') throw new WktError('it nests a BOUNDCRS inside a BOUNDCRS, which WKT2 does not allow');
    const h = horizontal(inner, notes, depth + 1);
    return { crs: h.crs, towgs84: boundShift(root, notes) ?? h.towgs84 };
  }
  if (/^(LOCAL_CS|ENGCRS|ENGINEERINGCRS)$/.test(k)) throw new WktError('it is a local engineering system without a position on the earth');
  if (/^(VERT_CS|VERTCRS|VERTICALCRS)$/.test(k)) throw new WktError('it is a height system only');
  throw new WktError(`it does not define a coordinate system (it starts with ${k.slice(0, 30)})`);
}

/** A WKT text as a CrsSpec (throws WktError). */
function specOf(text: string): CrsSpec {
  const root = parseWkt(text);
  if (!root) throw new WktError('it is not well-formed WKT (unbalanced brackets, a missing quote, or text after the end)');
  const notes: string[] = [];
  const { crs, towgs84: bound } = horizontal(root, notes);
  const projected = PROJECTED.includes(crs.keyword);
  const geog = projected ? child(crs, ...BASE_GEOGRAPHIC) : crs;
  const g = geodetic(geog);
  const towgs84 = bound ?? g.towgs84;
  const base = {
    name: nameOf(crs),
    authority: ownAuthority(crs),
    datumName: g.datumName,
    ellipsoid: g.ellipsoid,
    towgs84,
    pm: g.pm,
    axes: axisOrder(crs),
    notes,
  };
  if (!projected) {
    return { ...base, kind: 'geographic', methodName: '', params: {}, toMeter: 1, unitDegrees: g.unitDegrees };
  }
  const toMeter = csUnit(crs, 'length') ?? 1;
  // WKT1: PROJECTION and PARAMETERs are children of PROJCS; WKT2: of CONVERSION (METHOD)
  const conversion = child(crs, 'CONVERSION') ?? crs;
  let methodName = nameOf(child(conversion, 'PROJECTION', 'METHOD'));
  // ESRI writes angles in the geographic unit (grads for NTF); GDAL and OGC WKT1 in degrees
  const params = projectionParameters(conversion, toMeter, g.esri ? g.unitDegrees : 1);
  // GDAL's WKT1 of 3857: Mercator_1SP on the WGS 84 ellipsoid, told apart by its name and PROJ4 extension
  const extension = child(crs, 'EXTENSION');
  const proj4Ext = extension ? String(extension.args[1] ?? '') : '';
  if (
    /mercator/i.test(methodName) &&
    !/transverse|oblique/i.test(methodName) &&
    (/pseudomercator|webmercator|google|900913/.test(norm(base.name)) || (/\+a=6378137\b/.test(proj4Ext) && /\+b=6378137\b/.test(proj4Ext)))
  ) {
    methodName = 'Popular Visualisation Pseudo Mercator';
  }
  return { ...base, kind: 'projected', methodName, params, toMeter, unitDegrees: 1 };
}

export type WktResult = { ok: true; reading: CrsReading } | { ok: false; error: string };

/**
 * The coordinate system a WKT text defines, built from its parameters (a known system when it
 * transforms exactly like one), or why it cannot be used: one English clause that completes
 * "The coordinate system definition …", e.g. "is not well-formed WKT (…)" or "its scale factor 0 is impossible".
 */
export function readWkt(text: string): WktResult {
  if (typeof text !== 'string') return { ok: false, error: 'is not text' };
  let s = text.replace(/^\uFEFF/, '');
  // UTF-16 without a byte-order mark, read as single bytes: every other character is NUL
  if (s.includes('\u0000')) s = s.split('\u0000').join('');
  s = s.trim();
  if (s === '') return { ok: false, error: 'is empty' };
  if (s.length > MAX_WKT_CHARS) {
    return { ok: false, error: `is ${Math.round(s.length / 1024)} KB long; a coordinate system definition has a few KB` };
  }
  try {
    return { ok: true, reading: crsFromSpec(specOf(s)) };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, error: `cannot be used: ${message}` };
  }
}

/** The Crs a WKT text defines, or null (see readWkt for the reason). */
export function parsePrj(text: string) {
  const r = readWkt(text);
  return r.ok ? r.reading.crs : null;
}
