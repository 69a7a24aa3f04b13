// Value parts (one Parquet file per indicator, site-package.js valuePartPath) with the real Gemeinden
// data: every file holds exactly values.csv's values (missing stays missing), DuckDB holds the same
// observations whether an indicator comes from its part or from values.csv, a part is inserted once,
// the value cache loads an indicator on demand, and a broken part fails loudly without losing anything.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { csvParse } from 'd3-dsv';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import type { Site } from '../../src/lib/data/catalog-types';
import { findBundledSite, findIndicator } from '../../src/lib/data/catalog';
import { valuePartColumns, valuePartPath, VALUE_PARTS_MIN_AREAS } from '../../src/lib/data/site-package.js';
import { queryRows, type Engine } from '../../src/lib/db/engine';
import { loadSiteData } from '../../src/lib/db/load';
import { insertIndicators } from '../../src/lib/db/schema';
import { ensureIndicatorsLoaded, type ReadPart } from '../../src/lib/db/value-parts';
import { levelSeries } from '../../src/lib/db/queries';
import { ValueCache } from '../../src/lib/state/value-cache';
import { valuePartToArrowIPC } from '../../src/lib/io/value-part';
import { valuePartParquet } from '../../scripts/lib/value-parts.mjs';
import { createNodeEngine, dataDir, readDataFile, readDataPart } from './helpers/node-engine';

const site = findBundledSite('gemeinden');
const wide = csvParse(readFileSync(dataDir + site.values, 'utf8'));
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const arrayBuffer = (bytes: Uint8Array) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

const OBSERVATIONS = (ind: string) =>
  `SELECT area_id, ind, year, value, num, den, below FROM observations WHERE site = 'gemeinden' AND ind = '${ind}' ORDER BY area_id, year`;

/** A fresh engine with an observations table, and a site of one indicator (auslaenderanteil) read from a value part. */
async function miniPartSite(id: string): Promise<{ engine: Engine; mini: Site }> {
  const engine = await createNodeEngine();
  const mini: Site = {
    ...site,
    id,
    valueParts: { format: 'parquet', files: { auslaenderanteil: `${id}/values/auslaenderanteil.parquet` } },
    indicators: [findIndicator(site, 'auslaenderanteil')],
  };
  await engine.query(`CREATE TABLE IF NOT EXISTS observations (site VARCHAR NOT NULL, area_id VARCHAR NOT NULL, ind VARCHAR NOT NULL, year INTEGER NOT NULL, value DOUBLE, num DOUBLE, den DOUBLE, below DOUBLE)`);
  return { engine, mini };
}

describe('Gemeinden value parts (files)', () => {
  it('the site has more than VALUE_PARTS_MIN_AREAS base areas and a part for every indicator', () => {
    expect(site.levels[0]!.count).toBeGreaterThan(VALUE_PARTS_MIN_AREAS);
    expect(site.valueParts?.format).toBe('parquet');
    expect(Object.keys(site.valueParts!.files).sort()).toEqual(site.indicators.map((i) => i.id).sort());
    for (const ind of site.indicators) expect(site.valueParts!.files[ind.id]).toBe(valuePartPath('gemeinden', ind.id));
  });

  it.each(site.indicators.map((i) => [i.id] as const))('%s: every value equals values.csv, missing stays missing, sorted by year then area', async (id) => {
    const ind = findIndicator(site, id);
    const bytes = readFileSync(dataDir + site.valueParts!.files[id]!);
    const columns = valuePartColumns(ind);
    const meta = parquetMetadata(arrayBuffer(bytes));
    expect(meta.schema.slice(1).map((e) => e.name)).toEqual(['area_id', 'year', ...columns]);
    const rows = (await parquetReadObjects({ file: arrayBuffer(bytes) })) as Record<string, unknown>[];
    // values.csv rows with any of these columns given, in the same order.
    const expected = wide.filter((r) => columns.some((c) => r[c] !== '')).sort((a, b) => Number(a.year) - Number(b.year) || cmp(a.area_id!, b.area_id!));
    expect(rows).toHaveLength(expected.length);
    let missing = 0;
    rows.forEach((row, k) => {
      const r = expected[k]!;
      expect(row.area_id).toBe(r.area_id);
      expect(row.year).toBe(Number(r.year));
      for (const c of columns) {
        if (r[c] === '') {
          missing++;
          expect(row[c]).toBeNull();
        } else expect(row[c]).toBe(Number(r[c]));
      }
    });
    // A column with gaps has them in the part too (never 0).
    const gapsInCsv = expected.reduce((n, r) => n + columns.filter((c) => r[c] === '').length, 0);
    expect(missing).toBe(gapsInCsv);
  });

  it('the writer is deterministic: the committed bytes are what it writes for the rows of values.csv', () => {
    const rows = wide.map((r) => ({
      areaId: r.area_id!,
      year: Number(r.year),
      values: Object.fromEntries(wide.columns.slice(2).map((c) => [c, r[c] === '' ? null : Number(r[c])])),
    }));
    for (const ind of site.indicators) {
      const committed = readFileSync(dataDir + site.valueParts!.files[ind.id]!);
      expect(Buffer.from(valuePartParquet(ind, rows)).equals(committed)).toBe(true);
    }
  });
});

