// Programme areas as a level of their site, on the real bundled data in real
// DuckDB-WASM: a union of base areas is exact (sums of counts, Σ numerator / Σ
// denominator), a weighted member enters with part of its counts and the value is
// flagged estimated, overlapping areas are independent, and replacing or removing
// them leaves every other row of the site as it was.
import { beforeAll, describe, expect, it } from 'vitest';
import { findBundledSite, findIndicator } from '../../src/lib/data/catalog';
import { PROGRAMME_LEVEL, type ProgrammeArea } from '../../src/lib/data/programme-areas';
import type { Engine } from '../../src/lib/db/engine';
import { queryRows } from '../../src/lib/db/engine';
import { levelAreas, levelSeries, levelValues } from '../../src/lib/db/queries';
import { programmeMembership, setProgrammeAreas } from '../../src/lib/db/programme-areas';
import { loadSite } from '../../src/lib/db/schema';
import { ValueCache } from '../../src/lib/state/value-cache';
import { ancestorSeries } from '../../src/lib/state/trend-series';
import { siteRegistry } from '../../src/lib/data/site-registry.svelte';
import { createNodeEngine, loadBundledSite, readDataFile } from './helpers/node-engine';

const leipzig = findBundledSite('leipzig');
const einwohner = findIndicator(leipzig, 'einwohner');
const auslaender = findIndicator(leipzig, 'auslaender');
const anteil = findIndicator(leipzig, 'auslaenderanteil');

const area = (id: string, members: string[], extra: Partial<ProgrammeArea> = {}): ProgrammeArea => ({
  id,
  site: 'leipzig',
  name: `Gebiet ${id}`,
  programme: 'esf-plus',
  startYear: 2021,
  color: '#e69f00',
  members,
  ...extra,
});

/** Every row of Leipzig except programme areas, as text (to compare before and after). */
async function leipzigRows(engine: Engine): Promise<string> {
  const rows = await queryRows(
    engine,
    `SELECT 'areas' AS t, id, level, name AS x, CAST(NULL AS DOUBLE) AS w FROM areas WHERE site = 'leipzig' AND level <> '${PROGRAMME_LEVEL}'
     UNION ALL SELECT 'base', base_id, level, area_id, weight FROM area_base WHERE site = 'leipzig' AND level <> '${PROGRAMME_LEVEL}'
     UNION ALL SELECT 'obs', area_id, ind, CAST(year AS VARCHAR), coalesce(value, -1) + coalesce(num, -2) + coalesce(den, -3) FROM observations WHERE site = 'leipzig'
     ORDER BY 1, 2, 3, 4`,
  );
  return JSON.stringify(rows);
}

