// The site package: the files one site of the atlas consists of, defined once.
//
// Written by scripts/prepare-data.mjs (the bundled sites in data/, through scripts/lib/site-output.mjs
// and scripts/lib/geo.mjs) and by src/lib/io/build-site.ts (a site built from a user's import); read
// into DuckDB by src/lib/db/schema.ts. Plain ESM JavaScript, because the Node scripts cannot import
// TypeScript; the types are in site-package.d.ts beside this file (tsconfig has allowJs off).
//
// A site in folder <dir> (data/<site id>/ or user/<site id>/):
//   <dir>/<name>.geojson   a FeatureCollection per level, every feature with properties {id, name}
//                          (bundled: <name> = the level id; an import's one level: "areas")
//   <dir>/areas.csv        every area of every level: AREA_COLUMNS
//   <dir>/values.csv       base area × year: VALUE_KEY_COLUMNS, then one column per indicator column
//                          (and per numerator/denominator column of a ratio)
//   <dir>/first-view.json  bundled sites: the default view's base-level values, painted before DuckDB
//                          is ready (catalog-types.ts: FirstView)
//   <dir>/values/<indicator id>.parquet
//                          sites whose base level has more than VALUE_PARTS_MIN_AREAS areas: the values
//                          per indicator (a "value part"), read into DuckDB only when the indicator is
//                          first needed; the catalog entry's `valueParts` names them, and `values` is then
//                          the wide table at <dir>/values/all.csv (kept for checks, not loaded by the app)
// and its catalog entry (catalog-types.ts: Site), whose `areas`, `values`, `firstView` and
// `levels[].geometry` are these paths (sitePaths, geometryPath).
//
// CSV rules (RFC 4180): ',' between fields, '\n' line ends and a final newline, a header line; a
// field is quoted with '"' (a '"' inside doubled) only when it holds '"', ',', CR or LF. Text is
// written verbatim (ids such as "-1" or "=3" must survive: no spreadsheet formula guard). A number
// is written in JavaScript's shortest round-trip form with '.' as decimal point; a missing value
// (null, undefined, NaN, ±Infinity) is an empty field — never 0. A value the source gives only as
// "below a bound" (Leipzig's SGB-II-Quote truncated to "0" where recipients exist: below 1 %) is the
// bound after BELOW_PREFIX, e.g. "<1" (belowText, parseBelow); DuckDB's loader reads it into the
// observations' `below` column with the value NULL. `strict` (the bundled data, which
// must be plain reproducible text) refuses non-finite numbers and numbers in exponent form instead.

/** @typedef {import('./site-package').Cell} Cell */
/** @typedef {import('./site-package').WriteOptions} WriteOptions */

/** The CSV dialect of areas.csv and values.csv. */
export const CSV = Object.freeze({ delimiter: ',', quote: '"', lineEnd: '\n', missing: '' });

/** Columns of areas.csv, in this order: label point (lon, lat) inside the area, parent '' at the top level. */
export const AREA_COLUMNS = Object.freeze(/** @type {const} */ (['id', 'name', 'level', 'parent', 'lon', 'lat']));

/** The first two columns of values.csv; the indicator columns follow. */
export const VALUE_AREA_COLUMN = 'area_id';
export const VALUE_YEAR_COLUMN = 'year';
export const VALUE_KEY_COLUMNS = Object.freeze(/** @type {const} */ ([VALUE_AREA_COLUMN, VALUE_YEAR_COLUMN]));

/** A cell "<1": the value is known only to lie below 1 (at least 0); see belowText. */
export const BELOW_PREFIX = '<';

/**
 * The cell of a value known only to lie below `bound` (≥ 0), e.g. "<1".
 * @param {number} bound
 */
export function belowText(bound) {
  if (!Number.isFinite(bound) || bound <= 0) throw new Error(`not a positive bound: ${bound}`);
  return BELOW_PREFIX + numberText(bound, { strict: true });
}

/**
 * The bound of a "below" cell ("<1" → 1), or null when the text is no such cell.
 * @param {string} text
 */
export function parseBelow(text) {
  if (!text.startsWith(BELOW_PREFIX)) return null;
  const rest = text.slice(BELOW_PREFIX.length);
  if (!/^\d+(\.\d+)?$/.test(rest)) return null;
  const v = Number(rest);
  return Number.isFinite(v) && v > 0 ? v : null;
}

/** File names inside a site's folder. */
export const SITE_FILES = Object.freeze({ areas: 'areas.csv', values: 'values.csv', firstView: 'first-view.json' });

/**
 * The paths of a site's files, as its catalog entry names them.
 * @param {string} dir
 */
export function sitePaths(dir) {
  return { areas: `${dir}/${SITE_FILES.areas}`, values: `${dir}/${SITE_FILES.values}`, firstView: `${dir}/${SITE_FILES.firstView}` };
}

/**
 * The path of a level's GeoJSON.
 * @param {string} dir
 * @param {string} name
 */
export function geometryPath(dir, name) {
  return `${dir}/${name}.geojson`;
}

/**
 * A feature of a level's GeoJSON: the app reads only `id` (promoteId) and `name`.
 * @param {string} id
 * @param {string} name
 * @param {unknown} geometry
 */
