// A coordinate system as its parameters (CrsSpec: what a WKT text, a PROJJSON object or the known
// list says), checked and turned into a proj4 definition: projection method, false easting and
// northing, central meridian, scale, latitude of origin, standard parallels, ellipsoid, prime
// meridian, datum shift and units. Readers (wkt.ts, projjson.ts) fill a CrsSpec; crsFromSpec
// builds the Crs (definitions.ts) or says in one sentence what is wrong.
import { DHDN_TOWGS84, type CrsLabel } from './definitions';

/** The projection methods the import can build (proj4 names). */
export type CrsMethod = 'longlat' | 'tmerc' | 'laea' | 'lcc' | 'merc' | 'webmerc' | 'sterea' | 'cass' | 'eqc' | 'aea';

/** Projection parameters by role: angles in degrees, lengths in metres, the scale unitless. */
export interface CrsParams {
  lat0?: number;
  lon0?: number;
  k?: number;
  fe?: number;
  fn?: number;
  sp1?: number;
  sp2?: number;
}

export interface CrsSpec {
  kind: 'geographic' | 'projected';
  /** the CRS's own name, e.g. "ETRS_1989_UTM_Zone_32N_7stellen" */
  name: string;
  /** its own authority code, e.g. { authority: 'EPSG', code: 25832 } */
  authority: { authority: string; code: number } | null;
  /** the datum's name (WKT1 DATUM, WKT2 DATUM / ENSEMBLE) */
  datumName: string;
  /** semi-major axis (m) and inverse flattening (0: a sphere) */
  ellipsoid: { a: number; rf: number } | null;
  /** an explicit shift to WGS84 (TOWGS84, BOUNDCRS): 3 or 7 values, position-vector convention */
  towgs84: number[] | null;
  /** prime meridian, degrees east of Greenwich */
  pm: number;
  /** the projection method as the text names it (projected only) */
  methodName: string;
  params: CrsParams;
  /** metres per coordinate unit (projected) */
  toMeter: number;
  /** degrees per coordinate unit (geographic: grads 0.9, radians 57.29…) */
  unitDegrees: number;
  /** the axis order the definition declares ('ne': northing or latitude first) */
  axes: 'en' | 'ne';
  /** remarks for the detection's reason (English), e.g. a shift that could not be used */
  notes: string[];
}

/** lower case, letters and digits only: "Latitude of natural origin" → "latitudeofnaturalorigin" */
export const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

const near = (a: number | undefined, b: number, tol: number): boolean => a !== undefined && Math.abs(a - b) <= tol;

/** Parameter names (normalised) by role, as OGC WKT1, ESRI WKT1, WKT2/EPSG and PROJJSON spell them. */
export const PARAM_ROLES: Record<keyof CrsParams, string[]> = {
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
  k: ['scalefactor', 'scalefactoratnaturalorigin', 'scalefactoronprojectioncentre', 'scalefactoronprojectioncenter', 'scalefactoroninitialline'],
  fe: ['falseeasting', 'eastingatfalseorigin', 'eastingatprojectioncentre', 'eastingatprojectioncenter'],
  fn: ['falsenorthing', 'northingatfalseorigin', 'northingatprojectioncentre', 'northingatprojectioncenter'],
  sp1: ['standardparallel1', 'latitudeof1ststandardparallel', 'latitudeofstandardparallel', 'standardparallel'],
  sp2: ['standardparallel2', 'latitudeof2ndstandardparallel'],
};

/** The role of a parameter name, or null (parameters without a role are ignored, e.g. ESRI's Auxiliary_Sphere_Type). */
export function paramRole(name: string): keyof CrsParams | null {
  const n = norm(name);
  for (const role of Object.keys(PARAM_ROLES) as (keyof CrsParams)[]) if (PARAM_ROLES[role].includes(n)) return role;
  return null;
}

/** Whether a parameter (by role) is an angle (degrees) or a length (metres). */
export const isAngleRole = (role: keyof CrsParams) => role === 'lat0' || role === 'lon0' || role === 'sp1' || role === 'sp2';

