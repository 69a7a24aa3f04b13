import type { Indicator, Site } from '../data/catalog-types';
import type { Engine } from './engine';
import { ident, num, str } from './sql';

/**
 * The data model (documented in the README):
 *  - areas:        every area of every level of a site (id, name, level, parent, label point lon/lat)
 *  - area_base:    for each base-level area, its ancestor at every level (itself included)
 *  - indicators:   metadata needed by queries (aggregation rule)
 *  - observations: long form, one row per base area × indicator × year, with the
 *                  numerator and denominator that rates are aggregated from
 */
const CREATE_TABLES = [
  `CREATE TABLE IF NOT EXISTS areas (
     site VARCHAR NOT NULL, id VARCHAR NOT NULL, name VARCHAR NOT NULL,
     level VARCHAR NOT NULL, parent VARCHAR, lon DOUBLE, lat DOUBLE, PRIMARY KEY (site, id))`,
  `CREATE TABLE IF NOT EXISTS area_base (
     site VARCHAR NOT NULL, base_id VARCHAR NOT NULL, level VARCHAR NOT NULL, area_id VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS indicators (
     site VARCHAR NOT NULL, id VARCHAR NOT NULL, unit VARCHAR, direction VARCHAR,
     agg VARCHAR NOT NULL, scale DOUBLE, label_de VARCHAR, label_en VARCHAR, PRIMARY KEY (site, id))`,
  `CREATE TABLE IF NOT EXISTS observations (
     site VARCHAR NOT NULL, area_id VARCHAR NOT NULL, ind VARCHAR NOT NULL, year INTEGER NOT NULL,
     value DOUBLE, num DOUBLE, den DOUBLE)`,
];

export type ReadFile = (path: string) => Promise<Uint8Array>;

/** Loads one site's bundled files into DuckDB. Idempotent per site. */
export async function loadSite(engine: Engine, site: Site, readFile: ReadFile): Promise<void> {
  for (const sql of CREATE_TABLES) await engine.query(sql);
  const s = str(site.id);
  const loaded = await engine.query(`SELECT 1 FROM areas WHERE site = ${s} LIMIT 1`);
  if (loaded.numRows > 0) return;

  const [areasBytes, valuesBytes] = await Promise.all([readFile(site.areas), readFile(site.values)]);
  await engine.registerFile(site.areas, areasBytes);
  await engine.registerFile(site.values, valuesBytes);

  await engine.query(`INSERT INTO areas
    SELECT ${s}, id, name, level, NULLIF(parent, ''), TRY_CAST(lon AS DOUBLE), TRY_CAST(lat AS DOUBLE)
    FROM read_csv(${str(site.areas)}, header = true, all_varchar = true)`);

  // Ancestor table: base areas map to themselves, then step up one level at a time.
  const [base, ...upper] = site.levels;
  if (!base) throw new Error(`Site "${site.id}" has no levels`);
  await engine.query(`INSERT INTO area_base
    SELECT site, id, level, id FROM areas WHERE site = ${s} AND level = ${str(base.id)}`);
  let previous = base.id;
  for (const level of upper) {
    await engine.query(`INSERT INTO area_base
      SELECT b.site, b.base_id, ${str(level.id)}, a.parent
      FROM area_base b JOIN areas a ON a.site = b.site AND a.id = b.area_id
      WHERE b.site = ${s} AND b.level = ${str(previous)} AND a.parent IS NOT NULL`);
    previous = level.id;
  }

  const extra = site.extraValues ?? [];
  const inExtra = new Set(extra.flatMap((e) => e.indicators));
  await insertIndicators(engine, site, site.indicators.filter((i) => !inExtra.has(i.id)), site.values);
  for (const e of extra) {
    await engine.registerFile(e.file, await readFile(e.file));
    await insertIndicators(engine, site, site.indicators.filter((i) => e.indicators.includes(i.id)), e.file);
  }
  const check = await engine.query(`SELECT 1 FROM observations WHERE site = ${s} LIMIT 1`);
  if (check.numRows === 0) throw new Error(`Site "${site.id}" has no observations`);
}

/**
 * Adds indicators from a wide values file (area_id, year, one column per
 * indicator column) that is registered with the engine under `valuesFile`.
 */
export async function insertIndicators(engine: Engine, site: Site, indicators: readonly Indicator[], valuesFile: string): Promise<void> {
  const s = str(site.id);
  const raw = ident(`raw_values_${site.id}`);
  await engine.query(`CREATE OR REPLACE TEMP TABLE ${raw} AS
    SELECT * FROM read_csv(${str(valuesFile)}, header = true, nullstr = '',
      types = {'area_id': 'VARCHAR', 'year': 'INTEGER'})`);
  for (const ind of indicators) {
    const agg = ind.agg;
    const scale = agg.type === 'ratio' ? num(agg.scale) : 'NULL';
    await engine.query(`INSERT INTO indicators VALUES (${s}, ${str(ind.id)}, ${str(ind.unit)},
      ${str(ind.direction)}, ${str(agg.type)}, ${scale}, ${str(ind.label.de)}, ${str(ind.label.en)})`);
    const value = `CAST(${ident(ind.column)} AS DOUBLE)`;
    const numerator = agg.type === 'ratio' ? `CAST(${ident(agg.num)} AS DOUBLE)` : agg.type === 'sum' ? value : 'NULL';
    const denominator = agg.type === 'ratio' ? `CAST(${ident(agg.den)} AS DOUBLE)` : 'NULL';
    await engine.query(`INSERT INTO observations
      SELECT ${s}, area_id, ${str(ind.id)}, year, ${value}, ${numerator}, ${denominator}
      FROM ${raw} WHERE ${value} IS NOT NULL OR ${numerator} IS NOT NULL OR ${denominator} IS NOT NULL`);
  }
  await engine.query(`DROP TABLE ${raw}`);
}

/** Removes everything of one site from the tables (a deleted import). */
export async function unloadSite(engine: Engine, siteId: string): Promise<void> {
  for (const table of ['observations', 'indicators', 'area_base', 'areas']) {
    await engine.query(`DELETE FROM ${table} WHERE site = ${str(siteId)}`);
  }
}
