// The synthetic scale site of scripts/synthetic-scale.mjs (the benchmark's 100,000 cells, here 1,500
// cells × 3 years): deterministic, valid geometry, unique ids, parents that exist, and loaded through
// the app's real loader into real DuckDB, where a Land's rate is Σ numerator / Σ denominator of its cells.
import { describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { generateScale, SCALE_BASE_LEVEL, SCALE_COLUMNS } from '../../scripts/synthetic-scale.mjs';
import { createNodeEngine } from './helpers/node-engine';
import { loadSiteData } from '../../src/lib/db/load';
import { levelValues } from '../../src/lib/db/queries';
import { findIndicator } from '../../src/lib/data/catalog';
import { ensureIndicatorsLoaded } from '../../src/lib/db/value-parts';
import { valuePartToArrowIPC } from '../../src/lib/io/value-part';

const N = 1500;
const options = { areas: N, years: 3, firstYear: 2021, seed: 7 };
const scale = generateScale(options);
/** The wide table: beside the value parts (values/all.csv), as N > VALUE_PARTS_MIN_AREAS. */
const VALUES = scale.site.values.slice(scale.site.values.indexOf('/') + 1);
const wideValues = () => scale.files[VALUES] as string;

function csvRows(text: string): string[][] {
  return text.trim().split('\n').slice(1).map((l) => l.split(','));
}

describe('synthetic scale site', () => {
  it('is deterministic: same options, same bytes; another seed, other values', () => {
    const again = generateScale(options);
    expect(again.files).toEqual(scale.files);
    expect(again.site).toEqual(scale.site);
    const other = generateScale({ ...options, seed: 8 });
    expect(other.files[VALUES]).not.toEqual(scale.files[VALUES]);
  });

  it('has N cells with unique ids, each a valid counter-clockwise polygon, every parent a Kreis of a Land', () => {
    const fc = JSON.parse(scale.files[`${SCALE_BASE_LEVEL}.geojson`] as string) as FeatureCollection<Polygon, { id: string; name: string }>;
    expect(fc.features).toHaveLength(N);
    const ids = fc.features.map((f) => f.properties.id);
    expect(new Set(ids).size).toBe(N);
    for (const f of fc.features) {
      expect(turf.booleanValid(f as Feature<Polygon>)).toBe(true);
      expect(turf.kinks(f).features).toHaveLength(0);
      expect(turf.booleanClockwise(f.geometry.coordinates[0]!)).toBe(false);
      const km2 = turf.area(f) / 1e6;
      expect(km2).toBeGreaterThan(1);
      expect(km2).toBeLessThan(1000);
    }
    const areas = csvRows(scale.files['areas.csv'] as string);
    const level = new Map(areas.map(([id, , lvl]) => [id!, lvl!]));
    const parent = new Map(areas.map(([id, , , p]) => [id!, p!]));
    expect(areas.filter((a) => a[2] === SCALE_BASE_LEVEL).map((a) => a[0])).toEqual(ids);
    for (const id of ids) {
      expect(level.get(parent.get(id)!)).toBe('kreis');
      expect(level.get(parent.get(parent.get(id)!)!)).toBe('land');
    }
    // Levels above: the catalog's counts match areas.csv.
    for (const l of scale.site.levels) expect(areas.filter((a) => a[2] === l.id)).toHaveLength(l.count);
  });

  it('values: counts within their denominators, rates from them, gaps empty (never 0), first view = last year', () => {
    const rows = csvRows(wideValues());
    expect(rows).toHaveLength(N * 3);
    const col = (name: string) => 2 + SCALE_COLUMNS.indexOf(name);
    let gaps = 0;
    for (const r of rows) {
      const v = (name: string) => (r[col(name)] === '' ? null : Number(r[col(name)]));
      expect(v('auslaender')!).toBeLessThanOrEqual(v('einwohner')!);
      expect(v('auslaenderanteil')).toBe(Math.round(((100 * v('auslaender')!) / v('einwohner')!) * 10) / 10);
      if (v('arbeitslose') === null) {
        gaps++;
        expect(r[col('arbeitslosenquote')]).toBe('');
      } else expect(v('arbeitslose')!).toBeLessThanOrEqual(v('erwerbspersonen')!);
    }
    expect(gaps).toBeGreaterThan(0);
    expect(gaps).toBeLessThan(rows.length * 0.02);
    const first = JSON.parse(scale.files['first-view.json'] as string) as { year: number; values: Record<string, number | null> };
    expect(first.year).toBe(2023);
    const last = rows.filter((r) => r[1] === '2023');
    expect(Object.keys(first.values)).toHaveLength(N);
    for (const r of last) expect(first.values[r[0]!]).toBe(Number(r[col('auslaenderanteil')]));
  });

  it('loads through the app loader into DuckDB; a Land rate is Σ numerator / Σ denominator of its cells', async () => {
    const engine = await createNodeEngine();
    const dir = scale.site.areas.split('/')[0]!;
    const readFile = async (p: string) => {
      const file = scale.files[p.slice(dir.length + 1)]!;
      return typeof file === 'string' ? new TextEncoder().encode(file) : file.slice();
    };
    await loadSiteData(engine, scale.site, readFile);
    const ind = findIndicator(scale.site, 'arbeitslosenquote');
    // Its values come from its value part (one Parquet file per indicator), read when asked for.
    expect(scale.site.valueParts?.files[ind.id]).toBe(`${dir}/values/${ind.id}.parquet`);
    await ensureIndicatorsLoaded(engine, scale.site, [ind.id], async (p) => valuePartToArrowIPC(await readFile(p), p));
    const lands = await levelValues(engine, scale.site, ind, 'land', 2022);
    // The same from the files, in JS: cells → Kreis → Land, skipping gaps.
    const areas = csvRows(scale.files['areas.csv'] as string);
    const parent = new Map(areas.map(([id, , , p]) => [id!, p!]));
    const sums = new Map<string, { num: number; den: number }>();
    for (const r of csvRows(wideValues())) {
      if (r[1] !== '2022' || r[2 + SCALE_COLUMNS.indexOf('arbeitslose')] === '') continue;
      const land = parent.get(parent.get(r[0]!)!)!;
      const s = sums.get(land) ?? { num: 0, den: 0 };
      s.num += Number(r[2 + SCALE_COLUMNS.indexOf('arbeitslose')]);
      s.den += Number(r[2 + SCALE_COLUMNS.indexOf('erwerbspersonen')]);
      sums.set(land, s);
    }
    expect(lands.length).toBe(sums.size);
    for (const l of lands) {
      const s = sums.get(l.id)!;
      expect(l.value).toBeCloseTo((100 * s.num) / s.den, 9);
    }
    const cells = await levelValues(engine, scale.site, ind, SCALE_BASE_LEVEL, 2022);
    expect(cells).toHaveLength(N);
    expect(cells.filter((c) => c.value === null).length).toBe(
      csvRows(wideValues()).filter((r) => r[1] === '2022' && r[2 + SCALE_COLUMNS.indexOf('arbeitslosenquote')] === '').length,
    );
  });
});