describe('Gemeinden value parts in DuckDB', () => {
  let fromParts: Engine;
  let fromCsv: Engine;
  beforeAll(async () => {
    fromParts = await createNodeEngine();
    await loadSiteData(fromParts, site, readDataFile);
    // The same site read the old way: every indicator from the wide table.
    const csvSite: Site = { ...site, valueParts: undefined };
    fromCsv = await createNodeEngine();
    await loadSiteData(fromCsv, csvSite, readDataFile);
  }, 60_000);

  it('loading the site reads no value part: metadata of every indicator, no observations', async () => {
    const [obs] = await queryRows<{ n: number }>(fromParts, `SELECT count(*)::INTEGER AS n FROM observations WHERE site = 'gemeinden'`);
    expect(obs!.n).toBe(0);
    const inds = await queryRows<{ id: string }>(fromParts, `SELECT id FROM indicators WHERE site = 'gemeinden' ORDER BY id`);
    expect(inds.map((r) => r.id)).toEqual(site.indicators.map((i) => i.id).sort());
  });

  it('an indicator from its part gives the same rows as from values.csv; the others stay unloaded', async () => {
    await ensureIndicatorsLoaded(fromParts, site, ['auslaenderanteil'], readDataPart);
    const a = await queryRows(fromParts, OBSERVATIONS('auslaenderanteil'));
    const b = await queryRows(fromCsv, OBSERVATIONS('auslaenderanteil'));
    expect(a.length).toBeGreaterThan(10_000);
    expect(a).toEqual(b);
    const others = await queryRows<{ ind: string }>(fromParts, `SELECT DISTINCT ind FROM observations WHERE site = 'gemeinden'`);
    expect(others.map((r) => r.ind)).toEqual(['auslaenderanteil']);
  });

  it('every indicator: same observations and the same answers at every level, both paths', async () => {
    await ensureIndicatorsLoaded(fromParts, site, site.indicators.map((i) => i.id), readDataPart);
    for (const ind of site.indicators) {
      expect(await queryRows(fromParts, OBSERVATIONS(ind.id))).toEqual(await queryRows(fromCsv, OBSERVATIONS(ind.id)));
    }
    const ind = findIndicator(site, 'leerstandsquote');
    for (const level of site.levels) expect(await levelSeries(fromParts, site, ind, level.id)).toEqual(await levelSeries(fromCsv, site, ind, level.id));
  });

  it('loading twice (also at the same time) inserts once', async () => {
    const engine = await createNodeEngine();
    await loadSiteData(engine, site, readDataFile);
    let reads = 0;
    // Counts the reads that brought rows (the sweep after the catalog's years finds none left).
    const counting: ReadPart = async (path, size, request) => {
      const ipc = await readDataPart(path, size, request);
      if (ipc) reads++;
      return ipc;
    };
    await Promise.all([
      ensureIndicatorsLoaded(engine, site, ['einwohner'], counting),
      ensureIndicatorsLoaded(engine, site, ['einwohner', 'einwohner'], counting),
    ]);
    await ensureIndicatorsLoaded(engine, site, ['einwohner'], counting);
    expect(reads).toBe(1);
    const [n] = await queryRows<{ n: number; areas: number }>(engine, `SELECT count(*)::INTEGER AS n, count(DISTINCT area_id)::INTEGER AS areas FROM observations WHERE ind = 'einwohner'`);
    expect(n!.n).toBe(n!.areas);
    expect(n!.n).toBe(wide.filter((r) => r.einwohner !== '').length);
  });

  it('the value cache loads an indicator that is not loaded yet before it answers', async () => {
    const engine = await createNodeEngine();
    const asked: string[][] = [];
    const cache = new ValueCache(
      engine,
      (s) => loadSiteData(engine, s, readDataFile),
      (s, ids) => {
        asked.push([...ids]);
        return ensureIndicatorsLoaded(engine, s, ids, readDataPart);
      },
    );
    const ind = findIndicator(site, 'leerstandsquote');
    const data = await cache.get(site, 'land', ind);
    expect(asked).toEqual([['leerstandsquote']]);
    const expected = await levelSeries(fromCsv, site, ind, 'land');
    expect([...data.byYear.values()].flat()).toEqual(expected);
    expect(expected.filter((r) => r.value !== null).length).toBeGreaterThan(10);
    // Similar areas (several indicators, one year, one query) wait for their parts too.
    const [wohnungen] = await cache.yearValues(site, 'gemeinde', [{ ind: findIndicator(site, 'wohnungen'), year: 2022 }]);
    expect(asked.at(-1)).toEqual(['wohnungen']);
    const w = wide.find((r) => r.wohnungen !== '')!;
    expect(wohnungen!.get(w.area_id!)?.value).toBe(Number(w.wohnungen));
  });

  it('a missing or corrupt part fails with a message naming indicator and file; nothing loaded is lost, a retry works', async () => {
    const engine = await createNodeEngine();
    await loadSiteData(engine, site, readDataFile);
    await ensureIndicatorsLoaded(engine, site, ['einwohner'], readDataPart);
    const before = await queryRows(engine, OBSERVATIONS('einwohner'));
    const notFound = (path: string) => Promise.reject(new Error(`Could not load ${path}: HTTP 404`));
    await expect(ensureIndicatorsLoaded(engine, site, ['wohnungen'], notFound)).rejects.toThrow(/"wohnungen" \(gemeinden\/values\/wohnungen\.parquet\).*HTTP 404/);
    const corrupt = async (path: string) => {
      const bytes = await readDataFile(path);
      return valuePartToArrowIPC(bytes.slice(0, bytes.length - 100), path);
    };
    await expect(ensureIndicatorsLoaded(engine, site, ['wohnungen'], corrupt)).rejects.toThrow(/"wohnungen".*wohnungen\.parquet/);
    expect(await queryRows(engine, OBSERVATIONS('wohnungen'))).toEqual([]);
    expect(await queryRows(engine, OBSERVATIONS('einwohner'))).toEqual(before);
    await ensureIndicatorsLoaded(engine, site, ['wohnungen'], readDataPart);
    expect(await queryRows(engine, OBSERVATIONS('wohnungen'))).toEqual(await queryRows(fromCsv, OBSERVATIONS('wohnungen')));
  });

  it('a part written with a "below" cell keeps it as text; DuckDB reads it as its bound, as from values.csv', async () => {
    const { engine, mini } = await miniPartSite('mini');
    const rows = [
      { areaId: 'b', year: 2022, values: { auslaenderanteil: '<1', auslaender_est: null, einwohner: 50 } },
      { areaId: 'a', year: 2022, values: { auslaenderanteil: 12.5, auslaender_est: 25, einwohner: 200 } },
      { areaId: 'c', year: 2022, values: { auslaenderanteil: null, auslaender_est: null, einwohner: null } },
    ];
    const parquet = valuePartParquet(mini.indicators[0]!, rows);
    await ensureIndicatorsLoaded(engine, mini, ['auslaenderanteil'], async (p) => valuePartToArrowIPC(parquet, p));
    const got = await queryRows(engine, `SELECT area_id, value, num, den, below FROM observations WHERE site = 'mini' ORDER BY area_id`);
    expect(got).toEqual([
      { area_id: 'a', value: 12.5, num: 25, den: 200, below: null },
      { area_id: 'b', value: null, num: null, den: 50, below: 1 },
    ]);
    // The same rows from a values.csv with these cells.
    await engine.registerFile('mini.csv', new TextEncoder().encode('area_id,year,auslaenderanteil,auslaender_est,einwohner\na,2022,12.5,25,200\nb,2022,<1,,50\nc,2022,,,\n'));
    await engine.query(`CREATE TABLE IF NOT EXISTS indicators (site VARCHAR NOT NULL, id VARCHAR NOT NULL, unit VARCHAR, direction VARCHAR, agg VARCHAR NOT NULL, scale DOUBLE, label_de VARCHAR, label_en VARCHAR)`);
    await insertIndicators(engine, { ...mini, id: 'mini-csv' }, mini.indicators, 'mini.csv');
    expect(await queryRows(engine, `SELECT area_id, value, num, den, below FROM observations WHERE site = 'mini-csv' ORDER BY area_id`)).toEqual(got);
  });

  it('text goes into DuckDB byte for byte: area ids with umlauts and other scripts, numbers beside them', async () => {
    const { engine, mini } = await miniPartSite('mini-text');
    const ids = ['Görlitz-Königshufen', 'Łódź', 'Straße 7', '東京', 'a'];
    const rows = ids.map((areaId, i) => ({ areaId, year: 2020 + (i % 2), values: { auslaenderanteil: i === 2 ? null : i * 1.5, auslaender_est: i, einwohner: 100 + i } }));
    const parquet = valuePartParquet(mini.indicators[0]!, rows);
    await ensureIndicatorsLoaded(engine, mini, ['auslaenderanteil'], async (p) => valuePartToArrowIPC(parquet, p));
    const got = await queryRows(engine, `SELECT area_id, year, value, num, den FROM observations WHERE site = 'mini-text' ORDER BY area_id`);
    const expected = rows
      .map((r) => ({ area_id: r.areaId, year: r.year, value: r.values.auslaenderanteil, num: r.values.auslaender_est, den: r.values.einwohner }))
      .sort((a, b) => (a.area_id < b.area_id ? -1 : 1));
    expect(got).toEqual(expected);
  });
});
