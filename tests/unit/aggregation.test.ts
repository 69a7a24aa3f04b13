// The aggregation rules on a tiny hand-made site, so every expected number can
// be checked by hand. Real DuckDB-WASM, the same schema and queries as the app.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Site } from '../../src/lib/data/catalog-types';
import type { Engine } from '../../src/lib/db/engine';
import { loadSite } from '../../src/lib/db/schema';
import { levelValues } from '../../src/lib/db/queries';
import { createNodeEngine } from './helpers/node-engine';

const text = (s: string) => ({ de: s, en: s });
const files: Record<string, string> = {
  'toy/areas.csv': 'id,name,level,parent,lon,lat\na1,A1,small,A,1,1\na2,A2,small,A,1,2\nb1,B1,small,B,2,1\nb2,B2,small,B,2,2\nb3,B3,small,B,2,3\nA,A,big,,1,1.5\nB,B,big,,2,2\n',
  // pop: counts; foreign: counts, with b3 suppressed in 2020; share = foreign / pop * 100
  'toy/values.csv': [
    'area_id,year,pop,foreign,share',
    'a1,2020,100,10,10',
    'a2,2020,300,60,20',
    'b1,2020,500,50,10',
    'b2,2020,480,48,10',
    'b3,2020,20,,',
    'a1,2021,100,20,20',
    'a2,2021,,,',
    'b1,2021,500,50,10',
    'b2,2021,300,30,10',
    'b3,2021,200,40,20',
  ].join('\n'),
};

const toy: Site = {
  id: 'toy',
  label: text('Toy'),
  bounds: [0, 0, 1, 1],
  geometrySource: 'none',
  levels: [
    { id: 'small', label: text('small'), geometry: '', count: 5 },
    { id: 'big', label: text('big'), geometry: '', count: 2 },
  ],
  areas: 'toy/areas.csv',
  values: 'toy/values.csv',
  firstView: '',
  defaults: { level: 'small', ind: 'share', year: 2021 },
  indicators: [
    { id: 'pop', column: 'pop', label: text('pop'), unit: 'count', decimals: 0, definition: text(''), source: 'none', direction: 'neutral', years: [2020, 2021], agg: { type: 'sum' } },
    { id: 'share', column: 'share', label: text('share'), unit: 'percent', decimals: 1, definition: text(''), source: 'none', direction: 'neutral', years: [2020, 2021], agg: { type: 'ratio', num: 'foreign', den: 'pop', scale: 100 } },
    { id: 'rate', column: 'share', label: text('rate'), unit: 'percent', decimals: 1, definition: text(''), source: 'none', direction: 'neutral', years: [2020, 2021], agg: { type: 'none', reason: text('no counts') } },
  ],
};

let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
  await loadSite(engine, toy, async (path) => new TextEncoder().encode(files[path]));
});

async function big(ind: string, year: number) {
  const rows = await levelValues(engine, toy, toy.indicators.find((i) => i.id === ind)!, 'big', year);
  return Object.fromEntries(rows.map((r) => [r.id, r]));
}

describe('aggregation from counts', () => {
  it('sums counts when every part has one, else gives no total', async () => {
    const y2020 = await big('pop', 2020);
    expect(y2020.A?.value).toBe(400);
    expect(y2020.B?.value).toBe(1000);
    const y2021 = await big('pop', 2021);
    expect(y2021.A?.value).toBeNull(); // a2 missing: a partial sum would be a wrong total
    expect(y2021.A?.present).toBe(1);
    expect(y2021.A?.n).toBe(2);
  });

  it('divides summed numerators by summed denominators, not the mean of shares', async () => {
    const y2021 = await big('share', 2021);
    // B: (50 + 30 + 40) / (500 + 300 + 200) = 12 %, while the mean of 10, 10, 20 is 13.33 %.
    expect(y2021.B?.value).toBeCloseTo(12, 10);
    expect(y2021.B?.coverage).toBe(1);
  });

  it('gives a rate over the unsuppressed parts when they cover ≥ 95 % of the denominator, with its coverage', async () => {
    const y2020 = await big('share', 2020);
    // B: b3 (20 of 1,000 residents) suppressed → (50 + 48) / (500 + 480) = 10 %, coverage 98 %.
    expect(y2020.B?.value).toBeCloseTo(10, 10);
    expect(y2020.B?.coverage).toBeCloseTo(0.98, 10);
    expect(y2020.B?.present).toBe(2);
    // A: complete, (10 + 60) / 400 = 17.5 %.
    expect(y2020.A?.value).toBeCloseTo(17.5, 10);
  });

  it('gives no rate when a denominator is missing or the coverage is below 95 %', async () => {
    const y2021 = await big('share', 2021);
    expect(y2021.A?.value).toBeNull(); // a2 has no population: coverage unknown
    expect(y2021.A?.coverage).toBeNull();
  });

  it('never aggregates an indicator without counts', async () => {
    const y2021 = await big('rate', 2021);
    expect(y2021.A?.value).toBeNull();
    expect(y2021.B?.value).toBeNull();
  });
});
