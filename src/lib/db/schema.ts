import type { Indicator, Site } from '../data/catalog-types';
import { AREA_COLUMNS, BELOW_PREFIX, CSV as CSV_FORMAT, VALUE_AREA_COLUMN, VALUE_YEAR_COLUMN, type AreaColumn } from '../data/site-package.js';
import { hierarchyLevels } from '../data/programme-areas';
import { queryRows, type Engine } from './engine';
import { ident, num, str } from './sql';

/** A DOUBLE expression with NaN and ±Infinity (which "NaN" or "inf" in a CSV would give) as NULL: missing, never a number. */
const finite = (expr: string) => `CASE WHEN isfinite(${expr}) THEN ${expr} END`;

/**
 * Each column of areas.csv (site-package.js: AREA_COLUMNS, read as text) as a column of the areas
 * table: its type there and the expression that reads it.
 */
const AREA_TABLE: Record<AreaColumn, { type: string; read: string }> = {
  id: { type: 'VARCHAR NOT NULL', read: ident('id') },
  name: { type: 'VARCHAR NOT NULL', read: ident('name') },
  level: { type: 'VARCHAR NOT NULL', read: ident('level') },
  parent: { type: 'VARCHAR', read: `NULLIF(${ident('parent')}, ${str(CSV_FORMAT.missing)})` },
  lon: { type: 'DOUBLE', read: finite(`TRY_CAST(${ident('lon')} AS DOUBLE)`) },
  lat: { type: 'DOUBLE', read: finite(`TRY_CAST(${ident('lat')} AS DOUBLE)`) },
};

/**
 * The data model (documented in the README):
 *  - areas:        every area of every level of a site (id, name, level, parent, label point lon/lat)
 *  - area_base:    for each base-level area, its ancestor at every level (itself included), and
 *                  the weight it enters that area's figures with (1; less for a programme area
 *                  drawn across it, programme-areas.ts)
 *  - indicators:   metadata needed by queries (aggregation rule)
 *  - observations: long form, one row per base area × indicator × year, with the
 *                  numerator and denominator that rates are aggregated from, and `below`:
 *                  the bound of a value known only to lie below it (a "<1" cell of values.csv,
 *                  site-package.js BELOW_PREFIX; value NULL then)
 */
const CREATE_TABLES = [
  `CREATE TABLE IF NOT EXISTS areas (
     site VARCHAR NOT NULL, ${AREA_COLUMNS.map((c) => `${ident(c)} ${AREA_TABLE[c].type}`).join(', ')}, PRIMARY KEY (site, id))`,
  `CREATE TABLE IF NOT EXISTS area_base (
     site VARCHAR NOT NULL, base_id VARCHAR NOT NULL, level VARCHAR NOT NULL, area_id VARCHAR NOT NULL,
     weight DOUBLE NOT NULL DEFAULT 1)`,
  `CREATE TABLE IF NOT EXISTS indicators (
     site VARCHAR NOT NULL, id VARCHAR NOT NULL, unit VARCHAR, direction VARCHAR,
     agg VARCHAR NOT NULL, scale DOUBLE, label_de VARCHAR, label_en VARCHAR, PRIMARY KEY (site, id))`,
  `CREATE TABLE IF NOT EXISTS observations (
     site VARCHAR NOT NULL, area_id VARCHAR NOT NULL, ind VARCHAR NOT NULL, year INTEGER NOT NULL,
     value DOUBLE, num DOUBLE, den DOUBLE, below DOUBLE)`,
];

export type ReadFile = (path: string) => Promise<Uint8Array>;

/** Creates the tables if they are not there yet (a grid site's programme areas need `areas` without any other site loaded). */
export async function ensureTables(engine: Engine): Promise<void> {
  for (const sql of CREATE_TABLES) await engine.query(sql);
}

/** The files are written in the site package's dialect (site-package.js): nothing left for DuckDB's sniffer to guess. */
const CSV = `header = true, delim = ${str(CSV_FORMAT.delimiter)}, quote = ${str(CSV_FORMAT.quote)}, escape = ${str(CSV_FORMAT.quote)}`;

/**
 * A text value spliced into SQL: DuckDB's parser ends a string literal at a NUL character (the
 * rest of the statement becomes a syntax error), and labels come from the user's files.
 */
const text = (value: string) => str(String(value).replaceAll('\0', ''));

