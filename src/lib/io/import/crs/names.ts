// The coordinate system a name or a GeoJSON's legacy `crs` member gives.
import { crsByAuthority, type Crs } from './definitions';
import { parsePrj } from './wkt';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The authority and code a CRS name spells: "EPSG:25832", "urn:ogc:def:crs:EPSG::25832",
 * "urn:ogc:def:crs:EPSG:6.6:25832", "http://www.opengis.net/def/crs/EPSG/0/25832", "ESRI:102328",
 * "urn:ogc:def:crs:OGC:1.3:CRS84" / "CRS84" (→ EPSG:4326); null when it spells none.
 */
export function codeFromName(name: string): { authority: string; code: number } | null {
  const s = name.trim();
  if (/^(?:urn:(?:x-)?ogc:def:crs:OGC:[^:]*:|https?:\/\/www\.opengis\.net\/def\/crs\/OGC\/[^/]+\/|OGC:)?CRS:?84$/i.test(s)) {
    return { authority: 'EPSG', code: 4326 };
  }
  const m =
    /^(EPSG|ESRI):{1,2}(\d+)$/i.exec(s) ??
    /^urn:(?:x-)?ogc:def:crs:(EPSG|ESRI):[^:]*:(\d+)$/i.exec(s) ??
    /^https?:\/\/www\.opengis\.net\/def\/crs\/(EPSG|ESRI)\/[^/]+\/(\d+)$/i.exec(s);
  return m ? { authority: m[1].toUpperCase(), code: Number(m[2]) } : null;
}

/** The known system a CRS name gives (see codeFromName), or null when it names none or one that is not in the list. */
export function crsFromName(name: string): Crs | null {
  const c = codeFromName(name);
  return c ? crsByAuthority(c.authority, c.code) : null;
}

/** What a GeoJSON `crs` member says: the system, or the code it names when that is not known (for the reason text). */
export function crsMemberOf(geojson: unknown): { crs: Crs | null; named: string | null } {
  if (!isObject(geojson)) return { crs: null, named: null };
  const crs = geojson.crs;
  if (!isObject(crs) || !isObject(crs.properties)) return { crs: null, named: null };
  const type = typeof crs.type === 'string' ? crs.type.toLowerCase() : '';
  if (type === 'name' && typeof crs.properties.name === 'string') {
    const name = crs.properties.name;
    // some writers put a whole WKT definition into the name
    if (/^\s*(PROJCS|GEOGCS|PROJCRS|GEOGCRS|BOUNDCRS|COMPD_CS|COMPOUNDCRS)\s*[[(]/i.test(name)) return { crs: parsePrj(name), named: name.slice(0, 60) };
    const c = codeFromName(name);
    return { crs: c ? crsByAuthority(c.authority, c.code) : null, named: c ? `${c.authority}:${c.code}` : name.slice(0, 60) };
  }
  if (type === 'epsg') {
    // Number() throws for an object such as {"toString": 1}
    const raw = crs.properties.code;
    const code = typeof raw === 'number' || typeof raw === 'string' ? Number(raw) : NaN;
    return { crs: Number.isInteger(code) ? crsByAuthority('EPSG', code) : null, named: Number.isInteger(code) ? `EPSG:${code}` : null };
  }
  return { crs: null, named: null };
}

/** From a GeoJSON's legacy `crs` member ("EPSG:25832", "urn:ogc:def:crs:EPSG::25832", "urn:ogc:def:crs:OGC:1.3:CRS84"; also the 2008 form {type: "EPSG", properties: {code}}). */
export function crsFromGeoJson(geojson: unknown): Crs | null {
  return crsMemberOf(geojson).crs;
}
