// Bad tables: CSV/TXT and XLSX, joined to Leipzig's Ortsteile.
import { expect } from 'vitest';
import { inflateRawSync } from 'node:zlib';
import { deflatedZeros, xlsx, zip, type XlsxCell } from './build';
import { file, latin1, loaded, utf16be, utf16le, utf8, type Case, type Loaded, type Outcome } from './harness';

/** Leipzig's first Ortsteile: key, name. */
const OT: [string, string][] = [
  ['00', 'Zentrum'],
  ['01', 'Zentrum-Ost'],
  ['02', 'Zentrum-Südost'],
  ['03', 'Zentrum-Süd'],
  ['04', 'Zentrum-West'],
  ['05', 'Zentrum-Nordwest'],
];
const HEADER = ['Nr', 'Ortsteil', 'Einwohner', 'Arbeitslosenanteil (%)'];
/** A clean table (German Excel CSV: ";", decimal comma), with cells replaced where a case says so. */
function rows(edit: Record<string, string> = {}, header = HEADER): string[][] {
  const body = OT.map(([k, n], i) => [k, n, String(1000 + i * 111), `${5 + i},${i}`]);
  const all = [header, ...body];
  for (const [ref, v] of Object.entries(edit)) {
    const m = /^([A-Z])(\d+)$/.exec(ref)!;
    const r = Number(m[2]) - 1;
    const c = m[1]!.charCodeAt(0) - 65;
    while (all.length <= r) all.push([]);
    all[r]![c] = v;
  }
  return all;
}
const csv = (rs: string[][], sep = ';', eol = '\n') => rs.map((r) => r.join(sep)).join(eol) + eol;
const table = (edit?: Record<string, string>, header?: string[]) => csv(rows(edit, header));

/** The value that reached DuckDB for an Ortsteil and the indicator labelled `label`. */
function valueIn(o: Outcome, label: string, area: string): number | null | undefined {
  const l = loaded(o);
  const ind = l.join?.indicators.find((i) => i.label.de === label);
  expect(ind, `indicator "${label}" among ${l.join?.indicators.map((i) => i.label.de).join(', ')}`).toBeDefined();
  return l.observations.find((r) => r.ind === ind!.id && r.area_id === area)?.value ?? null;
}
const issues = (o: Outcome) => (o as Loaded).suggestion?.issues ?? [];
const hasIssue = (o: Outcome, pattern: RegExp) =>
  expect(
    issues(o).map((i) => i.message),
    'issues',
  ).toEqual(expect.arrayContaining([expect.stringMatching(pattern)]));

const number = (v: number, area = '00', label = 'Einwohner') => (o: Outcome) => expect(valueIn(o, label, area)).toBe(v);
const missingWithIssue = (pattern: RegExp, area = '00', label = 'Einwohner') => (o: Outcome) => {
  expect(valueIn(o, label, area)).toBeNull();
  hasIssue(o, pattern);
};

const big = (n: number, ch = 'x') => ch.repeat(n);

