// A formula indicator on Leipzig's data through the real DuckDB engine: aggregated to the
// Stadtbezirke from counts (Σ numerator / Σ denominator), compared with a hand-written query.
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine, readDataFile } from './helpers/node-engine';
import { findBundledSite } from '../../src/lib/data/catalog';
import { loadSiteData } from '../../src/lib/db/load';
import { levelValues } from '../../src/lib/db/queries';
import { queryRows, type Engine } from '../../src/lib/db/engine';
import { formulaSql, parseFormula, ratioParts, type FormulaName } from '../../src/lib/analysis/formula';

let engine: Engine;
const site = findBundledSite('leipzig');
const names: FormulaName[] = site.indicators.map((i) => ({ id: i.id, unit: i.unit, summable: i.agg.type === 'sum' }));

beforeAll(async () => {
  engine = await createNodeEngine();
  await loadSiteData(engine, site, readDataFile);
});

/** The formula aggregated to a level: per base area the parts, then Σ num / Σ den × scale per area. */
function aggregatedSql(text: string, level: string, year: number): string {
  const parsed = parseFormula(text, names);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const parts = ratioParts(parsed.ast, names);
  if (parts.kind !== 'ratio') throw new Error(`not a ratio: ${parts.kind}`);
  // The base areas' values side by side, one column per indicator the formula names (ids are checked by the parser).
  const pivot = parsed.names.map((id) => `max(CASE WHEN ind = '${id}' THEN value END) AS "${id}"`).join(', ');
  const col = (id: string) => `v."${id}"`;
  return `
    WITH v AS (SELECT area_id, ${pivot} FROM observations WHERE site = 'leipzig' AND year = ${year} GROUP BY area_id)
    SELECT b.area_id AS id,
           sum(${formulaSql(parts.num, col)}) / NULLIF(sum(${formulaSql(parts.den, col)}), 0) * ${parts.scale} AS value
    FROM area_base b JOIN v ON v.area_id = b.base_id
    WHERE b.site = 'leipzig' AND b.level = '${level}'
    GROUP BY b.area_id ORDER BY b.area_id`;
}

describe('formula indicator aggregated from counts (Leipzig)', () => {
  it('auslaender / einwohner * 1000 at Stadtbezirk level equals Σ auslaender / Σ einwohner × 1000 (Mitte, 2022)', async () => {
    const rows = await queryRows<{ id: string; value: number }>(engine, aggregatedSql('auslaender / einwohner * 1000', 'stadtbezirk', 2022));
    expect(rows).toHaveLength(10);
    // By hand: the Ortsteile of Stadtbezirk 0 (Mitte) from the areas table, their counts from observations.
    const [hand] = await queryRows<{ aus: number; ew: number; n: number }>(
      engine,
      `SELECT sum(CASE WHEN o.ind = 'auslaender' THEN o.value END) AS aus,
              sum(CASE WHEN o.ind = 'einwohner' THEN o.value END) AS ew,
              count(DISTINCT o.area_id) AS n
       FROM observations o JOIN areas a ON a.site = o.site AND a.id = o.area_id AND a.level = 'ortsteil'
       WHERE o.site = 'leipzig' AND o.year = 2022 AND a.parent = '0' AND o.ind IN ('auslaender', 'einwohner')`,
    );
    expect(hand!.n).toBeGreaterThan(3);
    expect(hand!.ew).toBeGreaterThan(50_000);
    const mitte = rows.find((r) => r.id === '0')!;
    expect(mitte.value).toBeCloseTo((hand!.aus / hand!.ew) * 1000, 9);
    // Not the mean of the Ortsteile's own rates (which differs here).
    const [avg] = await queryRows<{ m: number }>(
      engine,
      `SELECT avg(a.value / e.value * 1000) AS m FROM observations a
       JOIN observations e ON e.site = a.site AND e.area_id = a.area_id AND e.year = a.year AND e.ind = 'einwohner'
       JOIN areas x ON x.site = a.site AND x.id = a.area_id AND x.level = 'ortsteil'
       WHERE a.site = 'leipzig' AND a.ind = 'auslaender' AND a.year = 2022 AND x.parent = '0'`,
    );
    expect(Math.abs(avg!.m - mitte.value)).toBeGreaterThan(1);
  });

  it('per 1000 is ten times the app\'s own Ausländeranteil (per cent, from the same counts) in every Stadtbezirk', async () => {
    const rows = await queryRows<{ id: string; value: number }>(engine, aggregatedSql('auslaender / einwohner * 1000', 'stadtbezirk', 2022));
    const share = await levelValues(engine, site, site.indicators.find((i) => i.id === 'auslaenderanteil')!, 'stadtbezirk', 2022);
    for (const r of rows) expect(r.value).toBeCloseTo(share.find((s) => s.id === r.id)!.value! * 10, 6);
  });

  it('(arbeitslose - arbeitslose_sgb2) / arbeitslose * 100 aggregates from its counts too', async () => {
    const year = 2022;
    const rows = await queryRows<{ id: string; value: number | null }>(engine, aggregatedSql('(arbeitslose - arbeitslose_sgb2) / arbeitslose * 100', 'stadt', year));
    const [hand] = await queryRows<{ a: number; s: number }>(
      engine,
      `SELECT sum(a.value) AS a, sum(s.value) AS s FROM observations a
       JOIN observations s ON s.site = a.site AND s.area_id = a.area_id AND s.year = a.year AND s.ind = 'arbeitslose_sgb2'
       WHERE a.site = 'leipzig' AND a.ind = 'arbeitslose' AND a.year = ${year} AND a.value IS NOT NULL AND s.value IS NOT NULL`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.value).toBeCloseTo(((hand!.a - hand!.s) / hand!.a) * 100, 9);
    expect(rows[0]!.value).toBeGreaterThan(0);
    expect(rows[0]!.value).toBeLessThan(100);
  });

  it('division by zero is NULL in DuckDB, not an error or infinity', async () => {
    const parsed = parseFormula('einwohner / (auslaender - auslaender)', names);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const sql = formulaSql(parsed.ast, (id) => `v."${id}"`);
    const rows = await queryRows<{ x: number | null }>(
      engine,
      `WITH v AS (SELECT max(CASE WHEN ind = 'einwohner' THEN value END) AS einwohner, max(CASE WHEN ind = 'auslaender' THEN value END) AS auslaender
                  FROM observations WHERE site = 'leipzig' AND year = 2022 AND area_id = '00')
       SELECT ${sql} AS x FROM v`,
    );
    expect(rows).toEqual([{ x: null }]);
  });
});
