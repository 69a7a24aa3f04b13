#!/usr/bin/env node
// Writes the coordinate-system fixtures in tests/fixtures/crs/ (used by tests/unit/crs.test.ts):
//
//   <code>.ogc.prj        OGC WKT1 as GDAL writes it for the EPSG code (with AUTHORITY)
//   <code>.esri.prj       ESRI WKT1 as ArcGIS writes it (no authority; ESRI names and parameter spelling)
//   <code>.wkt2.prj       WKT2:2019 as PROJ ≥ 8 writes it (ID["EPSG",…]), for a few codes
//   <name>.prj            special cases: ESRI 7-digit UTM ("…_7stellen"), WGS 84 / UTM, ETRS89 geographic,
//                         a pretty-printed WKT, and CRSs that must NOT be recognised (unknown-*.prj)
//   <code>.geojson        a small FeatureCollection in that CRS (Point, Polygon, MultiPolygon) around a known
//                         place; properties.lon / properties.lat hold the place's WGS84 position. All but
//                         4326 carry a legacy `crs` member ("urn:ogc:def:crs:EPSG::<code>").
//
// The GeoJSON coordinates are computed with src/lib/io/import/crs/ itself (loaded through Vite's module runner,
// so there is a single set of proj4 definitions); the test checks those definitions independently.
// Output is deterministic: running the script twice gives byte-identical files.
//
//   node scripts/fixtures-crs.mjs

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'tests', 'fixtures', 'crs');

const runner = { configFile: false, root: ROOT, logLevel: 'silent' };
const crs = {
  ...(await runnerImport(path.join(ROOT, 'src/lib/io/import/crs/definitions.ts'), runner)).module,
  ...(await runnerImport(path.join(ROOT, 'src/lib/io/import/crs/reproject.ts'), runner)).module,
};

// ---------------------------------------------------------------------------------------------------------
// WKT building blocks

const A = (code) => `AUTHORITY["EPSG","${code}"]`;
const METRE = `UNIT["metre",1,${A(9001)}]`;
const DEGREE = `UNIT["degree",0.0174532925199433,${A(9122)}]`;
const GREENWICH = `PRIMEM["Greenwich",0,${A(8901)}]`;

const OGC_WGS84 = `GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,${A(7030)}],${A(6326)}],${GREENWICH},${DEGREE},${A(4326)}]`;
const OGC_ETRS89 = `GEOGCS["ETRS89",DATUM["European_Terrestrial_Reference_System_1989",SPHEROID["GRS 1980",6378137,298.257222101,${A(7019)}],TOWGS84[0,0,0,0,0,0,0],${A(6258)}],${GREENWICH},${DEGREE},${A(4258)}]`;
const OGC_DHDN = `GEOGCS["DHDN",DATUM["Deutsches_Hauptdreiecksnetz",SPHEROID["Bessel 1841",6377397.155,299.1528128,${A(7004)}],TOWGS84[598.1,73.7,418.2,0.202,0.045,-2.455,6.7],${A(6314)}],${GREENWICH},${DEGREE},${A(4314)}]`;

const ogcTm = (name, geog, lon0, k, fe, axes, code) =>
  `PROJCS["${name}",${geog},PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],` +
  `PARAMETER["central_meridian",${lon0}],PARAMETER["scale_factor",${k}],PARAMETER["false_easting",${fe}],` +
  `PARAMETER["false_northing",0],${METRE},${axes},${A(code)}]`;
const EN = 'AXIS["Easting",EAST],AXIS["Northing",NORTH]';
const NE = 'AXIS["Northing",NORTH],AXIS["Easting",EAST]';

const ESRI_WGS84 =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
const ESRI_ETRS89 =
  'GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
const ESRI_DHDN =
  'GEOGCS["GCS_Deutsches_Hauptdreiecksnetz",DATUM["D_Deutsches_Hauptdreiecksnetz",SPHEROID["Bessel_1841",6377397.155,299.1528128]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

