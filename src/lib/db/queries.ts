import type { Indicator, Site } from '../data/catalog-types';
import type { AreaPoint, AreaValue } from '../data/values';
import { baseLevel } from '../data/catalog';
import { queryRows, type Engine } from './engine';
import { int, num, str } from './sql';

/** A rate is still given for an aggregate when its parts cover this share of the denominator. */
export const MIN_RATE_COVERAGE = 0.95;

export interface AreaInfo {
  id: string;
  name: string;
  parent: string | null;
}

// Every part enters with its weight in area_base (1; the share of its counts inside for a
// programme area drawn across it): Σ w·count, Σ w·numerator / Σ w·denominator.
// Denominator of the parts whose numerator is known (suppressed parts left out).
const COVERED_DEN = 'sum(CASE WHEN o.num IS NOT NULL THEN b.weight * o.den END)';
const COVERED_NUM = 'sum(CASE WHEN o.den IS NOT NULL THEN b.weight * o.num END)';
// Every denominator must be known, or the coverage itself is unknown.
const COVERAGE = `CASE WHEN count(o.den) = count(*) AND sum(b.weight * o.den) > 0 THEN ${COVERED_DEN} / sum(b.weight * o.den) END`;

/**
 * SQL expressions for an indicator's value (and coverage) at a level.
 * Aggregates come from counts: a sum of counts, or the sum of numerators over
 * the sum of denominators — never an average of shares. A sum is only given
 * when every part has a value (a partial sum is a wrong total). A rate is
 * given when the parts with a numerator cover at least MIN_RATE_COVERAGE of
 * the denominator (for example small Gemeinden whose shares are suppressed);
 * the coverage travels with the value so the UI can say so. Parts are weighted
 * (area_base.weight), so a programme area drawn across base areas gets their
 * counts by areal weighting; its value is then flagged `estimated`.
 */
function valueExpressions(ind: Indicator, isBase: boolean): { value: string; coverage: string; basis: string } {
  const none = 'CAST(NULL AS DOUBLE)';
  const agg = ind.agg;
  if (isBase) return { value: 'max(o.value)', coverage: none, basis: agg.type === 'sum' ? 'max(o.value)' : agg.type === 'ratio' ? 'max(o.num)' : none };
  switch (agg.type) {
    case 'sum': {
      const value = 'CASE WHEN count(o.value) = count(*) THEN sum(b.weight * o.value) END';
      return { value, coverage: none, basis: value };
    }
    case 'ratio':
      return {
        value: `CASE WHEN (${COVERAGE}) >= ${num(MIN_RATE_COVERAGE)}
                     THEN ${COVERED_NUM} / ${COVERED_DEN} * ${num(agg.scale)} END`,
        coverage: COVERAGE,
        basis: COVERED_NUM,
      };
    case 'none':
      return { value: none, coverage: none, basis: none };
  }
}


/**
 * Rows of an indicator at a level. `below` is the bound of a base area's value that is known only to
 * lie below it (value NULL then; site-package.js BELOW_PREFIX); aggregates come from counts, so an
 * aggregate never has one (a sum with such a part is missing, as with any missing part).
 * `estimated`: some part enters with a weight below 1 (areal weighting). `parts`: a query of rows
 * shaped like area_base to aggregate instead of area_base itself (the rest of a programme area).
 */
export function valuesSql(site: Site, ind: Indicator, level: string, years: number[], parts?: string): string {
  const isBase = parts === undefined && level === baseLevel(site).id;
  const yearList = years.map(int).join(', ');
  const presentCol = ind.agg.type === 'ratio' && !isBase ? 'o.num' : 'o.value';
  const expr = valueExpressions(ind, isBase);
  return `
    SELECT b.area_id AS id, y.year AS year,
           ${expr.value} AS value,
           ${expr.coverage} AS coverage,
           ${expr.basis} AS basis,
           ${isBase ? 'max(o.below)' : 'CAST(NULL AS DOUBLE)'} AS below,
           CAST(count(*) AS INTEGER) AS n,
           CAST(count(${presentCol}) AS INTEGER) AS present,
           ${isBase ? 'false' : 'bool_or(b.weight < 1)'} AS estimated
    FROM ${parts === undefined ? 'area_base' : `(${parts})`} b
    CROSS JOIN (SELECT unnest([${yearList}]) AS year) y
    LEFT JOIN observations o
      ON o.site = b.site AND o.area_id = b.base_id AND o.ind = ${str(ind.id)} AND o.year = y.year
    WHERE b.site = ${str(site.id)} AND b.level = ${str(level)}
    GROUP BY b.area_id, y.year
    ORDER BY b.area_id, y.year`;
}