/** Loads one site's bundled files into DuckDB. Idempotent per site. */
export async function loadSite(engine: Engine, site: Site, readFile: ReadFile): Promise<void> {
  for (const sql of CREATE_TABLES) await engine.query(sql);
  const s = str(site.id);
  const loaded = await engine.query(`SELECT 1 FROM areas WHERE site = ${s} LIMIT 1`);
  if (loaded.numRows > 0) return;

  // A site with value parts reads each indicator's file when it is first needed (value-parts.ts), not values.csv.
  const parts = site.valueParts;
  const [areasBytes, valuesBytes] = await Promise.all([readFile(site.areas), parts ? null : readFile(site.values)]);
  await engine.registerFile(site.areas, areasBytes);
  if (valuesBytes) await engine.registerFile(site.values, valuesBytes);

  await engine.query(`INSERT INTO areas
    SELECT ${s}, ${AREA_COLUMNS.map((c) => AREA_TABLE[c].read).join(', ')}
    FROM read_csv(${str(site.areas)}, ${CSV}, all_varchar = true)`);

  // Ancestor table: base areas map to themselves, then step up one level at a time (programme
  // areas are no step of this chain: setProgrammeAreas adds them).
  const [base, ...upper] = hierarchyLevels(site);
  if (!base) throw new Error(`Site "${site.id}" has no levels`);
  await engine.query(`INSERT INTO area_base (site, base_id, level, area_id, weight)
    SELECT site, id, level, id, 1 FROM areas WHERE site = ${s} AND level = ${str(base.id)}`);
  let previous = base.id;
  for (const level of upper) {
    await engine.query(`INSERT INTO area_base (site, base_id, level, area_id, weight)
      SELECT b.site, b.base_id, ${str(level.id)}, a.parent, 1
      FROM area_base b JOIN areas a ON a.site = b.site AND a.id = b.area_id
      WHERE b.site = ${s} AND b.level = ${str(previous)} AND a.parent IS NOT NULL`);
    previous = level.id;
  }

  const extra = site.extraValues ?? [];
  const inExtra = new Set(extra.flatMap((e) => e.indicators));
  // Formula indicators are computed from the others (db/formula-indicators.ts), not read from a file.
  const own = site.indicators.filter((i) => !inExtra.has(i.id) && i.formula === undefined);
  if (parts) {
    const without = own.find((i) => parts.files[i.id] === undefined);
    if (without) throw new Error(`Site "${site.id}": indicator "${without.id}" has no value part`);
    // Their metadata now (the console and the checks of imports see every indicator), their rows later.
    await insertIndicatorRows(engine, site, own);
  } else await insertIndicators(engine, site, own, site.values);
  for (const e of extra) {
    await engine.registerFile(e.file, await readFile(e.file));
    await insertIndicators(engine, site, site.indicators.filter((i) => e.indicators.includes(i.id)), e.file);
  }
  if (parts) return;
  const check = await engine.query(`SELECT 1 FROM observations WHERE site = ${s} LIMIT 1`);
  if (check.numRows === 0) throw new Error(`Site "${site.id}" has no observations`);
}

/**
 * Adds indicators from a wide values file (area_id, year, one column per
 * indicator column) that is registered with the engine under `valuesFile`.
 */
export async function insertIndicators(engine: Engine, site: Site, indicators: readonly Indicator[], valuesFile: string): Promise<void> {
  const raw = ident(`raw_values_${site.id}`);
  await engine.query(`CREATE OR REPLACE TEMP TABLE ${raw} AS
    SELECT * FROM read_csv(${str(valuesFile)}, ${CSV}, nullstr = ${str(CSV_FORMAT.missing)},
      types = {${str(VALUE_AREA_COLUMN)}: 'VARCHAR', ${str(VALUE_YEAR_COLUMN)}: 'INTEGER'})`);
  try {
    await insertFromTable(engine, site, indicators, raw, valuesFile, true);
  } finally {
    await engine.query(`DROP TABLE IF EXISTS ${raw}`);
  }
}

/**
 * Adds indicators' rows from a table shaped like values.csv (`raw`, an SQL identifier: area_id,
 * year and the indicators' columns; `from` names its file in errors). With `withMetadata` their
 * rows of `indicators` too (refused when one exists already); without, they must be there.
 */
