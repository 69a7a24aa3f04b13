// Types for gpkg-ods-writers.mjs (tsconfig has allowJs off).
import type { Geometry } from 'geojson';

export function gpkgBlob(wkb: Uint8Array, srsId: number, options?: { envelope?: [number, number, number, number]; version?: number; flags?: number; empty?: boolean }): Uint8Array;
export function wkb(geometry: Geometry): Uint8Array;

export interface GpkgSrs {
  id: number;
  name: string;
  organization?: string;
  code?: number;
  definition?: string;
  wkt2?: string;
}
export interface GpkgLayerSpec {
  name: string;
  identifier?: string;
  geometryType: string;
  geometryColumn?: string;
  srsId: number;
  z?: number;
  m?: number;
  columns?: { name: string; type: string }[];
  rows: ({ geometry: Geometry | Uint8Array | null } & Record<string, unknown>)[];
}
export function geopackage(spec: {
  srs?: GpkgSrs[];
  layers?: GpkgLayerSpec[];
  attributes?: { name: string; columns: { name: string; type: string }[]; rows: Record<string, unknown>[] }[];
  wkt2?: boolean;
  sql?: string[];
}): Promise<Uint8Array>;

export type OdsCell = string | number | boolean | Date | null | { percent: number } | { formula: string; value: number } | { xml: string };
export interface OdsSheet {
  name: string;
  rows: OdsCell[][];
  trailing?: boolean;
}
export function odsCell(v: OdsCell): string;
export function odsContent(sheets: readonly OdsSheet[]): string;
export function ods(sheets: readonly OdsSheet[], options?: { content?: string | null; mimetype?: string }): Uint8Array;
