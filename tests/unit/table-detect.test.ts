import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MISSING_MARKERS } from '../../src/lib/data/missing-markers';
import { decodeText, decodeWindows1252 } from '../../src/lib/io/import/text-decode';
import { TABLE_MISSING_MARKERS, columnLetter, formatIssue, type Cell } from '../../src/lib/io/import/table/cells';
import { detectDataEnd, detectHeaderRow } from '../../src/lib/io/import/table/header';
import { headerStem, headerYear } from '../../src/lib/io/import/table/years';
import { inferKeyWidth, padKey } from '../../src/lib/io/import/table/keys';
import { parseDelimited } from '../../src/lib/io/import/table/csv';
import { parseNumber, parseNumberColumn } from '../../src/lib/io/import/table/numbers';
import { suggestMapping, type TableSuggestion } from '../../src/lib/io/import/table/mapping';
import { unitFromHeader } from '../../src/lib/io/import/table/header-words';

// Fixtures are written by scripts/fixtures-tables.mjs.
const DIR = path.resolve(import.meta.dirname, '../fixtures/tables');
const bytesOf = (name: string) => new Uint8Array(fs.readFileSync(path.join(DIR, name)));

function load(name: string) {
  const decoded = decodeText(bytesOf(name));
  const parsed = parseDelimited(decoded.text);
  return { ...decoded, ...parsed, suggestion: suggestMapping(parsed.rows) };
}

/** Roles in column order, e.g. ["key", "name", "indicator"]. */
const roles = (s: TableSuggestion) => s.columns.map((c) => c.role);
const units = (s: TableSuggestion) => s.columns.map((c) => c.unit);
/** The parsed values of an indicator column by row key. */
function valuesByKey(rows: string[][], s: TableSuggestion, column: number): Record<string, number | null> {
  const parsed = parseNumberColumn(s.dataRows.map((r) => rows[r]![column] ?? null), { decimal: s.columns[column]!.decimal });
  return Object.fromEntries(s.dataRows.map((r, i) => [rows[r]![s.keyColumn!]!, parsed.values[i]!.value]));
}

const ALL_FIXTURES = [
  'cp1252-semicolon.csv',
  'utf8-bom.csv',
  'english-comma.csv',
  'unicode-text.txt',
  'title-rows.csv',
  'wide-dates.csv',
  'wide-stems.csv',
  'long-jahr.csv',
  'lost-zeros.csv',
  'markers.csv',
  'broken.csv',
];

describe('fixtures', () => {
  it('are all present (regenerate with node scripts/fixtures-tables.mjs)', () => {
    const files = fs.readdirSync(DIR).filter((f) => f !== 'README.md').sort();
    expect(files).toEqual([...ALL_FIXTURES].sort());
  });
});

