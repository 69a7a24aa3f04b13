// Writes the import fixtures in tests/fixtures/import/: a small shapefile as a
// city GIS exports it (EPSG:25833 with an ESRI .prj, a .dbf in Windows-1252
// without .cpg, umlauts in names) and the same as a .zip, plus a GeoJSON.
// Run: node scripts/fixtures-import.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { areas, x0, y0 } from './fixture-squares.mjs';

const dir = new URL('../tests/fixtures/import/', import.meta.url);
mkdirSync(dir, { recursive: true });

// Outer rings clockwise (shapefile convention), closed.
const ring = (a) => {
  const x = x0 + a.dx * 1000;
  const y = y0 + a.dy * 1000;
  return [[x, y], [x, y + 1000], [x + 1000, y + 1000], [x + 1000, y], [x, y]];
};

function shapefile() {
  const records = areas.map((a) => {
    const pts = ring(a);
    const content = Buffer.alloc(44 + 4 + pts.length * 16);
    content.writeInt32LE(5, 0);
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((v, i) => content.writeDoubleLE(v, 4 + i * 8));
    content.writeInt32LE(1, 36);
    content.writeInt32LE(pts.length, 40);
    content.writeInt32LE(0, 44);
    pts.forEach(([x, y], i) => {
      content.writeDoubleLE(x, 48 + i * 16);
      content.writeDoubleLE(y, 56 + i * 16);
    });
    return content;
  });
  const header = (lengthBytes) => {
    const h = Buffer.alloc(100);
    h.writeInt32BE(9994, 0);
    h.writeInt32BE(lengthBytes / 2, 24);
    h.writeInt32LE(1000, 28);
    h.writeInt32LE(5, 32);
    [x0, y0, x0 + 2000, y0 + 2000].forEach((v, i) => h.writeDoubleLE(v, 36 + i * 8));
    return h;
  };
  const shpBody = [];
  const shxBody = [];
  let offset = 100;
  records.forEach((content, i) => {
    const rh = Buffer.alloc(8);
    rh.writeInt32BE(i + 1, 0);
    rh.writeInt32BE(content.length / 2, 4);
    shpBody.push(rh, content);
    const ix = Buffer.alloc(8);
    ix.writeInt32BE(offset / 2, 0);
    ix.writeInt32BE(content.length / 2, 4);
    shxBody.push(ix);
    offset += 8 + content.length;
  });
  const shp = Buffer.concat([header(offset), ...shpBody]);
  const shx = Buffer.concat([header(100 + 8 * records.length), ...shxBody]);
  return { shp, shx };
}

/** Windows-1252 bytes (the characters used here are all in Latin-1). */
const latin1 = (s, width) => {
  const b = Buffer.alloc(width, 0x20);
  b.write(s, 'latin1');
  return b;
};

function dbf() {
  const fields = [
    { name: 'OT_NR', type: 'C', len: 4, dec: 0, get: (a) => a.id },
    { name: 'OT_NAME', type: 'C', len: 30, dec: 0, get: (a) => a.name },
    { name: 'EINW', type: 'N', len: 10, dec: 0, get: (a) => String(a.einw).padStart(10) },
    { name: 'ALQ_ANT', type: 'N', len: 8, dec: 2, get: (a) => a.ant.toFixed(2).padStart(8) },
  ];
  const recLen = 1 + fields.reduce((s, f) => s + f.len, 0);
  const headLen = 32 + fields.length * 32 + 1;
  const h = Buffer.alloc(32);
  h.writeUInt8(3, 0);
  h.writeUInt8(124, 1);
  h.writeUInt8(11, 2);
  h.writeUInt8(21, 3);
  h.writeUInt32LE(areas.length, 4);
  h.writeUInt16LE(headLen, 8);
  h.writeUInt16LE(recLen, 10);
  h.writeUInt8(0x57, 29); // language driver: ANSI Windows-1252
  const descriptors = fields.map((f) => {
    const d = Buffer.alloc(32);
    d.write(f.name, 0, 'latin1');
    d.write(f.type, 11, 'latin1');
    d.writeUInt8(f.len, 16);
    d.writeUInt8(f.dec, 17);
    return d;
  });
  const rows = areas.map((a) => Buffer.concat([Buffer.from(' '), ...fields.map((f) => latin1(f.get(a), f.len))]));
  return Buffer.concat([h, ...descriptors, Buffer.from([0x0d]), ...rows, Buffer.from([0x1a])]);
}

const prj =
  'PROJCS["ETRS_1989_UTM_Zone_33N",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],' +
  'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],' +
  'PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",15.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

/** A zip archive with stored (uncompressed) entries. */
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const n = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** A minimal .xlsx (inline strings, one date header) with a notes sheet before the data sheet. */
function xlsx() {
  const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const col = (i) => String.fromCharCode(65 + i);
  const sheetXml = (rows) =>
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
    rows
      .map((row, r) =>
        `<row r="${r + 1}">` +
        row
          .map((v, c) => {
            const ref = `${col(c)}${r + 1}`;
            if (v === null) return '';
            if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
            if (v instanceof Date) return `<c r="${ref}" s="1"><v>${(v - Date.UTC(1899, 11, 30)) / 86400000}</v></c>`;
            return `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
          })
          .join('') +
        '</row>',
      )
      .join('') +
    '</sheetData></worksheet>';
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
  const files = [
    ['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>'],
    ['_rels/.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'],
    ['xl/workbook.xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Hinweise" sheetId="1" r:id="rId1"/><sheet name="Daten 2022" sheetId="2" r:id="rId2"/></sheets></workbook>'],
    ['xl/_rels/workbook.xml.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>'],
    ['xl/styles.xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="0"/><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>'],
    ['xl/worksheets/sheet1.xml', sheetXml(notes)],
    ['xl/worksheets/sheet2.xml', sheetXml(data)],
  ];
  return zip(files.map(([n, t]) => [n, Buffer.from(t)]));
}

const { shp, shx } = shapefile();
const dbfBytes = dbf();
const base = 'ortsteile_25833';
writeFileSync(new URL(`${base}.shp`, dir), shp);
writeFileSync(new URL(`${base}.shx`, dir), shx);
writeFileSync(new URL(`${base}.dbf`, dir), dbfBytes);
writeFileSync(new URL(`${base}.prj`, dir), prj);
writeFileSync(
  new URL(`${base}.zip`, dir),
  zip([
    [`${base}.shp`, shp],
    [`${base}.shx`, shx],
    [`${base}.dbf`, dbfBytes],
    [`${base}.prj`, Buffer.from(prj)],
  ]),
);
writeFileSync(new URL('ortsteile-2022.xlsx', dir), xlsx());
console.log('wrote', new URL(dir).pathname);
