// Writes tests/fixtures/drop/: what a planner drops at once — a city's Stadtteile
// shapefile as its GIS office exports it (the Leipzig Ortsteile from data/, in
// ESRI's 7-digit "ETRS89 / UTM 32N" variant: false easting 2,500,000 m, no EPSG
// code, no AUTHORITY; .dbf in UTF-8 with a .cpg; a QGIS .qmd beside it) and the
// population table as German Excel saves a CSV (Windows-1252, semicolons, a title
// row, decimal commas, keys with leading zeros), with the real 2022 figures.
// Run: node scripts/fixtures-drop.mjs
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import proj4 from 'proj4';
import { dbf, shapefile } from './lib/fixture-writers.mjs';

const root = new URL('../', import.meta.url);
const dir = new URL('tests/fixtures/drop/', root);
mkdirSync(dir, { recursive: true });

const PRJ =
  'PROJCS["ETRS89_UTM32_7stellig",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],' +
  'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",2500000.0],' +
  'PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",9.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
const toSevenDigit = proj4('+proj=longlat +datum=WGS84 +no_defs', '+proj=tmerc +lat_0=0 +lon_0=9 +k=0.9996 +x_0=2500000 +y_0=0 +ellps=GRS80 +units=m +no_defs');

const fc = JSON.parse(readFileSync(new URL('data/leipzig/ortsteil.geojson', root), 'utf8'));
const ring = (r, outer) => {
  const xy = r.map(([lon, lat]) => toSevenDigit.forward([lon, lat]).map((v) => Math.round(v * 100) / 100));
  // Shapefile: outer rings clockwise, holes counter-clockwise (GeoJSON has it the other way round).
  return outer ? xy.reverse() : xy;
};
const records = fc.features.map((f) => {
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  return { rings: polys.flatMap((p) => p.map((r, i) => ring(r, i === 0))) };
});
const { shp, shx } = shapefile(records);
const fields = [
  { name: 'OT_NR', type: 'C', len: 4 },
  { name: 'OT_NAME', type: 'C', len: 40 },
  { name: 'FLAECHE_HA', type: 'N', len: 12, dec: 1 },
];
const areaIds = fc.features.map((f) => String(f.properties.id));
const names = Object.fromEntries(
  readFileSync(new URL('data/leipzig/areas.csv', root), 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((l) => l.split(','))
    .map(([id, name]) => [id, name]),
);
// Area from the projected rings (shoelace), in hectares: an attribute a GIS export carries.
const hectares = records.map((r) =>
  r.rings.reduce((s, ring) => s - ring.reduce((a, [x, y], i) => (i === 0 ? a : a + (ring[i - 1][0] * y - x * ring[i - 1][1])), 0) / 2, 0) / 10_000,
);
const rows = areaIds.map((id, i) => [id, names[id] ?? id, hectares[i].toFixed(1)]);
const base = 'Stadtteile_UTM32_7stellig';
writeFileSync(new URL(`${base}.shp`, dir), shp);
writeFileSync(new URL(`${base}.shx`, dir), shx);
writeFileSync(new URL(`${base}.dbf`, dir), dbf(fields, rows, 'utf8'));
writeFileSync(new URL(`${base}.cpg`, dir), 'UTF-8');
writeFileSync(new URL(`${base}.prj`, dir), PRJ);
writeFileSync(new URL(`${base}.qmd`, dir), '<!DOCTYPE qgis PUBLIC \'http://mrcc.com/qgis.dtd\' \'SYSTEM\'>\n<qgis version="3.34.4-Prizren">\n  <identifier>Stadtteile</identifier>\n</qgis>\n');

// The population table: 2022 residents and foreigners' share per Ortsteil, as the city publishes them.
const values = readFileSync(new URL('data/leipzig/values.csv', root), 'utf8').split('\n').filter(Boolean);
const header = values[0].split(',');
const col = (name) => header.indexOf(name);
const lines = ['Einwohner nach Ortsteilen, Stand 31.12.2022;;;', ';;;', 'Ortsteil-Nr.;Ortsteil;Einwohner;Ausländeranteil in %'];
for (const line of values.slice(1)) {
  const c = line.split(',');
  if (c[col('year')] !== '2022' || !areaIds.includes(c[0])) continue;
  const share = c[col('auslaenderanteil')];
  lines.push([c[0], names[c[0]], c[col('einwohner')], share === '' ? '' : share.replace('.', ',')].join(';'));
}
const cp1252 = Uint8Array.from([...lines.join('\r\n') + '\r\n'].map((ch) => {
  const code = ch.charCodeAt(0);
  if (code > 255) throw new Error(`not Windows-1252: ${ch}`);
  return code;
}));
writeFileSync(new URL('Einwohner_Ortsteile_2022.csv', dir), cp1252);
console.log(`wrote ${records.length} areas and ${lines.length - 3} table rows to ${new URL(dir).pathname}`);