export function areaFeature(id, name, geometry) {
  return { type: 'Feature', properties: { id, name }, geometry };
}

/**
 * A number as written to the package's files ('' when missing).
 * @param {number} v
 * @param {WriteOptions} [options]
 */
export function numberText(v, options) {
  if (!Number.isFinite(v)) {
    if (options?.strict) throw new Error(`not a finite number: ${v}`);
    return CSV.missing;
  }
  const s = String(v); // -0 gives '0'
  if (options?.strict && /e/i.test(s)) throw new Error(`value would print in exponent form: ${s}`);
  return s;
}

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV field.
 * @param {Cell} v
 * @param {WriteOptions} [options]
 */
export function csvCell(v, options) {
  const s = typeof v === 'number' ? numberText(v, options) : v === null || v === undefined ? CSV.missing : String(v);
  return NEEDS_QUOTES.test(s) ? `${CSV.quote}${s.replaceAll(CSV.quote, CSV.quote + CSV.quote)}${CSV.quote}` : s;
}

/**
 * CSV text: a header line, one line per row, a final line end.
 * @param {readonly string[]} header
 * @param {Iterable<readonly Cell[]>} rows
 * @param {WriteOptions} [options]
 */
export function csvText(header, rows, options) {
  const line = (/** @type {readonly Cell[]} */ cells) => cells.map((c) => csvCell(c, options)).join(CSV.delimiter);
  const lines = [line(header)];
  for (const r of rows) lines.push(line(r));
  return lines.join(CSV.lineEnd) + CSV.lineEnd;
}

/**
 * areas.csv of a site.
 * @param {Iterable<import('./site-package').AreaRow>} areas
 * @param {WriteOptions} [options]
 */
export function areasCsv(areas, options) {
  const rows = [];
  for (const a of areas) rows.push(AREA_COLUMNS.map((c) => a[c]));
  return csvText(AREA_COLUMNS, rows, options);
}

/**
 * values.csv of a site: `columns` are the value columns after area_id and year; a column a row
 * does not have is missing.
 * @param {readonly string[]} columns
 * @param {Iterable<import('./site-package').ValueRow>} rows
 * @param {WriteOptions} [options]
 */
export function valuesCsv(columns, rows, options) {
  const out = [];
  for (const r of rows) out.push([r.areaId, r.year, ...columns.map((c) => (Object.hasOwn(r.values, c) ? r.values[c] : null))]);
  return csvText([...VALUE_KEY_COLUMNS, ...columns], out, options);
}

/**
 * first-view.json: the default view (level, indicator, year) and its base-level values, keys in
 * the given order (a JS object would put integer-like keys such as "10" first).
 * @param {import('./site-package').FirstViewData} view
 */
export function firstViewJson(view) {
  const strict = { strict: true };
  const values = view.values.map(([id, v]) => `${JSON.stringify(id)}:${v === null ? 'null' : numberText(v, strict)}`);
  return `{"level":${JSON.stringify(view.level)},"ind":${JSON.stringify(view.ind)},"year":${numberText(view.year, strict)},"values":{${values.join(',')}}}\n`;
}

/** A site whose base level has more areas than this gets its values as one Parquet file per indicator. */
export const VALUE_PARTS_MIN_AREAS = 1000;
/** The only format of value parts so far. */
export const VALUE_PARTS_FORMAT = 'parquet';
/**
 * The catalog's `valueParts.rowGroups` of parts with one row group per year (rows sorted by year,
 * then area id; the year column's statistics name each group's year), read by HTTP range requests
 * year by year; `valueParts.sizes` then gives each file's length in bytes. Without it (catalogs
 * written before), a part is one row group sorted by area id, then year, and is read whole.
 */
export const VALUE_PARTS_ROW_GROUPS = 'year';

/**
 * The path of an indicator's value part: one Parquet file with the columns `area_id` (UTF8), `year`
 * (INT32) and the indicator's values.csv columns (valuePartColumns) under their values.csv names,
 * each DOUBLE — or UTF8 when the column holds a "below" cell such as "<1", written as values.csv
 * writes it; a missing cell is a null. Rows: the values.csv rows in which at least one of these
 * columns has a value, sorted by year, then area id (code unit order), one row group per year
 * (VALUE_PARTS_ROW_GROUPS).
 * @param {string} dir
 * @param {string} indicatorId
 */
export function valuePartPath(dir, indicatorId) {
  return `${dir}/values/${indicatorId}.parquet`;
}

/**
 * The path of the wide values table of a site with value parts (not loaded by the app).
 * @param {string} dir
 */
export function valuePartsTablePath(dir) {
  return `${dir}/values/all.csv`;
}

/**
 * The values.csv columns an indicator is read from: its column, and a ratio's numerator and
 * denominator columns (each once, in this order).
 * @param {{ column: string, agg: { type: string, num?: string, den?: string } }} indicator
 */
export function valuePartColumns(indicator) {
  const agg = indicator.agg;
  const cols = [indicator.column, ...(agg.type === 'ratio' && agg.num !== undefined && agg.den !== undefined ? [agg.num, agg.den] : [])];
  return [...new Set(cols)];
}
