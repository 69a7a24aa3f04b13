import { describe, expect, it } from 'vitest';
import readXlsxFile from 'read-excel-file/node';
import { unzip } from 'but-unzip';
import { buildXlsx, columnWidths, safeSheetNames, sheetData, toXlsxCell, type ExportTable } from '../../src/lib/io/export/xlsx-export';

const INJECTED = '=HYPERLINK("http://evil.example","klick")';

const data: ExportTable = {
  sheet: 'Daten',
  columns: ['Gebiets-ID', 'Name', 'Jahr', 'Wert'],
  rows: [
    ['14713000-01', 'Zentrum-Süd', 2022, 1234.5],
    ['14713000-02', 'Großzschocher', 2022, null],
    ['14713000-03', INJECTED, 2022, -3],
    ['14713000-04', '+49 341 123456', 2022, 0],
    ['14713000-05', '@SUM(A1)', 2022, Number.NaN],
  ],
  numberFormats: [null, null, '0', '#,##0.0'],
};

const meta: ExportTable = {
  sheet: 'Metadaten',
  columns: ['Feld', 'Wert'],
  rows: [
    ['Indikator', 'Arbeitslosenquote'],
    ['Einheit', '%'],
    ['Quelle', 'Stadt Leipzig, Amt für Statistik und Wahlen'],
    ['Lizenz', 'dl-de/by-2-0'],
    ['Gebiet', 'A & B <Nord>'],
    ['Ansicht', 'https://example.org/#site=leipzig&ind=alq&year=2022'],
  ],
};

async function entries(bytes: Uint8Array): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const item of unzip(bytes)) out.set(item.filename, new TextDecoder().decode(await item.read()));
  return out;
}

describe('buildXlsx', () => {
  it('writes two sheets that read back with names, header, numbers, empty cells, literal text and umlauts', async () => {
    const bytes = await buildXlsx([data, meta]);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]); // "PK": a zip

    const sheets = await readXlsxFile(Buffer.from(bytes));
    expect(sheets.map((s) => s.sheet)).toEqual(['Daten', 'Metadaten']);

    const [daten, metadaten] = sheets;
    expect(daten!.data[0]).toEqual(['Gebiets-ID', 'Name', 'Jahr', 'Wert']);
    expect(daten!.data[1]).toEqual(['14713000-01', 'Zentrum-Süd', 2022, 1234.5]);
    expect(typeof daten!.data[1]![3]).toBe('number');
    // Missing stays missing: an empty cell, never 0.
    expect(daten!.data[2]![1]).toBe('Großzschocher');
    expect(daten!.data[2]![3]).toBeNull();
    // Formula-like text is the literal text.
    expect(daten!.data[3]![1]).toBe(INJECTED);
    expect(daten!.data[3]![3]).toBe(-3);
    expect(daten!.data[4]![1]).toBe('+49 341 123456');
    expect(daten!.data[4]![3]).toBe(0);
    // NaN is not a number Excel knows: written as empty.
    expect(daten!.data[5]![1]).toBe('@SUM(A1)');
    expect(daten!.data[5]![3]).toBeNull();

    expect(metadaten!.data[0]).toEqual(['Feld', 'Wert']);
    expect(metadaten!.data[3]).toEqual(['Quelle', 'Stadt Leipzig, Amt für Statistik und Wahlen']);
    expect(metadaten!.data[5]![1]).toBe('A & B <Nord>');
    expect(metadaten!.data[6]![1]).toBe('https://example.org/#site=leipzig&ind=alq&year=2022');
  });

  it('never writes a formula element; text is a shared string, numbers carry their format', async () => {
    const files = await entries(await buildXlsx([data, meta]));
    const sheet1 = files.get('xl/worksheets/sheet1.xml')!;
    const sheet2 = files.get('xl/worksheets/sheet2.xml')!;
    expect(sheet1).toBeDefined();
    expect(sheet1).not.toMatch(/<f[\s>]/);
    expect(sheet2).not.toMatch(/<f[\s>]/);
    const shared = files.get('xl/sharedStrings.xml')!;
    expect(shared).toContain('<t>=HYPERLINK("http://evil.example","klick")</t>');
    expect(shared).toContain('<t>A &amp; B &lt;Nord&gt;</t>');
    // The injected string's cell is a shared-string cell (t="s").
    expect(sheet1).toMatch(/<c r="B4"[^>]*t="s"/);
    // The number format reached the styles.
    expect(files.get('xl/styles.xml')).toContain('formatCode="#,##0.0"');
    // Bold header font exists.
    expect(files.get('xl/styles.xml')).toMatch(/<b\s*\/>/);
    // Column widths are set.
    expect(sheet1).toMatch(/<col [^>]*width="/);
  });

  it('rejects an empty list of tables', async () => {
    await expect(buildXlsx([])).rejects.toThrow(/at least one table/);
  });
});

describe('xlsx helpers', () => {
  it('keeps numbers as numbers and everything else as text', () => {
    expect(toXlsxCell(-3)).toEqual({ value: -3, type: Number });
    expect(toXlsxCell(1.5, '#,##0.0')).toEqual({ value: 1.5, type: Number, format: '#,##0.0' });
    expect(toXlsxCell('-3')).toEqual({ value: '-3', type: String });
    expect(toXlsxCell(null)).toBeNull();
    expect(toXlsxCell(Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('makes sheet names valid and unique', () => {
    expect(safeSheetNames(['Daten', 'daten', 'A/B: [x]?', '', 'x'.repeat(40)])).toEqual([
      'Daten',
      'daten (2)',
      'A_B_ _x__',
      'Sheet4',
      'x'.repeat(31),
    ]);
  });

  it('bolds the header, pads short rows, and sizes columns by content', () => {
    const rows = sheetData({ sheet: 's', columns: ['a', 'b'], rows: [['x']] });
    expect(rows[0]).toEqual([
      { value: 'a', type: String, fontWeight: 'bold' },
      { value: 'b', type: String, fontWeight: 'bold' },
    ]);
    expect(rows[1]).toEqual([{ value: 'x', type: String }, null]);
    const widths = columnWidths({ sheet: 's', columns: ['id', 'Name'], rows: [['1', 'Ein sehr langer Gebietsname'], ['2', 'x'.repeat(200)]] });
    expect(widths[0]).toBe(6);
    expect(widths[1]).toBe(60);
  });
});