/** The method a name gives, or null when it is not supported. */
export function methodOf(name: string): CrsMethod | 'webmerc?' | null {
  const n = norm(name);
  if (/south|oblique(?!stereo)|hotine|polar/.test(n)) return null;
  if (/transversemercator|gausskruger|gausskrueger|gaussschreiber|^tmerc$|^etmerc$|^utm$/.test(n)) return 'tmerc';
  if (/lambertazimuthalequalarea|^laea$/.test(n)) return 'laea';
  if (/lambertconformalconic|^lcc$/.test(n)) return 'lcc';
  if (/auxiliarysphere|pseudomercator|popularvisuali[sz]ation/.test(n)) return 'webmerc';
  if (/mercator|^merc$/.test(n)) return 'webmerc?';
  if (/stereographic|^sterea$/.test(n)) return 'sterea';
  if (/cassini|^cass$/.test(n)) return 'cass';
  if (/equirectangular|equidistantcylindrical|platecarree|^eqc$/.test(n)) return 'eqc';
  if (/albers|^aea$/.test(n)) return 'aea';
  return null;
}

/** Shifts to WGS84 for datums known by name (position vector, m / ″ / ppm; the sets epsg.io / GDAL give). */
const DATUM_SHIFTS: { name: RegExp; a: number; shift: readonly number[]; label: string }[] = [
  { name: /dhdn|hauptdreiecksnetz|potsdam|rauenberg/, a: 6377397.155, shift: DHDN_TOWGS84, label: 'DHDN' },
  { name: /pulkovo|s42|4283|krassowsk|krasovsk/, a: 6378245, shift: [26, -121, -78, 0, 0, 0, 0], label: 'S42/83' },
  { name: /mgi|militargeographisch|hermannskogel/, a: 6377397.155, shift: [577.326, 90.129, 463.919, 5.137, 1.474, 5.297, 2.4232], label: 'MGI' },
  { name: /ntf|nouvelletriangulation/, a: 6378249.2, shift: [-168, -60, 320, 0, 0, 0, 0], label: 'NTF' },
  { name: /ed50|europeandatum1950|european1950/, a: 6378388, shift: [-87, -98, -121, 0, 0, 0, 0], label: 'ED50' },
  { name: /amersfoort|rijksdriehoek/, a: 6377397.155, shift: [565.417, 50.3319, 465.552, -0.398957, 0.343988, -1.8774, 4.0725], label: 'Amersfoort' },
  { name: /ch1903/, a: 6377397.155, shift: [674.374, 15.056, 405.346, 0, 0, 0, 0], label: 'CH1903' },
];

const GRS80_RF = 298.257222101;
const WGS84_RF = 298.257223563;
const isGrs80OrWgs84 = (e: { a: number; rf: number }) => near(e.a, 6378137, 0.01) && (near(e.rf, GRS80_RF, 1e-4) || near(e.rf, WGS84_RF, 1e-4));

/** The datum in short ("ETRS89", "WGS 84", "DHDN", …) for readable names, or the datum's own name. */
function datumLabel(spec: CrsSpec): string {
  const n = norm(spec.datumName);
  if (/etrs|europeanterrestrial|etrf/.test(n)) return 'ETRS89';
  if (/wgs84|wgs1984|worldgeodeticsystem1984/.test(n)) return 'WGS 84';
  const known = DATUM_SHIFTS.find((d) => d.name.test(n));
  if (known) return known.label;
  if (spec.ellipsoid && isGrs80OrWgs84(spec.ellipsoid)) return near(spec.ellipsoid.rf, WGS84_RF, 1e-6) ? 'WGS 84' : 'ETRS89';
  return spec.datumName.replace(/^D_/, '').replace(/_/g, ' ') || '?';
}

export interface BuiltCrs {
  proj4: string;
  label: CrsLabel;
  /** how the shift to WGS84 is known: from the text, from the datum's name, zero (ETRS89/WGS84-like), none (unknown datum) */
  shift: 'given' | 'by-name' | 'zero' | 'none';
  unitDegrees: number;
  notes: string[];
}

