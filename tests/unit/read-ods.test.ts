// OpenDocument spreadsheets (src/lib/io/import/read-ods.ts, ods-xml.ts): the same
// rows as the XLSX path for the same table (read-excel-file is the reference),
// LibreOffice's repeated cells and rows, cut texts, and the fixture
// tests/fixtures/import/einwohner-ortsteile.ods joined to Leipzig's Ortsteile.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ods, odsCell, odsContent, type OdsCell } from '../../scripts/lib/gpkg-ods-writers.mjs';
import { xlsx } from './bad-input/build';
import { readOds } from '../../src/lib/io/import/read-ods';
import { readOdsContent } from '../../src/lib/io/import/ods-xml';
import { readWorkbook } from '../../src/lib/io/import/read-xlsx';
import { parseImport } from '../../src/lib/io/import/parse-import';
import { defaultChoice, joinTable } from '../../src/lib/io/import/table-join';
import { MAX_CELL_TEXT } from '../../src/lib/io/import/sheet-xml';

const date = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
/** As a city's statistics office writes it: title row, empty row, header with date years, text keys. */
const TABLE: OdsCell[][] = [
  ['Einwohner in den Ortsteilen'],
  [],
  ['OT-Nr.', 'Ortsteil', date(2021, 12, 31), date(2022, 12, 31)],
  ['00', 'Zentrum', 1878, 1901],
  ['01', 'Zentrum-Ost', 6041, 6114],
  ['02', 'Zentrum-Südost', 15043, 15226],
  ['50', 'Schleußig', 12400.5, null],
];
const table = (rows: OdsCell[][]) => rows.map((r) => (r.length === 0 ? [null] : r)) as OdsCell[][];

describe('the same rows as the XLSX path', () => {
  it('title rows, date headers, numbers, umlauts: cell for cell what read-excel-file gives for the same workbook', async () => {
    const [fromOds] = await readOds(ods([{ name: 'Daten 2022', rows: table(TABLE) }]), 'e.ods');
    // the XLSX writer has no text keys with a type: "00" is written as an inline string there too
    const [fromXlsx] = await readWorkbook(xlsx([{ name: 'Daten 2022', rows: table(TABLE) as (string | number | Date | null)[][] }]), 'e.xlsx');
    expect(fromOds).toEqual(fromXlsx);
    expect(fromOds!.rows[2]).toEqual(['OT-Nr.', 'Ortsteil', '31.12.2021', '31.12.2022']);
    expect(fromOds!.rows[3]).toEqual(['00', 'Zentrum', 1878, 1901]);
  });

  it('several sheets in order, LibreOffice trailing repeats counted, not expanded', async () => {
    const sheets = await readOds(ods([{ name: 'Hinweise', rows: [['Quelle: Stadt']] }, { name: 'Daten', rows: table(TABLE) }]), 'e.ods');
    expect(sheets.map((s) => [s.name, s.rows.length, s.rows[0]!.length])).toEqual([
      ['Hinweise', 1, 1],
      ['Daten', 7, 4],
    ]);
  });

  it('percentages, currency and formulas by their values; booleans; text keys stay text, float keys numbers', () => {
    const cells: OdsCell[] = ['01', 1, { percent: 0.125 }, { formula: 'of:=[.B1]*2', value: 2 }, true, { xml: '<table:table-cell office:value-type="currency" office:currency="EUR" office:value="12.5"><text:p>12,50 €</text:p></table:table-cell>' }];
    const [sheet] = readOdsContent(odsContent([{ name: 'A', rows: [cells], trailing: false }]));
    expect(sheet!.rows).toEqual([['01', 1, 0.125, 2, 'TRUE', 12.5]]);
  });

  it('paragraphs, spaces (text:s), tabs, spans and line breaks as the text shows; comments on cells left out', () => {
    const xml = [
      '<table:table-cell office:value-type="string"><text:p>Leipzig <text:span text:style-name="T1">Süd</text:span><text:s text:c="2"/>Ost</text:p><text:p>zweite&#x20;Zeile</text:p></table:table-cell>',
      '<table:table-cell office:value-type="string"><office:annotation><dc:creator>A</dc:creator><text:p>ein Kommentar</text:p></office:annotation><text:p>a<text:tab/>b<text:line-break/>c</text:p></table:table-cell>',
      '<table:table-cell><text:p>ohne Typ</text:p></table:table-cell>',
    ];
    const [sheet] = readOdsContent(odsContent([{ name: 'A', rows: [xml.map((x) => ({ xml: x }))], trailing: false }]));
    expect(sheet!.rows[0]).toEqual(['Leipzig Süd  Ost\nzweite Zeile', 'a\tb\nc', 'ohne Typ']);
  });

  it('merged cells: the covered cells are empty, as in Excel; hidden rows are read, as in Excel', () => {
    const merged = '<table:table-cell table:number-columns-spanned="2" office:value-type="string"><text:p>Einwohner</text:p></table:table-cell><table:covered-table-cell/>';
    const content = odsContent([{ name: 'A', rows: [[{ xml: merged }, 'x'], ['00', 1]], trailing: false }]).replace(
      '<table:table-row table:style-name="ro1"><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>00',
      '<table:table-row table:visibility="collapse"><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>00',
    );
    expect(readOdsContent(content)[0]!.rows).toEqual([
      ['Einwohner', null, 'x'],
      ['00', 1, null],
    ]);
  });

  it('repeated cells and rows with values are written out; empty ones only before a value', () => {
    const row = (cells: string) => `<table:table-row>${cells}</table:table-row>`;
    const content = odsContent([{ name: 'A', rows: [], trailing: false }]).replace(
      '</table:table>',
      row('<table:table-cell table:number-columns-repeated="2" office:value-type="float" office:value="7"/><table:table-cell table:number-columns-repeated="3"/><table:table-cell office:value-type="float" office:value="1"/>') +
        '<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>' +
        '<table:table-row table:number-rows-repeated="2"><table:table-cell office:value-type="string"><text:p>w</text:p></table:table-cell></table:table-row>' +
        '</table:table>',
    );
    expect(readOdsContent(content)[0]!.rows).toEqual([
      [7, 7, null, null, null, 1],
      [null, null, null, null, null, null],
      [null, null, null, null, null, null],
      ['w', null, null, null, null, null],
      ['w', null, null, null, null, null],
    ]);
  });

  it('cuts a text longer than Excel allows to 32,766 characters and "…", and names the cell', async () => {
    const [sheet] = await readOds(ods([{ name: 'A', rows: [['Nr', 'Text'], ['00', 'x'.repeat(10 << 20)], ['01', 'ä'.repeat(MAX_CELL_TEXT)]] }]), 'lang.ods');
    expect(sheet!.rows[1]![1]).toBe(`${'x'.repeat(MAX_CELL_TEXT - 1)}…`);
    expect(sheet!.rows[2]![1]).toBe('ä'.repeat(MAX_CELL_TEXT));
    expect(sheet!.truncated).toEqual(['B2']);
  });
});