describe('decodeText', () => {
  it('reads Windows-1252 when the bytes are no valid UTF-8, umlauts and ß survive', () => {
    const bytes = bytesOf('cp1252-semicolon.csv');
    expect(bytes.includes(0xf6)).toBe(true); // "ö" as a single byte
    const { text, encoding } = decodeText(bytes);
    expect(encoding).toBe('windows-1252');
    expect(text.startsWith('Ortsteil-Nr.;Ortsteil;Größte Straße;Größe in ha;')).toBe(true);
    expect(text).toContain('43;Lößnig;Lößniger Straße;');
    expect(text).not.toContain('\uFFFD');
  });

  it('maps the Windows-1252 bytes 0x80–0x9F (dashes, ellipsis, euro)', () => {
    const { text, encoding } = decodeText(bytesOf('markers.csv'));
    expect(encoding).toBe('windows-1252');
    expect(text).toContain(';–;');
    expect(text).toContain(';—;');
    expect(text).toContain(';…');
    expect(text).toContain('Schönau');
    expect(decodeWindows1252(Uint8Array.from([0x80, 0x96, 0x97, 0x85, 0x84, 0x93, 0xe4, 0xdf]))).toBe('€–—…„“äß');
  });

  it('removes a UTF-8 BOM and keeps umlauts', () => {
    const bytes = bytesOf('utf8-bom.csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { text, encoding } = decodeText(bytes);
    expect(encoding).toBe('utf-8');
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text.startsWith('Schlüssel;Gebiet;')).toBe(true);
    expect(text).toContain('Schönefeld-Abtnaundorf');
  });

  it('reads UTF-8 without BOM as UTF-8', () => {
    const { text, encoding } = decodeText(bytesOf('title-rows.csv'));
    expect(encoding).toBe('utf-8');
    expect(text.startsWith('Bevölkerung in den Ortsteilen des Stadtbezirks Süd')).toBe(true);
  });

  it('reads Excel "Unicode-Text" (UTF-16LE with BOM) and UTF-16BE', () => {
    const { text, encoding } = decodeText(bytesOf('unicode-text.txt'));
    expect(encoding).toBe('utf-16le');
    expect(text.startsWith('Stadtbezirk\tName\t')).toBe(true);
    expect(text).toContain('3\tSüdost\t');
    const be = Uint8Array.from([0xfe, 0xff, 0x00, 0x4c, 0x00, 0xf6, 0x00, 0xdf]);
    expect(decodeText(be)).toEqual({ text: 'Löß', encoding: 'utf-16be' });
  });

  it('reads plain ASCII as UTF-8 and lets a UTF-8 BOM win over broken bytes', () => {
    expect(decodeText(new TextEncoder().encode('a;b\r\n1;2'))).toEqual({ text: 'a;b\r\n1;2', encoding: 'utf-8' });
    const broken = Uint8Array.from([0xef, 0xbb, 0xbf, 0x61, 0xf6, 0x62]);
    expect(decodeText(broken)).toEqual({ text: 'a\uFFFDb', encoding: 'utf-8' });
    expect(decodeText(new Uint8Array())).toEqual({ text: '', encoding: 'utf-8' });
  });
});

describe('parseDelimited', () => {
  it.each([
    ['cp1252-semicolon.csv', ';'],
    ['utf8-bom.csv', ';'],
    ['english-comma.csv', ','],
    ['unicode-text.txt', '\t'],
    ['title-rows.csv', ';'],
    ['wide-dates.csv', ';'],
    ['wide-stems.csv', ';'],
    ['long-jahr.csv', ';'],
    ['lost-zeros.csv', ';'],
    ['markers.csv', ';'],
    ['broken.csv', ';'],
  ] as const)('detects the delimiter of %s', (name, delimiter) => {
    expect(load(name).delimiter).toBe(delimiter);
  });

  it('handles quotes, doubled quotes and line breaks inside quotes (English CSV)', () => {
    const { rows } = load('english-comma.csv');
    expect(rows).toHaveLength(9); // header + 8; the quoted line break does not start a row
    expect(rows.every((r) => r.length === 6)).toBe(true);
    expect(rows[1]).toEqual(['01001', 'Flensburg, Stadt', '92,550', '7.4', '1,834.50', '']);
    expect(rows[2]).toEqual(['01002', 'Kiel, "Landeshauptstadt"', '247,717', '7.9', '1,921.25', 'revised\nfigure']);
  });

  it('keeps field counts of broken rows and a quoted ";" in one field', () => {
    const { rows } = load('broken.csv');
    expect(rows.map((r) => r.length)).toEqual([4, 4, 4, 4, 5, 3, 4, 4, 4]);
    expect(rows[8]).toEqual(['10', 'Schönefeld-Abtnaundorf; Nord', '13.885', '20,97']);
  });

  it('splits CRLF, keeps empty lines as rows (row i = Excel row i + 1), adds no row for the final line break', () => {
    const { rows } = parseDelimited('a;b\r\n\r\n"x\r\ny";"say ""hi"""\r\n1;\r\n');
    expect(rows).toEqual([['a', 'b'], [''], ['x\r\ny', 'say "hi"'], ['1', '']]);
  });

  it('does not take decimal commas for delimiters', () => {
    expect(parseDelimited('Name;Wert;Anteil\nA;1,5;12,25\nB;2,5;3,75\n').delimiter).toBe(';');
    expect(parseDelimited('Name,Wert\nA,1.5\nB,2.5\n').delimiter).toBe(',');
    expect(parseDelimited('Name\tWert,Anteil\nA\t1,5\n').delimiter).toBe('\t');
  });

  it('honours a given delimiter, drops a BOM and Excel\'s "sep=" line', () => {
    expect(parseDelimited('a;b,c\n1;2,3', ',').rows).toEqual([['a;b', 'c'], ['1;2', '3']]);
    expect(parseDelimited('\uFEFFa;b\n1;2').rows[0]).toEqual(['a', 'b']);
    expect(parseDelimited('sep=,\r\na;b,c\r\n1;2,3\r\n')).toEqual({ rows: [['a;b', 'c'], ['1;2', '3']], delimiter: ',' });
  });
});

