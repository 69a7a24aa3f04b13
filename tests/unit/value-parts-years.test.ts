// Value parts read year by year (one row group per year, read by range requests) with the real Kreise
// data (400 Kreise, up to 32 years; written here as parts the way a site of more than 1,000 areas
// ships them): a year read alone gives exactly the rows of that year, a question about every year
// gets all of them, no row group is read twice (also when asked at the same time), and the value
// cache's one-year answers equal the answers of the whole file.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { csvParse } from 'd3-dsv';
import { parquetMetadata } from 'hyparquet';
import type { Site } from '../../src/lib/data/catalog-types';
import { findBundledSite, findIndicator } from '../../src/lib/data/catalog';
import { VALUE_PARTS_ROW_GROUPS } from '../../src/lib/data/site-package.js';
import { queryRows, type Engine } from '../../src/lib/db/engine';
import { loadSiteData } from '../../src/lib/db/load';
import { ensureIndicatorsLoaded, isIndicatorComplete, type ReadPart } from '../../src/lib/db/value-parts';
import { levelSeries } from '../../src/lib/db/queries';
import { ValueCache } from '../../src/lib/state/value-cache';
import { valuePartPiecesToArrowIPC, valuePartToArrowIPC } from '../../src/lib/io/value-part';
import { readPartYears, rowGroupYears } from '../../src/lib/io/value-part-range';
import { valueParts } from '../../scripts/lib/value-parts.mjs';
import { createNodeEngine, dataDir, rangeReader, readDataFile } from './helpers/node-engine';

const kreise = findBundledSite('kreise');
const wide = csvParse(readFileSync(dataDir + kreise.values, 'utf8'));
const rows = wide.map((r) => ({
  areaId: r.area_id!,
  year: Number(r.year),
  values: Object.fromEntries(wide.columns.slice(2).map((c) => [c, r[c] === '' ? null : Number(r[c])])),
}));

/** Kreise with its values as parts by year, under its own id (each test its own, so footers are read afresh). */
function partSite(id: string): { site: Site; files: Record<string, Uint8Array> } {
  const parts = valueParts(id, kreise.indicators, rows);
  return { site: { ...kreise, id, valueParts: parts.entry as Site['valueParts'] }, files: parts.bytes };
}

/** Reads parts from memory as the browser does (range requests), logging each range per file. */
function reader(files: Record<string, Uint8Array>, log: Record<string, [number, number][]>, whole = false): ReadPart {
  return async (path, size, request) => {
    const bytes = files[path]!;
    if (!request || size === undefined) return valuePartToArrowIPC(bytes, path);
    const pieces = await readPartYears(path, size, request, rangeReader(bytes, (log[path] ??= []), whole));
    return pieces && valuePartPiecesToArrowIPC(pieces, path);
  };
}

const OBS = (site: string, ind: string, where = '') =>
  `SELECT area_id, ind, year, value, num, den, below FROM observations WHERE site = '${site}' AND ind = '${ind}' ${where} ORDER BY area_id, year`;