/** Values of every area of a level for one year (the choropleth). */
export function levelValues(engine: Engine, site: Site, ind: Indicator, level: string, year: number): Promise<AreaValue[]> {
  return queryRows<AreaValue & Record<string, unknown>>(engine, valuesSql(site, ind, level, [year]));
}

/** Values of every area of a level for every year of the indicator (map, sparklines, year switches). */
export function levelSeries(engine: Engine, site: Site, ind: Indicator, level: string): Promise<AreaValue[]> {
  return queryRows<AreaValue & Record<string, unknown>>(engine, valuesSql(site, ind, level, ind.years));
}

/** An area's value for the similar-areas view: the value, and for a base area known only to lie below a bound, the bound. */
export interface YearValue {
  value: number | null;
  below: number | null;
}

/**
 * Values of every area of a level for several indicators, each in one year, in ONE query (the
 * similar-areas view: many indicators, one year, no all-years answer needed): one map area id →
 * value per pick, in the order of `picks`, with levelValues' value and bound for that indicator and
 * year. At the base level the answer is wide (one row per area, two columns per pick: observations
 * are read once and few rows cross to JavaScript); above it each pick is valuesSql's, in one query.
 */
export async function levelYearValues(
  engine: Engine,
  site: Site,
  picks: readonly { ind: Indicator; year: number }[],
  level: string,
): Promise<Map<string, YearValue>[]> {
  if (picks.length === 0) return [];
  const maps = picks.map(() => new Map<string, YearValue>());
  if (level !== baseLevel(site).id) {
    const parts = picks.map(({ ind, year }, k) => `SELECT ${int(k)} AS k, v.id, v.value, v.below FROM (${valuesSql(site, ind, level, [year])}) v`);
    const rows = await queryRows<{ k: number; id: string; value: number | null; below: number | null }>(engine, `${parts.join('\nUNION ALL\n')}\nORDER BY k, id`);
    for (const r of rows) maps[r.k]!.set(r.id, { value: r.value, below: r.below });
    return maps;
  }
  const match = (k: number, col: string) => `max(CASE WHEN o.k = ${int(k)} THEN o.${col} END) AS ${col}${int(k)}`;
  const rows = await queryRows(
    engine,
    `
    WITH p(k, ind, year) AS (VALUES ${picks.map(({ ind, year }, k) => `(${int(k)}, ${str(ind.id)}, ${int(year)})`).join(', ')}),
    o AS (SELECT p.k, obs.area_id, obs.value, obs.below FROM observations obs JOIN p ON obs.ind = p.ind AND obs.year = p.year WHERE obs.site = ${str(site.id)})
    SELECT b.area_id AS id, ${picks.map((_, k) => `${match(k, 'value')}, ${match(k, 'below')}`).join(', ')}
    FROM area_base b
    LEFT JOIN o ON o.area_id = b.base_id
    WHERE b.site = ${str(site.id)} AND b.level = ${str(level)}
    GROUP BY b.area_id
    ORDER BY b.area_id`,
  );
  for (const r of rows) {
    const id = r.id as string;
    picks.forEach((_, k) => maps[k]!.set(id, { value: r[`value${k}`] as number | null, below: r[`below${k}`] as number | null }));
  }
  return maps;
}

/** A point inside each area of a level (for glyphs drawn on the map). */
export function levelPoints(engine: Engine, site: Site, level: string): Promise<AreaPoint[]> {
  return queryRows<AreaPoint & Record<string, unknown>>(
    engine,
    `SELECT id, lon, lat FROM areas WHERE site = ${str(site.id)} AND level = ${str(level)} AND lon IS NOT NULL ORDER BY id`,
  );
}

/** The level of one area of a site (null if the site has no such area). */
export async function areaLevel(engine: Engine, site: Site, id: string): Promise<string | null> {
  const [row] = await queryRows<{ level: string }>(
    engine,
    `SELECT level FROM areas WHERE site = ${str(site.id)} AND id = ${str(id)}`,
  );
  return row?.level ?? null;
}

/** The areas of a level with their names. */
export function levelAreas(engine: Engine, site: Site, level: string): Promise<AreaInfo[]> {
  return queryRows<AreaInfo & Record<string, unknown>>(
    engine,
    `SELECT id, name, parent FROM areas WHERE site = ${str(site.id)} AND level = ${str(level)} ORDER BY id`,
  );
}
