// Bad and unusual coordinate system definitions (issue 16, item 1): a shapefile of the four Leipzig
// squares with a .prj that is broken, absurd, unusual or contradicts the coordinates. Each ends loaded
// in the right place (the .prj read from its parameters), or with the .prj refused in one clear
// sentence and the system asked for (the right one offered) — never silently somewhere else.
import { expect } from 'vitest';
import proj4 from 'proj4';
import { AREAS, dbf, DBF_FIELDS, dbfRows, PRJ_25833, utmRing } from './build';
import { shapefile as writeShapefile } from '../../../scripts/lib/fixture-writers.mjs';
import { file, loaded, utf16le, type Case, type Outcome } from './harness';

const UTM33 = '+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';

/** The four squares as a shapefile whose coordinates are `project`ed from UTM 33N, with the given .prj text or bytes. */
function parts(prj: string | Uint8Array | null, project: (xy: [number, number]) => [number, number] = (xy) => xy): { name: string; bytes: Uint8Array }[] {
  const rings = AREAS.map((a) => [...utmRing(a)].reverse().map(([x, y]) => project([x!, y!])));
  const xs = rings.flat().map((p) => p[0]!);
  const ys = rings.flat().map((p) => p[1]!);
  const { shp, shx } = writeShapefile(
    rings.map((r) => ({ rings: [r] })),
    { shapeType: 5, bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] },
  );
  const out = [
    { name: 'stadtteile.shp', bytes: shp },
    { name: 'stadtteile.shx', bytes: shx },
    { name: 'stadtteile.dbf', bytes: dbf(DBF_FIELDS, dbfRows()) },
  ];
  if (prj !== null) out.push(typeof prj === 'string' ? file('stadtteile.prj', prj) : { name: 'stadtteile.prj', bytes: prj });
  return out;
}

/** From UTM 33N to another system given as a proj4 string (the reference, not the code under test). */
const via = (def: string) => (xy: [number, number]) => proj4(UTM33, def, xy) as [number, number];

const detection = (o: Outcome) => {
  const p = loaded(o).parsed;
  if (p.kind !== 'boundaries') throw new Error(`expected boundaries, got ${p.kind}`);
  return p.raw.crs;
};

/** Loaded in Leipzig's south (label points within a few km of the squares). */
const inLeipzig = (o: Outcome) => {
  for (const a of loaded(o).areas) {
    expect(a.lon).toBeGreaterThan(12.3);
    expect(a.lon).toBeLessThan(12.5);
    expect(a.lat).toBeGreaterThan(51.2);
    expect(a.lat).toBeLessThan(51.4);
  }
  expect(loaded(o).areas).toHaveLength(AREAS.length);
};
/** The .prj was read and believed: certain, and in Leipzig. */
const readAndPlaced = (key?: RegExp) => (o: Outcome) => {
  const d = detection(o);
  expect(d.source).toBe('prj');
  expect(d.confidence).toBe('certain');
  if (key) expect(d.crs?.key).toMatch(key);
  inLeipzig(o);
};
/** The .prj was refused with this reason, the user is asked, and UTM 33N is offered. */
const refusedPrj = (reason: RegExp) => (o: Outcome) => {
  const d = detection(o);
  expect(d.source).toBe('guess');
  expect(d.confidence).not.toBe('certain');
  expect(d.reason).toMatch(reason);
  expect(d.candidates.map((c) => c.code)).toContain(25833);
};

const ESRI_GK4_NO_SHIFT =
  'PROJCS["DHDN_3_Degree_Gauss_Zone_4",GEOGCS["GCS_Deutsches_Hauptdreiecksnetz",DATUM["D_Deutsches_Hauptdreiecksnetz",SPHEROID["Bessel_1841",6377397.155,299.1528128]],' +
  'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",4500000.0],PARAMETER["False_Northing",0.0],' +
  'PARAMETER["Central_Meridian",12.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