describe('detectHeaderRow', () => {
  it.each([
    ['cp1252-semicolon.csv', 0],
    ['utf8-bom.csv', 0],
    ['english-comma.csv', 0],
    ['unicode-text.txt', 0],
    ['title-rows.csv', 3],
    ['wide-dates.csv', 0],
    ['wide-stems.csv', 0],
    ['long-jahr.csv', 0],
    ['lost-zeros.csv', 0],
    ['markers.csv', 0],
    ['broken.csv', 0],
  ] as const)('finds the header of %s in row index %i', (name, index) => {
    const { rows } = load(name);
    expect(detectHeaderRow(rows)).toBe(index);
  });

  it('skips title rows (also one with two cells), notes and empty rows in XLSX-like rows with year headers', () => {
    const rows: Cell[][] = [
      ['Einwohner in Leipzig', null, null, null],
      ['Stand:', '31.12.2020', null, null],
      [null, null, null, null],
      ['Quelle: Amt für Statistik und Wahlen', null, null, null],
      ['OT', 'Name', 2019, 2020],
      [0, 'Zentrum', 1833, 1855],
      [1, 'Zentrum-Ost', 5894, 5967],
    ];
    expect(detectHeaderRow(rows)).toBe(4);
  });

  it('falls back to the first text row, then to the first non-empty row', () => {
    expect(detectHeaderRow([['Titel'], ['Name', 'Ort'], ['Anna', 'Leipzig']])).toBe(1);
    expect(detectHeaderRow([[null], ['1', '2'], ['3', '4']])).toBe(1);
    expect(detectHeaderRow([])).toBe(0);
  });

  it('ends the table before footnotes', () => {
    const { rows } = load('title-rows.csv');
    expect(detectDataEnd(rows, 3)).toBe(9); // rows 4..8 hold data, row 9 is empty
    expect(detectDataEnd([['A', 'B'], ['1', '2'], ['Quelle: Destatis', '']], 0)).toBe(2);
    expect(detectDataEnd([['A', 'B'], ['1', '2'], ['Mitte', '']], 0)).toBe(3); // no note: stays
  });
});

