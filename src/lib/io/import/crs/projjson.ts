// The coordinate system a PROJJSON object defines (GeoParquet metadata): read into a CrsSpec like a
// WKT2 text and built from its parameters (build.ts).
import { crsFromSpec, type CrsReading } from './build';
import { isAngleRole, norm, paramRole, type CrsParams, type CrsSpec } from './spec';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const DEG = 180 / Math.PI;
const ARCSEC = Math.PI / 648_000;

/** Factors of the unit names PROJJSON writes as plain strings (metres, radians, unity). */
const UNIT_NAMES: Record<string, number> = {
  metre: 1,
  meter: 1,
  kilometre: 1000,
  foot: 0.3048,
  ussurveyfoot: 1200 / 3937,
  degree: Math.PI / 180,
  grad: Math.PI / 200,
  gon: Math.PI / 200,
  radian: 1,
  arcsecond: ARCSEC,
  unity: 1,
  partspermillion: 1e-6,
};

class ProjJsonError extends Error {}

function unitFactor(unit: unknown, fallback: number): number {
  if (unit === undefined) return fallback;
  if (typeof unit === 'string') {
    const f = UNIT_NAMES[norm(unit)];
    if (f === undefined) throw new ProjJsonError(`its unit "${unit.slice(0, 40)}" is not known`);
    return f;
  }
  if (isObject(unit) && typeof unit.conversion_factor === 'number') return unit.conversion_factor;
  throw new ProjJsonError('it has a unit without a conversion factor');
}

function num(v: unknown, what: string): number {
  if (typeof v === 'number') return v;
  if (isObject(v) && typeof v.value === 'number') return v.value * unitFactor(v.unit, 1);
  throw new ProjJsonError(`its ${what} is not a number`);
}

function geodetic(geog: unknown): Pick<CrsSpec, 'datumName' | 'ellipsoid' | 'pm' | 'unitDegrees' | 'axes'> {
  if (!isObject(geog)) throw new ProjJsonError('it has no base geographic system');
  const datum = isObject(geog.datum) ? geog.datum : isObject(geog.datum_ensemble) ? geog.datum_ensemble : null;
  if (!datum) throw new ProjJsonError('it names no datum');
  const e = datum.ellipsoid;
  if (!isObject(e)) throw new ProjJsonError('its datum names no ellipsoid');
  let ellipsoid: CrsSpec['ellipsoid'];
  if (e.radius !== undefined) ellipsoid = { a: num(e.radius, 'ellipsoid radius'), rf: 0 };
  else {
    const a = num(e.semi_major_axis, 'semi-major axis');
    if (e.inverse_flattening !== undefined) ellipsoid = { a, rf: num(e.inverse_flattening, 'inverse flattening') };
    else {
      const b = num(e.semi_minor_axis, 'semi-minor axis');
      ellipsoid = { a, rf: a === b ? 0 : a / (a - b) };
    }
  }
  const pmNode = isObject(datum.prime_meridian) ? datum.prime_meridian : null;
  const pm = pmNode ? num(pmNode.longitude, 'prime meridian') * (isObject(pmNode.longitude) ? DEG : 1) : 0;
  const cs = isObject(geog.coordinate_system) ? geog.coordinate_system : null;
  const axes = cs && Array.isArray(cs.axis) ? (cs.axis as unknown[]) : [];
  const first = isObject(axes[0]) ? axes[0] : null;
  const unitDegrees = first ? unitFactor(first.unit, Math.PI / 180) * DEG : 1;
  return { datumName: str(datum.name), ellipsoid, pm, unitDegrees, axes: /^(north|south)$/i.test(str(first?.direction)) ? 'ne' : 'en' };
}

function shiftOf(transformation: unknown, notes: string[]): number[] | null {
  if (!isObject(transformation)) return null;
  const method = norm(str(isObject(transformation.method) ? transformation.method.name : ''));
  const frame = /coordinateframe/.test(method);
  if (!frame && !/positionvector|geocentrictranslation|helmert/.test(method)) {
    notes.push('The definition\'s datum shift cannot be applied here (no grid files); the shift known for its datum is used.');
    return null;
  }
  const names = ['xaxistranslation', 'yaxistranslation', 'zaxistranslation', 'xaxisrotation', 'yaxisrotation', 'zaxisrotation', 'scaledifference'];
  const out = [0, 0, 0, 0, 0, 0, 0];
  for (const p of Array.isArray(transformation.parameters) ? (transformation.parameters as unknown[]) : []) {
    if (!isObject(p)) continue;
    const i = names.indexOf(norm(str(p.name)));
    if (i < 0) continue;
    const raw = num(p.value, `shift parameter "${str(p.name)}"`);
    let v = raw;
    if (i < 3) v = raw * unitFactor(p.unit, 1);
    else if (i < 6) v = (raw * unitFactor(p.unit, ARCSEC)) / ARCSEC;
    else v = raw * unitFactor(p.unit, 1e-6) * 1e6;
    out[i] = frame && i >= 3 && i < 6 ? -v : v;
  }
  return out;
}