const GK4 = '+proj=tmerc +lat_0=0 +lon_0=12 +k=1 +x_0=4500000 +y_0=0 +ellps=bessel +towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7 +units=m +no_defs';

/** ETRS89 / UTM 33N as WKT2 with its parameters in the given units (for unit variants). */
const wkt2Utm33 = (o: { lengthUnit?: string; lon0?: string; extra?: string } = {}) =>
  'PROJCRS["ETRS89 / UTM zone 33N (variant)",BASEGEOGCRS["ETRS89",DATUM["European Terrestrial Reference System 1989",ELLIPSOID["GRS 1980",6378137,298.257222101,LENGTHUNIT["metre",1]]],' +
  'PRIMEM["Greenwich",0,ANGLEUNIT["degree",0.0174532925199433]]],CONVERSION["UTM zone 33N",METHOD["Transverse Mercator",ID["EPSG",9807]],' +
  'PARAMETER["Latitude of natural origin",0,ANGLEUNIT["degree",0.0174532925199433]],' +
  `PARAMETER["Longitude of natural origin",${o.lon0 ?? '15,ANGLEUNIT["degree",0.0174532925199433]'}],` +
  'PARAMETER["Scale factor at natural origin",0.9996,SCALEUNIT["unity",1]],PARAMETER["False easting",500000,LENGTHUNIT["metre",1]],' +
  `PARAMETER["False northing",0,LENGTHUNIT["metre",1]]],CS[Cartesian,2],AXIS["easting (E)",east,ORDER[1],${o.lengthUnit ?? 'LENGTHUNIT["metre",1]'}],` +
  `AXIS["northing (N)",north,ORDER[2],${o.lengthUnit ?? 'LENGTHUNIT["metre",1]'}]${o.extra ?? ''}]`;

const boundUtm33 = (inner: string, method = 'Position Vector transformation (geog2D domain)') =>
  `BOUNDCRS[SOURCECRS[${inner}],TARGETCRS[GEOGCRS["WGS 84",DATUM["World Geodetic System 1984",ELLIPSOID["WGS 84",6378137,298.257223563]],CS[ellipsoidal,2],AXIS["latitude",north],AXIS["longitude",east],ANGLEUNIT["degree",0.0174532925199433]]],` +
  `ABRIDGEDTRANSFORMATION["ETRS89 to WGS 84 (1)",METHOD["${method}"],PARAMETER["X-axis translation",0],PARAMETER["Y-axis translation",0],PARAMETER["Z-axis translation",0]]]`;

