// Writes the GeoPackage and OpenDocument fixtures in tests/fixtures/import/:
// - leipzig-ortsteile.gpkg: Leipzig's 63 Ortsteile and 10 Stadtbezirke (the
//   bundled outlines) in ETRS89 / UTM 32N (EPSG:25832, as QGIS writes it, with
//   the crs_wkt extension's WKT2 definition), and a point layer "Schulen"
//   (a school at the label point of every fifth Ortsteil);
// - einwohner-ortsteile.ods: the residents of the Ortsteile on 31.12.2022 from
//   the bundled values, as a city's statistics office writes it: a title row,
//   keys "00"–"95" as text, the year as a date header, a notes sheet first.
// Run: node scripts/fixtures-gpkg-ods.mjs
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import proj4 from 'proj4';
import { geopackage, ods } from './lib/gpkg-ods-writers.mjs';

const dir = new URL('../tests/fixtures/import/', import.meta.url);
mkdirSync(dir, { recursive: true });
const data = (p) => readFileSync(new URL(`../data/leipzig/${p}`, import.meta.url), 'utf8');

const UTM32 = '+proj=utm +zone=32 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';
const toUtm = (c) => proj4('EPSG:4326', UTM32, c).map((v) => Math.round(v * 100) / 100);
const project = (g) =>
  g.type === 'Polygon'
    ? { type: 'MultiPolygon', coordinates: [g.coordinates.map((r) => r.map(toUtm))] }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(toUtm))) };

const WKT1_25832 =
  'PROJCS["ETRS89 / UTM zone 32N",GEOGCS["ETRS89",DATUM["European_Terrestrial_Reference_System_1989",SPHEROID["GRS 1980",6378137,298.257222101,AUTHORITY["EPSG","7019"]],TOWGS84[0,0,0,0,0,0,0],AUTHORITY["EPSG","6258"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4258"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",9],PARAMETER["scale_factor",0.9996],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Easting",EAST],AXIS["Northing",NORTH],AUTHORITY["EPSG","25832"]]';
const WKT2_25832 =
  'PROJCRS["ETRS89 / UTM zone 32N",BASEGEOGCRS["ETRS89",DATUM["European Terrestrial Reference System 1989",ELLIPSOID["GRS 1980",6378137,298.257222101,LENGTHUNIT["metre",1]]],PRIMEM["Greenwich",0,ANGLEUNIT["degree",0.0174532925199433]],ID["EPSG",4258]],CONVERSION["UTM zone 32N",METHOD["Transverse Mercator",ID["EPSG",9807]],PARAMETER["Latitude of natural origin",0,ANGLEUNIT["degree",0.0174532925199433],ID["EPSG",8801]],PARAMETER["Longitude of natural origin",9,ANGLEUNIT["degree",0.0174532925199433],ID["EPSG",8802]],PARAMETER["Scale factor at natural origin",0.9996,SCALEUNIT["unity",1],ID["EPSG",8805]],PARAMETER["False easting",500000,LENGTHUNIT["metre",1],ID["EPSG",8806]],PARAMETER["False northing",0,LENGTHUNIT["metre",1],ID["EPSG",8807]]],CS[Cartesian,2],AXIS["(E)",east,ORDER[1],LENGTHUNIT["metre",1]],AXIS["(N)",north,ORDER[2],LENGTHUNIT["metre",1]],ID["EPSG",25832]]';
export const SRS_25832 = { id: 25832, name: 'ETRS89 / UTM zone 32N', organization: 'EPSG', code: 25832, definition: WKT1_25832, wkt2: WKT2_25832 };

const ortsteile = JSON.parse(data('ortsteil.geojson')).features;
const bezirke = JSON.parse(data('stadtbezirk.geojson')).features;
/** areas.csv: label points (lon, lat) by Ortsteil id. */
const labels = new Map(
  data('areas.csv')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    .filter((c) => c[2] === 'ortsteil')
    .map((c) => [c[0], [Number(c[4]), Number(c[5])]]),
);
const values = data('values.csv').trim().split('\n').map((l) => l.split(','));
const col = values[0].indexOf('einwohner');
const einwohner2022 = new Map(values.filter((r) => r[1] === '2022').map((r) => [r[0], Number(r[col])]));

const SCHULEN = ['Grundschule am Rabet', 'Schule Gohlis-Süd', 'Oberschule Schönefeld', 'Gymnasium Plagwitz', 'Förderschule Grünau', 'Grundschule Möckern', 'Schule am Auwald', 'Oberschule Paunsdorf', 'Grundschule Lößnig', 'Schule Mölkau', 'Grundschule Holzhausen', 'Schule Böhlitz-Ehrenberg', 'Grundschule Großzschocher'];
const schulen = ortsteile
  .filter((_, i) => i % 5 === 0)
  .map((f, i) => ({ geometry: { type: 'Point', coordinates: toUtm(labels.get(f.properties.id)) }, name: SCHULEN[i % SCHULEN.length], art: i % 3 === 0 ? 'Gymnasium' : 'Grundschule', schueler: 200 + i * 37 }));

const gpkg = await geopackage({
  wkt2: true,
  srs: [SRS_25832],
  layers: [
    {
      name: 'ortsteile',
      identifier: 'Ortsteile Leipzig',
      geometryType: 'MULTIPOLYGON',
      srsId: 25832,
      columns: [
        { name: 'ot_nr', type: 'TEXT' },
        { name: 'ot_name', type: 'TEXT' },
        { name: 'einwohner', type: 'INTEGER' },
      ],
      rows: ortsteile.map((f) => ({ geometry: project(f.geometry), ot_nr: f.properties.id, ot_name: f.properties.name, einwohner: einwohner2022.get(f.properties.id) ?? null })),
    },
    {
      name: 'stadtbezirke',
      identifier: 'Stadtbezirke Leipzig',
      geometryType: 'MULTIPOLYGON',
      srsId: 25832,
      columns: [
        { name: 'stb_nr', type: 'TEXT' },
        { name: 'stb_name', type: 'TEXT' },
      ],
      rows: bezirke.map((f) => ({ geometry: project(f.geometry), stb_nr: f.properties.id, stb_name: f.properties.name })),
    },
    {
      name: 'schulen',
      identifier: 'Schulen',
      geometryType: 'POINT',
      srsId: 25832,
      columns: [
        { name: 'name', type: 'TEXT' },
        { name: 'art', type: 'TEXT' },
        { name: 'schueler', type: 'INTEGER' },
      ],
      rows: schulen,
    },
  ],
});
writeFileSync(new URL('leipzig-ortsteile.gpkg', dir), gpkg);

const table = [
  ['Einwohner in den Ortsteilen der Stadt Leipzig'],
  [],
  ['OT-Nr.', 'Ortsteil', new Date(Date.UTC(2022, 11, 31))],
  ...ortsteile.map((f) => [f.properties.id, f.properties.name, einwohner2022.get(f.properties.id) ?? null]),
];
const notes = [['Hinweise'], ['Quelle: Stadt Leipzig, Amt für Statistik und Wahlen'], ['Stichtag 31.12.2022']];
writeFileSync(new URL('einwohner-ortsteile.ods', dir), ods([{ name: 'Hinweise', rows: notes }, { name: 'Einwohner 2022', rows: table }]));
console.log(`leipzig-ortsteile.gpkg: ${gpkg.length} bytes; einwohner-ortsteile.ods written (${einwohner2022.size} Ortsteile with 2022 residents)`);
