// Writers for GeoPackage and OpenDocument spreadsheet fixtures, in memory: the
// fixture script (scripts/fixtures-gpkg-ods.mjs) and the bad-input corpus
// (tests/unit/bad-input/cases-gpkg-ods.ts) build their files with them. A
// GeoPackage is written by SQLite itself (sql.js), geometries as WKB by
// hyparquet-writer behind the GeoPackage binary header; an .ods as LibreOffice
// writes it (mimetype stored first, trailing empty cells and rows repeated).
import { deflateRawSync } from 'node:zlib';
import initSqlJs from 'sql.js';
import { geojsonToWkb } from 'hyparquet-writer';
import { zip } from './fixture-writers.mjs';

const encoder = new TextEncoder();

/** A GeoPackage geometry blob: "GP", version 0, flags (little endian, no envelope unless given), srs_id, WKB. */
export function gpkgBlob(wkb, srsId, options = {}) {
  const envelope = options.envelope ?? null; // [minx, maxx, miny, maxy]
  const head = new Uint8Array(8 + (envelope ? 32 : 0));
  const view = new DataView(head.buffer);
  head[0] = 0x47;
  head[1] = 0x50;
  head[2] = options.version ?? 0;
  head[3] = (options.flags ?? 0) | (envelope ? 0x02 : 0) | (options.empty ? 0x10 : 0) | 0x01;
  view.setInt32(4, srsId, true);
  if (envelope) envelope.forEach((v, i) => view.setFloat64(8 + i * 8, v, true));
  const out = new Uint8Array(head.length + wkb.length);
  out.set(head);
  out.set(wkb, head.length);
  return out;
}

/** Standard WKB (little endian) of a GeoJSON geometry. */
export const wkb = (geometry) => geojsonToWkb(geometry);

const SPATIAL_REF_SYS = [
  [-1, 'Undefined cartesian SRS', 'NONE', -1, 'undefined'],
  [0, 'Undefined geographic SRS', 'NONE', 0, 'undefined'],
  [
    4326,
    'WGS 84 geodetic',
    'EPSG',
    4326,
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]',
  ],
];

let sqlite = null;
/** A fixed time of change, so that the same spec writes the same bytes. */
const CHANGED = '2024-01-01T00:00:00.000Z';

/**
 * A GeoPackage. `srs`: further rows of gpkg_spatial_ref_sys ({ id, name, organization, code, definition, wkt2 });
 * `layers`: { name, identifier, geometryType, srsId, columns: [{ name, type }], rows: [{ geometry: GeoJSON | Uint8Array | null, ...values }] };
 * `attributes`: tables without geometry ({ name, columns, rows }); `wkt2`: the crs_wkt extension column;
 * `sql`: statements run last (to damage the package).
 */
export async function geopackage({ srs = [], layers = [], attributes = [], wkt2 = false, sql = [] }) {
  sqlite ??= await initSqlJs();
  const db = new sqlite.Database();
  db.run('PRAGMA application_id = 1196444487'); // "GPKG"
  db.run('PRAGMA user_version = 10400');
  db.run(`CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
    organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT${wkt2 ? ", definition_12_063 TEXT NOT NULL DEFAULT 'undefined'" : ''})`);
  db.run(`CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '',
    last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER)`);
  db.run(`CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
    srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name))`);
  for (const [id, name, org, code, def] of SPATIAL_REF_SYS) {
    db.run('INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id, definition) VALUES (?, ?, ?, ?, ?)', [name, id, org, code, def]);
  }
  for (const s of srs) {
    if (wkt2) {
      db.run('INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id, definition, definition_12_063) VALUES (?, ?, ?, ?, ?, ?)', [
        s.name, s.id, s.organization ?? 'EPSG', s.code ?? s.id, s.definition ?? 'undefined', s.wkt2 ?? 'undefined',
      ]);
    } else {
      db.run('INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id, definition) VALUES (?, ?, ?, ?, ?)', [
        s.name, s.id, s.organization ?? 'EPSG', s.code ?? s.id, s.definition ?? 'undefined',
      ]);
    }
  }
  const q = (n) => `"${n.replace(/"/g, '""')}"`;
  for (const l of layers) {
    const geom = l.geometryColumn ?? 'geom';
    const cols = l.columns ?? [];
    db.run(`CREATE TABLE ${q(l.name)} (fid INTEGER PRIMARY KEY AUTOINCREMENT, ${q(geom)} BLOB${cols.map((c) => `, ${q(c.name)} ${c.type}`).join('')})`);
    db.run('INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id, last_change) VALUES (?, ?, ?, ?, ?)', [l.name, 'features', l.identifier ?? l.name, l.srsId, CHANGED]);
    db.run('INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, ?, ?)', [l.name, geom, l.geometryType, l.srsId, l.z ?? 0, l.m ?? 0]);
    const insert = db.prepare(`INSERT INTO ${q(l.name)} (${[geom, ...cols.map((c) => c.name)].map(q).join(', ')}) VALUES (${['?', ...cols.map(() => '?')].join(', ')})`);
    db.run('BEGIN');
    for (const r of l.rows) {
      const g = r.geometry;
      const blob = g == null ? null : g instanceof Uint8Array ? g : gpkgBlob(wkb(g), l.srsId);
      insert.run([blob, ...cols.map((c) => (r[c.name] === undefined ? null : r[c.name]))]);
    }
    db.run('COMMIT');
    insert.free();
  }
  for (const t of attributes) {
    db.run(`CREATE TABLE ${q(t.name)} (fid INTEGER PRIMARY KEY AUTOINCREMENT${t.columns.map((c) => `, ${q(c.name)} ${c.type}`).join('')})`);
    db.run('INSERT INTO gpkg_contents (table_name, data_type, identifier, last_change) VALUES (?, ?, ?, ?)', [t.name, 'attributes', t.name, CHANGED]);
    for (const r of t.rows) db.run(`INSERT INTO ${q(t.name)} (${t.columns.map((c) => q(c.name)).join(', ')}) VALUES (${t.columns.map(() => '?').join(', ')})`, t.columns.map((c) => r[c.name] ?? null));
  }
  for (const s of sql) db.run(s);
  const bytes = db.export();
  db.close();
  return bytes;
}