export const CRS_CASES: Case[] = [
  // refused definitions: the reason names what is wrong, the user chooses (UTM 33N offered)
  { name: 'prj: empty file', files: () => parts(''), expect: 'loaded', check: refusedPrj(/^Coordinates/) },
  { name: 'prj: only whitespace and a BOM', files: () => parts('\uFEFF  \r\n\t'), expect: 'loaded', check: refusedPrj(/^Coordinates/) },
  { name: 'prj: truncated WKT', files: () => parts(PRJ_25833.slice(0, Math.floor(PRJ_25833.length / 2))), expect: 'loaded', check: refusedPrj(/not well-formed WKT/) },
  { name: 'prj: unknown projection method (Krovak)', files: () => parts(PRJ_25833.replace(/PROJECTION\["[^"]*"\]/, 'PROJECTION["Krovak"]')), expect: 'loaded', check: refusedPrj(/projection method "Krovak" is not supported/) },
  { name: 'prj: no central meridian', files: () => parts(PRJ_25833.replace(/,PARAMETER\["Central_Meridian",[^\]]*\]/, '')), expect: 'loaded', check: refusedPrj(/lacks the central meridian/) },
  { name: 'prj: scale factor 0', files: () => parts(PRJ_25833.replace(/"Scale_Factor",[\d.]+/, '"Scale_Factor",0.0')), expect: 'loaded', check: refusedPrj(/scale factor 0 is impossible/) },
  { name: 'prj: length unit factor 0', files: () => parts(PRJ_25833.replace('UNIT["Meter",1.0]]', 'UNIT["Meter",0.0]]')), expect: 'loaded', check: refusedPrj(/length unit is not a positive number/) },
  { name: 'prj: negative length unit', files: () => parts(PRJ_25833.replace('UNIT["Meter",1.0]]', 'UNIT["Meter",-1.0]]')), expect: 'loaded', check: refusedPrj(/length unit is not a positive number/) },
  { name: 'prj: NaN as false easting', files: () => parts(PRJ_25833.replace(/"False_Easting",[\d.]+/, '"False_Easting",NaN')), expect: 'loaded', check: refusedPrj(/parameter "False_Easting" has no numeric value/) },
  { name: 'prj: latitude of origin 100°', files: () => parts(PRJ_25833.replace(/"Latitude_Of_Origin",[\d.]+/, '"Latitude_Of_Origin",100.0')), expect: 'loaded', check: refusedPrj(/lat0 \(100°\) is not a latitude/) },
  { name: 'prj: ellipsoid with a semi-major axis of 0', files: () => parts(PRJ_25833.replace('6378137.0,298.257222101', '0.0,298.257222101')), expect: 'loaded', check: refusedPrj(/semi-major axis 0 m is not the earth's/) },
  { name: 'prj: TOWGS84 with 5 values', files: () => parts(PRJ_25833.replace(/(SPHEROID\[[^\]]*\])/, '$1,TOWGS84[1,2,3,4,5]')), expect: 'loaded', check: refusedPrj(/TOWGS84\) is not 3 or 7 finite numbers/) },
  { name: 'prj: a BOUNDCRS nested in a BOUNDCRS', files: () => parts(boundUtm33(boundUtm33(wkt2Utm33()))), expect: 'loaded', check: refusedPrj(/nests a BOUNDCRS inside a BOUNDCRS/) },
  { name: 'prj: geocentric GEOCCS', files: () => parts('GEOCCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["metre",1]]'), expect: 'loaded', check: refusedPrj(/geocentric/) },
  { name: 'prj: a local engineering system', files: () => parts('LOCAL_CS["Baustelle Nord",LOCAL_DATUM["Pfeiler 1",0],UNIT["metre",1],AXIS["X",EAST],AXIS["Y",NORTH]]'), expect: 'loaded', check: refusedPrj(/local engineering system/) },
  { name: 'prj: a height system only', files: () => parts('VERT_CS["DHHN2016 height",VERT_DATUM["Deutsches Haupthoehennetz 2016",2005],UNIT["metre",1]]'), expect: 'loaded', check: refusedPrj(/height system only/) },
  { name: 'prj: 1 MB of a valid-looking name', files: () => parts(PRJ_25833.replace('ETRS_1989_UTM_Zone_33N', 'x'.repeat(1 << 20))), expect: 'loaded', check: refusedPrj(/is 1024 KB long/) },
  // a valid definition that contradicts the coordinates: never silently wrong
  {
    name: 'prj: Gauss-Krüger zone 4 for UTM 33N coordinates (ambiguous, both offered)',
    files: () => parts(ESRI_GK4_NO_SHIFT),
    expect: 'loaded',
    check: (o) => {
      const d = detection(o);
      expect(d.source).toBe('prj');
      expect(d.confidence).toBe('ambiguous');
      expect(d.candidates[0]?.code).toBe(31468);
      expect(d.candidates.map((c) => c.code)).toContain(25833);
      expect(d.reason).toMatch(/only 0 % of the sample points/);
    },
  },
  // unusual but valid: read from the parameters and placed in Leipzig
  { name: 'prj: COMPD_CS with a vertical part', files: () => parts(`COMPD_CS["UTM 33N + DHHN2016",${PRJ_25833},VERT_CS["DHHN2016 height",VERT_DATUM["Deutsches Haupthoehennetz 2016",2005],UNIT["metre",1]]]`), expect: 'loaded', check: readAndPlaced(/^EPSG:25833$/) },
  { name: 'prj: UTF-8 with BOM and CRLF', files: () => parts(`\uFEFF${PRJ_25833}\r\n`), expect: 'loaded', check: readAndPlaced(/^EPSG:25833$/) },
  { name: 'prj: UTF-16 big-endian with BOM', files: () => parts(Uint8Array.from([0xfe, 0xff, ...[...utf16le(PRJ_25833, false)].map((_, i, a) => a[i ^ 1]!)])), expect: 'loaded', check: readAndPlaced(/^EPSG:25833$/) },
  { name: 'prj: UTF-16 without BOM', files: () => parts(utf16le(PRJ_25833, false)), expect: 'loaded', check: readAndPlaced(/^EPSG:25833$/) },
  { name: 'prj: WKT2 in kilometres', files: () => parts(wkt2Utm33({ lengthUnit: 'LENGTHUNIT["kilometre",1000]' }), ([x, y]) => [x / 1000, y / 1000]), expect: 'loaded', check: readAndPlaced(/^WKT:/) },
  { name: 'prj: WKT2 with the meridian in grads', files: () => parts(wkt2Utm33({ lon0: '16.6666666666667,ANGLEUNIT["grad",0.015707963267949]' })), expect: 'loaded', check: readAndPlaced(/^EPSG:25833$/) },
  { name: 'prj: WKT2 in US survey feet', files: () => parts(wkt2Utm33({ lengthUnit: 'LENGTHUNIT["US survey foot",0.304800609601219]' }), ([x, y]) => [(x * 3937) / 1200, (y * 3937) / 1200]), expect: 'loaded', check: readAndPlaced(/^WKT:/) },
  { name: 'prj: WKT2 BOUNDCRS with a zero shift', files: () => parts(boundUtm33(wkt2Utm33())), expect: 'loaded', check: readAndPlaced(/^EPSG:25833$/) },
  { name: 'prj: BOUNDCRS with a grid shift that cannot be applied', files: () => parts(boundUtm33(wkt2Utm33(), 'NTv2')), expect: 'loaded', check: (o) => {
    readAndPlaced(/^EPSG:25833$/)(o);
    expect(detection(o).reason).toMatch(/"NTv2" cannot be applied here/);
  } },
  { name: 'prj: ESRI 7-digit UTM 33N with 7-digit eastings', files: () => parts(PRJ_25833.replace('"False_Easting",500000.0', '"False_Easting",3500000.0'), ([x, y]) => [x + 3_000_000, y]), expect: 'loaded', check: readAndPlaced(/^ESRI:102359$/) },
  { name: 'prj: 8-digit UTM 33N with zone prefix', files: () => parts(PRJ_25833.replace('"False_Easting",500000.0', '"False_Easting",33500000.0'), ([x, y]) => [x + 33_000_000, y]), expect: 'loaded', check: readAndPlaced(/^EPSG:5650$/) },
  { name: 'prj: ESRI Gauss-Krüger zone 4 without a shift (DHDN by name)', files: () => parts(ESRI_GK4_NO_SHIFT, via(GK4)), expect: 'loaded', check: readAndPlaced(/^EPSG:31468$/) },
  {
    name: 'prj: a datum without a known shift (loaded, and the reason says so)',
    files: () => parts(ESRI_GK4_NO_SHIFT.replace(/Deutsches_Hauptdreiecksnetz/g, 'Unbekannt'), via(GK4)),
    expect: 'loaded',
    check: (o) => {
      const d = detection(o);
      expect(d.crs?.shift).toBe('none');
      expect(d.reason).toMatch(/no known shift to WGS 84/);
      // without the shift some 150 m off, still in Leipzig
      inLeipzig(o);
    },
  },
];