const esriTm = (name, geog, lon0, k, fe, projection = 'Transverse_Mercator', extra = '') =>
  `PROJCS["${name}",${geog},PROJECTION["${projection}"],PARAMETER["False_Easting",${fe.toFixed(1)}],` +
  `PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",${lon0.toFixed(1)}],PARAMETER["Scale_Factor",${k === 1 ? '1.0' : k}],` +
  `PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]${extra}]`;

const WKT2_DEG = 'ANGLEUNIT["degree",0.0174532925199433]';
const WKT2_M = 'LENGTHUNIT["metre",1]';
const WKT2_ETRS89 =
  'BASEGEOGCRS["ETRS89",ENSEMBLE["European Terrestrial Reference System 1989 ensemble",' +
  'MEMBER["European Terrestrial Reference Frame 1989"],MEMBER["European Terrestrial Reference Frame 1990"],' +
  'MEMBER["European Terrestrial Reference Frame 1991"],MEMBER["European Terrestrial Reference Frame 1992"],' +
  'MEMBER["European Terrestrial Reference Frame 1993"],MEMBER["European Terrestrial Reference Frame 1994"],' +
  'MEMBER["European Terrestrial Reference Frame 1996"],MEMBER["European Terrestrial Reference Frame 1997"],' +
  'MEMBER["European Terrestrial Reference Frame 2000"],MEMBER["European Terrestrial Reference Frame 2005"],' +
  'MEMBER["European Terrestrial Reference Frame 2014"],MEMBER["European Terrestrial Reference Frame 2020"],' +
  `ELLIPSOID["GRS 1980",6378137,298.257222101,${WKT2_M}],ENSEMBLEACCURACY[0.1]],` +
  `PRIMEM["Greenwich",0,${WKT2_DEG}],ID["EPSG",4258]]`;
const WKT2_WGS84 =
  'BASEGEOGCRS["WGS 84",ENSEMBLE["World Geodetic System 1984 ensemble",MEMBER["World Geodetic System 1984 (Transit)"],' +
  'MEMBER["World Geodetic System 1984 (G730)"],MEMBER["World Geodetic System 1984 (G873)"],' +
  'MEMBER["World Geodetic System 1984 (G1150)"],MEMBER["World Geodetic System 1984 (G1674)"],' +
  'MEMBER["World Geodetic System 1984 (G1762)"],MEMBER["World Geodetic System 1984 (G2139)"],' +
  `ELLIPSOID["WGS 84",6378137,298.257223563,${WKT2_M}],ENSEMBLEACCURACY[2.0]],` +
  `PRIMEM["Greenwich",0,${WKT2_DEG}],ID["EPSG",4326]]`;
const WKT2_DHDN =
  `BASEGEOGCRS["DHDN",DATUM["Deutsches Hauptdreiecksnetz",ELLIPSOID["Bessel 1841",6377397.155,299.1528128,${WKT2_M}]],` +
  `PRIMEM["Greenwich",0,${WKT2_DEG}],ID["EPSG",4314]]`;
const p2 = (name, value, unit, id) => `PARAMETER["${name}",${value},${unit},ID["EPSG",${id}]]`;
const wkt2Tm = (name, base, conversion, lon0, k, fe, axes, area, code) =>
  `PROJCRS["${name}",${base},CONVERSION["${conversion}",METHOD["Transverse Mercator",ID["EPSG",9807]],` +
  `${p2('Latitude of natural origin', 0, WKT2_DEG, 8801)},${p2('Longitude of natural origin', lon0, WKT2_DEG, 8802)},` +
  `${p2('Scale factor at natural origin', k, 'SCALEUNIT["unity",1]', 8805)},${p2('False easting', fe, WKT2_M, 8806)},` +
  `${p2('False northing', 0, WKT2_M, 8807)}],CS[Cartesian,2],${axes},` +
  `USAGE[SCOPE["Engineering survey, topographic mapping."],AREA["${area}"]],ID["EPSG",${code}]]`;
