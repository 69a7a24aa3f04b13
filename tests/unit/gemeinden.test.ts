// The national Gemeinde site (Zensus 2022) on the real bundled data/ files in real
// DuckDB-WASM: counts, sums, Kreis aggregates from reconstructed numerators, and
// suppressed values as NULL.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { csvParse } from 'd3-dsv';
import type { FeatureCollection } from 'geojson';
import type { Engine } from '../../src/lib/db/engine';
import { queryRows } from '../../src/lib/db/engine';
import { levelValues } from '../../src/lib/db/queries';
import { findIndicator, findBundledSite } from '../../src/lib/data/catalog';
import { createLoadedEngine, dataDir } from './helpers/node-engine';

const YEAR = 2022;
const ZENSUS_TOTAL = 82_711_282;
const site = findBundledSite('gemeinden');
const read = (path: string) => readFileSync(dataDir + path, 'utf8');
const values = csvParse(read(site.values)); // the wide table beside the value parts (values/all.csv)
const areas = csvParse(read('gemeinden/areas.csv'));
const valueById = new Map(values.map((r) => [r.area_id!, r]));
const num = (s: string | undefined) => (s === undefined || s === '' ? null : Number(s));

let engine: Engine;

async function valuesOf(indicator: string, level: string) {
  const rows = await levelValues(engine, site, findIndicator(site, indicator), level, YEAR);
  return new Map(rows.map((r) => [r.id, r]));
}

beforeAll(async () => {
  engine = await createLoadedEngine();
}, 120_000);

