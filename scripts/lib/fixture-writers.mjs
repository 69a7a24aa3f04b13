// Writers for test fixtures, all in memory: ESRI shapefiles (.shp/.shx),
// dBASE .dbf, stored zip archives and minimal .xlsx workbooks. Plain
// Uint8Array/DataView, so the same code serves scripts/fixtures-import.mjs
// (Node) and the bad-input corpus in tests/unit/bad-input/build.ts (vitest).
// Types: fixture-writers.d.mts.

/** The ESRI .prj text for ETRS89 / UTM zone 33N (EPSG:25833), as city GIS exports write it. */
export const PRJ_25833 =
  'PROJCS["ETRS_1989_UTM_Zone_33N",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],' +
  'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],' +
  'PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",15.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

const utf8 = (s) => new TextEncoder().encode(s);

/** Latin-1 bytes, one per UTF-16 code unit (its low byte), as Node's 'latin1' encoding writes them. */
export function latin1(s) {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

/** The byte arrays one after another. */
export function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  parts.forEach((p) => {
    out.set(p, at);
    at += p.length;
  });
  return out;
}

/** A zeroed buffer of `length` bytes and a view on it. */
const block = (length) => {
  const bytes = new Uint8Array(length);
  return { bytes, view: new DataView(bytes.buffer) };
};

// ---------------------------------------------------------------------------
// Zip

let crcTable = null;
/** CRC-32 (IEEE, as zip uses it). */
export function crc32(data) {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * A zip archive without compression of its own: entries are stored (method 0)
 * unless they bring their compressed `body` and `method`. Sizes, CRC and
 * method can be set to lie; no timestamps, comments or extra fields.
 */
export function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const e of entries) {
    const name = e.rawName ?? utf8(e.name);
    const body = e.body ?? e.data;
    // The fields local and central headers share, from "version needed" to the name's length.
    const fields = (view, at) => {
      view.setUint16(at, 20, true);
      view.setUint16(at + 4, e.method ?? 0, true);
      view.setUint32(at + 10, e.crc ?? crc32(e.data), true);
      view.setUint32(at + 14, body.length, true);
      view.setUint32(at + 18, (e.size ?? e.data.length) >>> 0, true);
      view.setUint16(at + 22, name.length, true);
    };
    const local = block(30);
    local.view.setUint32(0, 0x04034b50, true);
    fields(local.view, 4);
    const central = block(46);
    central.view.setUint32(0, 0x02014b50, true);
    central.view.setUint16(4, 20, true);
    fields(central.view, 6);
    central.view.setUint32(42, offset, true);
    locals.push(local.bytes, name, body);
    centrals.push(central.bytes, name);
    offset += 30 + name.length + body.length;
  }
  const cd = concat(centrals);
  const end = block(22);
  end.view.setUint32(0, 0x06054b50, true);
  end.view.setUint16(8, entries.length, true);
  end.view.setUint16(10, entries.length, true);
  end.view.setUint32(12, cd.length, true);
  end.view.setUint32(16, offset, true);
  return concat([...locals, cd, end.bytes]);
}

// ---------------------------------------------------------------------------
// Shapefile

/** One record's content: a point (type 1) or polygon rings (type 5, whatever the file's type). */
function shapeContent(r) {
  if (r.point) {
    const { bytes, view } = block(20);
    view.setInt32(0, 1, true);
    view.setFloat64(4, r.point[0], true);
    view.setFloat64(12, r.point[1], true);
    return bytes;
  }
  const rings = r.rings ?? [];
  const pts = rings.flat();
  const base = 44 + 4 * rings.length;
  const { bytes, view } = block(base + pts.length * 16);
  view.setInt32(0, 5, true);
  bbox(pts, [0, 0, 0, 0]).forEach((v, i) => view.setFloat64(4 + i * 8, v, true));
  view.setInt32(36, rings.length, true);
  view.setInt32(40, pts.length, true);
  let start = 0;
  rings.forEach((ring, i) => {
    view.setInt32(44 + i * 4, start, true);
    start += ring.length;
  });
  pts.forEach(([x, y], i) => {
    view.setFloat64(base + i * 16, x, true);
    view.setFloat64(base + i * 16 + 8, y, true);
  });
  return bytes;
}

/** [xmin, ymin, xmax, ymax] of the points, or `empty` without points. */
const bbox = (pts, empty) => {
  if (!pts.length) return empty;
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
};

/**
 * A shapefile's .shp and .shx. The header's bounding box is `options.bbox`,
 * or else that of all records' points; `options.shapeType` (default 5,
 * polygon) is what the header claims, the records keep their own type.
 */
export function shapefile(records, options = {}) {
  const contents = records.map(shapeContent);
  const box = options.bbox ?? bbox(records.flatMap((r) => (r.point ? [r.point] : (r.rings ?? []).flat())), [0, 0, 0, 0]);
  const header = (lengthBytes) => {
    const { bytes, view } = block(100);
    view.setInt32(0, 9994);
    view.setInt32(24, lengthBytes / 2);
    view.setInt32(28, 1000, true);
    view.setInt32(32, options.shapeType ?? 5, true);
    box.forEach((v, i) => view.setFloat64(36 + i * 8, v, true));
    return bytes;
  };
  const shp = [];
  const shx = [];
  let offset = 100;
  contents.forEach((c, i) => {
    const record = block(8);
    record.view.setInt32(0, i + 1);
    record.view.setInt32(4, c.length / 2);
    shp.push(record.bytes, c);
    const index = block(8);
    index.view.setInt32(0, offset / 2);
    index.view.setInt32(4, c.length / 2);
    shx.push(index.bytes);
    offset += 8 + c.length;
  });
  return { shp: concat([header(offset), ...shp]), shx: concat([header(100 + 8 * contents.length), ...shx]) };
}