describe('the fixture joined to Leipzig', () => {
  it('finds the data sheet, its title row and year, and joins all 63 Ortsteile by their text keys', async () => {
    const bytes = new Uint8Array(readFileSync('tests/fixtures/import/einwohner-ortsteile.ods'));
    const parsed = await parseImport([{ name: 'einwohner-ortsteile.ods', bytes }]);
    if (parsed.kind !== 'table') throw new Error(`expected a table, got ${parsed.kind}`);
    expect(parsed.sheets.map((s) => s.name)).toEqual(['Hinweise', 'Einwohner 2022']);
    expect(parsed.sheet).toBe('Einwohner 2022');
    expect(parsed.suggestion.headerRow).toBe(2);
    expect(parsed.suggestion.columns.map((c) => [c.header, c.role, c.year])).toEqual([
      ['OT-Nr.', 'key', null],
      ['Ortsteil', 'name', null],
      ['31.12.2022', 'indicator', 2022],
    ]);
    const areas = JSON.parse(readFileSync('data/leipzig/ortsteil.geojson', 'utf8')).features.map((f: { properties: { id: string; name: string } }) => f.properties);
    const rows = parsed.sheets.find((s) => s.name === parsed.sheet)!.rows;
    const choice = defaultChoice(parsed.suggestion, parsed.fileName, 2024)!;
    const join = joinTable(rows, parsed.suggestion, choice, { siteId: 'leipzig', areas, taken: ['einwohner'] });
    expect(join.summary.matched).toBe(63);
    expect(join.summary.unmatched).toEqual([]);
    expect(join.valuesCsv).toMatch(/^00,2022,1901$/m);
  });
});

describe('refusals name what is wrong', () => {
  it('a value in a row beyond Excel\'s columns, a cell repeated a million times', () => {
    const cell = odsCell(5).replace('<table:table-cell ', '<table:table-cell table:number-columns-repeated="1000000" ');
    expect(() => readOdsContent(odsContent([{ name: 'Blatt', rows: [[{ xml: cell }]], trailing: false }]))).toThrow(
      'sheet "Blatt", row 1 has a value beyond column 16,384 (at most 16,384 columns are read)',
    );
  });

  it('truncated content.xml, and a mimetype that is not a spreadsheet', async () => {
    const content = odsContent([{ name: 'A', rows: table(TABLE) }]);
    await expect(readOds(ods([], { content: content.slice(0, content.length / 2) }), 't.ods')).rejects.toThrow(/^t\.ods: not a readable OpenDocument spreadsheet \(content\.xml: the XML is truncated/);
    await expect(readOds(ods([{ name: 'A', rows: [['x']] }], { mimetype: 'application/vnd.oasis.opendocument.text' }), 'brief.ods')).rejects.toThrow(
      'brief.ods: not a readable OpenDocument spreadsheet (its type is application/vnd.oasis.opendocument.text, not a spreadsheet)',
    );
  });
});