describe('value parts by year (Kreise data)', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createNodeEngine();
    await loadSiteData(engine, kreise, readDataFile);
  }, 60_000);

  it('the writer makes one row group per year, in year order, named by the year statistics', () => {
    const { site, files } = partSite('kp-files');
    expect(site.valueParts!.rowGroups).toBe(VALUE_PARTS_ROW_GROUPS);
    for (const ind of kreise.indicators) {
      const bytes = files[site.valueParts!.files[ind.id]!]!;
      expect(site.valueParts!.sizes![ind.id]).toBe(bytes.byteLength);
      const meta = parquetMetadata(bytes.slice().buffer);
      const years = rowGroupYears(meta, ind.id);
      expect(years).toEqual([...years].sort((a, b) => a - b));
      expect(new Set(years).size).toBe(years.length);
      // Every year with a value of the indicator has its group (ind.years comes from the same rows).
      for (const y of ind.years) expect(years).toContain(y);
    }
  });

  it('one year read alone is exactly that year of values.csv; the footer and that row group are all that is read', async () => {
    const { site, files } = partSite('kp-year');
    await loadSiteData(engine, site, readDataFile);
    const log: Record<string, [number, number][]> = {};
    const ind = findIndicator(site, 'arbeitslosenquote');
    const year = ind.years[Math.floor(ind.years.length / 2)]!;
    await ensureIndicatorsLoaded(engine, site, [ind.id], reader(files, log), [year]);
    const got = await queryRows(engine, OBS('kp-year', ind.id));
    const expected = await queryRows(engine, OBS('kreise', ind.id, `AND year = ${year}`));
    expect(expected.length).toBeGreaterThan(300);
    expect(got).toEqual(expected);
    const path = site.valueParts!.files[ind.id]!;
    const ranges = log[path]!;
    expect(ranges).toHaveLength(2); // footer, then the year's row group
    const read = ranges.reduce((n, [a, b]) => n + b - a, 0);
    expect(read).toBeLessThan(files[path]!.byteLength / 3);
    expect(isIndicatorComplete(engine, 'kp-year', ind.id)).toBe(false);
  });

  it('a question about every year then reads the other years once: all rows, none twice, no group read again', async () => {
    const { site, files } = partSite('kp-all');
    await loadSiteData(engine, site, readDataFile);
    const log: Record<string, [number, number][]> = {};
    const read = reader(files, log);
    const ind = findIndicator(site, 'langzeitarbeitslose_anteil');
    const [y1, y2] = [ind.years[0]!, ind.years.at(-1)!];
    await ensureIndicatorsLoaded(engine, site, [ind.id], read, [y1, y2]);
    await ensureIndicatorsLoaded(engine, site, [ind.id], read);
    expect(isIndicatorComplete(engine, 'kp-all', ind.id)).toBe(true);
    expect(await queryRows(engine, OBS('kp-all', ind.id))).toEqual(await queryRows(engine, OBS('kreise', ind.id)));
    const ranges = log[site.valueParts!.files[ind.id]!]!;
    // The footer once (the first read); the data ranges do not overlap.
    const data = ranges.slice(1).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < data.length; i++) expect(data[i]![0]).toBeGreaterThanOrEqual(data[i - 1]![1]);
    // The footer's read brought the file's last bytes along: they are not fetched again.
    for (const [, end] of data) expect(end).toBeLessThanOrEqual(ranges[0]![0]);
    // Asked again, by year or whole: nothing more is read.
    const before = ranges.length;
    await ensureIndicatorsLoaded(engine, site, [ind.id], read, [y1, ind.years[3]!]);
    await ensureIndicatorsLoaded(engine, site, [ind.id], read);
    expect(ranges.length).toBe(before);
  });

  it('years and every year asked at the same time (several views at once) insert each observation once', async () => {
    const { site, files } = partSite('kp-same');
    await loadSiteData(engine, site, readDataFile);
    const read = reader(files, {});
    const ids = ['einwohner', 'auslaenderanteil', 'bip_je_ew'];
    const y = 2015;
    await Promise.all([
      ensureIndicatorsLoaded(engine, site, ids, read, [y]),
      ensureIndicatorsLoaded(engine, site, ids, read),
      ensureIndicatorsLoaded(engine, site, ids.slice(0, 1), read, [y, y + 1]),
      ensureIndicatorsLoaded(engine, site, ids, read),
    ]);
    for (const id of ids) expect(await queryRows(engine, OBS('kp-same', id))).toEqual(await queryRows(engine, OBS('kreise', id)));
  });

  it('a year asked while every year is being read waits for its own row group only', async () => {
    const { site, files } = partSite('kp-jump');
    await loadSiteData(engine, site, readDataFile);
    const good = reader(files, {});
    const ind = findIndicator(site, 'einwohner');
    const [first, last] = [ind.years[0]!, ind.years.at(-1)!];
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    // The read of every year is held at its first year.
    const gated: ReadPart = async (path, size, request) => {
      if (request?.years?.includes(first)) await gate;
      return good(path, size, request);
    };
    let allDone = false;
    const all = ensureIndicatorsLoaded(engine, site, [ind.id], gated).then(() => (allDone = true));
    await ensureIndicatorsLoaded(engine, site, [ind.id], gated, [last]);
    expect(allDone).toBe(false);
    expect(await queryRows(engine, OBS('kp-jump', ind.id))).toEqual(await queryRows(engine, OBS('kreise', ind.id, `AND year = ${last}`)));
    release();
    await all;
    expect(await queryRows(engine, OBS('kp-jump', ind.id))).toEqual(await queryRows(engine, OBS('kreise', ind.id)));
  });

  it('a server that ignores Range (sends the whole file) gives the same rows', async () => {
    const { site, files } = partSite('kp-whole');
    await loadSiteData(engine, site, readDataFile);
    const read = reader(files, {}, true);
    await ensureIndicatorsLoaded(engine, site, ['medianalter'], read, [2010]);
    expect(await queryRows(engine, OBS('kp-whole', 'medianalter'))).toEqual(await queryRows(engine, OBS('kreise', 'medianalter', 'AND year = 2010')));
    await ensureIndicatorsLoaded(engine, site, ['medianalter'], read);
    expect(await queryRows(engine, OBS('kp-whole', 'medianalter'))).toEqual(await queryRows(engine, OBS('kreise', 'medianalter')));
  });

  it('a failed year is forgotten: nothing inserted, the next ask reads it', async () => {
    const { site, files } = partSite('kp-fail');
    await loadSiteData(engine, site, readDataFile);
    const good = reader(files, {});
    let fail = true;
    const flaky: ReadPart = async (path, size, request) => {
      if (fail) throw new Error(`Could not load ${path}: HTTP 503`);
      return good(path, size, request);
    };
    await expect(ensureIndicatorsLoaded(engine, site, ['pkw_je_1000'], flaky, [2012])).rejects.toThrow(/"pkw_je_1000".*HTTP 503/);
    expect(await queryRows(engine, OBS('kp-fail', 'pkw_je_1000'))).toEqual([]);
    await expect(ensureIndicatorsLoaded(engine, site, ['pkw_je_1000'], flaky)).rejects.toThrow(/HTTP 503/);
    expect(isIndicatorComplete(engine, 'kp-fail', 'pkw_je_1000')).toBe(false);
    fail = false;
    await ensureIndicatorsLoaded(engine, site, ['pkw_je_1000'], flaky, [2012]);
    await ensureIndicatorsLoaded(engine, site, ['pkw_je_1000'], flaky);
    expect(await queryRows(engine, OBS('kp-fail', 'pkw_je_1000'))).toEqual(await queryRows(engine, OBS('kreise', 'pkw_je_1000')));
  });

  it('the value cache: a one-year answer equals that year of the whole answer at every level; get() then has every year', async () => {
    const { site, files } = partSite('kp-cache');
    const asked: (number[] | undefined)[] = [];
    const read = reader(files, {});
    const cache = new ValueCache(
      engine,
      (s) => loadSiteData(engine, s, readDataFile),
      (s, ids, years) => {
        asked.push(years ? [...years] : undefined);
        return ensureIndicatorsLoaded(engine, s, ids, read, years);
      },
    );
    const ind = findIndicator(site, 'arbeitslosenquote'); // a ratio: upper levels from Σ numerator / Σ denominator
    const year = 2018;
    for (const level of site.levels) {
      const rows = await cache.yearRows(site, level.id, ind, year);
      const whole = await levelSeries(engine, kreise, ind, level.id);
      const expected = whole.filter((r) => r.year === year);
      expect(expected.length).toBeGreaterThan(0);
      expect(rows).toEqual(expected);
    }
    expect(asked.every((a) => a?.length === 1 && a[0] === year)).toBe(true);
    expect(isIndicatorComplete(engine, 'kp-cache', ind.id)).toBe(false);
    // Every year: the whole answer, not the one year held.
    const data = await cache.get(site, 'land', ind);
    expect([...data.byArea.values()].flat()).toEqual(await levelSeries(engine, kreise, ind, 'land'));
    expect(data.byYear.size).toBe(ind.years.length);
    expect(asked.at(-1)).toBeUndefined();
    // With the whole answer held, yearRows leaves the answer to get().
    expect(await cache.yearRows(site, 'land', ind, year)).toBeNull();
    // A site without parts by year is answered by get() as before.
    expect(await cache.yearRows(kreise, 'land', ind, year)).toBeNull();
  });
});
