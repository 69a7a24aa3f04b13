// Types for site-package.js (tsconfig has allowJs off; TypeScript finds this file for imports of
// './site-package.js'). The format itself is described in site-package.js.

/** A CSV cell: text verbatim, a number formatted, null/undefined (and non-finite numbers) missing. */
export type Cell = string | number | boolean | null | undefined;

export interface WriteOptions {
  /** Refuse non-finite numbers and numbers in exponent form (the bundled data) instead of writing them. */
  strict?: boolean;
}

export const CSV: Readonly<{ delimiter: ','; quote: '"'; lineEnd: '\n'; missing: '' }>;

export const AREA_COLUMNS: readonly ['id', 'name', 'level', 'parent', 'lon', 'lat'];
export type AreaColumn = (typeof AREA_COLUMNS)[number];

export const VALUE_AREA_COLUMN: 'area_id';
export const VALUE_YEAR_COLUMN: 'year';
export const VALUE_KEY_COLUMNS: readonly ['area_id', 'year'];

/** A cell "<1": the value is known only to lie below 1 (at least 0). */
export const BELOW_PREFIX: '<';
/** The cell of a value known only to lie below `bound` (> 0), e.g. "<1". */
export function belowText(bound: number): string;
/** The bound of a "below" cell ("<1" → 1), or null when the text is no such cell. */
export function parseBelow(text: string): number | null;

export const SITE_FILES: Readonly<{ areas: 'areas.csv'; values: 'values.csv'; firstView: 'first-view.json' }>;

/** The paths of a site's files, as its catalog entry names them. */
export function sitePaths(dir: string): { areas: string; values: string; firstView: string };
/** The path of a level's GeoJSON. */
export function geometryPath(dir: string, name: string): string;

/** A feature of a level's GeoJSON: the app reads only `id` (promoteId) and `name`. */
export function areaFeature<G>(id: string, name: string, geometry: G): { type: 'Feature'; properties: { id: string; name: string }; geometry: G };

/** One line of areas.csv. */
export interface AreaRow {
  id: string;
  name: string;
  level: string;
  /** The area's parent at the next level up; missing ('') at the top level. */
  parent?: string | null;
  /** Label point inside the area (numbers, or text already formatted). */
  lon: number | string;
  lat: number | string;
}

/** One line of values.csv. */
export interface ValueRow {
  areaId: string;
  year: number;
  /** Value per column; a column that is absent is missing. */
  values: Readonly<Record<string, Cell>>;
}

export interface FirstViewData {
  level: string;
  ind: string;
  year: number;
  /** Base-level values, in the order they are written. */
  values: readonly (readonly [string, number | null])[];
}

/** A number as written to the package's files ('' when missing). */
export function numberText(v: number, options?: WriteOptions): string;
/** One CSV field. */
export function csvCell(v: Cell, options?: WriteOptions): string;
/** CSV text: a header line, one line per row, a final line end. */
export function csvText(header: readonly string[], rows: Iterable<readonly Cell[]>, options?: WriteOptions): string;
/** areas.csv of a site. */
export function areasCsv(areas: Iterable<AreaRow>, options?: WriteOptions): string;
/** values.csv of a site: `columns` are the value columns after area_id and year. */
export function valuesCsv(columns: readonly string[], rows: Iterable<ValueRow>, options?: WriteOptions): string;
/** first-view.json of a bundled site. */
export function firstViewJson(view: FirstViewData): string;

/** A site whose base level has more areas than this gets its values as one Parquet file per indicator. */
export const VALUE_PARTS_MIN_AREAS: 1000;
/** The only format of value parts so far. */
export const VALUE_PARTS_FORMAT: 'parquet';
export const VALUE_PARTS_ROW_GROUPS: 'year';
/** The path of an indicator's value part (format in site-package.js). */
export function valuePartPath(dir: string, indicatorId: string): string;
/** The path of the wide values table of a site with value parts (not loaded by the app). */
export function valuePartsTablePath(dir: string): string;
/** The values.csv columns an indicator is read from: its column, and a ratio's numerator and denominator columns. */
export function valuePartColumns(indicator: { column: string; agg: { type: string; num?: string; den?: string } }): string[];
