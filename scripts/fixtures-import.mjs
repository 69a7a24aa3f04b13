// Writes the import fixtures in tests/fixtures/import/: a small shapefile as a
// city GIS exports it (EPSG:25833 with an ESRI .prj, a .dbf in Windows-1252
// without .cpg, umlauts in names) and the same as a .zip, plus an .xlsx table.
// Run: node scripts/fixtures-import.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { areas, x0, y0 } from './fixture-squares.mjs';
import { dbf, PRJ_25833, shapefile, xlsx, zip } from './lib/fixture-writers.mjs';

const dir = new URL('../tests/fixtures/import/', import.meta.url);
mkdirSync(dir, { recursive: true });

// Outer rings clockwise (shapefile convention), closed.
const ring = (a) => {
  const x = x0 + a.dx * 1000;
  const y = y0 + a.dy * 1000;
  return [[x, y], [x, y + 1000], [x + 1000, y + 1000], [x + 1000, y], [x, y]];
};

/** Windows-1252 text; numbers right-aligned as GIS programs write them. */
const DBF_FIELDS = [
  { name: 'OT_NR', type: 'C', len: 4 },
  { name: 'OT_NAME', type: 'C', len: 30 },
  { name: 'EINW', type: 'N', len: 10 },
  { name: 'ALQ_ANT', type: 'N', len: 8, dec: 2 },
];
const dbfRows = areas.map((a) => [a.id, a.name, String(a.einw), a.ant.toFixed(2)]);

/** A minimal .xlsx (inline strings, one date header) with a notes sheet before the data sheet. */
function workbook() {
  // Residents per Ortsteil, years as date headers (as Excel stores them: date cells), keys without leading zeros.
  const data = [
    ['Einwohner in den Ortsteilen', null, null, null],
    [null, null, null, null],
    ['OT-Nr.', 'Ortsteil', new Date(Date.UTC(2021, 11, 31)), new Date(Date.UTC(2022, 11, 31))],
    [0, 'Zentrum', 1878, 1901],
    [1, 'Zentrum-Ost', 6041, 6114],
    [2, 'Zentrum-Südost', 15043, 15226],
    [50, 'Schleußig', 12400, 12500],
  ];
  const notes = [['Hinweise'], ['Quelle: eigene Erhebung']];
  return xlsx([
    { name: 'Hinweise', rows: notes },
    { name: 'Daten 2022', rows: data },
  ]);
}

const { shp, shx } = shapefile(areas.map((a) => ({ rings: [ring(a)] })));
const dbfBytes = dbf(DBF_FIELDS, dbfRows, 'latin1', { languageDriver: 0x57 }); // ANSI Windows-1252, no .cpg
const prjBytes = new TextEncoder().encode(PRJ_25833);
const base = 'ortsteile_25833';
const parts = [
  [`${base}.shp`, shp],
  [`${base}.shx`, shx],
  [`${base}.dbf`, dbfBytes],
  [`${base}.prj`, prjBytes],
];
for (const [name, bytes] of parts) writeFileSync(new URL(name, dir), bytes);
writeFileSync(new URL(`${base}.zip`, dir), zip(parts.map(([name, data]) => ({ name, data }))));
writeFileSync(new URL('ortsteile-2022.xlsx', dir), workbook());
console.log('wrote', new URL(dir).pathname);