const fmt = (v: number) => String(Number(v.toPrecision(15)));

/** Checks a spec and builds its proj4 definition and readable name; throws an Error with one clear sentence. */
export function buildFromSpec(spec: CrsSpec): BuiltCrs {
  const notes = [...spec.notes];
  const e = spec.ellipsoid;
  if (!e) throw new Error('it names no ellipsoid');
  if (!(e.a > 6_300_000 && e.a < 6_400_000)) throw new Error(`its ellipsoid's semi-major axis ${fmt(e.a)} m is not the earth's`);
  if (!(e.rf === 0 || (e.rf > 150 && e.rf < 1000))) throw new Error(`its ellipsoid's inverse flattening ${fmt(e.rf)} is impossible`);
  if (!(Number.isFinite(spec.pm) && Math.abs(spec.pm) <= 180)) throw new Error('its prime meridian is not a longitude');
  const sphere = e.rf === 0;
  const datumName = norm(spec.datumName);
  let shift: BuiltCrs['shift'];
  let towgs84: readonly number[] | null = null;
  if (spec.towgs84) {
    if (!(spec.towgs84.length === 3 || spec.towgs84.length === 7) || !spec.towgs84.every((v) => Number.isFinite(v) && Math.abs(v) < 10_000)) {
      throw new Error('its shift to WGS 84 (TOWGS84) is not 3 or 7 finite numbers');
    }
    towgs84 = spec.towgs84;
    shift = spec.towgs84.every((v) => v === 0) ? 'zero' : 'given';
  } else if (sphere) {
    shift = 'zero';
  } else {
    const known = DATUM_SHIFTS.find((d) => d.name.test(datumName) && near(e.a, d.a, 1));
    if (known) {
      towgs84 = known.shift;
      shift = 'by-name';
    } else if (isGrs80OrWgs84(e)) {
      towgs84 = [0, 0, 0, 0, 0, 0, 0];
      shift = 'zero';
    } else {
      shift = 'none';
      notes.push(`The datum "${spec.datumName || '(unnamed)'}" has no known shift to WGS 84: positions may be off by up to a few hundred metres.`);
    }
  }
  const datum = [`+a=${fmt(e.a)}`, sphere ? `+b=${fmt(e.a)}` : `+rf=${fmt(e.rf)}`];
  if (towgs84 && !sphere) datum.push(`+towgs84=${towgs84.map(fmt).join(',')}`);
  if (spec.pm !== 0) datum.push(`+pm=${fmt(spec.pm)}`);
  const dl = datumLabel(spec);

  if (spec.kind === 'geographic') {
    if (!(Number.isFinite(spec.unitDegrees) && spec.unitDegrees > 0 && spec.unitDegrees < 1000)) {
      throw new Error('its angular unit is not a positive number');
    }
    return {
      proj4: `+proj=longlat ${datum.join(' ')} +no_defs`,
      label: { key: 'crs.geographic', params: { datum: dl } },
      shift,
      unitDegrees: spec.unitDegrees,
      notes,
    };
  }

  if (!(Number.isFinite(spec.toMeter) && spec.toMeter > 0 && spec.toMeter < 1e6)) throw new Error('its length unit is not a positive number');
  let method = methodOf(spec.methodName);
  if (method === null) throw new Error(`its projection method "${spec.methodName.slice(0, 60) || '(none)'}" is not supported`);
  const p = spec.params;
  for (const [role, v] of Object.entries(p)) {
    if (!Number.isFinite(v)) throw new Error(`its parameter ${role} is not a number`);
    if (isAngleRole(role as keyof CrsParams) && Math.abs(v) > 360) throw new Error(`its parameter ${role} (${fmt(v)}°) is not an angle`);
    if ((role === 'fe' || role === 'fn') && Math.abs(v) > 1e9) throw new Error(`its false ${role === 'fe' ? 'easting' : 'northing'} ${fmt(v)} m is impossible`);
  }
  for (const role of ['lat0', 'sp1', 'sp2'] as const) {
    const v = p[role];
    if (v !== undefined && Math.abs(v) > 90) throw new Error(`its parameter ${role} (${fmt(v)}°) is not a latitude`);
  }
  if (p.k !== undefined && !(p.k > 0.5 && p.k < 2)) throw new Error(`its scale factor ${fmt(p.k)} is impossible`);
  if (method === 'webmerc?') method = sphere && near(e.a, 6378137, 0.01) ? 'webmerc' : 'merc';
  const need = (role: keyof CrsParams, what: string) => {
    if (p[role] === undefined) throw new Error(`its ${spec.methodName} projection lacks the ${what}`);
    return p[role];
  };
  const lat0 = p.lat0 ?? 0;
  const lon0 = p.lon0 ?? 0;
  const fe = p.fe ?? 0;
  const fn = p.fn ?? 0;
  const k = p.k ?? 1;
  const xy = `+x_0=${fmt(fe)} +y_0=${fmt(fn)}`;
  let proj: string;
  switch (method) {
    case 'tmerc':
      need('lon0', 'central meridian');
      proj = `+proj=tmerc +lat_0=${fmt(lat0)} +lon_0=${fmt(lon0)} +k=${fmt(k)} ${xy}`;
      break;
    case 'laea':
      need('lat0', 'latitude of its centre');
      need('lon0', 'longitude of its centre');
      proj = `+proj=laea +lat_0=${fmt(lat0)} +lon_0=${fmt(lon0)} ${xy}`;
      break;
    case 'lcc': {
      need('lon0', 'central meridian');
      if (p.sp2 !== undefined) {
        const s1 = need('sp1', 'first standard parallel');
        proj = `+proj=lcc +lat_1=${fmt(s1)} +lat_2=${fmt(p.sp2)} +lat_0=${fmt(p.lat0 ?? s1)} +lon_0=${fmt(lon0)} ${xy}`;
      } else {
        const origin = p.lat0 ?? p.sp1;
        if (origin === undefined) throw new Error(`its ${spec.methodName} projection lacks the latitude of origin`);
        proj = `+proj=lcc +lat_1=${fmt(p.sp1 ?? origin)} +lat_0=${fmt(origin)} +lon_0=${fmt(lon0)} +k_0=${fmt(k)} ${xy}`;
      }
      if (Math.abs((p.sp1 ?? originOf(p)) + (p.sp2 ?? originOf(p))) < 1e-9) throw new Error('its standard parallels are opposite (no cone)');
      break;
    }
    case 'merc':
      proj = p.sp1 !== undefined && p.sp1 !== 0 ? `+proj=merc +lat_ts=${fmt(p.sp1)} +lon_0=${fmt(lon0)} ${xy}` : `+proj=merc +lon_0=${fmt(lon0)} +k=${fmt(k)} ${xy}`;
      break;
    case 'webmerc':
      if (lon0 !== 0 || fe !== 0 || fn !== 0) {
        proj = `+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=${fmt(lon0)} ${xy} +k=1 +units=m +nadgrids=@null +wktext +no_defs`;
      } else {
        proj = WEB_MERCATOR;
      }
      return { proj4: withUnits(proj, spec.toMeter), label: { key: 'crs.webMercator', params: {} }, shift: 'zero', unitDegrees: 1, notes };
    case 'sterea':
      need('lat0', 'latitude of origin');
      need('lon0', 'longitude of origin');
      proj = `+proj=sterea +lat_0=${fmt(lat0)} +lon_0=${fmt(lon0)} +k=${fmt(k)} ${xy}`;
      break;
    case 'cass':
      need('lat0', 'latitude of origin');
      need('lon0', 'longitude of origin');
      proj = `+proj=cass +lat_0=${fmt(lat0)} +lon_0=${fmt(lon0)} ${xy}`;
      break;
    case 'eqc':
      proj = `+proj=eqc +lat_ts=${fmt(p.sp1 ?? 0)} +lat_0=${fmt(lat0)} +lon_0=${fmt(lon0)} ${xy}`;
      break;
    case 'aea': {
      const s1 = need('sp1', 'first standard parallel');
      const s2 = need('sp2', 'second standard parallel');
      if (Math.abs(s1 + s2) < 1e-9) throw new Error('its standard parallels are opposite (no cone)');
      proj = `+proj=aea +lat_1=${fmt(s1)} +lat_2=${fmt(s2)} +lat_0=${fmt(lat0)} +lon_0=${fmt(lon0)} ${xy}`;
      break;
    }
    default:
      throw new Error(`its projection method "${spec.methodName}" is not supported`);
  }
  const proj4 = withUnits(`${proj} ${datum.join(' ')}`, spec.toMeter) + ' +no_defs';
  return { proj4, label: projectedLabel(method, p, spec, dl, shift), shift, unitDegrees: 1, notes };
}

