// One year kept column-wise (db/year-columns.ts) gives back exactly the rows of the query it encodes,
// with the real bundled data in real DuckDB: every indicator of Leipzig (counts, rates, values known
// only as "< 1 %") and of the Kreise at every level, nulls as null, never 0.
import { beforeAll, describe, expect, it } from 'vitest';
import { findBundledSite } from '../../src/lib/data/catalog';
import { rowsOf, type Engine } from '../../src/lib/db/engine';
import { valuesSql } from '../../src/lib/db/queries';
import { levelYearColumns, YearColumnStore, yearColumnsOf, yearRowsOf, type YearColumns } from '../../src/lib/db/year-columns';
import { createNodeEngine, loadBundledSite } from './helpers/node-engine';

const leipzig = findBundledSite('leipzig');
const kreise = findBundledSite('kreise');

describe('year columns', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createNodeEngine();
    await loadBundledSite(engine, leipzig);
    await loadBundledSite(engine, kreise);
  }, 60_000);

  it('every indicator of Leipzig and the Kreise, every level, two years: the rows equal the query rows', async () => {
    let compared = 0;
    let nulls = 0;
    let belows = 0;
    for (const site of [leipzig, kreise]) {
      for (const ind of site.indicators) {
        for (const year of [ind.years[0]!, ind.years.at(-1)!]) {
          for (const level of site.levels) {
            const table = await engine.query(valuesSql(site, ind, level.id, [year]));
            const expected = rowsOf(table);
            const rows = yearRowsOf(yearColumnsOf(table));
            expect(rows).toEqual(expected);
            compared += rows.length;
            nulls += rows.filter((r) => r.value === null).length;
            belows += rows.filter((r) => r.below !== null).length;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(10_000);
    // The comparison covered missing values and values known only to lie below a bound.
    expect(nulls).toBeGreaterThan(0);
    expect(belows).toBeGreaterThan(0);
  });

  it('stores constant columns as one value and numbers in typed arrays; levelYearColumns shares equal ids', async () => {
    const ind = kreise.indicators.find((i) => i.agg.type === 'ratio')!;
    const year = ind.years.at(-1)!;
    const a = await levelYearColumns(engine, kreise, ind, 'kreis', year);
    expect(a.ids.length).toBe(400);
    expect(a.columns.get('year')).toEqual({ same: year });
    expect(a.columns.get('n')).toEqual({ same: 1 });
    const value = a.columns.get('value')!;
    expect('each' in value && value.each instanceof Float64Array).toBe(true);
    expect(a.bytes).toBeGreaterThanOrEqual(400 * 8);
    expect(a.bytes).toBeLessThan(400 * 8 * 4);
    const b = await levelYearColumns(engine, kreise, ind, 'kreis', ind.years.at(-2)!, a.ids);
    expect(b.ids).toBe(a.ids);
    const land = await levelYearColumns(engine, kreise, ind, 'land', year, a.ids);
    expect(land.ids).not.toBe(a.ids);
    expect(land.ids.length).toBe(16);
    // At the Länder the rate is aggregated from counts: coverage travels per area.
    expect(yearRowsOf(land).every((r) => r.coverage === null || (r.coverage > 0 && r.coverage <= 1))).toBe(true);
  });

  it('keeps NaN apart from null, and strings as they are', async () => {
    const table = await engine.query(
      `SELECT * FROM (VALUES ('a', 1.5, 'x', true), ('b', NULL, 'y', false), ('c', 'NaN'::DOUBLE, NULL, NULL)) t(id, value, note, flag)`,
    );
    const rows = yearRowsOf(yearColumnsOf(table));
    expect(rows.map((r) => r.value)).toEqual([1.5, null, NaN]);
    expect(rows).toEqual(rowsOf(table));
  });

  it('the store drops the least recently used beyond its budget and forgets by key', () => {
    const year = (bytes: number, ids: readonly string[] = ['x']): YearColumns => ({ ids, columns: new Map(), bytes });
    const store = new YearColumnStore(100);
    store.set('s|l|a|1', 's|l', year(40));
    store.set('s|l|a|2', 's|l', year(40));
    expect(store.get('s|l|a|1')).toBeDefined(); // now the most recent
    store.set('s|l|b|1', 's|l', year(40));
    expect(store.has('s|l|a|2')).toBe(false);
    expect(store.has('s|l|a|1')).toBe(true);
    expect(store.has('s|l|b|1')).toBe(true);
    // One year larger than the budget is still kept (the one shown).
    store.set('s|l|c|1', 's|l', year(500, ['y']));
    expect(store.has('s|l|c|1')).toBe(true);
    expect(store.has('s|l|a|1')).toBe(false);
    expect(store.idsOf('s|l')).toEqual(['y']);
    store.forget((key) => key.startsWith('s|l|'));
    expect(store.has('s|l|c|1')).toBe(false);
    expect(store.idsOf('s|l')).toBeUndefined();
  });
});
