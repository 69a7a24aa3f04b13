// Programme areas in DuckDB: a level PROGRAMME_LEVEL of their site, with rows in
// `areas` (parent NULL: they are no part of the statistical hierarchy) and in
// `area_base` (each member → the area, with its weight). Every query of a level
// then works for them as for any other (queries.ts: Σ w·count, Σ w·num / Σ w·den).
import type { Site } from '../data/catalog-types';
import { baseLevel } from '../data/catalog';
import { memberWeight, PROGRAMME_LEVEL, type ProgrammeArea } from '../data/programme-areas';
import { queryRows, type Engine } from './engine';
import { num, str } from './sql';

/** Rows per INSERT statement (a statement of a few thousand rows parses fast; 250,000 at once would not). */
const CHUNK = 5000;

const text = (value: string) => str(value.replaceAll('\0', ''));

/**
 * Replaces the programme-area rows of one site with `areas` (those of other sites are ignored);
 * nothing else of the site changes. Members that are not base areas of the site are left out
 * (an area left without any member is no area of the level). `labels` gives a label point for an
 * area (e.g. a point on a drawn polygon); otherwise it is the label point of the member nearest
 * to the members' mean, which lies inside the union. The site must be loaded.
 */
export async function setProgrammeAreas(
  engine: Engine,
  site: Site,
  areas: readonly ProgrammeArea[],
  labels: ReadonlyMap<string, [number, number]> = new Map(),
): Promise<void> {
  const s = str(site.id);
  const level = str(PROGRAMME_LEVEL);
  const base = str(baseLevel(site).id);
  const mine = areas.filter((a) => a.site === site.id);
  await engine.query(`DELETE FROM area_base WHERE site = ${s} AND level = ${level}`);
  await engine.query(`DELETE FROM areas WHERE site = ${s} AND level = ${level}`);
  if (mine.length === 0) return;

  await engine.query(`CREATE OR REPLACE TEMP TABLE pa_members (area_id VARCHAR, base_id VARCHAR, weight DOUBLE)`);
  try {
    const rows = mine.flatMap((a) => a.members.map((m) => `(${text(a.id)}, ${text(m)}, ${num(memberWeight(a, m))})`));
    for (let i = 0; i < rows.length; i += CHUNK) await engine.query(`INSERT INTO pa_members VALUES ${rows.slice(i, i + CHUNK).join(',')}`);
    // Only base areas of the site; a member given twice counts once.
    await engine.query(`INSERT INTO area_base (site, base_id, level, area_id, weight)
      SELECT ${s}, m.base_id, ${level}, m.area_id, max(m.weight)
      FROM pa_members m JOIN areas a ON a.site = ${s} AND a.level = ${base} AND a.id = m.base_id
      WHERE m.weight > 0
      GROUP BY m.area_id, m.base_id`);
    const names = mine.map((a) => {
      const label = labels.get(a.id);
      const lon = label && Number.isFinite(label[0]) ? num(label[0]) : 'NULL';
      const lat = label && Number.isFinite(label[1]) ? num(label[1]) : 'NULL';
      return `(${text(a.id)}, ${text(a.name)}, CAST(${lon} AS DOUBLE), CAST(${lat} AS DOUBLE))`;
    });
    await engine.query(`CREATE OR REPLACE TEMP TABLE pa_names (id VARCHAR, name VARCHAR, lon DOUBLE, lat DOUBLE)`);
    for (let i = 0; i < names.length; i += CHUNK) await engine.query(`INSERT INTO pa_names VALUES ${names.slice(i, i + CHUNK).join(',')}`);
    // The label point: the member's nearest to the (weighted) mean of the members' label points.
    const pts = `SELECT b.area_id, a.lon, a.lat, b.weight
        FROM area_base b JOIN areas a ON a.site = b.site AND a.id = b.base_id
        WHERE b.site = ${s} AND b.level = ${level} AND a.lon IS NOT NULL AND a.lat IS NOT NULL`;
    const mean = `SELECT area_id, sum(weight * lon) / sum(weight) AS mx, sum(weight * lat) / sum(weight) AS my FROM (${pts}) GROUP BY area_id`;
    const d2 = 'pow(p.lon - m.mx, 2) + pow(p.lat - m.my, 2)';
    const nearest = `SELECT p.area_id, arg_min(p.lon, ${d2}) AS lon, arg_min(p.lat, ${d2}) AS lat
        FROM (${pts}) p JOIN (${mean}) m ON m.area_id = p.area_id GROUP BY p.area_id`;
    await engine.query(`INSERT INTO areas (site, id, name, level, parent, lon, lat)
      SELECT ${s}, n.id, n.name, ${level}, NULL, coalesce(n.lon, x.lon), coalesce(n.lat, x.lat)
      FROM pa_names n LEFT JOIN (${nearest}) x ON x.area_id = n.id
      WHERE n.id IN (SELECT DISTINCT area_id FROM area_base WHERE site = ${s} AND level = ${level})`);
  } finally {
    await engine.query(`DROP TABLE IF EXISTS pa_members`);
    await engine.query(`DROP TABLE IF EXISTS pa_names`);
  }
}

/** setProgrammeAreas with the label point of each drawn area on its polygon. */
export async function writeProgrammeAreas(engine: Engine, site: Site, areas: readonly ProgrammeArea[]): Promise<void> {
  const drawn = areas.filter((a) => a.geometry);
  const labels = new Map<string, [number, number]>();
  if (drawn.length > 0) {
    const { labelPoint } = await import('../data/programme-areas-geometry');
    for (const a of drawn) labels.set(a.id, labelPoint(a.geometry!));
  }
  await setProgrammeAreas(engine, site, areas, labels);
}

/** Each programme area's members with their weights as DuckDB holds them (secrecy across overlapping areas, tests). */
export async function programmeMembership(engine: Engine, site: Site): Promise<Map<string, Map<string, number>>> {
  const rows = await queryRows<{ area_id: string; base_id: string; weight: number }>(
    engine,
    `SELECT area_id, base_id, weight FROM area_base WHERE site = ${str(site.id)} AND level = ${str(PROGRAMME_LEVEL)} ORDER BY area_id, base_id`,
  );
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    let m = out.get(r.area_id);
    if (!m) out.set(r.area_id, (m = new Map()));
    m.set(r.base_id, r.weight);
  }
  return out;
}
