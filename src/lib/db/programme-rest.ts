// The rest of a programme area within its reference ("übrige Stadt", "übriger Landkreis Verden"; issue 17
// item 3): the smallest administrative area containing all its members (data/programme-rest-reference.ts)
// without the programme area, aggregated from counts like every level (queries.ts valuesSql). Loaded with
// the programme level, not in the first map.
import type { Indicator, Site } from '../data/catalog-types';
import type { AreaValue } from '../data/values';
import { baseLevel } from '../data/catalog';
import { PROGRAMME_LEVEL } from '../data/programme-areas';
import { restReferenceLevels, type RestReference } from '../data/programme-rest-reference';
import { queryRows, type Engine } from './engine';
import { int, str } from './sql';
import { valuesSql } from './queries';

/**
 * Each programme area's reference: among the reference levels (smallest first), the first area whose base
 * areas include every member (with any weight). Columns area_id, ref_level, ref_id; an area without one
 * (a site with no level above its base) has no row.
 */
function referencesSql(site: Site): string {
  const s = str(site.id);
  const levels = restReferenceLevels(site);
  if (levels.length === 0) return `SELECT NULL::VARCHAR AS area_id, NULL::VARCHAR AS ref_level, NULL::VARCHAR AS ref_id WHERE false`;
  const ranks = levels.map((l, i) => `(${str(l.id)}, ${int(i)})`).join(', ');
  return `
    WITH m AS (SELECT DISTINCT area_id, base_id FROM area_base WHERE site = ${s} AND level = ${str(PROGRAMME_LEVEL)}),
    n AS (SELECT area_id, count(*) AS n FROM m GROUP BY area_id),
    r(level, rank) AS (VALUES ${ranks}),
    c AS (
      SELECT m.area_id, a.level, a.area_id AS ref, r.rank
      FROM m
      JOIN n ON n.area_id = m.area_id
      JOIN area_base a ON a.site = ${s} AND a.base_id = m.base_id
      JOIN r ON r.level = a.level
      GROUP BY m.area_id, a.level, a.area_id, r.rank, n.n
      HAVING count(*) = n.n
    )
    SELECT area_id, arg_min(level, rank) AS ref_level, arg_min(ref, rank) AS ref_id FROM c GROUP BY area_id`;
}

/**
 * The parts of the rest of every programme area of a site: every base area of its reference with weight
 * 1 − w, w its weight in the programme area (0 for a non-member); members wholly inside (w = 1) drop out.
 * An area without a reference takes the whole site. Rows shaped like area_base.
 */
function restPartsSql(site: Site): string {
  const s = str(site.id);
  const p = str(PROGRAMME_LEVEL);
  return `
    SELECT q.site, q.area_id, q.base_id, ${p} AS level, 1 - coalesce(m.weight, 0) AS weight
    FROM (
      SELECT p.site, p.area_id, b.base_id
      FROM (SELECT DISTINCT site, area_id FROM area_base WHERE site = ${s} AND level = ${p}) p
      JOIN (${referencesSql(site)}) r ON r.area_id = p.area_id
      JOIN area_base b ON b.site = ${s} AND b.level = r.ref_level AND b.area_id = r.ref_id
      UNION ALL
      SELECT p.site, p.area_id, b.base_id
      FROM (SELECT DISTINCT site, area_id FROM area_base WHERE site = ${s} AND level = ${p}) p
      CROSS JOIN (SELECT base_id FROM area_base WHERE site = ${s} AND level = ${str(baseLevel(site).id)}) b
      WHERE p.area_id NOT IN (SELECT area_id FROM (${referencesSql(site)}))
    ) q
    LEFT JOIN (SELECT area_id, base_id, max(weight) AS weight FROM area_base WHERE site = ${s} AND level = ${p} GROUP BY area_id, base_id) m
      ON m.area_id = q.area_id AND m.base_id = q.base_id
    WHERE 1 - coalesce(m.weight, 0) > 1e-9`;
}

/**
 * The rest of every programme area of a site within its reference ("übrige Stadt": the city minus the area;
 * "übriger Landkreis": its Kreis minus the area), every year of the indicator, one row per programme area id
 * and year, aggregated from counts like any level: Σ (1 − w) · count, Σ (1 − w) · numerator / Σ (1 − w) ·
 * denominator — never the reference's rate minus the area's. `estimated` when a base area enters with part
 * of its counts (an area drawn across it).
 */
export function programmeRestSeries(engine: Engine, site: Site, ind: Indicator): Promise<AreaValue[]> {
  return queryRows<AreaValue & Record<string, unknown>>(engine, valuesSql(site, ind, PROGRAMME_LEVEL, ind.years, restPartsSql(site)));
}

/**
 * Each programme area's reference (the area its rest lies in) and the reference's base areas, by programme
 * area id; an area without a reference (no level above the base) is absent — its rest is the whole site.
 */
export async function programmeRestReferences(engine: Engine, site: Site): Promise<Map<string, RestReference & { baseIds: string[] }>> {
  const s = str(site.id);
  const rows = await queryRows<{ area_id: string; ref_level: string; ref_id: string; name: string | null; base_id: string }>(
    engine,
    `SELECT r.area_id, r.ref_level, r.ref_id, a.name, b.base_id
     FROM (${referencesSql(site)}) r
     JOIN area_base b ON b.site = ${s} AND b.level = r.ref_level AND b.area_id = r.ref_id
     LEFT JOIN areas a ON a.site = ${s} AND a.level = r.ref_level AND a.id = r.ref_id
     ORDER BY r.area_id, b.base_id`,
  );
  const out = new Map<string, RestReference & { baseIds: string[] }>();
  for (const row of rows) {
    let ref = out.get(row.area_id);
    if (!ref) out.set(row.area_id, (ref = { level: row.ref_level, id: row.ref_id, name: row.name ?? row.ref_id, bases: 0, baseIds: [] }));
    ref.baseIds.push(row.base_id);
    ref.bases++;
  }
  return out;
}