const WKT2_EN = `AXIS["easting (E)",east,ORDER[1],${WKT2_M}],AXIS["northing (N)",north,ORDER[2],${WKT2_M}]`;

// ---------------------------------------------------------------------------------------------------------
// The .prj fixtures

const PRJ = {
  // EPSG:4326
  '4326.ogc.prj': OGC_WGS84,
  '4326.esri.prj': ESRI_WGS84,
  // EPSG:3857
  '3857.ogc.prj':
    `PROJCS["WGS 84 / Pseudo-Mercator",${OGC_WGS84},PROJECTION["Mercator_1SP"],PARAMETER["central_meridian",0],` +
    `PARAMETER["scale_factor",1],PARAMETER["false_easting",0],PARAMETER["false_northing",0],${METRE},${EN},` +
    'EXTENSION["PROJ4","+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs"],' +
    `${A(3857)}]`,
  '3857.esri.prj':
    `PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",${ESRI_WGS84},PROJECTION["Mercator_Auxiliary_Sphere"],` +
    'PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],' +
    'PARAMETER["Standard_Parallel_1",0.0],PARAMETER["Auxiliary_Sphere_Type",0.0],UNIT["Meter",1.0]]',
  '3857.wkt2.prj':
    `PROJCRS["WGS 84 / Pseudo-Mercator",${WKT2_WGS84},CONVERSION["Popular Visualisation Pseudo-Mercator",` +
    'METHOD["Popular Visualisation Pseudo Mercator",ID["EPSG",1024]],' +
    `${p2('Latitude of natural origin', 0, WKT2_DEG, 8801)},${p2('Longitude of natural origin', 0, WKT2_DEG, 8802)},` +
    `${p2('False easting', 0, WKT2_M, 8806)},${p2('False northing', 0, WKT2_M, 8807)}],CS[Cartesian,2],` +
    `AXIS["easting (X)",east,ORDER[1],${WKT2_M}],AXIS["northing (Y)",north,ORDER[2],${WKT2_M}],` +
    'USAGE[SCOPE["Web mapping and visualisation."],AREA["World between 85.06°S and 85.06°N."],' +
    'BBOX[-85.06,-180,85.06,180]],ID["EPSG",3857]]',
  // ETRS89 / UTM
  '25832.ogc.prj': ogcTm('ETRS89 / UTM zone 32N', OGC_ETRS89, 9, 0.9996, 500000, EN, 25832),
  '25832.esri.prj': esriTm('ETRS_1989_UTM_Zone_32N', ESRI_ETRS89, 9, 0.9996, 500000),
  '25832.wkt2.prj': wkt2Tm(
    'ETRS89 / UTM zone 32N',
    WKT2_ETRS89,
    'UTM zone 32N',
    9,
    0.9996,
    500000,
    WKT2_EN,
    'Europe between 6°E and 12°E.',
    25832,
  ),
  '25833.ogc.prj': ogcTm('ETRS89 / UTM zone 33N', OGC_ETRS89, 15, 0.9996, 500000, EN, 25833),
  '25833.esri.prj': esriTm('ETRS_1989_UTM_Zone_33N', ESRI_ETRS89, 15, 0.9996, 500000),
  // ETRS89 / UTM with zone prefix (zE-N)
  '4647.ogc.prj': ogcTm('ETRS89 / UTM zone 32N (zE-N)', OGC_ETRS89, 9, 0.9996, 32500000, EN, 4647),
  '4647.esri.prj': esriTm('ETRS_1989_UTM_Zone_N32', ESRI_ETRS89, 9, 0.9996, 32500000),
  '4647.wkt2.prj': wkt2Tm(
    'ETRS89 / UTM zone 32N (zE-N)',
    WKT2_ETRS89,
    'UTM zone 32N with prefix',
    9,
    0.9996,
    32500000,
    WKT2_EN,
    'Germany - onshore and offshore between 6°E and 12°E.',
    4647,
  ),
  '5650.ogc.prj': ogcTm('ETRS89 / UTM zone 33N (zE-N)', OGC_ETRS89, 15, 0.9996, 33500000, EN, 5650),
  '5650.esri.prj': esriTm('ETRS_1989_UTM_Zone_N33', ESRI_ETRS89, 15, 0.9996, 33500000),
  // DHDN / Gauss-Krüger
  '31466.ogc.prj': ogcTm('DHDN / 3-degree Gauss-Kruger zone 2', OGC_DHDN, 6, 1, 2500000, NE, 31466),
  '31466.esri.prj': esriTm('DHDN_3_Degree_Gauss_Zone_2', ESRI_DHDN, 6, 1, 2500000),
  '31467.ogc.prj': ogcTm('DHDN / 3-degree Gauss-Kruger zone 3', OGC_DHDN, 9, 1, 3500000, NE, 31467),
  '31467.esri.prj': esriTm('DHDN_3_Degree_Gauss_Zone_3', ESRI_DHDN, 9, 1, 3500000),
  '31468.ogc.prj': ogcTm('DHDN / 3-degree Gauss-Kruger zone 4', OGC_DHDN, 12, 1, 4500000, NE, 31468),
  // recent ArcGIS versions write PROJECTION["Gauss_Kruger"] for the DHDN zones
  '31468.esri.prj': esriTm('DHDN_3_Degree_Gauss_Zone_4', ESRI_DHDN, 12, 1, 4500000, 'Gauss_Kruger'),
  '31469.ogc.prj': ogcTm('DHDN / 3-degree Gauss-Kruger zone 5', OGC_DHDN, 15, 1, 5500000, NE, 31469),
  '31469.esri.prj': esriTm('DHDN_3_Degree_Gauss_Zone_5', ESRI_DHDN, 15, 1, 5500000),
  '5677.ogc.prj': ogcTm('DHDN / 3-degree Gauss-Kruger zone 3 (E-N)', OGC_DHDN, 9, 1, 3500000, EN, 5677),
  // ESRI WKT has no axis order, so ArcGIS writes 5677 exactly like 31467 (detected as 31467: same transformation)
  '5677.esri.prj': esriTm('DHDN_3_Degree_Gauss_Zone_3', ESRI_DHDN, 9, 1, 3500000),
  '5677.wkt2.prj': wkt2Tm(
    'DHDN / 3-degree Gauss-Kruger zone 3 (E-N)',
    WKT2_DHDN,
    '3-degree Gauss-Kruger zone 3',
    9,
    1,
    3500000,
    `AXIS["easting (Y)",east,ORDER[1],${WKT2_M}],AXIS["northing (X)",north,ORDER[2],${WKT2_M}]`,
    'Germany - former West Germany onshore between 7°30\'E and 10°30\'E.',
    5677,
  ),
  // LAEA Europe
  '3035.ogc.prj':
    `PROJCS["ETRS89 / LAEA Europe",${OGC_ETRS89},PROJECTION["Lambert_Azimuthal_Equal_Area"],` +
    'PARAMETER["latitude_of_center",52],PARAMETER["longitude_of_center",10],PARAMETER["false_easting",4321000],' +
    `PARAMETER["false_northing",3210000],${METRE},AXIS["Northing",NORTH],AXIS["Easting",EAST],${A(3035)}]`,
  '3035.esri.prj':
    `PROJCS["ETRS_1989_LAEA",${ESRI_ETRS89},PROJECTION["Lambert_Azimuthal_Equal_Area"],` +
    'PARAMETER["False_Easting",4321000.0],PARAMETER["False_Northing",3210000.0],PARAMETER["Central_Meridian",10.0],' +
    'PARAMETER["Latitude_Of_Origin",52.0],UNIT["Meter",1.0]]',
  '3035.wkt2.prj':
    `PROJCRS["ETRS89-extended / LAEA Europe",${WKT2_ETRS89},` +
    'CONVERSION["Europe Equal Area 2001",METHOD["Lambert Azimuthal Equal Area",ID["EPSG",9820]],' +
    `${p2('Latitude of natural origin', 52, WKT2_DEG, 8801)},${p2('Longitude of natural origin', 10, WKT2_DEG, 8802)},` +
    `${p2('False easting', 4321000, WKT2_M, 8806)},${p2('False northing', 3210000, WKT2_M, 8807)}],CS[Cartesian,2],` +
    `AXIS["northing (Y)",north,ORDER[1],${WKT2_M}],AXIS["easting (X)",east,ORDER[2],${WKT2_M}],` +
    'USAGE[SCOPE["Statistical analysis."],AREA["Europe - European Union (EU) countries and candidates."],' +
    'BBOX[24.6,-35.58,84.73,44.83]],ID["EPSG",3035]]',

  // Special cases
  // ESRI 102328 / 102359: ETRS89 / UTM with 7-digit eastings (false easting 2,500,000 / 3,500,000)
  '25832-7stellen.esri.prj': esriTm(
    'ETRS_1989_UTM_Zone_32N_7stellen',
    ESRI_ETRS89,
    9,
    0.9996,
    2500000,
    'Transverse_Mercator',
    ',AUTHORITY["ESRI",102328]',
  ),
  '25833-7stellen.esri.prj': esriTm(
    'ETRS_1989_UTM_Zone_33N_7stellen',
    ESRI_ETRS89,
    15,
    0.9996,
    3500000,
    'Transverse_Mercator',
    ',AUTHORITY["ESRI",102359]',
  ),
  // WGS 84 / UTM zone 32N: within a metre of ETRS89 / UTM zone 32N
  'wgs84-utm32n.esri.prj': esriTm('WGS_1984_UTM_Zone_32N', ESRI_WGS84, 9, 0.9996, 500000),
  // ETRS89 longitude/latitude (EPSG:4258): within a metre of WGS84
  'etrs89-geographic.esri.prj': ESRI_ETRS89,
  // GDAL's pretty-printed WKT (whitespace and line breaks)
  '31468-pretty.ogc.prj': pretty(ogcTm('DHDN / 3-degree Gauss-Kruger zone 4', OGC_DHDN, 12, 1, 4500000, NE, 31468)),
  // Not supported: must give null
  'unknown-lambert93.ogc.prj':
    'PROJCS["RGF93 / Lambert-93",GEOGCS["RGF93",DATUM["Reseau_Geodesique_Francais_1993",SPHEROID["GRS 1980",6378137,298.257222101,' +
    `${A(7019)}],TOWGS84[0,0,0,0,0,0,0],${A(6171)}],${GREENWICH},${DEGREE},${A(4171)}],` +
    'PROJECTION["Lambert_Conformal_Conic_2SP"],PARAMETER["standard_parallel_1",49],PARAMETER["standard_parallel_2",44],' +
    'PARAMETER["latitude_of_origin",46.5],PARAMETER["central_meridian",3],PARAMETER["false_easting",700000],' +
    `PARAMETER["false_northing",6600000],${METRE},${EN},${A(2154)}]`,
  // same projection parameters as DHDN zone 4, but the Pulkovo 1942(83) datum on the Krassowsky ellipsoid
  'unknown-pulkovo-gk4.ogc.prj': ogcTm(
    'Pulkovo 1942(83) / 3-degree Gauss-Kruger zone 4',
    `GEOGCS["Pulkovo 1942(83)",DATUM["Pulkovo_1942_83",SPHEROID["Krassowsky 1940",6378245,298.3,${A(7024)}],` +
      `TOWGS84[26,-121,-78,0,0,0,0],${A(6178)}],${GREENWICH},${DEGREE},${A(4178)}]`,
    12,
    1,
    4500000,
    NE,
    2398,
  ),
  'unknown-wgs84-utm31n.esri.prj': esriTm('WGS_1984_UTM_Zone_31N', ESRI_WGS84, 3, 0.9996, 500000),
  'unknown-dhdn-geographic.ogc.prj': OGC_DHDN,
  'unknown-garbage.prj': 'this is not WKT [',
};

