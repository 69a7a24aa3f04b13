// Types for pmtiles-writer.mjs (tsconfig has allowJs off).
export const HEADER_BYTES: 127;
export const TILE_TYPE_MVT: 1;
export function gzip(bytes: Uint8Array): Buffer;
/** The PMTiles v3 tile id of z/x/y (Hilbert order within a zoom). */
export function zxyToTileId(z: number, x: number, y: number): number;
export interface DirectoryEntry {
  tileId: number;
  offset: number;
  length: number;
  runLength: number;
}
export function serializeDirectory(entries: readonly DirectoryEntry[]): Uint8Array;
export interface ArchiveInput {
  tiles: readonly { z: number; x: number; y: number; data: Uint8Array }[];
  metadata: unknown;
  tileType?: number;
  minzoom: number;
  maxzoom: number;
  bounds: readonly [number, number, number, number] | number[];
  /** [lon, lat, zoom] */
  center: readonly [number, number, number] | number[];
}
export function writePmtiles(input: ArchiveInput): Buffer;