describe('parseNumberColumn', () => {
  it('parses German numbers; numbers pass through', () => {
    const cells: Cell[] = ['1.234,5', '12,3 %', '-4,2', '1234', 42.5, '1.234.567', '0,5', '−4,2', '1\u00A0234,5', '+3', '1,5E+03', ' 7 '];
    const { values, decimal } = parseNumberColumn(cells);
    expect(decimal).toBe(',');
    expect(values.map((v) => v.value)).toEqual([1234.5, 12.3, -4.2, 1234, 42.5, 1234567, 0.5, -4.2, 1234.5, 3, 1500, 7]);
    expect(values.every((v) => v.marker === null && v.error === null)).toBe(true);
  });

  it('reads ambiguous "1.234" as German unless the column or table says otherwise', () => {
    expect(parseNumberColumn(['1.234', '2.345']).values.map((v) => v.value)).toEqual([1234, 2345]);
    expect(parseNumberColumn(['1.234', '2.345'], { fallback: '.' }).values.map((v) => v.value)).toEqual([1.234, 2.345]);
    expect(parseNumberColumn(['1,234', '12,5']).values.map((v) => v.value)).toEqual([1.234, 12.5]);
  });

  it('reads English numbers only when the column as a whole says so', () => {
    const english = parseNumberColumn(['1,234.5', '12.5', '1,234', '0.25']);
    expect(english.decimal).toBe('.');
    expect(english.values.map((v) => v.value)).toEqual([1234.5, 12.5, 1234, 0.25]);
    // One English-looking cell among German ones is an error, with a hint.
    const mixed = parseNumberColumn(['12,5', '3,25', '12.5']);
    expect(mixed.decimal).toBe(',');
    expect(mixed.values[2]).toEqual({ value: null, marker: null, error: 'not a number: "12.5" (the column uses decimal comma)' });
    expect(parseNumberColumn(['12.5', '3,25'], { decimal: ',' }).values[0]!.error).toContain('12.5');
  });

  it('keeps missing and secret markers with value null', () => {
    const markers = ['.', '-', '–', '—', 'x', 'X', 'k.A.', 'k. A.', '/', '...', '…', ''];
    const { values } = parseNumberColumn([...markers, null, ' k.A ']);
    expect(values.map((v) => v.value)).toEqual(Array(14).fill(null));
    expect(values.map((v) => v.marker)).toEqual([...markers, '', 'k.A']);
    expect(values.every((v) => v.error === null)).toBe(true);
  });

  it('extends (not duplicates) the DuckDB import\'s markers', () => {
    for (const m of MISSING_MARKERS) expect(TABLE_MISSING_MARKERS).toContain(m);
    for (const m of ['.', '-', '–', '—', 'x', 'X', 'k.A.', 'k. A.', '/', '...', '…', '']) expect(TABLE_MISSING_MARKERS).toContain(m);
    expect(new Set(TABLE_MISSING_MARKERS).size).toBe(TABLE_MISSING_MARKERS.length);
  });

  it('reports anything else as an error with the text', () => {
    const { values } = parseNumberColumn(['12,3a', 'n/a', '1.23.4', '12,3']);
    expect(values.slice(0, 3).map((v) => v.error)).toEqual(['not a number: "12,3a"', 'not a number: "n/a"', 'not a number: "1.23.4"']);
    expect(values.slice(0, 3).every((v) => v.value === null && v.marker === null)).toBe(true);
    expect(values[3]!.value).toBe(12.3);
  });

  it('recognises units written in the cells', () => {
    expect(parseNumberColumn(['12,3 %', '4%', '.']).unit).toBe('percent');
    expect(parseNumberColumn(['1.200 €', '€ 99', '1.234,50 EUR']).values.map((v) => v.value)).toEqual([1200, 99, 1234.5]);
    expect(parseNumberColumn(['1.200 €']).unit).toBe('eur');
    expect(parseNumberColumn(['1', '2']).unit).toBeNull();
  });

  it('parseNumber parses one text', () => {
    expect(parseNumber('1.234,5')).toBe(1234.5);
    expect(parseNumber('1,234.5', '.')).toBe(1234.5);
    expect(parseNumber('12,3a')).toBeNull();
    expect(parseNumber('')).toBeNull();
  });
});