// ---------------------------------------------------------------------------
// dBASE

/**
 * A dBASE III .dbf. Values are written as given in `encoding` (Latin-1 bytes
 * for Windows-1252, or UTF-8), cut to the field length and padded with
 * spaces: text on the right, numbers (type N) on the left. The header's date
 * is fixed (2024-11-21) so that the output is reproducible;
 * `options.languageDriver` is the code page mark (0x57: ANSI Windows-1252).
 */
export function dbf(fields, rows, encoding = 'latin1', options = {}) {
  const encode = encoding === 'utf8' ? utf8 : latin1;
  const h = block(32);
  h.view.setUint8(0, 3);
  h.view.setUint8(1, 124);
  h.view.setUint8(2, 11);
  h.view.setUint8(3, 21);
  h.view.setUint32(4, rows.length, true);
  h.view.setUint16(8, 32 + fields.length * 32 + 1, true);
  h.view.setUint16(10, 1 + fields.reduce((s, f) => s + f.len, 0), true);
  h.view.setUint8(29, options.languageDriver ?? 0);
  const descriptors = fields.map((f) => {
    const d = block(32);
    d.bytes.set(latin1(f.name.slice(0, 10)), 0);
    d.bytes.set(latin1(f.type), 11);
    d.view.setUint8(16, f.len);
    d.view.setUint8(17, f.dec ?? 0);
    return d.bytes;
  });
  const records = rows.map((row) =>
    concat([
      latin1(' '),
      ...fields.map((f, i) => {
        const cell = new Uint8Array(f.len).fill(0x20);
        const v = encode(row[i] ?? '').subarray(0, f.len);
        cell.set(v, f.type === 'N' ? f.len - v.length : 0);
        return cell;
      }),
    ]),
  );
  return concat([h.bytes, ...descriptors, Uint8Array.of(0x0d), ...records, Uint8Array.of(0x1a)]);
}

// ---------------------------------------------------------------------------
// XLSX

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const SHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** Column letters: 0 → A, 25 → Z, 26 → AA. */
const column = (i) => {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
};
/** One cell: numbers as values, dates as day numbers in the date style (1), text inline. */
const cellXml = (v, ref) => {
  if (v === null) return '';
  if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
  if (v instanceof Date) return `<c r="${ref}" s="1"><v>${(v.getTime() - Date.UTC(1899, 11, 30)) / 86400000}</v></c>`;
  const space = /^\s|\s$/.test(v) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}" t="inlineStr"><is><t${space}>${esc(v)}</t></is></c>`;
};
const sheetXml = (rows) =>
  `${XML}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
  rows.map((row, r) => `<row r="${r + 1}">${row.map((v, c) => cellXml(v, `${column(c)}${r + 1}`)).join('')}</row>`).join('') +
  '</sheetData></worksheet>';

/**
 * The parts of a minimal .xlsx as Excel reads it: inline strings, numbers,
 * and dates (which add a styles part with a date format). `options.sheetXml`
 * may rewrite each sheet's XML.
 */
export function xlsxParts(sheets, options = {}) {
  const dates = sheets.some((s) => s.rows.some((row) => row.some((v) => v instanceof Date)));
  const rel = (id, type, target) => `<Relationship Id="rId${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
  const override = (part, type) => `<Override PartName="${part}" ContentType="${type}"/>`;
  const stylesType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';
  const files = [
    [
      '[Content_Types].xml',
      `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
        override('/xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml') +
        sheets.map((_, i) => override(`/xl/worksheets/sheet${i + 1}.xml`, SHEET_TYPE)).join('') +
        (dates ? override('/xl/styles.xml', stylesType) : '') +
        '</Types>',
    ],
    ['_rels/.rels', `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel(1, 'officeDocument', 'xl/workbook.xml')}</Relationships>`],
    [
      'xl/workbook.xml',
      `${XML}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        sheets.map((_, i) => rel(i + 1, 'worksheet', `worksheets/sheet${i + 1}.xml`)).join('') +
        (dates ? rel(sheets.length + 1, 'styles', 'styles.xml') : '') +
        '</Relationships>',
    ],
    ...(dates
      ? [['xl/styles.xml', `${XML}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="0"/><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`]]
      : []),
    ...sheets.map((s, i) => [`xl/worksheets/sheet${i + 1}.xml`, options.sheetXml ? options.sheetXml(i, sheetXml(s.rows)) : sheetXml(s.rows)]),
  ];
  return files.map(([name, text]) => ({ name, data: utf8(text) }));
}

/** A minimal .xlsx (see xlsxParts), its parts stored in the zip. */
export const xlsx = (sheets, options = {}) => zip(xlsxParts(sheets, options));
