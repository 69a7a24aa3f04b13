// Types for synthetic-scale.mjs (tsconfig has allowJs off; TypeScript finds this file for imports of
// './synthetic-scale.mjs').
import type { Site, Source } from '../src/lib/data/catalog-types';

export const SCALE_SITE_ID: string;
export const SCALE_SOURCE_ID: string;
export const SCALE_BASE_LEVEL: string;
/** values.csv columns after area_id and year. */
export const SCALE_COLUMNS: readonly string[];

/** mulberry32: a seeded PRNG, uniform in [0, 1). */
export function rng(seed: number): () => number;

export interface ScaleOptions {
  /** Cells of the base level (default 100,000). */
  areas?: number;
  seed?: number;
  /** First year (default 2004) and number of years (default 20). */
  firstYear?: number;
  years?: number;
  /** The site's folder as the catalog paths name it (default 'synthetic-scale'). */
  dir?: string;
  /** writeScale only: also write the cells' vector tiles (zelle.pmtiles) and their `tiles` entry (default true). */
  tiles?: boolean;
}

/** The synthetic site in memory: its catalog entry, its source and its files (path in the site's folder → text; value parts → Parquet bytes). */
export function generateScale(options?: ScaleOptions): { site: Site; source: Source; files: Record<string, string | Uint8Array> };

/** Writes the site into `<out>/synthetic-scale/` and `<out>/catalog-entry.json`; bytes per file. */
export function writeScale(out: string, options?: ScaleOptions): Record<string, number>;