const tableCases: Case[] = [
  // --- empty and truncated
  { name: 'csv: empty file', files: () => [file('leer.csv', '')], expect: 'refused', message: /leer\.csv: no-key-column/ },
  { name: 'csv: only a UTF-8 byte order mark', files: () => [file('bom.csv', new Uint8Array([0xef, 0xbb, 0xbf]))], expect: 'refused' },
  { name: 'csv: only line breaks', files: () => [file('leer.csv', '\n\r\n\n\r')], expect: 'refused' },
  { name: 'csv: only whitespace and delimiters', files: () => [file('leer.csv', ' ; ;\t;\n;;;\n')], expect: 'refused' },
  { name: 'csv: header without rows', files: () => [file('kopf.csv', 'Nr;Ortsteil;Einwohner\n')], expect: 'refused' },
  { name: 'csv: a single character', files: () => [file('a.csv', 'a')], expect: 'refused' },
  {
    name: 'csv: truncated in the middle of the last row',
    files: () => [file('abgeschnitten.csv', table().slice(0, -8))],
    expect: 'loaded',
    check: (o) => {
      expect(valueIn(o, 'Einwohner', '00')).toBe(1000);
      hasIssue(o, /^Row 7, column [CD].*expected 4 fields, found 3/);
    },
  },
  {
    name: 'csv: truncated inside a quoted field',
    files: () => [file('abgeschnitten.csv', table() + '06;"Zentrum-No')],
    expect: 'loaded',
    check: (o) => hasIssue(o, /^Row 8, .*expected 4 fields, found 2/),
  },
  { name: 'csv: an unclosed quote swallows the rest of the file', files: () => [file('quote.csv', table({ B3: '"Zentrum-Ost' }))], expect: 'either' },
  { name: 'csv: a PNG renamed to .csv', files: () => [file('bild.csv', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0]))], expect: 'either' },
  { name: 'csv: NUL bytes between the rows', files: () => [file('nul.csv', table().replace(/\n/g, '\n\u0000'))], expect: 'either' },
  { name: 'csv: a PDF renamed to .csv', files: () => [file('bericht.csv', '%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF')], expect: 'either' },

  // --- encodings
  { name: 'txt: UTF-16LE with BOM, tab-separated (Excel "Unicode-Text")', files: () => [file('unicode.txt', utf16le(csv(rows(), '\t', '\r\n')))], expect: 'loaded', check: number(1000) },
  { name: 'csv: UTF-16BE with BOM', files: () => [file('be.csv', utf16be(table()))], expect: 'loaded', check: number(1000) },
  { name: 'csv: UTF-16LE without BOM (read as UTF-8: NUL between the letters)', files: () => [file('ohne-bom.csv', utf16le(table(), false))], expect: 'either' },
  {
    name: 'csv: Windows-1252 umlauts (names matched)',
    files: () => [file('ansi.csv', latin1(table({ A4: '', A5: '' })))],
    expect: 'loaded',
    check: (o) => {
      expect(loaded(o).join!.summary.byName).toBe(2);
      expect(valueIn(o, 'Einwohner', '02')).toBe(1222);
    },
  },
  { name: 'csv: UTF-8 BOM, but Windows-1252 bytes inside', files: () => [file('gemischt.csv', new Uint8Array([0xef, 0xbb, 0xbf, ...latin1(table())]))], expect: 'loaded', check: number(1111, '01') },
  { name: 'csv: invalid UTF-8 (overlong sequences) falls back to Windows-1252', files: () => [file('kaputt.csv', new Uint8Array([...utf8(table()), 0xc0, 0xaf, 0xe0, 0x80, 0xaf]))], expect: 'loaded', check: number(1000) },
  { name: 'csv: emoji and astral characters in names', files: () => [file('emoji.csv', table({ B2: 'Zentrum 🏙️𝔘' }))], expect: 'loaded', check: number(1000) },
  { name: 'csv: C1 control characters in cells', files: () => [file('c1.csv', table({ B2: 'Zen\u0085trum\u009f' }))], expect: 'loaded', check: number(1000) },
  { name: 'csv: Shift-JIS bytes', files: () => [file('sjis.csv', new Uint8Array([0x93, 0xfa, 0x96, 0x7b, 0x3b, 0x82, 0xa0, 0x0a, 0x30, 0x30, 0x3b, 0x31, 0x0a]))], expect: 'either' },

  // --- delimiters and line ends
  { name: 'csv: header with ";", rows with ","', files: () => [file('gemischt.csv', csv(rows().slice(0, 1)) + csv(rows().slice(1), ','))], expect: 'either' },
  { name: 'csv: rows alternating ";" and tab', files: () => [file('gemischt.csv', rows().map((r, i) => r.join(i % 2 ? '\t' : ';')).join('\n'))], expect: 'either' },
  { name: 'csv: "sep=," first line, but ";" in the rows', files: () => [file('sep.csv', 'sep=,\n' + table())], expect: 'either' },
  { name: 'csv: "sep=|" (not a supported delimiter)', files: () => [file('sep.csv', 'sep=|\n' + csv(rows(), '|'))], expect: 'either' },
  { name: 'csv: pipe-delimited', files: () => [file('pipe.csv', csv(rows(), '|'))], expect: 'either' },
  { name: 'csv: CRLF, LF and CR mixed', files: () => [file('zeilen.csv', rows().map((r, i) => r.join(';') + ['\r\n', '\n', '\r'][i % 3]).join(''))], expect: 'loaded', check: number(1000) },
  { name: 'csv: only CR line ends (old Mac)', files: () => [file('mac.csv', csv(rows(), ';', '\r'))], expect: 'loaded', check: number(1000) },
  { name: 'csv: a trailing delimiter on every row', files: () => [file('trailing.csv', rows().map((r) => r.join(';') + ';').join('\n'))], expect: 'loaded', check: number(1000) },
  { name: 'csv: quoted names with delimiters, quotes and line breaks', files: () => [file('quoted.csv', table({ B2: '"Zentrum; ""Mitte""\nalt"' }))], expect: 'loaded', check: number(1000) },
  { name: 'csv: rows with more fields than the header', files: () => [file('breit.csv', table({ E3: '99', F3: 'x' }))], expect: 'loaded', check: (o) => hasIssue(o, /^Row 3, .*expected 4 fields, found 6/) },

  // --- duplicate keys
  {
    name: 'csv: the same key twice (first row kept, second reported)',
    files: () => [file('doppelt.csv', table({ A3: '00' }))],
    expect: 'loaded',
    check: (o) => {
      hasIssue(o, /^Row 3, column A \("Nr"\): the key "00" already appears in row 2/);
      expect(loaded(o).join!.summary.unmatched).toEqual(expect.arrayContaining([expect.objectContaining({ row: 3, reason: 'duplicate' })]));
      expect(valueIn(o, 'Einwohner', '00')).toBe(1000);
    },
  },
  { name: 'csv: "0" and "00" (the same key after restoring the leading zero)', files: () => [file('doppelt.csv', table({ A3: '0' }))], expect: 'loaded', check: number(1000) },
  {
    name: 'csv: the same header twice (two indicators, distinct ids)',
    files: () => [file('kopf.csv', table({}, ['Nr', 'Ortsteil', 'Einwohner', 'Einwohner']))],
    expect: 'loaded',
    check: (o) => {
      const ids = loaded(o).join!.indicators.map((i) => i.id);
      expect(new Set(ids).size).toBe(ids.length);
    },
  },
  { name: 'csv: long table with a key and year twice', files: () => [file('lang.csv', 'Nr;Jahr;Einwohner\n00;2022;5\n00;2022;6\n01;2022;7\n00;2023;8\n')], expect: 'loaded', check: (o) => hasIssue(o, /^Row 3, column A .*already appears in row 2/) },
  { name: 'csv: every key the same', files: () => [file('gleich.csv', 'Nr;Einwohner\n00;1\n00;2\n00;3\n')], expect: 'either' },

  // --- NaN, Infinity, 1e308
  { name: 'csv: "NaN" in a value cell is missing, with an issue', files: () => [file('nan.csv', table({ C2: 'NaN' }))], expect: 'loaded', check: missingWithIssue(/^Row 2, column C \("Einwohner"\): not a number: "NaN"/) },
  { name: 'csv: "Infinity" is missing, with an issue', files: () => [file('inf.csv', table({ C2: 'Infinity' }))], expect: 'loaded', check: missingWithIssue(/^Row 2, column C .*not a number: "Infinity"/) },
  { name: 'csv: "-Infinity" is missing, with an issue', files: () => [file('inf.csv', table({ C2: '-Infinity' }))], expect: 'loaded', check: missingWithIssue(/not a number: "-Infinity"/) },
  { name: 'csv: "inf" is missing, with an issue', files: () => [file('inf.csv', table({ C2: 'inf' }))], expect: 'loaded', check: missingWithIssue(/not a number: "inf"/) },
  { name: 'csv: "1e308" is kept as 1e308', files: () => [file('gross.csv', table({ C2: '1e308' }))], expect: 'loaded', check: number(1e308) },
  { name: 'csv: "-1e308" is kept', files: () => [file('gross.csv', table({ C2: '-1e308' }))], expect: 'loaded', check: number(-1e308) },
  { name: 'csv: "1,7976931348623157e308" (the largest double, decimal comma) is kept', files: () => [file('max.csv', table({ C2: '1,7976931348623157e308' }))], expect: 'loaded', check: number(Number.MAX_VALUE) },
  { name: 'csv: "1e309" (overflows to Infinity) is missing, with an issue', files: () => [file('ueber.csv', table({ C2: '1e309' }))], expect: 'loaded', check: missingWithIssue(/not a number: "1e309"/) },
  { name: 'csv: "4,9e-324" (the smallest denormal) is kept', files: () => [file('klein.csv', table({ C2: '4,9e-324' }))], expect: 'loaded', check: number(5e-324) },
  { name: 'csv: a 400-digit number overflows: missing, with an issue', files: () => [file('lang.csv', table({ C2: '9'.repeat(400) }))], expect: 'loaded', check: missingWithIssue(/not a number/) },
  { name: 'csv: 20-digit integer (beyond 2^53) kept as the nearest double', files: () => [file('lang.csv', table({ C2: '12345678901234567890' }))], expect: 'loaded', check: number(Number('12345678901234567890')) },
  { name: 'csv: hexadecimal "0x1F" is no number', files: () => [file('hex.csv', table({ C2: '0x1F' }))], expect: 'loaded', check: missingWithIssue(/not a number: "0x1F"/) },
  { name: 'csv: "1_000" is no number', files: () => [file('unterstrich.csv', table({ C2: '1_000' }))], expect: 'loaded', check: missingWithIssue(/not a number: "1_000"/) },
  { name: 'csv: Excel error values (#DIV/0!, #NV, #WERT!)', files: () => [file('fehler.csv', table({ C2: '#DIV/0!', C3: '#NV', C4: '#WERT!' }))], expect: 'loaded', check: missingWithIssue(/^Row 2, column C .*not a number: "#DIV\/0!"/) },
  { name: 'csv: "12,3a" names row and column', files: () => [file('tippfehler.csv', table({ D4: '12,3a' }))], expect: 'loaded', check: missingWithIssue(/^Row 4, column D \("Arbeitslosenanteil \(%\)"\): not a number: "12,3a"/, '02', 'Arbeitslosenanteil (%)') },
  { name: 'csv: U+2212 minus and a leading plus', files: () => [file('zeichen.csv', table({ C2: '\u22125', C3: '+7' }))], expect: 'loaded', check: number(-5) },
  { name: 'csv: an indicator column with only missing markers', files: () => [file('leer.csv', table({ C2: '.', C3: '-', C4: 'x', C5: '–', C6: 'k. A.', C7: '…' }))], expect: 'loaded' },

  // --- negative counts, shares over 100: kept as written (the unit is the user's to confirm)
  { name: 'csv: a negative count arrives unchanged', files: () => [file('negativ.csv', table({ C2: '-5' }))], expect: 'loaded', check: number(-5) },
  {
    name: 'csv: a share over 100 arrives unchanged',
    files: () => [file('anteil.csv', table({ D2: '150' }))],
    expect: 'loaded',
    check: (o) => {
      expect(valueIn(o, 'Arbeitslosenanteil (%)', '00')).toBe(150);
      expect(loaded(o).join!.indicators.find((i) => i.label.de === 'Arbeitslosenanteil (%)')!.unit).toBe('percent');
    },
  },
  { name: 'csv: "150 %" in a cell arrives as 150', files: () => [file('prozent.csv', table({ D2: '150 %' }))], expect: 'loaded', check: number(150, '00', 'Arbeitslosenanteil (%)') },
  { name: 'csv: a negative share arrives unchanged', files: () => [file('prozent.csv', table({ D2: '-3,5' }))], expect: 'loaded', check: number(-3.5, '00', 'Arbeitslosenanteil (%)') },
  { name: 'csv: a count with decimals "12,5 Einwohner" column', files: () => [file('dezimal.csv', table({ C2: '12,5' }))], expect: 'loaded', check: number(12.5) },

  // --- dates as numbers
  { name: 'csv: a "Jahr" column of Excel serial dates (44926)', files: () => [file('datum.csv', 'Nr;Jahr;Einwohner\n00;44926;5\n01;44926;6\n')], expect: 'loaded' },
  { name: 'csv: header years as Excel serial dates', files: () => [file('datum.csv', 'Nr;Ortsteil;44561;44926\n00;Zentrum;1;2\n01;Zentrum-Ost;3;4\n')], expect: 'loaded' },
  { name: 'csv: dates in a value column are no numbers', files: () => [file('datum.csv', table({ C2: '31.12.2022' }))], expect: 'loaded', check: missingWithIssue(/not a number: "31.12.2022"/) },
  { name: 'csv: years "2022.0" and "2022,0" in a year column', files: () => [file('jahr.csv', 'Nr;Jahr;Einwohner\n00;2022.0;5\n01;2022,0;6\n02;2022;7\n')], expect: 'either' },
  { name: 'csv: years out of range (1800, 3000)', files: () => [file('jahr.csv', 'Nr;Jahr;Einwohner\n00;1800;5\n01;3000;6\n02;2022;7\n00;2022;8\n')], expect: 'either' },
  { name: 'csv: ISO timestamps as keys', files: () => [file('zeit.csv', 'Zeitpunkt;Einwohner\n2022-12-31T00:00:00Z;5\n2023-12-31T00:00:00Z;6\n')], expect: 'either' },

  // --- enormous strings
  { name: 'csv: a 10 MB name cell', files: () => [file('riesig.csv', table({ B3: big(10 << 20) }))], expect: 'loaded', check: number(1000) },
  { name: 'csv: a 10 MB key cell', files: () => [file('riesig.csv', table({ A3: big(10 << 20, '7') }))], expect: 'loaded', check: number(1000) },
  { name: 'csv: a 10 MB cell of "a", spaces, "b" (no regex backtracking)', files: () => [file('leer.csv', table({ C3: `a${big(10 << 20, ' ')}b` }))], expect: 'loaded', check: number(1000) },
  { name: 'csv: a 10 MB value cell of digits and a letter', files: () => [file('ziffern.csv', table({ C3: `${big(10 << 20, '1')}x` }))], expect: 'loaded', check: number(1000) },
  { name: 'csv: a header of "Einwohner", 1 MB of spaces and "x"', files: () => [file('kopf.csv', table({}, ['Nr', 'Ortsteil', `Einwohner${big(1 << 20, ' ')}x`, 'Anteil']))], expect: 'loaded' },
  { name: 'csv: a header ending in 1 MB of stars then a letter', files: () => [file('kopf.csv', table({}, ['Nr', 'Ortsteil', `Einwohner ${big(1 << 20, '*')}x`, 'Anteil']))], expect: 'loaded' },
  { name: 'csv: a header of 1 MB of dashes inside, with a year', files: () => [file('kopf.csv', table({}, ['Nr', 'Ortsteil', `Einwohner ${big(1 << 20, '-')}x 2022`, `Einwohner ${big(1 << 20, ' ')}y 2023`]))], expect: 'loaded' },
  { name: 'csv: a cell of "1", 1 MB of spaces and "%"', files: () => [file('prozent.csv', table({ D3: `1${big(1 << 20, ' ')}2 %` }))], expect: 'loaded' },
  { name: 'csv: a 1 MB header', files: () => [file('kopf.csv', table({}, ['Nr', 'Ortsteil', `Einwohner ${big(1 << 20, 'ä')}`, 'Anteil']))], expect: 'loaded', check: (o) => expect(loaded(o).join!.indicators[0]!.id.length).toBeLessThanOrEqual(64) },
  { name: 'csv: a 2 MB line without delimiters', files: () => [file('zeile.csv', big(2 << 20, 'q'))], expect: 'refused' },
  { name: 'csv: 1,000,000 semicolons in one row', files: () => [file('felder.csv', 'Nr;Einwohner\n' + big(1_000_000, ';'))], expect: 'refused', message: /felder\.csv: row 2 has more than 16,384 fields/ },
  { name: 'csv: 1,000 columns (1,000 indicators)', files: () => [file('spalten.csv', ['Nr', ...Array.from({ length: 999 }, (_, i) => `W${i}`)].join(';') + '\n' + ['00', ...Array.from({ length: 999 }, (_, i) => String(i))].join(';') + '\n')], expect: 'loaded' },
  { name: 'csv: 2,000,001 rows', files: () => [file('zeilen.csv', 'Nr\n' + '1\n'.repeat(2_000_001))], expect: 'refused', message: /zeilen\.csv: has more than 2,000,000 rows/ },
  { name: 'csv: 201 MB (beyond the limit, refused before decoding)', files: () => [file('gross.csv', new Uint8Array(201 * 1024 * 1024).fill(0x31))], expect: 'refused', message: /gross\.csv: is too large to read \(201 MB; at most 200 MB\)/ },

  // --- HTML, scripts, formulas, SQL in names: text, unchanged
  {
    name: 'csv: HTML and script in names and headers come through as text',
    files: () => [file('html.csv', table({ B2: '<script>alert(1)</script>' }, ['Nr', 'Ortsteil', '<img src=x onerror=alert(1)> Einwohner', 'Anteil']))],
    expect: 'loaded',
    check: (o) => {
      expect(valueIn(o, '<img src=x onerror=alert(1)> Einwohner', '00')).toBe(1000);
      expect(loaded(o).parsed.kind === 'table' && (loaded(o).parsed as { sheets: { rows: unknown[][] }[] }).sheets[0]!.rows[1]![1]).toBe('<script>alert(1)</script>');
    },
  },
  { name: 'csv: a formula as a name', files: () => [file('formel.csv', table({ B2: '=HYPERLINK("http://x","klick")' }))], expect: 'loaded', check: number(1000) },
  { name: "csv: SQL in a header (\"x'); DROP TABLE areas;--\")", files: () => [file('sql.csv', table({}, ['Nr', 'Ortsteil', `"x'); DROP TABLE areas;--"`, '"Wert ""neu"""']))], expect: 'loaded', check: number(1000, '00', "x'); DROP TABLE areas;--") },
  { name: 'csv: NUL and zero-width characters in keys', files: () => [file('unsichtbar.csv', table({ A2: '0\u200b0', A3: '0\u00001' }))], expect: 'loaded' },
  { name: 'csv: a NUL character in a header (the label reaches SQL)', files: () => [file('nul.csv', table({}, ['Nr', 'Ortsteil', 'Einwohner\u0000neu', 'Anteil']))], expect: 'loaded', check: number(1000, '00', 'Einwohner\u0000neu') },
  { name: 'csv: right-to-left override in names', files: () => [file('rtl.csv', table({ B2: '\u202eZentrum' }))], expect: 'loaded', check: number(1000) },
];

