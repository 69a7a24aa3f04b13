// The coordinate system a name or a GeoJSON's legacy `crs` member gives.
import { mapAuthorityCode, type EpsgCode } from './definitions';

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