describe('programme areas in DuckDB (real Leipzig data)', () => {
  let engine: Engine;
  let before: string;
  beforeAll(async () => {
    engine = await createNodeEngine();
    await loadSite(engine, leipzig, readDataFile);
    before = await leipzigRows(engine);
  });

  it('the existing levels get weight 1 for every row', async () => {
    const [row] = await queryRows<{ n: number; w1: number }>(engine, `SELECT count(*) AS n, count(*) FILTER (WHERE weight = 1) AS w1 FROM area_base WHERE site = 'leipzig'`);
    expect(row!.n).toBeGreaterThan(63 * 3 - 1);
    expect(row!.w1).toBe(row!.n);
  });

  it('a union of Ortsteile 00, 01 and 02: 23,784 residents in 2023 and a foreigner share of 29.37 % (Σ num / Σ den)', async () => {
    await setProgrammeAreas(engine, leipzig, [area('pa-zentrum', ['00', '01', '02'])]);
    const members = await levelValues(engine, leipzig, einwohner, 'ortsteil', 2023);
    const counts = ['00', '01', '02'].map((id) => members.find((r) => r.id === id)!.value);
    expect(counts).toEqual([1854, 6108, 15822]);

    const [pop] = await levelValues(engine, leipzig, einwohner, PROGRAMME_LEVEL, 2023);
    expect(pop).toMatchObject({ id: 'pa-zentrum', value: 23784, n: 3, present: 3, estimated: false });
    const [foreign] = await levelValues(engine, leipzig, auslaender, PROGRAMME_LEVEL, 2023);
    expect(foreign!.value).toBe(6986);
    const [share] = await levelValues(engine, leipzig, anteil, PROGRAMME_LEVEL, 2023);
    expect(share!.value).toBeCloseTo((6986 / 23784) * 100, 10);
    expect(share!.value!.toFixed(2)).toBe('29.37');
    // not the average of the three shares
    const shares = (await levelValues(engine, leipzig, anteil, 'ortsteil', 2023)).filter((r) => ['00', '01', '02'].includes(r.id)).map((r) => r.value!);
    const mean = shares.reduce((a, b) => a + b, 0) / 3;
    expect(mean.toFixed(1)).toBe('27.5');
    expect(Math.abs(share!.value! - mean)).toBeGreaterThan(1.5);
    expect(share!.coverage).toBe(1);

    const [named] = await levelAreas(engine, leipzig, PROGRAMME_LEVEL);
    expect(named).toEqual({ id: 'pa-zentrum', name: 'Gebiet pa-zentrum', parent: null });
  });

  it('every year of the indicator, as for any level (trend chart, sparklines)', async () => {
    await setProgrammeAreas(engine, leipzig, [area('pa-zentrum', ['00', '01', '02'])]);
    const series = await levelSeries(engine, leipzig, einwohner, PROGRAMME_LEVEL);
    expect(series.length).toBe(einwohner.years.length);
    const base = await levelSeries(engine, leipzig, einwohner, 'ortsteil');
    for (const row of series) {
      const parts = base.filter((r) => r.year === row.year && ['00', '01', '02'].includes(r.id));
      const complete = parts.every((p) => p.value !== null);
      expect(row.value).toBe(complete ? parts.reduce((a, p) => a + p.value!, 0) : null);
    }
  });

  it('a member with weight 0.5 adds half its counts, and the value says it is estimated', async () => {
    await setProgrammeAreas(engine, leipzig, [area('pa-half', ['00', '01', '02'], { weights: { '02': 0.5 } })]);
    const [pop] = await levelValues(engine, leipzig, einwohner, PROGRAMME_LEVEL, 2023);
    expect(pop!.value).toBe(1854 + 6108 + 15822 * 0.5);
    expect(pop!.estimated).toBe(true);
    const ortsteile = await levelValues(engine, leipzig, auslaender, 'ortsteil', 2023);
    const f = (id: string) => ortsteile.find((r) => r.id === id)!.value!;
    const [share] = await levelValues(engine, leipzig, anteil, PROGRAMME_LEVEL, 2023);
    expect(share!.value).toBeCloseTo(((f('00') + f('01') + 0.5 * f('02')) / (1854 + 6108 + 0.5 * 15822)) * 100, 10);
    expect(share!.estimated).toBe(true);
    // the other levels are not estimated
    const bezirke = await levelValues(engine, leipzig, einwohner, 'stadtbezirk', 2023);
    expect(bezirke.every((r) => r.estimated === false)).toBe(true);
  });

  it('overlapping areas are independent; unknown members are left out; a member-less area is no area', async () => {
    await setProgrammeAreas(engine, leipzig, [
      area('pa-a', ['00', '01']),
      area('pa-b', ['01', '02', 'zz-unknown']),
      area('pa-none', ['nope']),
      area('pa-other-site', ['00'], { site: 'kreise' }),
    ]);
    const rows = await levelValues(engine, leipzig, einwohner, PROGRAMME_LEVEL, 2023);
    expect(rows.map((r) => [r.id, r.value, r.n])).toEqual([
      ['pa-a', 1854 + 6108, 2],
      ['pa-b', 6108 + 15822, 2],
    ]);
    const names = await levelAreas(engine, leipzig, PROGRAMME_LEVEL);
    expect(names.map((a) => a.id)).toEqual(['pa-a', 'pa-b']);
    const membership = await programmeMembership(engine, leipzig);
    expect([...membership.get('pa-b')!.keys()]).toEqual(['01', '02']);
    // label points lie on a member's label point
    const [pt] = await queryRows<{ lon: number; lat: number }>(engine, `SELECT lon, lat FROM areas WHERE site = 'leipzig' AND id = 'pa-a'`);
    const memberPts = await queryRows<{ lon: number; lat: number }>(engine, `SELECT lon, lat FROM areas WHERE site = 'leipzig' AND id IN ('00', '01')`);
    expect(memberPts).toContainEqual(pt);
  });

  it('a rate is missing when the members with a numerator cover less than 95 % of the denominator', async () => {
    // An Ortsteil without a foreigner count in some year makes the union's share missing, never a partial share.
    const rows = await queryRows<{ id: string; year: number }>(
      engine,
      `SELECT area_id AS id, year FROM observations WHERE site = 'leipzig' AND ind = 'auslaenderanteil' AND num IS NULL AND den IS NOT NULL ORDER BY den DESC LIMIT 1`,
    );
    if (rows.length === 0) return; // no suppressed part in the data: nothing to check here
    const { id, year } = rows[0]!;
    await setProgrammeAreas(engine, leipzig, [area('pa-gap', [id])]);
    const [share] = await levelValues(engine, leipzig, anteil, PROGRAMME_LEVEL, year);
    expect(share!.value).toBeNull();
  });

  it('replacing and removing programme areas leaves every other row of Leipzig unchanged', async () => {
    await setProgrammeAreas(engine, leipzig, [area('pa-x', ['00', '10', '20'])]);
    expect(await leipzigRows(engine)).toBe(before);
    await setProgrammeAreas(engine, leipzig, []);
    expect(await leipzigRows(engine)).toBe(before);
    const left = await queryRows(engine, `SELECT * FROM areas WHERE site = 'leipzig' AND level = '${PROGRAMME_LEVEL}'`);
    expect(left).toEqual([]);
    const leftBase = await queryRows(engine, `SELECT * FROM area_base WHERE site = 'leipzig' AND level = '${PROGRAMME_LEVEL}'`);
    expect(leftBase).toEqual([]);
  });

  it('statistical secrecy holds at the new level: a programme area resting on fewer persons than the threshold is hidden', async () => {
    // Langzeitarbeitslose 2017: 3 in Ortsteil 28, 4 in 29 (values.csv)
    await setProgrammeAreas(engine, leipzig, [area('pa-small', ['28']), area('pa-two', ['28', '29'])]);
    const cache = new ValueCache(engine, async () => undefined);
    cache.setSecrecy(5);
    const data = await cache.get(leipzig, PROGRAMME_LEVEL, findIndicator(leipzig, 'langzeitarbeitslose'));
    const rows = new Map((data.byYear.get(2017) ?? []).map((r) => [r.id, r]));
    expect(rows.get('pa-small')).toMatchObject({ value: null, secret: 'primary' });
    expect(rows.get('pa-two')).toMatchObject({ value: 7 });
    expect(rows.get('pa-two')!.secret).toBeUndefined();
  });

  it('the trend chart compares a programme area with the smallest area containing it and every area above', async () => {
    const union = area('pa-zentrum', ['00', '01', '02']);
    const spread = area('pa-spread', ['00', '60']); // Mitte and West: only the city contains both
    await setProgrammeAreas(engine, leipzig, [union, spread]);
    siteRegistry.loadBaseGeometry = async () => ({ type: 'FeatureCollection', features: [] });
    await siteRegistry.setProgrammeAreas('leipzig', [union, spread]);
    try {
      const cache = new ValueCache(engine, async () => undefined);
      const refs = await ancestorSeries(cache, leipzig, anteil, PROGRAMME_LEVEL, ['pa-zentrum', 'pa-spread']);
      expect(refs.map((r) => r.id).sort()).toEqual(['ref:stadt:14713000', 'ref:stadtbezirk:0']);
      const city = refs.find((r) => r.id === 'ref:stadt:14713000')!;
      expect(city.points.find((p) => p.year === 2023)!.value).toBe((await levelValues(engine, leipzig, anteil, 'stadt', 2023))[0]!.value);
      // the base level keeps its references as before
      const base = await ancestorSeries(cache, leipzig, anteil, 'ortsteil', ['00']);
      expect(base.map((r) => r.id)).toEqual(['ref:stadtbezirk:0', 'ref:stadt:14713000']);
    } finally {
      await siteRegistry.setProgrammeAreas('leipzig', []);
    }
  });

  it('500 members at once (a union of many base areas)', async () => {
    const gemeinden = findBundledSite('gemeinden');
    await loadBundledSite(engine, gemeinden);
    const ids = (await levelAreas(engine, gemeinden, 'gemeinde')).slice(0, 500).map((a) => a.id);
    const t0 = performance.now();
    await setProgrammeAreas(engine, gemeinden, [{ ...area('pa-500', ids), site: 'gemeinden' }]);
    const [pop] = await levelValues(engine, gemeinden, findIndicator(gemeinden, 'einwohner'), PROGRAMME_LEVEL, 2022);
    const ms = performance.now() - t0;
    const parts = (await levelValues(engine, gemeinden, findIndicator(gemeinden, 'einwohner'), 'gemeinde', 2022)).filter((r) => ids.includes(r.id));
    expect(pop!.value).toBe(parts.every((p) => p.value !== null) ? parts.reduce((a, p) => a + p.value!, 0) : null);
    expect(pop!.n).toBe(500);
    console.info(`programme area of 500 Gemeinden: set + query ${ms.toFixed(0)} ms (Node, blocking DuckDB-WASM)`);
  });
});