// ---------------------------------------------------------------------------
// XLSX

const sheet = (edit: Record<string, XlsxCell> = {}): XlsxCell[][] => {
  const rs: XlsxCell[][] = rows().map((r, i) => (i === 0 ? r : [r[0]!, r[1]!, Number(r[2]), Number(r[3]!.replace(',', '.'))]));
  for (const [ref, v] of Object.entries(edit)) {
    const m = /^([A-Z])(\d+)$/.exec(ref)!;
    const r = Number(m[2]) - 1;
    while (rs.length <= r) rs.push([]);
    rs[r]![m[1]!.charCodeAt(0) - 65] = v;
  }
  return rs;
};
const book = (edit?: Record<string, XlsxCell>) => xlsx([{ name: 'Daten', rows: sheet(edit) }]);
const withXml = (edit: (xml: string) => string) => xlsx([{ name: 'Daten', rows: sheet() }], { sheetXml: (_, xml) => edit(xml) });

const xlsxCases: Case[] = [
  { name: 'xlsx: valid workbook (the base of the cases below)', files: () => [file('daten.xlsx', book())], expect: 'loaded', check: number(1000) },
  { name: 'xlsx: empty file', files: () => [file('leer.xlsx', new Uint8Array())], expect: 'refused', message: /leer\.xlsx: not a readable Excel workbook/ },
  { name: 'xlsx: an empty zip archive', files: () => [file('leer.xlsx', zip([]))], expect: 'refused', message: /leer\.xlsx: not a readable Excel workbook/ },
  { name: 'xlsx: truncated to half', files: () => [file('halb.xlsx', book().slice(0, Math.floor(book().length / 2)))], expect: 'refused', message: /halb\.xlsx: not a readable Excel workbook/ },
  { name: 'xlsx: truncated by one byte', files: () => [file('fast.xlsx', book().slice(0, -1))], expect: 'either' },
  { name: 'xlsx: a CSV renamed to .xlsx', files: () => [file('tabelle.xlsx', table())], expect: 'refused', message: /tabelle\.xlsx: not a readable Excel workbook/ },
  { name: 'xls: old Excel format', files: () => [file('alt.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))], expect: 'refused', message: /alt\.xls: xls/ },
  { name: 'xlsx: bytes flipped in the middle', files: () => [file('kaputt.xlsx', book().map((b, i, a) => (i > a.length / 3 && i < a.length / 3 + 40 ? b ^ 0xff : b)))], expect: 'either' },
  { name: 'xlsx: a workbook without sheets', files: () => [file('leer.xlsx', xlsx([]))], expect: 'refused' },
  { name: 'xlsx: a sheet without rows', files: () => [file('leer.xlsx', xlsx([{ name: 'Leer', rows: [] }]))], expect: 'refused' },
  { name: 'xlsx: invalid XML in the sheet', files: () => [file('xml.xlsx', withXml((x) => x.replace('</sheetData>', '<row><c><v>1</sheetData>')))], expect: 'either' },
  { name: 'xlsx: "NaN" as a cell value (read-excel-file refuses the cell)', files: () => [file('nan.xlsx', withXml((x) => x.replace('<v>1000</v>', '<v>NaN</v>')))], expect: 'refused', message: /^nan\.xlsx: not a readable Excel workbook \(.*row 2, col 3/ },
  { name: 'xlsx: "1e309" as a cell value (Infinity) is missing', files: () => [file('inf.xlsx', withXml((x) => x.replace('<v>1000</v>', '<v>1e309</v>')))], expect: 'loaded', check: (o) => expect(valueIn(o, 'Einwohner', '00') ?? null).toBeNull() },
  { name: 'xlsx: 1e308 is kept', files: () => [file('gross.xlsx', book({ C2: 1e308 }))], expect: 'loaded', check: number(1e308) },
  { name: 'xlsx: a negative count and a share over 100 arrive unchanged', files: () => [file('werte.xlsx', book({ C2: -5, D2: 150 }))], expect: 'loaded', check: (o) => {
    expect(valueIn(o, 'Einwohner', '00')).toBe(-5);
    expect(valueIn(o, 'Arbeitslosenanteil (%)', '00')).toBe(150);
  } },
  { name: 'xlsx: duplicate keys', files: () => [file('doppelt.xlsx', book({ A3: '00' }))], expect: 'loaded', check: (o) => hasIssue(o, /^Row 3, column A .*already appears in row 2/) },
  { name: 'xlsx: keys as numbers without leading zeros', files: () => [file('zahlen.xlsx', book({ A2: 0, A3: 1, A4: 2 }))], expect: 'loaded', check: number(1000) },
  { name: 'xlsx: a date-formatted cell in a value column', files: () => [file('datum.xlsx', withXml((x) => x.replace('<c r="C2"><v>1000</v></c>', '<c r="C2" s="1"><v>44926</v></c>')))], expect: 'either' },
  { name: 'xlsx: a text cell "12,3a"', files: () => [file('text.xlsx', book({ C2: '12,3a' }))], expect: 'loaded', check: missingWithIssue(/^Row 2, column C .*not a number: "12,3a"/) },
  { name: 'xlsx: a 10 MB text cell', files: () => [file('riesig.xlsx', book({ B3: big(10 << 20) }))], expect: 'loaded', check: number(1000) },
  // read-excel-file re-read such a text from its start for every chunk of the sheet (minutes, or a stack overflow, on a busy machine): cut first
  {
    name: "xlsx: a 10 MB text cell is cut to Excel's 32,767 characters, ending in \"…\"",
    files: () => [file('riesig.xlsx', book({ B3: `${big(10 << 20)}yz` }))],
    expect: 'loaded',
    check: (o) => {
      expect(valueIn(o, 'Einwohner', '01')).toBe(1111);
      const sheet = (loaded(o).parsed as Extract<Loaded['parsed'], { kind: 'table' }>).sheets[0]!;
      expect(sheet.rows[2]![1]).toBe(`${big(32_766)}…`);
      expect(sheet.truncated).toEqual(['B3']);
    },
  },
  { name: 'xlsx: a text cell of "1", 10 MB of spaces and "2" in a value column is missing, not 1', files: () => [file('text.xlsx', book({ C2: `1${big(10 << 20, ' ')}2` }))], expect: 'loaded', check: missingWithIssue(/^Row 2, column C .*not a number/) },
  { name: 'xlsx: a 10 MB number cell (0.000…1) is refused, not read as 0', files: () => [file('ziffern.xlsx', withXml((x) => x.replace('<v>1000</v>', `<v>0.${big(10 << 20, '0')}1</v>`)))], expect: 'refused', message: /^ziffern\.xlsx: not a readable Excel workbook \(.*row 2, col 3/ },
  { name: 'xlsx: a 10 MB attribute in a cell', files: () => [file('attribut.xlsx', withXml((x) => x.replace('<c r="B3"', `<c x="${big(10 << 20)}" r="B3"`)))], expect: 'refused', message: /^attribut\.xlsx: not a readable Excel workbook \(sheet "Daten" holds XML markup of 10,485,\d{3} bytes at cell B3 \(at most 65,536 are read\)\)$/ },
  { name: 'xlsx: a 10 MB attribute without its closing quote', files: () => [file('attribut.xlsx', withXml((x) => x.replace('<c r="B3"', `<c r="B3" x="${big(10 << 20)}`)))], expect: 'refused', message: /^attribut\.xlsx: not a readable Excel workbook \(sheet "Daten" holds XML markup/ },
  { name: 'xlsx: a 10 MB comment in the sheet', files: () => [file('kommentar.xlsx', withXml((x) => x.replace('<c r="B3"', `<!--${big(10 << 20)}--><c r="B3"`)))], expect: 'refused', message: /^kommentar\.xlsx: not a readable Excel workbook \(sheet "Daten" holds XML markup of 10,485,\d{3} bytes/ },
  { name: 'xlsx: 10 MB of whitespace between two cells', files: () => [file('leer.xlsx', withXml((x) => x.replace('<c r="B3"', `${big(10 << 20, ' ')}<c r="B3"`)))], expect: 'loaded', check: number(1000) },
  { name: 'xlsx: HTML and script in names', files: () => [file('html.xlsx', book({ B2: '<script>alert("x")</script>' }))], expect: 'loaded', check: number(1000) },
  { name: 'xlsx: 30 sheets, the table on the last', files: () => [file('viele.xlsx', xlsx([...Array.from({ length: 29 }, (_, i) => ({ name: `Notiz ${i}`, rows: [['Hinweis']] })), { name: 'Daten', rows: sheet() }]))], expect: 'loaded', check: number(1000) },
  { name: 'xlsx: a cell far out (row 1,048,576, column XFD)', files: () => [file('weit.xlsx', withXml((x) => x.replace('</sheetData>', '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')))], expect: 'refused', message: /weit\.xlsx: not a readable Excel workbook \(a sheet reaches row 1,048,576 and column 16,384/ },
  { name: 'xlsx: a cell in column ZZZZ (beyond Excel)', files: () => [file('weit.xlsx', withXml((x) => x.replace('</sheetData>', '<row r="8"><c r="ZZZZ8"><v>1</v></c></row></sheetData>')))], expect: 'refused', message: /weit\.xlsx: not a readable Excel workbook \(a sheet reaches/ },
  { name: 'xlsx: a row numbered 99,999,999', files: () => [file('weit.xlsx', withXml((x) => x.replace('</sheetData>', '<row r="99999999"><c r="A99999999"><v>1</v></c></row></sheetData>')))], expect: 'refused', message: /weit\.xlsx: not a readable Excel workbook \(a sheet reaches/ },
  { name: 'xlsx: a cell at row 100,000 (sparse, within the limits)', files: () => [file('weit.xlsx', withXml((x) => x.replace('</sheetData>', '<row r="100000"><c r="D100000"><v>1</v></c></row></sheetData>')))], expect: 'loaded', check: number(1000) },
  { name: 'xlsx: an entity expansion ("billion laughs") in the sheet XML', files: () => [file('lol.xlsx', withXml((x) => x.replace('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>', '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>').replace('Zentrum-Ost', '&lol9;')))], expect: 'either' },
  {
    name: 'xlsx: a zip bomb (a sheet declared as 600 MB)',
    files: () => [file('bombe.xlsx', zipWith('xl/worksheets/sheet1.xml', deflatedZeros(600), 600 << 20))],
    expect: 'refused',
    message: /bombe\.xlsx: not a readable Excel workbook \(the archive expands to 600 MB/,
  },
  {
    name: 'xlsx: a zip bomb that declares 1 KB for its 300 MB sheet',
    files: () => [file('luege.xlsx', zipWith('xl/worksheets/sheet1.xml', deflatedZeros(300), 1024))],
    expect: 'refused',
  },
  {
    name: 'xlsx: sharedStrings.xml declaring 1 KB for 300 MB',
    files: () => [file('strings.xlsx', zipWith('xl/sharedStrings.xml', deflatedZeros(300), 1024, true))],
    expect: 'refused',
    message: /^strings\.xlsx: not a readable Excel workbook \(the archive is damaged \(xl\/sharedStrings\.xml cannot be expanded/,
  },
];

/** A valid workbook whose entry `name` is replaced by raw deflate data declaring `declared` bytes. */
function zipWith(name: string, raw: Uint8Array, declared: number, keepSheet = false): Uint8Array {
  const files = ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', ...(keepSheet ? ['xl/worksheets/sheet1.xml'] : [])];
  const parts = xlsxParts();
  return zip([...files.map((n) => ({ name: n, data: parts[n]! })), { name, data: new Uint8Array(), raw, size: declared }]);
}

/** The parts of the valid workbook (read back from its stored zip). */
function xlsxParts(): Record<string, Uint8Array> {
  const bytes = xlsx([{ name: 'Daten', rows: sheet() }]);
  // re-read with the same writer's layout: local headers in order
  const out: Record<string, Uint8Array> = {};
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  while (view.getUint32(at, true) === 0x04034b50) {
    const size = view.getUint32(at + 18, true);
    const nameLength = view.getUint16(at + 26, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 30, at + 30 + nameLength));
    const data = bytes.subarray(at + 30 + nameLength, at + 30 + nameLength + size);
    out[name] = new Uint8Array(inflateRawSync(data));
    at += 30 + nameLength + size;
  }
  return out;
}

export const TABLE_CASES: Case[] = [...tableCases, ...xlsxCases];