describe('years, stems and units in headers', () => {
  it('finds the year a header names', () => {
    const cases: [Cell, number | null][] = [
      ['2019', 2019],
      [2019, 2019],
      ['31.12.2019', 2019],
      ['2019-12-31', 2019],
      ['Stand 2019', 2019],
      ['Einwohner 2019', 2019],
      ['Einwohner am 31.12.2019', 2019],
      ['Veränderung 2019–2020', null],
      ['Einwohner je 1.000', null],
      ['Einwohner', null],
      [1896, null],
      ['12019', null],
    ];
    for (const [header, year] of cases) expect([header, headerYear(header)]).toEqual([header, year]);
  });

  it('strips the year from a header', () => {
    expect(headerStem('Einwohner 2019')).toBe('Einwohner');
    expect(headerStem('Einwohner am 31.12.2019')).toBe('Einwohner');
    expect(headerStem('Einwohner (2019)')).toBe('Einwohner');
    expect(headerStem('Arbeitslosenanteil 2021 (%)')).toBe('Arbeitslosenanteil (%)');
    expect(headerStem('Stand 2019')).toBe('');
    expect(headerStem('31.12.2019')).toBe('');
  });

  it('reads units from headers', () => {
    const cases: [string, ReturnType<typeof unitFromHeader>][] = [
      ['Ausländeranteil in %', 'percent'],
      ['Arbeitslosenquote', 'percent'],
      ['SGB-II-Quote', 'percent'],
      ['Geburten je 1.000 Einwohner', 'other'],
      ['Anzahl Haushalte', 'count'],
      ['Einwohner 65 Jahre und älter', 'count'],
      ['Kaufkraft je Einwohner (EUR)', 'eur'],
      ['Miete in €/m²', 'eur'],
      ['Durchschnittsalter', 'years'],
      ['Lebenserwartung in Jahren', 'years'],
      ['Fläche (ha)', null],
    ];
    for (const [header, unit] of cases) expect([header, unitFromHeader(header)]).toEqual([header, unit]);
  });

  it('names columns like Excel', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});

describe('suggestMapping on the fixtures', () => {
  it('German Windows-1252 CSV: key, name, an ignored text column, units', () => {
    const { rows, suggestion: s } = load('cp1252-semicolon.csv');
    expect(s.headerRow).toBe(0);
    expect(s.columns.map((c) => c.header)).toEqual(['Ortsteil-Nr.', 'Ortsteil', 'Größte Straße', 'Größe in ha', 'Einwohner', 'Ausländeranteil in %']);
    expect(roles(s)).toEqual(['key', 'name', 'ignore', 'indicator', 'indicator', 'indicator']);
    expect(units(s)).toEqual([null, null, null, 'other', 'count', 'percent']);
    expect([s.keyColumn, s.nameColumn, s.yearColumn, s.keyWidth]).toEqual([0, 1, null, null]);
    expect(s.shape).toBe('single-year');
    expect(s.years).toEqual([]);
    expect(s.issues).toEqual([]);
    expect(s.dataRows).toHaveLength(12);
    expect(valuesByKey(rows, s, 4)['43']).toBe(10777);
    expect(valuesByKey(rows, s, 5)['43']).toBe(11.56);
    expect(valuesByKey(rows, s, 3)['01']).toBe(77.3);
  });

  it('UTF-8 with BOM: a single year from "Einwohner am 31.12.2022"', () => {
    const { suggestion: s } = load('utf8-bom.csv');
    expect(roles(s)).toEqual(['key', 'name', 'indicator', 'indicator']);
    expect(s.columns[0]!.header).toBe('Schlüssel');
    expect(s.shape).toBe('single-year');
    expect(s.years).toEqual([2022]);
    expect(s.columns[2]).toMatchObject({ year: 2022, stem: 'Einwohner', unit: 'count' });
    expect(s.columns[3]).toMatchObject({ year: null, stem: 'Arbeitslosenanteil (%)', unit: 'percent' });
    expect(s.issues).toEqual([]);
  });

  it('English CSV: decimal point for the whole table, thousands commas, quoted names', () => {
    const { rows, suggestion: s } = load('english-comma.csv');
    expect(roles(s)).toEqual(['key', 'name', 'indicator', 'indicator', 'indicator', 'ignore']);
    expect(units(s)).toEqual([null, null, 'count', 'percent', 'eur', null]);
    expect(s.columns.slice(2, 5).map((c) => c.decimal)).toEqual(['.', '.', '.']);
    const population = valuesByKey(rows, s, 2);
    expect(population['01001']).toBe(92550);
    expect(population['02000']).toBe(1892122);
    expect(valuesByKey(rows, s, 3)['01004']).toBe(7.6);
    expect(valuesByKey(rows, s, 4)['01002']).toBe(1921.25);
    expect(s.keyWidth).toBeNull(); // the AGS kept their zeros
    expect(s.issues).toEqual([]);
  });

  it('the table decides ambiguous columns: "92,550" next to "7.4" is 92550', () => {
    const rows = [
      ['id', 'population', 'rate'],
      ['a', '92,550', '7.4'],
      ['b', '79,905', '7.6'],
    ];
    const s = suggestMapping(rows);
    expect(s.columns[1]!.decimal).toBe('.');
    expect(suggestMapping(rows, { decimal: ',' }).columns[1]!.decimal).toBe(',');
  });

  it('UTF-16 tab-separated: Stadtbezirke 0–9 as keys, "Durchschnittsalter" in years', () => {
    const { suggestion: s } = load('unicode-text.txt');
    expect(roles(s)).toEqual(['key', 'name', 'indicator', 'indicator']);
    expect(units(s)).toEqual([null, null, 'count', 'years']);
    expect(s.keyWidth).toBeNull();
    expect(s.issues).toEqual([]);
  });

  it('title rows, a note and footnotes: header in row 4, data in rows 5–9', () => {
    const { suggestion: s } = load('title-rows.csv');
    expect(s.headerRow).toBe(3);
    expect(s.dataRows).toEqual([4, 5, 6, 7, 8]);
    expect(roles(s)).toEqual(['key', 'name', 'indicator', 'indicator']);
    expect(s.columns[2]).toMatchObject({ header: 'Einwohner¹', stem: 'Einwohner', unit: 'count' });
    expect(s.issues).toEqual([]);
  });

  it('wide table with dates as headers: one indicator over four years', () => {
    const { suggestion: s } = load('wide-dates.csv');
    expect(s.shape).toBe('wide');
    expect(roles(s)).toEqual(['key', 'name', 'indicator', 'indicator', 'indicator', 'indicator']);
    expect(s.columns.map((c) => c.year)).toEqual([null, null, 2019, 2020, 2021, 2022]);
    expect(s.years).toEqual([2019, 2020, 2021, 2022]);
    expect(s.indicators).toEqual([{ stem: '', unit: 'count', columns: [2, 3, 4, 5], years: [2019, 2020, 2021, 2022] }]);
    expect(s.issues).toEqual([]);
  });

  it('wide table with stems: grouped by indicator, a column without year on its own', () => {
    const { suggestion: s } = load('wide-stems.csv');
    expect(s.shape).toBe('wide');
    expect(s.years).toEqual([2021, 2022]);
    expect(s.indicators).toEqual([
      { stem: 'Einwohner', unit: 'count', columns: [2, 3], years: [2021, 2022] },
      { stem: 'Arbeitslosenanteil (%)', unit: 'percent', columns: [4, 5], years: [2021, 2022] },
      { stem: 'Fläche (ha)', unit: 'other', columns: [6], years: [null] },
    ]);
    expect([s.keyColumn, s.nameColumn, s.yearColumn]).toEqual([0, 1, null]);
  });

  it('long table: the "Jahr" column (first) is the year, keys are unique per year', () => {
    const { suggestion: s } = load('long-jahr.csv');
    expect(s.shape).toBe('long');
    expect(roles(s)).toEqual(['year', 'key', 'name', 'indicator', 'indicator', 'indicator']);
    expect([s.keyColumn, s.nameColumn, s.yearColumn]).toEqual([1, 2, 0]);
    expect(units(s)).toEqual([null, null, null, 'count', 'percent', 'years']);
    expect(s.years).toEqual([2020, 2021, 2022]);
    expect(s.columns.every((c) => c.year === null)).toBe(true);
    expect(s.indicators.map((g) => g.stem)).toEqual(['Einwohner', 'Arbeitslosenanteil in %', 'Durchschnittsalter in Jahren']);
    expect(s.issues).toEqual([]);
  });

  it('a "Jahr" column with historic years (1930–2022) is the year column; unnamed, years before 1950 stay numbers', () => {
    const ids = ['14713000', '14612000', '15003000'];
    const body = (header: string) => [
      ['AGS', header, 'Einwohner'],
      ...ids.flatMap((id, i) => Array.from({ length: 93 }, (_, k) => [id, String(1930 + k), String(1000 + i * 100 + k)])),
    ];
    const s = suggestMapping(body('Jahr'));
    expect(s.shape).toBe('long');
    expect(s.yearColumn).toBe(1);
    expect(s.years[0]).toBe(1930);
    expect(s.years).toHaveLength(93);
    expect(s.issues).toEqual([]);
    // Without the header's word, 1930–1949 could be counts: the column is no year column.
    expect(suggestMapping(body('Wert A')).yearColumn).toBeNull();
    // Not a year even in a year column: before 1800.
    const old = body('Jahr');
    old[1]![1] = '1799';
    expect(suggestMapping(old).issues.map((i) => [i.kind, i.text])).toEqual([['not-a-year', '1799']]);
  });

  it('keys that lost their leading zeros: width 2, padded keys are the Leipzig Ortsteil ids', () => {
    const { rows, suggestion: s } = load('lost-zeros.csv');
    expect(s.keyColumn).toBe(0);
    expect(s.keyWidth).toBe(2);
    const keys = s.dataRows.map((r) => rows[r]![0]!);
    expect(keys.slice(0, 8)).toEqual(['0', '1', '2', '3', '4', '5', '6', '10']);
    const areas = fs.readFileSync(path.resolve(import.meta.dirname, '../../data/leipzig/areas.csv'), 'utf8');
    const ortsteile = areas
      .split('\n')
      .map((line) => line.split(','))
      .filter((f) => f[2] === 'ortsteil')
      .map((f) => f[0]!);
    expect(ortsteile).toHaveLength(63);
    expect(keys.map((k) => padKey(k, s.keyWidth!))).toEqual(ortsteile);
    expect(inferKeyWidth(keys, ortsteile)).toBe(2);
    expect(s.issues).toEqual([]);
  });

  it('missing markers: values null, markers kept, no errors', () => {
    const { rows, suggestion: s } = load('markers.csv');
    expect(roles(s)).toEqual(['key', 'name', 'indicator', 'indicator', 'indicator']);
    expect(s.columns[3]).toMatchObject({ header: 'Arbeitslose', numeric: 0, missing: 12, unit: 'count' });
    expect(s.columns[4]).toMatchObject({ header: 'SGB-II-Quote', numeric: 1, missing: 3, unit: 'percent' });
    const parsed = parseNumberColumn(s.dataRows.map((r) => rows[r]![3]!));
    expect(parsed.values.map((v) => v.marker)).toEqual(['.', '-', '–', '—', 'x', 'X', 'k.A.', 'k. A.', '/', '...', '…', '']);
    expect(parsed.values.every((v) => v.value === null && v.error === null)).toBe(true);
    expect(s.issues).toEqual([]);
  });

  it('broken rows and a text in a numeric column: issues name row and column', () => {
    const { rows, suggestion: s } = load('broken.csv');
    expect(s.issues.map((i) => [i.kind, i.cell, i.row, i.column])).toEqual([
      ['field-count', 'E5', 5, 4],
      ['field-count', 'D6', 6, 3],
      ['not-a-number', 'D7', 7, 3],
    ]);
    expect(s.issues.map((i) => i.message)).toEqual([
      'Row 5, column E: expected 4 fields, found 5',
      'Row 6, column D ("Ausländeranteil in %"): expected 4 fields, found 3',
      'Row 7, column D ("Ausländeranteil in %"): not a number: "12,3a"',
    ]);
    expect(s.issues[2]!.params).toEqual({ row: 7, column: 'D', header: 'Ausländeranteil in %', text: '12,3a' });
    expect(formatIssue('broken.csv', s.issues[2]!)).toBe('broken.csv: Row 7, column D ("Ausländeranteil in %"): not a number: "12,3a"');
    // Broken rows are left out of the data; the rest is mapped as usual.
    expect(s.dataRows).toEqual([1, 2, 3, 6, 7, 8]);
    expect(rows[8]![1]).toBe('Schönefeld-Abtnaundorf; Nord');
    expect(roles(s)).toEqual(['key', 'name', 'indicator', 'indicator']);
    expect(s.columns[3]!.numeric).toBeCloseTo(5 / 6);
  });
});

describe('suggestMapping on XLSX-like and edge-case rows', () => {
  it('numbers and nulls from a sheet: title row, numeric year headers, numeric keys without zeros', () => {
    const rows: Cell[][] = [
      ['Einwohner nach Ortsteilen', null, null, null],
      [null, null, null, null],
      ['OT', 'Name', 2019, 2020],
      [0, 'Zentrum', 1833, 1855],
      [1, 'Zentrum-Ost', 5894, 5967],
      [10, 'Schönefeld-Abtnaundorf', 13330, 13512],
      [11, 'Schönefeld-Ost', 9807, 9943],
      [95, 'Wiederitzsch', 8810, 8929],
    ];
    const s = suggestMapping(rows);
    expect(s.headerRow).toBe(2);
    expect(s.shape).toBe('wide');
    expect(roles(s)).toEqual(['key', 'name', 'indicator', 'indicator']);
    expect(s.years).toEqual([2019, 2020]);
    expect(s.keyWidth).toBe(2);
    expect(s.issues).toEqual([]);
  });

  it('ragged sheet rows (trailing empty cells left out) are not broken', () => {
    const rows: Cell[][] = [
      ['Nr', 'Name', 'Einwohner', 'Anteil'],
      ['01', 'A', 10, 1.5],
      ['02', 'B', 20],
      ['03', 'C', 30, 2.5],
    ];
    expect(suggestMapping(rows).issues).toEqual([]);
    expect(suggestMapping([...rows, ['04', 'D', 40, 3.5, 'extra']]).issues.map((i) => i.cell)).toEqual(['E5']);
  });

  it('reports duplicate keys per year, missing keys and bad years', () => {
    const rows = [
      ['Jahr', 'Nr', 'Name', 'Wert'],
      ['2020', '01', 'A', '1'],
      ['2020', '02', 'B', '2'],
      ['2021', '01', 'A', '3'],
      ['2021', '01', 'A2', '4'],
      ['2021', '', 'C', '5'],
      ['20x1', '03', 'D', '6'],
    ];
    const s = suggestMapping(rows);
    expect([s.yearColumn, s.keyColumn, s.nameColumn]).toEqual([0, 1, 2]);
    expect(s.issues.map((i) => [i.kind, i.cell])).toEqual([
      ['duplicate-key', 'B5'],
      ['missing-key', 'B6'],
      ['not-a-year', 'A7'],
    ]);
    expect(s.issues[0]!.message).toBe('Row 5, column B ("Nr"): the key "01" for year 2021 already appears in row 4');
  });

  it('a second id column is ignored, a unique number right of the names is no key', () => {
    const withDistrict = suggestMapping([
      ['Stadtbezirk-Nr', 'OT-Nr', 'Ortsteil', 'Einwohner'],
      ['0', '00', 'Zentrum', '1.901'],
      ['0', '01', 'Zentrum-Ost', '6.114'],
      ['1', '10', 'Schönefeld-Abtnaundorf', '13.885'],
    ]);
    expect(roles(withDistrict)).toEqual(['ignore', 'key', 'name', 'indicator']);
    const noKey = suggestMapping([
      ['Ortsteil', 'Wert'],
      ['Zentrum', '17'],
      ['Zentrum-Ost', '23'],
      ['Lößnig', '5'],
    ]);
    expect([noKey.keyColumn, noKey.nameColumn]).toEqual([null, 0]);
    expect(roles(noKey)).toEqual(['name', 'indicator']);
  });

  it('survives an empty table', () => {
    const s = suggestMapping([]);
    expect(s).toMatchObject({ headerRow: 0, dataRows: [], columns: [], keyColumn: null, issues: [] });
  });
});

describe('padKey and inferKeyWidth', () => {
  it('pads digit keys only, never shortens', () => {
    expect(padKey('1', 2)).toBe('01');
    expect(padKey('0', 2)).toBe('00');
    expect(padKey('01', 2)).toBe('01');
    expect(padKey('95', 2)).toBe('95');
    expect(padKey('123', 2)).toBe('123');
    expect(padKey(' 7 ', 2)).toBe('07');
    expect(padKey(7, 3)).toBe('007');
    expect(padKey('1001000', 8)).toBe('01001000');
    expect(padKey('A1', 3)).toBe('A1');
  });

  it('infers the width from the keys or from the target ids', () => {
    expect(inferKeyWidth(['1', '2', '10', '11', '12'])).toBe(2);
    expect(inferKeyWidth(['10', '11'])).toBeNull(); // nothing to pad
    expect(inferKeyWidth(['1', '2', '3', '10'])).toBeNull(); // mostly short: plain numbers
    expect(inferKeyWidth(['A1', '2', '10'])).toBeNull();
    // Schleswig-Holstein AGS all lost their zero: only the target ids tell.
    expect(inferKeyWidth(['1001000', '1002000'])).toBeNull();
    expect(inferKeyWidth(['1001000', '1002000'], ['01001000', '14713000'])).toBe(8);
  });
});