export async function insertFromTable(engine: Engine, site: Site, indicators: readonly Indicator[], raw: string, from: string, withMetadata: boolean): Promise<void> {
  const s = str(site.id);
  // Everything that could fail half-way is checked first, so that a bad file (an imported table, a
  // project file) adds nothing rather than some of its indicators.
  const columns = new Set((await engine.query(`SELECT * FROM ${raw} LIMIT 0`)).schema.fields.map((f) => f.name));
  // Only a text column can hold a "<1" cell (DuckDB reads a column of numbers as numbers).
  const textColumns = new Set(
    (await queryRows<{ name: string }>(engine, `SELECT column_name AS name FROM (DESCRIBE ${raw}) WHERE column_type = 'VARCHAR'`)).map((r) => r.name),
  );
  const ids = new Set<string>();
  for (const ind of indicators) {
    const agg = ind.agg;
    const missing = [ind.column, ...(agg.type === 'ratio' ? [agg.num, agg.den] : [])].find((c) => !columns.has(c));
    if (missing !== undefined) throw new Error(`${from}: no column "${missing}" for indicator "${ind.id}"`);
    if (ids.has(ind.id)) throw new Error(`${from}: indicator "${ind.id}" is given twice`);
    ids.add(ind.id);
    if (agg.type === 'ratio') num(agg.scale);
  }
  if (ids.size > 0 && withMetadata) {
    const taken = await engine.query(`SELECT id FROM indicators WHERE site = ${s} AND id IN (${[...ids].map(str).join(', ')}) LIMIT 1`);
    if (taken.numRows > 0) throw new Error(`${from}: indicator "${String(taken.toArray()[0]!.toJSON().id)}" already exists for ${site.id}`);
  }
  // A few statements per chunk of indicators, not two per indicator: a table with thousands of
  // columns took minutes.
  const CHUNK = 200;
  for (let i = 0; i < indicators.length; i += CHUNK) {
    const chunk = indicators.slice(i, i + CHUNK);
    if (withMetadata) await insertIndicatorRows(engine, site, chunk);
    const selects = chunk.map((ind) => {
      const agg = ind.agg;
      // TRY_CAST: text in a number column is missing rather than an error half-way through.
      const value = finite(`TRY_CAST(${ident(ind.column)} AS DOUBLE)`);
      const numerator = agg.type === 'ratio' ? finite(`TRY_CAST(${ident(agg.num)} AS DOUBLE)`) : agg.type === 'sum' ? value : 'NULL';
      const denominator = agg.type === 'ratio' ? finite(`TRY_CAST(${ident(agg.den)} AS DOUBLE)`) : 'NULL';
      // "<1": known only to lie below 1 (site-package.js parseBelow: a positive number after the prefix).
      const col = ident(ind.column);
      const below = textColumns.has(ind.column)
        ? `CASE WHEN starts_with(${col}, ${str(BELOW_PREFIX)}) AND regexp_full_match(${col}, ${str(`^${BELOW_PREFIX}\\d+(\\.\\d+)?$`)})
             THEN ${finite(`NULLIF(TRY_CAST(substr(${col}, ${BELOW_PREFIX.length + 1}) AS DOUBLE), 0)`)} END`
        : 'CAST(NULL AS DOUBLE)';
      return `SELECT ${s}, CAST(${ident(VALUE_AREA_COLUMN)} AS VARCHAR), ${str(ind.id)}, CAST(${ident(VALUE_YEAR_COLUMN)} AS INTEGER), ${value}, ${numerator}, ${denominator}, ${below}
        FROM ${raw} WHERE ${value} IS NOT NULL OR ${numerator} IS NOT NULL OR ${denominator} IS NOT NULL OR ${below} IS NOT NULL`;
    });
    if (selects.length > 0) await engine.query(`INSERT INTO observations ${selects.join('\nUNION ALL\n')}`);
  }
}

/** The rows of `indicators` that queries read (aggregation rule, labels). */
export async function insertIndicatorRows(engine: Engine, site: Site, indicators: readonly Indicator[]): Promise<void> {
  if (indicators.length === 0) return;
  const s = str(site.id);
  const rows = indicators.map((ind) => {
    const agg = ind.agg;
    const scale = agg.type === 'ratio' ? num(agg.scale) : 'NULL';
    return `(${s}, ${str(ind.id)}, ${text(ind.unit)}, ${text(ind.direction)}, ${text(agg.type)}, ${scale}, ${text(ind.label.de)}, ${text(ind.label.en)})`;
  });
  await engine.query(`INSERT INTO indicators VALUES ${rows.join(',\n')}`);
}

/** Removes everything of one site from the tables (a deleted import). */
export async function unloadSite(engine: Engine, siteId: string): Promise<void> {
  for (const table of ['observations', 'indicators', 'area_base', 'areas']) {
    await engine.query(`DELETE FROM ${table} WHERE site = ${str(siteId)}`);
  }
}