// ---------------------------------------------------------------------------
// OpenDocument spreadsheets

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const pad2 = (n) => String(n).padStart(2, '0');
const germanNumber = (v) => v.toLocaleString('de-DE', { maximumFractionDigits: 10 });

/** Paragraph text as LibreOffice writes it: runs of spaces after the first as <text:s text:c="n"/>, line breaks as paragraphs. */
function paragraphs(text) {
  return String(text)
    .split('\n')
    .map((line) => `<text:p>${esc(line).replace(/ {2,}/g, (m) => ` <text:s text:c="${m.length - 1}"/>`).replace(/\t/g, '<text:tab/>')}</text:p>`)
    .join('');
}

/** One cell's XML. A cell is a string, number, Date, boolean, null, { percent }, { formula, value }, or { xml } (written as is). */
export function odsCell(v) {
  if (v === null || v === undefined) return '<table:table-cell/>';
  if (typeof v === 'object' && 'xml' in v) return v.xml;
  if (typeof v === 'string') return `<table:table-cell office:value-type="string" calcext:value-type="string">${paragraphs(v)}</table:table-cell>`;
  if (typeof v === 'number') return `<table:table-cell office:value-type="float" office:value="${v}" calcext:value-type="float"><text:p>${esc(germanNumber(v))}</text:p></table:table-cell>`;
  if (typeof v === 'boolean') return `<table:table-cell office:value-type="boolean" office:boolean-value="${v}" calcext:value-type="boolean"><text:p>${v ? 'WAHR' : 'FALSCH'}</text:p></table:table-cell>`;
  if (v instanceof Date) {
    const iso = `${v.getUTCFullYear()}-${pad2(v.getUTCMonth() + 1)}-${pad2(v.getUTCDate())}`;
    return `<table:table-cell table:style-name="ce2" office:value-type="date" office:date-value="${iso}" calcext:value-type="date"><text:p>${pad2(v.getUTCDate())}.${pad2(v.getUTCMonth() + 1)}.${v.getUTCFullYear()}</text:p></table:table-cell>`;
  }
  if ('percent' in v) return `<table:table-cell office:value-type="percentage" office:value="${v.percent}" calcext:value-type="percentage"><text:p>${esc(germanNumber(v.percent * 100))} %</text:p></table:table-cell>`;
  if ('formula' in v) {
    return `<table:table-cell table:formula="${esc(v.formula)}" office:value-type="float" office:value="${v.value}" calcext:value-type="float"><text:p>${esc(germanNumber(v.value))}</text:p></table:table-cell>`;
  }
  throw new Error(`unknown cell ${JSON.stringify(v)}`);
}

/** content.xml of the sheets ({ name, rows, trailing: LibreOffice's repeated empty cells and rows, default true }). */
export function odsContent(sheets) {
  const tables = sheets
    .map((s) => {
      const trailing = s.trailing !== false;
      const width = Math.max(1, ...s.rows.map((r) => r.length));
      const rows = s.rows
        .map((r) => {
          const fill = trailing ? `<table:table-cell table:number-columns-repeated="${16384 - r.length}"/>` : '';
          return `<table:table-row table:style-name="ro1">${r.map(odsCell).join('')}${fill}</table:table-row>`;
        })
        .join('');
      const after = trailing ? `<table:table-row table:style-name="ro1" table:number-rows-repeated="${1048576 - s.rows.length}"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>` : '';
      return `<table:table table:name="${esc(s.name)}" table:style-name="ta1"><table:table-column table:style-name="co1" table:number-columns-repeated="${width}" table:default-cell-style-name="Default"/>${rows}${after}</table:table>`;
    })
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ' +
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" ' +
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" office:version="1.3"><office:body><office:spreadsheet>' +
    tables +
    '</office:spreadsheet></office:body></office:document-content>'
  );
}

const MANIFEST =
  '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">' +
  '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>' +
  '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>';

/** An .ods of the sheets, or of the given content.xml text (`content`); `mimetype` replaces the type. */
export function ods(sheets, options = {}) {
  const content = encoder.encode(options.content ?? odsContent(sheets));
  const entries = [
    { name: 'mimetype', data: encoder.encode(options.mimetype ?? 'application/vnd.oasis.opendocument.spreadsheet') },
    { name: 'META-INF/manifest.xml', data: encoder.encode(MANIFEST), method: 8, body: deflateRawSync(encoder.encode(MANIFEST)) },
  ];
  if (options.content !== null) entries.push({ name: 'content.xml', data: content, method: 8, body: deflateRawSync(content) });
  return zip(entries);
}
