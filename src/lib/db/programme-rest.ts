// The rest of a programme area within its whole site ("übrige Stadt", issue 17 item 3), aggregated from
// counts like every level (queries.ts valuesSql). Loaded with the programme level, not in the first map.
import type { Indicator, Site } from '../data/catalog-types';
import type { AreaValue } from '../data/values';
import { baseLevel } from '../data/catalog';
import { PROGRAMME_LEVEL } from '../data/programme-areas';
import { queryRows, type Engine } from './engine';
import { str } from './sql';
import { valuesSql } from './queries';

/**
 * The parts of the rest of every programme area of a site within the whole site (its top level: the
 * city, Germany; "übrige Stadt"): every base area with weight 1 − w, w its weight in the programme
 * area (0 for a non-member); members wholly inside (w = 1) drop out. Rows shaped like area_base.
 */
function restPartsSql(site: Site): string {
  const s = str(site.id);
  return `
    SELECT p.site, p.area_id, b.base_id, p.level, 1 - coalesce(m.weight, 0) AS weight
    FROM (SELECT DISTINCT site, area_id, level FROM area_base WHERE site = ${s} AND level = ${str(PROGRAMME_LEVEL)}) p
    CROSS JOIN (SELECT base_id FROM area_base WHERE site = ${s} AND level = ${str(baseLevel(site).id)}) b
    LEFT JOIN (SELECT area_id, base_id, max(weight) AS weight FROM area_base WHERE site = ${s} AND level = ${str(PROGRAMME_LEVEL)} GROUP BY area_id, base_id) m
      ON m.area_id = p.area_id AND m.base_id = b.base_id
    WHERE 1 - coalesce(m.weight, 0) > 1e-9`;
}

/**
 * The rest of every programme area of a site ("übrige Stadt": the site's whole minus the area), every
 * year of the indicator, one row per programme area id and year, aggregated from counts like any level:
 * Σ (1 − w) · count, Σ (1 − w) · numerator / Σ (1 − w) · denominator — never the city's rate minus the
 * area's. `estimated` when a base area enters with part of its counts (an area drawn across it).
 */
export function programmeRestSeries(engine: Engine, site: Site, ind: Indicator): Promise<AreaValue[]> {
  return queryRows<AreaValue & Record<string, unknown>>(engine, valuesSql(site, ind, PROGRAMME_LEVEL, ind.years, restPartsSql(site)));
}
