// Writers for the bad-input corpus: zip archives (stored, deflated, bombs),
// shapefiles, .dbf, .xlsx, FlatGeobuf, GeoParquet and hand-written TopoJSON,
// all in memory, so every case states its bytes next to its expectation.
import { constants, crc32, deflateRawSync } from 'node:zlib';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { serialize } from 'flatgeobuf/lib/mjs/geojson.js';
import { geojsonToWkb, parquetWriteBuffer, type ColumnSource } from 'hyparquet-writer';
import { transformPosition } from '../../../src/lib/io/crs';

// ---------------------------------------------------------------------------
// The valid base: four 1 km squares in Leipzig's south (UTM 33N), as in scripts/fixtures-import.mjs

const X0 = 316000;
const Y0 = 5686000;
export const AREAS = [
  { id: '1', name: 'Lößnig', einw: 12345, ant: 12.5, dx: 0, dy: 0 },
  { id: '2', name: 'Großzschocher', einw: 8000, ant: 7.25, dx: 1, dy: 0 },
  { id: '3', name: 'Südvorstadt', einw: 26000, ant: 15.75, dx: 0, dy: 1 },
  { id: '4', name: 'Mölkau', einw: 6500, ant: 4.5, dx: 1, dy: 1 },
];
export type Ring = number[][];
/** Counter-clockwise, closed (RFC 7946). */
export const utmRing = (a: { dx: number; dy: number }): Ring => {
  const x = X0 + a.dx * 1000;
  const y = Y0 + a.dy * 1000;
  return [[x, y], [x + 1000, y], [x + 1000, y + 1000], [x, y + 1000], [x, y]];
};
export const lonLatRing = (a: { dx: number; dy: number }): Ring => utmRing(a).map(([x, y]) => transformPosition(x!, y!, 25833));
export const props = (a: (typeof AREAS)[number]) => ({ OT_NR: a.id, OT_NAME: a.name, EINW: a.einw, ALQ_ANT: a.ant });

export function collection(ring: (a: (typeof AREAS)[number]) => Ring = lonLatRing, edit?: (f: Feature<Geometry, Record<string, unknown>>, i: number) => void): FeatureCollection<Geometry, Record<string, unknown>> {
  return {
    type: 'FeatureCollection',
    features: AREAS.map((a, i) => {
      const f: Feature<Geometry, Record<string, unknown>> = { type: 'Feature', properties: props(a), geometry: { type: 'Polygon', coordinates: [ring(a)] } };
      edit?.(f, i);
      return f;
    }),
  };
}

// ---------------------------------------------------------------------------
// Zip

export interface ZipEntrySpec {
  name: string;
  data: Uint8Array;
  /** Deflate (default) or store. */
  method?: 0 | 8;
  /** Already compressed data (for bombs); `size` then gives the real size. */
  raw?: Uint8Array;
  size?: number;
  /** What the headers claim, when it should lie. */
  declaredSize?: number;
  /** The name's bytes, when they should not be UTF-8. */
  rawName?: Uint8Array;
}

export function zip(entries: readonly ZipEntrySpec[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const method = e.method ?? 8;
    const body = e.raw ?? (method === 8 ? deflateRawSync(e.data) : Buffer.from(e.data));
    const size = e.declaredSize ?? e.size ?? e.data.length;
    const crc = e.raw ? 0 : crc32(e.data);
    const n = Buffer.from(e.rawName ?? new TextEncoder().encode(e.name));
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size >>> 0, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, Buffer.from(body));
    centrals.push(central, n);
    offset += 30 + n.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

let zerosBlock: Buffer | null = null;
/**
 * Raw deflate data for `mb` megabytes of zeros, about 1 KB per MB: one
 * compressed megabyte (flushed to a byte boundary, not final) repeated, then
 * an empty final block. Built in a few milliseconds, never expanded here.
 */
export function deflatedZeros(mb: number): Uint8Array {
  zerosBlock ??= deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: constants.Z_SYNC_FLUSH });
  const out = Buffer.alloc(zerosBlock.length * mb + 2);
  for (let i = 0; i < mb; i++) zerosBlock.copy(out, i * zerosBlock.length);
  out[out.length - 2] = 0x03; // final fixed-Huffman block with only its end code
  out[out.length - 1] = 0x00;
  return new Uint8Array(out);
}

// ---------------------------------------------------------------------------
// Shapefile

export interface ShpRecord {
  /** Polygon rings (type 5), or a point (type 1) when `point` is set. */
  rings?: Ring[];
  point?: [number, number];
}

