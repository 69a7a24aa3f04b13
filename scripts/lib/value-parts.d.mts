// Types for value-parts.mjs (tsconfig has allowJs off; TypeScript finds this file for imports of
// './value-parts.mjs').
import type { ValueParts } from '../../src/lib/data/catalog-types';

interface PartIndicator {
  id?: string;
  column: string;
  agg: { type: string; num?: string; den?: string };
  formula?: string;
}

interface PartRow {
  areaId: string;
  year: number;
  values: Readonly<Record<string, unknown>>;
}

/** One indicator's value part as Parquet bytes (site-package.js valuePartPath describes the format). */
export function valuePartParquet(indicator: PartIndicator, rows: Iterable<PartRow>): Uint8Array;

/** Every indicator's value part (path → bytes) and the catalog entry's `valueParts`. */
export function valueParts(dir: string, indicators: readonly (PartIndicator & { id: string })[], rows: readonly PartRow[]): { bytes: Record<string, Uint8Array>; entry: ValueParts };
