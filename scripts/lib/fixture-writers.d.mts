// Types for fixture-writers.mjs (tsconfig has allowJs off; TypeScript finds
// this file for imports of './fixture-writers.mjs').

/** The ESRI .prj text for ETRS89 / UTM zone 33N (EPSG:25833). */
export const PRJ_25833: string;

/** Latin-1 bytes, one per UTF-16 code unit (its low byte). */
export function latin1(s: string): Uint8Array;
/** The byte arrays one after another. */
export function concat(parts: readonly Uint8Array[]): Uint8Array;
/** CRC-32 (IEEE, as zip uses it). */
export function crc32(data: Uint8Array): number;

export interface ZipEntry {
  name: string;
  /** The entry's content; its CRC-32 and size go into the headers unless `crc` or `size` say otherwise. */
  data: Uint8Array;
  /** The method the headers name: 0 (stored, the default), or that of `body`. */
  method?: number;
  /** The bytes stored for the entry, when not `data` (already compressed data). */
  body?: Uint8Array;
  /** The CRC-32 the headers claim. */
  crc?: number;
  /** The uncompressed size the headers claim (taken modulo 2^32). */
  size?: number;
  /** The name's bytes, when they should not be UTF-8. */
  rawName?: Uint8Array;
}
/** A zip archive; entries are stored unless they bring a compressed `body`. */
export function zip(entries: readonly ZipEntry[]): Uint8Array;

export interface ShpRecord {
  /** Polygon rings (type 5), or a point (type 1) when `point` is set. */
  rings?: number[][][];
  point?: [number, number];
}
export interface ShapefileOptions {
  /** The shape type the headers claim (default 5, polygon). */
  shapeType?: number;
  /** The headers' [xmin, ymin, xmax, ymax]; default: that of all records' points. */
  bbox?: readonly number[];
}
/** A shapefile's .shp and .shx. */
export function shapefile(records: readonly ShpRecord[], options?: ShapefileOptions): { shp: Uint8Array; shx: Uint8Array };

export interface DbfField {
  name: string;
  type: 'C' | 'N';
  len: number;
  dec?: number;
}
export interface DbfOptions {
  /** The header's code page mark (byte 29), e.g. 0x57 for ANSI Windows-1252; default 0. */
  languageDriver?: number;
}
/** A dBASE III .dbf; values as given in `encoding`, cut or padded to the field length. */
export function dbf(fields: readonly DbfField[], rows: readonly (readonly string[])[], encoding?: 'latin1' | 'utf8', options?: DbfOptions): Uint8Array;

export type XlsxCell = string | number | Date | null;
export interface XlsxSheet {
  name: string;
  rows: readonly (readonly XlsxCell[])[];
}
export interface XlsxOptions {
  /** Rewrites sheet `i`'s XML. */
  sheetXml?: (i: number, xml: string) => string;
}
/** The parts (file name and bytes) of a minimal .xlsx. */
export function xlsxParts(sheets: readonly XlsxSheet[], options?: XlsxOptions): { name: string; data: Uint8Array }[];
/** A minimal .xlsx, its parts stored in the zip. */
export function xlsx(sheets: readonly XlsxSheet[], options?: XlsxOptions): Uint8Array;
