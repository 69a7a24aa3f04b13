// Writes the point-import fixtures in tests/fixtures/points/ from the bundled
// Kitas (data/points/leipzig-kitas.geojson, ODbL, © OpenStreetMap contributors):
// - kitas-25833.csv: as a city's Excel export: Windows-1252, ";", decimal comma,
//   Rechtswert/Hochwert in ETRS89 / UTM 33N, a title row, a row without coordinates;
// - kitas-lonlat.geojson: the same points in WGS84 with a "traeger" category;
// - kitas-latlon.csv: "lat,lon" order, decimal point, UTF-8.
// Run: node scripts/fixtures-points.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import proj4 from 'proj4';

const dir = new URL('../tests/fixtures/points/', import.meta.url);
const kitas = JSON.parse(readFileSync(new URL('../data/points/leipzig-kitas.geojson', import.meta.url), 'utf8'));
const picked = kitas.features.filter((f) => f.properties.name).slice(0, 40);
const TRAEGER = { oeffentlich: 'öffentlich', frei: 'frei gemeinnützig', privat: 'privat', unbekannt: '' };
const utm = proj4('+proj=utm +zone=33 +ellps=GRS80 +units=m +no_defs');

const win1252 = (text) => {
  // Only Latin-1 characters occur here (umlauts, ß): their code points are the bytes.
  const out = Buffer.alloc(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[i] = c < 256 ? c : 0x3f;
  }
  return out;
};
const comma = (v, d) => v.toFixed(d).replace('.', ',');
const quote = (s) => (/[;"\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

const lines = ['Kindertagesstätten in Leipzig (Auszug);;;;', ';;;;', 'Nr;Einrichtung;Träger;Rechtswert;Hochwert'];
picked.forEach((f, i) => {
  const [x, y] = utm.forward(f.geometry.coordinates);
  lines.push([i + 1, quote(f.properties.name), TRAEGER[f.properties.category] ?? '', comma(x, 2), comma(y, 2)].join(';'));
});
lines.push(`${picked.length + 1};Kita ohne Adresse;privat;;`);
writeFileSync(new URL('kitas-25833.csv', dir), win1252(lines.join('\r\n') + '\r\n'));

writeFileSync(
  new URL('kitas-lonlat.geojson', dir),
  JSON.stringify({
    type: 'FeatureCollection',
    features: picked.map((f) => ({
      type: 'Feature',
      properties: { name: f.properties.name, traeger: TRAEGER[f.properties.category] || 'unbekannt', plaetze: f.properties.capacity },
      geometry: f.geometry,
    })),
  }, null, 1),
);

const ll = ['name,lat,lon', ...picked.map((f) => `"${f.properties.name.replace(/"/g, '""')}",${f.geometry.coordinates[1]},${f.geometry.coordinates[0]}`)];
writeFileSync(new URL('kitas-latlon.csv', dir), ll.join('\n') + '\n');
console.log(`wrote ${picked.length} points ×3 to tests/fixtures/points/`);