export function shapefile(records: readonly ShpRecord[], shapeType = 5): { shp: Uint8Array; shx: Uint8Array } {
  const contents = records.map((r) => {
    if (r.point) {
      const c = Buffer.alloc(20);
      c.writeInt32LE(1, 0);
      c.writeDoubleLE(r.point[0], 4);
      c.writeDoubleLE(r.point[1], 12);
      return c;
    }
    const rings = r.rings ?? [];
    const pts = rings.flat();
    const c = Buffer.alloc(44 + 4 * rings.length + pts.length * 16);
    c.writeInt32LE(5, 0);
    const xs = pts.map((p) => p[0]!);
    const ys = pts.map((p) => p[1]!);
    const box = pts.length ? [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] : [0, 0, 0, 0];
    box.forEach((v, i) => c.writeDoubleLE(v, 4 + i * 8));
    c.writeInt32LE(rings.length, 36);
    c.writeInt32LE(pts.length, 40);
    let start = 0;
    rings.forEach((ring, i) => {
      c.writeInt32LE(start, 44 + i * 4);
      start += ring.length;
    });
    const base = 44 + 4 * rings.length;
    pts.forEach(([x, y], i) => {
      c.writeDoubleLE(x!, base + i * 16);
      c.writeDoubleLE(y!, base + i * 16 + 8);
    });
    return c;
  });
  const header = (lengthBytes: number) => {
    const h = Buffer.alloc(100);
    h.writeInt32BE(9994, 0);
    h.writeInt32BE(lengthBytes / 2, 24);
    h.writeInt32LE(1000, 28);
    h.writeInt32LE(shapeType, 32);
    [X0, Y0, X0 + 2000, Y0 + 2000].forEach((v, i) => h.writeDoubleLE(v, 36 + i * 8));
    return h;
  };
  const shpBody: Buffer[] = [];
  const shxBody: Buffer[] = [];
  let offset = 100;
  contents.forEach((c, i) => {
    const rh = Buffer.alloc(8);
    rh.writeInt32BE(i + 1, 0);
    rh.writeInt32BE(c.length / 2, 4);
    shpBody.push(rh, c);
    const ix = Buffer.alloc(8);
    ix.writeInt32BE(offset / 2, 0);
    ix.writeInt32BE(c.length / 2, 4);
    shxBody.push(ix);
    offset += 8 + c.length;
  });
  return {
    shp: new Uint8Array(Buffer.concat([header(offset), ...shpBody])),
    shx: new Uint8Array(Buffer.concat([header(100 + 8 * contents.length), ...shxBody])),
  };
}

export interface DbfField {
  name: string;
  type: 'C' | 'N';
  len: number;
  dec?: number;
}

/** A .dbf; values are written as given (latin1 or utf-8 bytes), padded or cut to the field length. */
export function dbf(fields: readonly DbfField[], rows: readonly (readonly string[])[], encoding: 'latin1' | 'utf8' = 'latin1'): Uint8Array {
  const recLen = 1 + fields.reduce((s, f) => s + f.len, 0);
  const headLen = 32 + fields.length * 32 + 1;
  const h = Buffer.alloc(32);
  h.writeUInt8(3, 0);
  h.writeUInt8(124, 1);
  h.writeUInt8(11, 2);
  h.writeUInt8(21, 3);
  h.writeUInt32LE(rows.length, 4);
  h.writeUInt16LE(headLen, 8);
  h.writeUInt16LE(recLen, 10);
  const descriptors = fields.map((f) => {
    const d = Buffer.alloc(32);
    d.write(f.name.slice(0, 10), 0, 'latin1');
    d.write(f.type, 11, 'latin1');
    d.writeUInt8(f.len, 16);
    d.writeUInt8(f.dec ?? 0, 17);
    return d;
  });
  const records = rows.map((row) =>
    Buffer.concat([
      Buffer.from(' '),
      ...fields.map((f, i) => {
        const b = Buffer.alloc(f.len, 0x20);
        const v = Buffer.from(row[i] ?? '', encoding);
        v.copy(b, f.type === 'N' ? Math.max(0, f.len - v.length) : 0, 0, Math.min(v.length, f.len));
        return b;
      }),
    ]),
  );
  return new Uint8Array(Buffer.concat([h, ...descriptors, Buffer.from([0x0d]), ...records, Buffer.from([0x1a])]));
}

export const DBF_FIELDS: DbfField[] = [
  { name: 'OT_NR', type: 'C', len: 4 },
  { name: 'OT_NAME', type: 'C', len: 30 },
  { name: 'EINW', type: 'N', len: 10 },
  { name: 'ALQ_ANT', type: 'N', len: 8, dec: 2 },
];
export const dbfRows = () => AREAS.map((a) => [a.id, a.name, String(a.einw), a.ant.toFixed(2)]);

export const PRJ_25833 =
  'PROJCS["ETRS_1989_UTM_Zone_33N",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],' +
  'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],' +
  'PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",15.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

