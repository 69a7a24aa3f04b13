// Overlong tokens in worksheet XML (src/lib/io/import/sheet-xml.ts): texts are cut to
// Excel's 32,767 characters before read-excel-file parses the sheet, overlong
// markup is refused. The bad-input corpus (cases-tables.ts) runs the same
// through the whole import; here the cut itself and the sheet lookup.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { xlsxParts } from '../../scripts/lib/fixture-writers.mjs';
import { xlsx, zip } from './bad-input/build';
import { readWorkbook } from '../../src/lib/io/import/read-xlsx';
import { MAX_CELL_TEXT, scanSheetXml, sheetParts } from '../../src/lib/io/import/sheet-xml';
import { ImportError } from '../../src/lib/io/import/common';

const utf8 = (text: string) => new TextEncoder().encode(text);
const header = ['Nr', 'Ortsteil', 'Einwohner'];

afterEach(() => {
  vi.restoreAllMocks();
});

describe('cutting overlong cell texts', () => {
  it('keeps 32,766 characters and adds "…", counting as Excel does (UTF-16), never splitting a character or a reference', async () => {
    const texts = ['x'.repeat(10 << 20), 'ä'.repeat(40_000), '😀'.repeat(20_000), '&<'.repeat(20_000), `a${'😀'.repeat(20_000)}`];
    const rows = [header, ...texts.map((t, i) => [`0${i}`, t, i])];
    const [sheet] = await readWorkbook(xlsx([{ name: 'Daten', rows }]), 'lang.xlsx');
    const names = sheet!.rows.slice(1).map((r) => r[1] as string);
    expect(names[0]).toBe(`${'x'.repeat(32_766)}…`);
    expect(names[1]).toBe(`${'ä'.repeat(32_766)}…`);
    expect(names[2]).toBe(`${'😀'.repeat(16_383)}…`);
    expect(names[3]).toBe(`${'&<'.repeat(16_383)}…`);
    // an emoji (two code units) that would end at 32,767 is left out whole
    expect(names[4]).toBe(`a${'😀'.repeat(16_382)}…`);
    for (const n of names) expect(n.length).toBeLessThanOrEqual(MAX_CELL_TEXT);
    expect(sheet!.truncated).toEqual(['B2', 'B3', 'B4', 'B5', 'B6']);
    expect(sheet!.rows.slice(1).map((r) => r[2])).toEqual([0, 1, 2, 3, 4]);
  });

  it('leaves a text of exactly 32,767 characters (and the workbook) as it is', async () => {
    // 30,000 "&" are 150,000 bytes of "&amp;" in the XML, but 30,000 characters
    const rows = [header, ['00', 'y'.repeat(32_767), 1], ['01', '&'.repeat(30_000), 2]];
    const [sheet] = await readWorkbook(xlsx([{ name: 'Daten', rows }]), 'genau.xlsx');
    expect(sheet!.rows[1]![1]).toBe('y'.repeat(32_767));
    expect(sheet!.rows[2]![1]).toBe('&'.repeat(30_000));
    expect(sheet!.truncated).toBeUndefined();
  });

  it('delimits tokens as saxen does: a ">" in a quoted attribute belongs to the tag', () => {
    const xml = utf8(`<worksheet><sheetData><row r="2"><c r="B2" x="a>b" t="inlineStr"><is><t>${'z'.repeat(40_000)}</t></is></c><c r="C2"><v>1</v></c></row></sheetData></worksheet>`);
    const { cuts, longMarkup } = scanSheetXml(xml);
    expect(longMarkup).toBeNull();
    expect(cuts).toHaveLength(1);
    expect(cuts[0]!.cell).toBe('B2');
    expect(cuts[0]!.end - cuts[0]!.start).toBe(40_000);
  });

  it('cuts, but does not count as a cell, text between cells', () => {
    const xml = utf8(`<worksheet><sheetData><row r="2"><c r="B2"><v>1</v></c>${' '.repeat(40_000)}<c r="C2"><v>2</v></c></row></sheetData></worksheet>`);
    expect(scanSheetXml(xml).cuts.map((c) => c.cell)).toEqual([null]);
  });

  it('survives a machine so busy that every chunk of the sheet seems to take 8 ms (read-excel-file halves the chunks then)', async () => {
    let now = 0;
    vi.spyOn(Date, 'now').mockImplementation(() => (now += 8));
    const [sheet] = await readWorkbook(xlsx([{ name: 'Daten', rows: [header, ['00', 'x'.repeat(10 << 20), 1000]] }]), 'riesig.xlsx');
    expect(sheet!.rows[1]).toEqual(['00', `${'x'.repeat(32_766)}…`, 1000]);
  });
});

describe('finding the sheets', () => {
  it('maps sheets to their parts in workbook order, as read-excel-file resolves them', () => {
    const workbook = `<x:workbook xmlns:x="s" xmlns:rel="r"><x:sheets><x:sheet name="A &amp; B" sheetId="2" rel:id="rId7"/><x:sheet name="Zwei" sheetId="1" rel:id='rId1'/><x:sheet sheetId="3" rel:id="rId2"/></x:sheets></x:workbook>`;
    const rels = `<Relationships><Relationship Id="rId1" Type="t" Target="worksheets/sheet1.xml"/><Relationship Target="/xl/other/data.xml" Id="rId7" Type="t"/></Relationships>`;
    expect(sheetParts(workbook, rels)).toEqual([
      { name: 'A & B', part: 'xl/other/data.xml' },
      { name: 'Zwei', part: 'xl/worksheets/sheet1.xml' },
    ]);
  });

  it('scans a sheet outside xl/worksheets/ that the workbook points to, and names it in a refusal', async () => {
    const parts = (xlsxParts([{ name: 'Daten', rows: [header, ['00', 'Zentrum', 1000]] }]) as { name: string; data: Uint8Array }[]).map((p) => {
      const text = new TextDecoder().decode(p.data);
      if (p.name === 'xl/worksheets/sheet1.xml') return { name: 'xl/anders/blatt.xml', data: utf8(text.replace('<c r="B2"', `<!--${'-'.repeat(100_000)}--><c r="B2"`)) };
      return { name: p.name, data: utf8(text.replace('worksheets/sheet1.xml', '/xl/anders/blatt.xml')) };
    });
    const err = await readWorkbook(zip(parts), 'anders.xlsx').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).message).toBe('anders.xlsx: not a readable Excel workbook (sheet "Daten" holds XML markup of 100,007 bytes (at most 65,536 are read))');
  });
});