const originOf = (p: CrsParams) => p.lat0 ?? p.sp1 ?? 0;

export const WEB_MERCATOR =
  '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs';

function withUnits(proj: string, toMeter: number): string {
  if (Math.abs(toMeter - 1) < 1e-12) return /\+units=/.test(proj) ? proj : `${proj} +units=m`;
  return `${proj.replace(' +units=m', '')} +to_meter=${fmt(toMeter)}`;
}

/** The readable name of a projected CRS: the German variants recognised from their parameters, else the file's own name. */
function projectedLabel(method: CrsMethod, p: CrsParams, spec: CrsSpec, datum: string, shift: BuiltCrs['shift']): CrsLabel {
  const e = spec.ellipsoid!;
  const metres = Math.abs(spec.toMeter - 1) < 1e-12;
  const lat0 = p.lat0 ?? 0;
  const fe = p.fe ?? 0;
  const fn = p.fn ?? 0;
  const k = p.k ?? 1;
  const lon0 = p.lon0 ?? 0;
  const etrsLike = isGrs80OrWgs84(e) && (shift === 'zero');
  if (metres && spec.pm === 0 && method === 'tmerc' && lat0 === 0 && fn === 0) {
    const zone = (lon0 + 183) / 6;
    const lead = (fe - 500_000) / 1_000_000;
    if (etrsLike && near(k, 0.9996, 1e-9) && Number.isInteger(zone) && zone >= 1 && zone <= 60 && Number.isInteger(lead)) {
      if (lead === 0) return { key: 'crs.utm', params: { datum, zone } };
      if (lead === zone) return { key: 'crs.utmZone', params: { datum, zone } };
      if (lead >= 1 && lead <= 9) return { key: 'crs.utm7', params: { datum, zone, lead } };
    }
    const gkZone = lon0 / 3;
    if (!etrsLike && k === 1 && Number.isInteger(gkZone) && gkZone >= 1 && gkZone <= 9 && lead === gkZone) {
      return { key: 'crs.gk', params: { datum, zone: gkZone } };
    }
    const gk6 = (lon0 + 3) / 6;
    if (!etrsLike && k === 1 && Number.isInteger(gk6) && gk6 >= 1 && gk6 <= 60 && lead === gk6) return { key: 'crs.gk6', params: { datum, zone: gk6 } };
  }
  if (metres && etrsLike && method === 'laea' && near(p.lat0, 52, 1e-9) && near(p.lon0, 10, 1e-9) && near(fe, 4_321_000, 1e-3) && near(fn, 3_210_000, 1e-3)) {
    return { key: 'crs.laea', params: { datum } };
  }
  if (metres && etrsLike && method === 'lcc' && near(p.sp1, 35, 1e-9) && near(p.sp2, 65, 1e-9) && near(p.lat0, 52, 1e-9) && near(p.lon0, 10, 1e-9)) {
    return { key: 'crs.lcc', params: { datum } };
  }
  if (metres && method === 'cass' && near(p.lat0, 52.41864827777778, 1e-8) && near(p.lon0, 13.62720366666667, 1e-8) && near(fe, 40_000, 1e-3) && near(fn, 10_000, 1e-3)) {
    return { key: 'crs.soldnerBerlin', params: { datum } };
  }
  return { key: 'crs.custom', params: { name: spec.name.replace(/_/g, ' ') || '?', method: spec.methodName.replace(/_/g, ' ') } };
}