describe('Deutschland – Gemeinden', () => {
  it('has 10,786 Gemeinden under the Kreise site\'s 400 Kreise, 16 Länder and Germany', async () => {
    const rows = await queryRows<{ level: string; n: number }>(
      engine,
      "SELECT level, CAST(count(*) AS INTEGER) AS n FROM areas WHERE site = 'gemeinden' GROUP BY level ORDER BY level",
    );
    expect(Object.fromEntries(rows.map((r) => [r.level, r.n]))).toEqual({ gemeinde: 10786, kreis: 400, land: 16, bund: 1 });
    expect(site.levels.map((l) => [l.id, l.count])).toEqual([
      ['gemeinde', 10786],
      ['kreis', 400],
      ['land', 16],
      ['bund', 1],
    ]);
    // The upper levels are the Kreise site's areas and geometry files, not copies.
    const kreise = findBundledSite('kreise');
    expect(site.levels.slice(1).map((l) => l.geometry)).toEqual(kreise.levels.map((l) => l.geometry));
    const upper = areas.filter((a) => a.level !== 'gemeinde').map((a) => [a.id, a.name, a.level, a.parent]);
    const kreiseAreas = csvParse(read('kreise/areas.csv')).map((a) => [a.id, a.name, a.level, a.parent]);
    expect(upper).toEqual(kreiseAreas);
    // A Gemeinde's parent is its Kreis (first five digits of the AGS).
    for (const a of areas.filter((x) => x.level === 'gemeinde')) expect(a.parent).toBe(a.id!.slice(0, 5));
    expect(values.length).toBe(10786);
  });

  it('gives every Zensus Gemeinde a polygon, merged Gemeinden included, with properties {id, name}', () => {
    const geo = JSON.parse(read('gemeinden/gemeinde.geojson')) as FeatureCollection;
    const ids = geo.features.map((f) => String(f.properties?.id));
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids)).toEqual(new Set(values.map((r) => r.area_id)));
    for (const f of geo.features) expect(Object.keys(f.properties ?? {})).toEqual(['id', 'name']);
    const byId = new Map(geo.features.map((f) => [String(f.properties?.id), f]));
    // Merged after the VG5000 boundary date: new keys, dissolved from their predecessors.
    expect(byId.get('03153019')?.properties?.name).toBe('Langelsheim, Stadt');
    expect(byId.get('16063105')?.properties?.name).toBe('Eisenach, Stadt');
    expect(byId.get('12073532')?.geometry.type).toBe('Polygon');
    // Gemeindefreie Gebiete without residents are not Gemeinden (e.g. Sachsenwald, Harz).
    expect(byId.has('01053105')).toBe(false);
    expect(byId.has('03153504')).toBe(false);
  });

  it('Gemeinden sum to the Zensus 2022 total of 82,711,282 residents at the bund level', async () => {
    const gemeinden = await valuesOf('einwohner', 'gemeinde');
    expect(gemeinden.size).toBe(10786);
    expect([...gemeinden.values()].reduce((s, r) => s + r.value!, 0)).toBe(ZENSUS_TOTAL);
    const bund = await valuesOf('einwohner', 'bund');
    expect(bund.get('DE')?.value).toBe(ZENSUS_TOTAL);
    expect(bund.get('DE')?.n).toBe(10786);
    const laender = await valuesOf('einwohner', 'land');
    expect([...laender.values()].reduce((s, r) => s + r.value!, 0)).toBe(ZENSUS_TOTAL);
  });

  it('Kreis 14713 (Leipzig, kreisfreie Stadt) has the Zensus values of its one Gemeinde 14713000', async () => {
    const csv = valueById.get('14713000')!;
    expect(num(csv.einwohner)).toBe(598899);
    expect(num(csv.auslaenderanteil)).toBe(11.6);
    for (const ind of site.indicators) {
      const gemeinde = (await valuesOf(ind.id, 'gemeinde')).get('14713000')!;
      const kreis = (await valuesOf(ind.id, 'kreis')).get('14713')!;
      expect(gemeinde.value, ind.id).toBe(num(csv[ind.column]));
      expect(kreis.n, ind.id).toBe(1);
      if (ind.agg.type === 'none') expect(kreis.value, ind.id).toBeNull();
      else if (ind.agg.type === 'sum') expect(kreis.value, ind.id).toBe(gemeinde.value);
      // Ratios come back through the reconstructed numerator (rounded to 0.1 persons/dwellings).
      else expect(kreis.value!, ind.id).toBeCloseTo(gemeinde.value!, 4);
    }
  });

  it('a Kreis foreigner share is sum(auslaender_est) / sum(einwohner) of its Gemeinden', async () => {
    const byKreis = new Map<string, { num: number; den: number; shares: number[]; missing: number }>();
    for (const r of values) {
      const k = r.area_id!.slice(0, 5);
      const o = byKreis.get(k) ?? { num: 0, den: 0, shares: [], missing: 0 };
      const est = num(r.auslaender_est);
      if (est === null) o.missing++;
      else {
        o.num += est;
        o.den += num(r.einwohner)!;
        o.shares.push(num(r.auslaenderanteil)!);
      }
      byKreis.set(k, o);
    }
    const kreise = await valuesOf('auslaenderanteil', 'kreis');
    let compared = 0;
    let differsFromMean = 0;
    for (const [k, o] of byKreis) {
      // Only Kreise where every Gemeinde has a value: the rule for partly suppressed Kreise may change.
      if (o.missing > 0) continue;
      const expected = (o.num / o.den) * 100;
      expect(kreise.get(k)?.value, k).toBeCloseTo(expected, 9);
      const mean = o.shares.reduce((s, x) => s + x, 0) / o.shares.length;
      if (Math.abs(mean - expected) > 0.01) differsFromMean++;
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(300);
    // Weighted by population, not the mean of the Gemeinde shares.
    expect(differsFromMean).toBeGreaterThan(100);
    // Landkreis Leipzig (14729, 30 Gemeinden, none suppressed), spelled out.
    const lk = values.filter((r) => r.area_id!.startsWith('14729'));
    expect(lk.length).toBe(30);
    const share = (lk.reduce((s, r) => s + num(r.auslaender_est)!, 0) / lk.reduce((s, r) => s + num(r.einwohner)!, 0)) * 100;
    expect(kreise.get('14729')?.value).toBeCloseTo(share, 9);
  });

  it('stores suppressed Zensus values as NULL, never 0', async () => {
    const zeros = await queryRows<{ n: number }>(
      engine,
      "SELECT CAST(count(*) AS INTEGER) AS n FROM observations WHERE site = 'gemeinden' AND (value = 0 OR num = 0 OR den = 0)",
    );
    expect(zeros[0]!.n).toBe(0);
    for (const ind of site.indicators) {
      const suppressed = values.filter((r) => r[ind.column] === '').map((r) => r.area_id!);
      const gemeinden = await valuesOf(ind.id, 'gemeinde');
      expect(gemeinden.size).toBe(10786);
      for (const id of suppressed) expect(gemeinden.get(id)?.value, `${ind.id} ${id}`).toBeNull();
      const agg = ind.agg;
      if (agg.type === 'ratio') {
        // A suppressed value has no reconstructed numerator (or, for household size, denominator) either.
        for (const id of suppressed) {
          const r = valueById.get(id)!;
          expect([r[agg.num], r[agg.den]], `${ind.id} ${id}`).toContain('');
        }
      }
    }
    // The source suppresses the foreigner share for 344 small Gemeinden, household size for 1,349.
    expect(values.filter((r) => r.auslaenderanteil === '').length).toBe(344);
    expect(values.filter((r) => r.haushaltsgroesse === '').length).toBe(1349);
  });

  it('rent per m² cannot be aggregated (no floor-space weights)', async () => {
    const rent = findIndicator(site, 'nettokaltmiete_qm');
    expect(rent.agg.type).toBe('none');
    const land = await valuesOf('nettokaltmiete_qm', 'land');
    expect([...land.values()].every((r) => r.value === null)).toBe(true);
  });
});
