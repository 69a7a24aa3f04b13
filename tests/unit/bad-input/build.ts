// Writers for the bad-input corpus: zip archives (stored, deflated, bombs),
// shapefiles, .dbf, .xlsx, FlatGeobuf, GeoParquet and hand-written TopoJSON,
// all in memory, so every case states its bytes next to its expectation. The
// plain writers are shared with scripts/fixtures-import.mjs (scripts/lib/fixture-writers.mjs);
// here zip entries are deflated by default and shapefile headers keep one fixed box.
import { constants, deflateRawSync } from 'node:zlib';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { serialize } from 'flatgeobuf/lib/mjs/geojson.js';
import { geojsonToWkb, parquetWriteBuffer, type ColumnSource } from 'hyparquet-writer';
import { transformPosition } from '../../../src/lib/io/import/crs/reproject';
import { crsByCode } from '../../../src/lib/io/import/crs/definitions';
import { dbf, PRJ_25833, shapefile as writeShapefile, xlsxParts, zip as writeZip, type DbfField, type ShpRecord, type XlsxCell, type XlsxSheet, type XlsxOptions } from '../../../scripts/lib/fixture-writers.mjs';

export { dbf, PRJ_25833, type DbfField, type ShpRecord, type XlsxCell };

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
export const lonLatRing = (a: { dx: number; dy: number }): Ring => utmRing(a).map(([x, y]) => transformPosition(x!, y!, crsByCode(25833)!));
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

/** A zip archive, its entries deflated unless they say otherwise. */
export function zip(entries: readonly ZipEntrySpec[]): Uint8Array {
  return writeZip(
    entries.map((e) => {
      const method = e.method ?? 8;
      const body = e.raw ?? (method === 8 ? deflateRawSync(e.data) : undefined);
      return { name: e.name, rawName: e.rawName, data: e.data, method, body, crc: e.raw ? 0 : undefined, size: e.declaredSize ?? e.size };
    }),
  );
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

/** A .shp and .shx; the headers give the four squares' box whatever the records hold. */
export const shapefile = (records: readonly ShpRecord[], shapeType = 5) => writeShapefile(records, { shapeType, bbox: [X0, Y0, X0 + 2000, Y0 + 2000] });

export const DBF_FIELDS: DbfField[] = [
  { name: 'OT_NR', type: 'C', len: 4 },
  { name: 'OT_NAME', type: 'C', len: 30 },
  { name: 'EINW', type: 'N', len: 10 },
  { name: 'ALQ_ANT', type: 'N', len: 8, dec: 2 },
];
export const dbfRows = () => AREAS.map((a) => [a.id, a.name, String(a.einw), a.ant.toFixed(2)]);

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

export const xlsx = (sheets: readonly XlsxSheet[], options: XlsxOptions = {}): Uint8Array => zip(xlsxParts(sheets, options));

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
