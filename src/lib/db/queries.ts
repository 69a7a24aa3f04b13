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
 * `estimated`: some part enters with a weight below 1 (areal weighting).
 */
function valuesSql(site: Site, ind: Indicator, level: string, years: number[]): string {
  const isBase = level === baseLevel(site).id;
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
    FROM area_base b
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

/**
 * Values of every area of a level for several indicators, each in one year, in ONE query (the
 * similar-areas view: many indicators, one year, no all-years answer needed). The rows of each
 * indicator equal levelValues' for that indicator and year; `ind` says whose they are.
 */
export function levelYearValues(
  engine: Engine,
  site: Site,
  picks: readonly { ind: Indicator; year: number }[],
  level: string,
): Promise<(AreaValue & { ind: string })[]> {
  if (picks.length === 0) return Promise.resolve([]);
  if (level === baseLevel(site).id) return baseYearValues(engine, site, picks, level);
  const parts = picks.map(({ ind, year }) => `(SELECT ${str(ind.id)} AS ind, v.* FROM (${valuesSql(site, ind, level, [year])}) v)`);
  return queryRows<AreaValue & { ind: string } & Record<string, unknown>>(engine, `${parts.join('\nUNION ALL\n')}\nORDER BY ind, id`);
}

/**
 * levelYearValues at the base level: one join of the level's areas with every (indicator, year)
 * pair, so that observations are read once (the expressions are valuesSql's for a base level).
 */
function baseYearValues(engine: Engine, site: Site, picks: readonly { ind: Indicator; year: number }[], level: string): Promise<(AreaValue & { ind: string })[]> {
  const pairs = picks.map(({ ind, year }) => `(${str(ind.id)}, ${int(year)}, ${str(ind.agg.type)})`).join(', ');
  return queryRows<AreaValue & { ind: string } & Record<string, unknown>>(
    engine,
    `
    WITH p(ind, year, agg) AS (VALUES ${pairs})
    SELECT p.ind AS ind, b.area_id AS id, p.year AS year,
           max(o.value) AS value,
           CAST(NULL AS DOUBLE) AS coverage,
           CASE WHEN p.agg = 'sum' THEN max(o.value) WHEN p.agg = 'ratio' THEN max(o.num) ELSE CAST(NULL AS DOUBLE) END AS basis,
           max(o.below) AS below,
           CAST(count(*) AS INTEGER) AS n,
           CAST(count(o.value) AS INTEGER) AS present,
           false AS estimated
    FROM area_base b
    CROSS JOIN p
    LEFT JOIN observations o
      ON o.site = b.site AND o.area_id = b.base_id AND o.ind = p.ind AND o.year = p.year
    WHERE b.site = ${str(site.id)} AND b.level = ${str(level)}
    GROUP BY p.ind, b.area_id, p.year, p.agg
    ORDER BY p.ind, b.area_id`,
  );
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
