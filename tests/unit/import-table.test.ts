import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { decodeText } from '../../src/lib/io/import/text-decode';
import { parseDelimited } from '../../src/lib/io/import/table/csv';
import { suggestMapping } from '../../src/lib/io/import/table/mapping';
import { defaultChoice, joinTable, normalizeName, type TableTarget } from '../../src/lib/io/import/table-join';
import { createLoadedEngine } from './helpers/node-engine';
import { insertIndicators } from '../../src/lib/db/schema';
import { findBundledSite } from '../../src/lib/data/catalog';
import { levelSeries } from '../../src/lib/db/queries';

const table = (name: string) => {
  const { text } = decodeText(new Uint8Array(readFileSync(new URL(`../fixtures/tables/${name}`, import.meta.url))));
  return parseDelimited(text).rows;
};
const areasCsv = readFileSync(new URL('../../data/leipzig/areas.csv', import.meta.url), 'utf8').trim().split('\n').slice(1);
const ORTSTEILE = areasCsv
  .map((l) => l.split(','))
  .filter((c) => c[2] === 'ortsteil')
  .map((c) => ({ id: c[0]!, name: c[1]! }));
const LEIPZIG: TableTarget = { siteId: 'leipzig', areas: ORTSTEILE, taken: findBundledSite('leipzig').indicators.map((i) => i.id) };

const run = (name: string, edit?: (rows: string[][]) => void) => {
  const rows = table(name);
  edit?.(rows);
  const suggestion = suggestMapping(rows);
  const choice = defaultChoice(suggestion, name, 2022)!;
  return joinTable(rows, suggestion, choice, LEIPZIG);
};

describe('joinTable on Leipzig’s Ortsteile', () => {
  it('restores the leading zeros Excel dropped ("0" → "00", "5" → "05")', () => {
    const { summary, indicators, valuesCsv } = run('lost-zeros.csv');
    expect(summary.rows).toBe(63);
    expect(summary.matched).toBe(63);
    expect(summary.padded).toBe(7); // "0"–"6" (Zentrum …); the next Ortsteile are 10–15
    expect(summary.unmatched).toEqual([]);
    expect(summary.areasWithoutData).toEqual([]);
    expect(indicators.map((i) => [i.label.de, i.unit])).toEqual([
      ['Einwohner', 'count'],
      ['Ausländeranteil', 'percent'],
    ]);
    expect(valuesCsv).toContain('\n00,2022,1901,30.67\n');
  });

  it('reads a wide table with dates as headers into one indicator with four years', () => {
    const { indicators, years, valuesCsv } = run('wide-dates.csv');
    expect(years).toEqual([2019, 2020, 2021, 2022]);
    expect(indicators).toHaveLength(1);
    expect(indicators[0]!.years).toEqual([2019, 2020, 2021, 2022]);
    expect(valuesCsv).toContain('\n00,2019,1833\n');
    expect(valuesCsv).toContain('\n00,2022,1901\n');
  });

  it('falls back to names (umlauts, ß, hyphens) and lists what stays unmatched, with row numbers', () => {
    const { summary } = run('lost-zeros.csv', (rows) => {
      rows[1]![0] = '999'; // Zentrum, wrong key → found by its name
      rows[2]![0] = '998';
      rows[2]![1] = 'Nirgendwo'; // neither key nor name
    });
    expect(summary.byName).toBe(1);
    expect(summary.padded).toBe(5); // "2"–"6"
    expect(summary.matched).toBe(62);
    expect(summary.unmatched).toEqual([{ row: 3, key: '998', name: 'Nirgendwo', reason: 'unknown' }]);
    expect(summary.areasWithoutData).toEqual([{ id: '01', name: 'Zentrum-Ost' }]);
    expect(normalizeName('Groß-Zschocher')).toBe(normalizeName('Großzschocher'));
    expect(normalizeName('St. Georg')).toBe(normalizeName('Sankt Georg'));
  });

  it('reads a long table and the values arrive in DuckDB next to the bundled indicators', async () => {
    const result = run('long-jahr.csv');
    expect(result.years.length).toBeGreaterThan(1);
    expect(result.summary.unmatched).toEqual([]);
    const engine = await createLoadedEngine();
    const site = findBundledSite('leipzig');
    const name = 'user/leipzig-ext/values-test.csv';
    await engine.registerFile(name, new TextEncoder().encode(result.valuesCsv));
    await insertIndicators(engine, site, result.indicators, name);
    const einwohner = result.indicators.find((i) => i.label.de === 'Einwohner')!;
    expect(einwohner.id).toBe('einwohner_'); // the bundled "einwohner" keeps its id
    const series = await levelSeries(engine, site, einwohner, 'ortsteil');
    const schleussig = series.find((r) => r.id === '50' && r.year === 2020);
    expect(schleussig?.value).toBe(12444);
  });
});

describe('Excel workbooks', () => {
  it('finds the data sheet, reads date headers as years and joins keys without leading zeros', async () => {
    const { readWorkbook } = await import('../../src/lib/io/import/read-xlsx');
    const { bestSheet } = await import('../../src/lib/io/import/table-join');
    const bytes = new Uint8Array(readFileSync(new URL('../fixtures/import/ortsteile-2022.xlsx', import.meta.url)));
    const sheets = await readWorkbook(bytes, 'ortsteile-2022.xlsx');
    expect(sheets.map((s) => s.name)).toEqual(['Hinweise', 'Daten 2022']);
    const sheet = bestSheet(sheets)!;
    expect(sheet.name).toBe('Daten 2022');
    expect(sheet.rows[2]).toEqual(['OT-Nr.', 'Ortsteil', '31.12.2021', '31.12.2022']);
    const suggestion = suggestMapping(sheet.rows);
    expect(suggestion.headerRow).toBe(2);
    expect(suggestion.shape).toBe('wide');
    const choice = defaultChoice(suggestion, 'ortsteile-2022.xlsx', 2000)!;
    const result = joinTable(sheet.rows, suggestion, choice, LEIPZIG);
    expect(result.summary.matched).toBe(4);
    expect(result.summary.padded).toBe(3);
    expect(result.years).toEqual([2021, 2022]);
    expect(result.indicators[0]!.label.de).toBe('ortsteile-2022');
    expect(result.valuesCsv).toContain('\n50,2022,12500\n');
    await expect(readWorkbook(new Uint8Array([1, 2, 3]), 'kaputt.xlsx')).rejects.toThrow(/kaputt\.xlsx: not a readable Excel workbook/);
  });
});