function specOf(root: Obj, notes: string[], depth = 0): CrsSpec {
  const type = str(root.type);
  if (depth > 3) throw new ProjJsonError('it nests systems too deeply');
  if (type === 'BoundCRS') {
    if (!isObject(root.source_crs)) throw new ProjJsonError('its BoundCRS has no source_crs');
    const inner = specOf(root.source_crs, notes, depth + 1);
    return { ...inner, towgs84: shiftOf(root.transformation, notes) ?? inner.towgs84 };
  }
  if (type === 'CompoundCRS') {
    const first = Array.isArray(root.components) ? (root.components as unknown[]).find((c) => isObject(c) && !/Vertical/.test(str(c.type))) : null;
    if (!isObject(first)) throw new ProjJsonError('its compound system has no horizontal part');
    return specOf(first, notes, depth + 1);
  }
  const id = isObject(root.id) ? root.id : Array.isArray(root.ids) && isObject(root.ids[0]) ? root.ids[0] : null;
  const code = id ? Number(id.code) : NaN;
  const authority = id && typeof id.authority === 'string' && Number.isInteger(code) ? { authority: id.authority, code } : null;
  const common = { name: str(root.name), authority, towgs84: null, notes };
  if (type === 'GeographicCRS' || type === 'GeodeticCRS') {
    const cs = isObject(root.coordinate_system) ? str(root.coordinate_system.subtype) : 'ellipsoidal';
    if (cs !== 'ellipsoidal') throw new ProjJsonError('it is a geocentric (earth-centred x, y, z) system, not a map coordinate system');
    return { ...common, ...geodetic(root), kind: 'geographic', methodName: '', params: {}, toMeter: 1 };
  }
  if (type !== 'ProjectedCRS') throw new ProjJsonError(`it is a ${type.slice(0, 30) || 'object without a type'}, not a map coordinate system`);
  const g = geodetic(root.base_crs);
  const cs = isObject(root.coordinate_system) ? root.coordinate_system : null;
  const axes = cs && Array.isArray(cs.axis) ? (cs.axis as unknown[]) : [];
  const first = isObject(axes[0]) ? axes[0] : null;
  const toMeter = first ? unitFactor(first.unit, 1) : 1;
  const conversion = isObject(root.conversion) ? root.conversion : null;
  if (!conversion) throw new ProjJsonError('it has no conversion (projection)');
  const params: CrsParams = {};
  for (const p of Array.isArray(conversion.parameters) ? (conversion.parameters as unknown[]) : []) {
    if (!isObject(p)) continue;
    const role = paramRole(str(p.name));
    if (!role || params[role] !== undefined) continue;
    const raw = num(p.value, `parameter "${str(p.name).slice(0, 40)}"`);
    if (isAngleRole(role)) params[role] = raw * unitFactor(p.unit, Math.PI / 180) * DEG;
    else if (role === 'k') params[role] = raw * unitFactor(p.unit, 1);
    else params[role] = raw * unitFactor(p.unit, toMeter);
  }
  const methodName = str(isObject(conversion.method) ? conversion.method.name : '');
  return {
    ...common,
    ...g,
    kind: 'projected',
    methodName,
    params,
    toMeter,
    unitDegrees: 1,
    axes: /^(north|south)$/i.test(str(first?.direction)) ? 'ne' : 'en',
  };
}

/** The coordinate system a PROJJSON object defines, or why it cannot be used (a clause like readWkt's). */
export function readProjJson(value: unknown): { ok: true; reading: CrsReading } | { ok: false; error: string } {
  if (!isObject(value)) return { ok: false, error: 'is not a PROJJSON object' };
  try {
    return { ok: true, reading: crsFromSpec(specOf(value, [])) };
  } catch (err) {
    return { ok: false, error: `cannot be used: ${err instanceof Error ? err.message : String(err)}` };
  }
}