/** GDAL-style pretty printing: a line break and 4 spaces per level before each nested node. */
function pretty(wkt) {
  let depth = 0;
  let out = '';
  let inString = false;
  for (let i = 0; i < wkt.length; i++) {
    const ch = wkt[i];
    if (ch === '"') inString = !inString;
    if (!inString && ch === '[') depth++;
    if (!inString && ch === ']') depth--;
    out += ch;
    if (!inString && ch === ',' && /^[A-Z][A-Z0-9_]*\[/.test(wkt.slice(i + 1, i + 40))) out += `\n${'    '.repeat(depth)}`;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// GeoJSON fixtures: a point, a square polygon (±0.005°) and a multipolygon (two squares) around a place

const PLACES = {
  leipzig: { name: 'Leipzig, Markt', lon: 12.3747, lat: 51.3406 },
  koeln: { name: 'Köln, Dom', lon: 6.9583, lat: 50.9413 },
  frankfurt: { name: 'Frankfurt am Main, Römer', lon: 8.6821, lat: 50.1106 },
  goerlitz: { name: 'Görlitz, Obermarkt', lon: 14.9866, lat: 51.1555 },
};
const PLACE_OF = {
  4326: 'leipzig',
  3857: 'leipzig',
  25832: 'koeln',
  25833: 'leipzig',
  31466: 'koeln',
  31467: 'frankfurt',
  31468: 'leipzig',
  31469: 'goerlitz',
  3035: 'leipzig',
  4647: 'koeln',
  5650: 'leipzig',
  5677: 'frankfurt',
};

const D = 0.005;
const square = (lon, lat, d) => [
  [lon - d, lat - d],
  [lon + d, lat - d],
  [lon + d, lat + d],
  [lon - d, lat + d],
  [lon - d, lat - d],
];

function geojsonFor(code) {
  const place = PLACES[PLACE_OF[code]];
  const digits = code === 4326 ? 7 : 3;
  const project = ([lon, lat]) => crs.fromWgs84(lon, lat, crs.crsByCode(code)).map((v) => Number(v.toFixed(digits)));
  const props = (part) => ({ name: `${place.name} (${part})`, lon: place.lon, lat: place.lat });
  const fc = {
    type: 'FeatureCollection',
    name: `crs-${code}`,
    ...(code === 4326 ? {} : { crs: { type: 'name', properties: { name: `urn:ogc:def:crs:EPSG::${code}` } } }),
    features: [
      { type: 'Feature', properties: props('point'), geometry: { type: 'Point', coordinates: project([place.lon, place.lat]) } },
      {
        type: 'Feature',
        properties: props('polygon'),
        geometry: { type: 'Polygon', coordinates: [square(place.lon, place.lat, D).map(project)] },
      },
      {
        type: 'Feature',
        properties: props('multipolygon'),
        geometry: {
          type: 'MultiPolygon',
          coordinates: [
            [square(place.lon - 3 * D, place.lat, D).map(project)],
            [square(place.lon + 3 * D, place.lat, D).map(project)],
          ],
        },
      },
    ],
  };
  // one feature per line: small diffs, still readable
  const { features, ...head } = fc;
  const headJson = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  return `${headJson},\n  "features": [\n${features.map((f) => `    ${JSON.stringify(f)}`).join(',\n')}\n  ]\n}\n`;
}

// ---------------------------------------------------------------------------------------------------------

fs.mkdirSync(OUT, { recursive: true });
for (const old of fs.readdirSync(OUT)) {
  if (/\.(prj|geojson)$/.test(old)) fs.rmSync(path.join(OUT, old));
}
let count = 0;
for (const [file, text] of Object.entries(PRJ)) {
  fs.writeFileSync(path.join(OUT, file), text);
  count++;
}
for (const { code } of crs.KNOWN_CRS.filter((c) => c.code !== null)) {
  fs.writeFileSync(path.join(OUT, `${code}.geojson`), geojsonFor(code));
  count++;
}
console.log(`fixtures-crs: wrote ${count} files to ${path.relative(ROOT, OUT)}/`);