/** The valid shapefile parts of the four squares (UTM 33N, .prj, .dbf in Windows-1252). */
export function shapefileParts(base = 'ortsteile'): Record<'shp' | 'shx' | 'dbf' | 'prj', { name: string; bytes: Uint8Array }> {
  const { shp, shx } = shapefile(AREAS.map((a) => ({ rings: [[...utmRing(a)].reverse()] })));
  return {
    shp: { name: `${base}.shp`, bytes: shp },
    shx: { name: `${base}.shx`, bytes: shx },
    dbf: { name: `${base}.dbf`, bytes: dbf(DBF_FIELDS, dbfRows()) },
    prj: { name: `${base}.prj`, bytes: new TextEncoder().encode(PRJ_25833) },
  };
}

// ---------------------------------------------------------------------------
// XLSX (inline strings, numbers; a minimal workbook as Excel reads it)

export type XlsxCell = string | number | null;

export function xlsx(sheets: readonly { name: string; rows: readonly (readonly XlsxCell[])[] }[], options: { sheetXml?: (i: number, xml: string) => string } = {}): Uint8Array {
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const col = (i: number) => {
    let n = i + 1;
    let s = '';
    while (n > 0) {
      s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
      n = Math.floor((n - 1) / 26);
    }
    return s;
  };
  const sheetXml = (rows: readonly (readonly XlsxCell[])[]) =>
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
    rows
      .map(
        (row, r) =>
          `<row r="${r + 1}">` +
          row
            .map((v, c) => {
              const ref = `${col(c)}${r + 1}`;
              if (v === null) return '';
              if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
              return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(v)}</t></is></c>`;
            })
            .join('') +
          '</row>',
      )
      .join('') +
    '</sheetData></worksheet>';
  const overrides = sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('');
  const files: [string, string][] = [
    [
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides}</Types>`,
    ],
    [
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ],
    [
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`,
    ],
    ...sheets.map((s, i): [string, string] => [`xl/worksheets/sheet${i + 1}.xml`, options.sheetXml ? options.sheetXml(i, sheetXml(s.rows)) : sheetXml(s.rows)]),
  ];
  return zip(files.map(([name, text]) => ({ name, data: new TextEncoder().encode(text) })));
}

// ---------------------------------------------------------------------------
// FlatGeobuf and GeoParquet

export const fgb = (fc: FeatureCollection, crs?: number): Uint8Array => serialize(fc, crs);

export interface ParquetOptions {
  /** The `geo` metadata (JSON text), or null for none. */
  geo?: string | null;
  crs?: unknown;
  /** Geometries as WKB, or raw bytes per row. */
  wkb?: Uint8Array[];
  extra?: ColumnSource[];
}

export function geoParquet(fc: FeatureCollection<Geometry, Record<string, unknown>>, options: ParquetOptions = {}): Uint8Array {
  const column: Record<string, unknown> = { encoding: 'WKB', geometry_types: ['Polygon'] };
  if (options.crs !== undefined) column.crs = options.crs;
  const geo = options.geo === undefined ? JSON.stringify({ version: '1.1.0', primary_column: 'geometry', columns: { geometry: column } }) : options.geo;
  const keys = [...new Set(fc.features.flatMap((f) => Object.keys(f.properties)))];
  const columnData: ColumnSource[] = [
    ...keys.map((k): ColumnSource => {
      const values = fc.features.map((f) => f.properties[k] ?? null);
      const numeric = values.every((v) => v === null || typeof v === 'number');
      return numeric ? { name: k, data: values, type: 'DOUBLE' } : { name: k, data: values.map((v) => (v === null ? null : String(v))), type: 'STRING' };
    }),
    { name: 'geometry', data: options.wkb ?? fc.features.map((f) => geojsonToWkb(f.geometry)), type: 'BYTE_ARRAY' },
    ...(options.extra ?? []),
  ];
  return new Uint8Array(parquetWriteBuffer({ columnData, kvMetadata: geo === null ? undefined : [{ key: 'geo', value: geo }] }));
}

// ---------------------------------------------------------------------------
// TopoJSON by hand: one arc per square (no shared arcs), absolute coordinates

export function topology(fc: FeatureCollection<Geometry, Record<string, unknown>>, edit?: (t: Record<string, unknown>) => void): string {
  const arcs: number[][][] = [];
  const geometries = fc.features.map((f) => {
    const g = f.geometry as { type: string; coordinates: unknown };
    if (g.type !== 'Polygon') return { type: g.type, coordinates: g.coordinates, properties: f.properties };
    const rings = (g.coordinates as number[][][]).map((ring) => {
      arcs.push(ring);
      return [arcs.length - 1];
    });
    return { type: 'Polygon', arcs: rings, properties: f.properties };
  });
  const t: Record<string, unknown> = { type: 'Topology', objects: { ortsteile: { type: 'GeometryCollection', geometries } }, arcs };
  edit?.(t);
  return JSON.stringify(t);
}
