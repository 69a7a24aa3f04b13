// Reading tables that come out of (German) Excel: splitting CSV text, finding
// the header row below title rows, parsing German numbers with the markers
// official statistics use for missing or secret values, and suggesting which
// column is the area key, the name, the year and which are indicators.
//
// Everything here is pure: rows in, suggestions out. Rows are indexed from 0
// (rows[0] is Excel row 1); every message names the Excel row (1-based) and
// the column by letter and header.

import { MISSING_MARKERS } from '../../data/missing-markers';

/** A raw cell: XLSX gives numbers, CSV gives strings, empty XLSX cells are null. */
export type Cell = string | number | null;
export type Delimiter = ';' | ',' | '\t';
export type Unit = 'percent' | 'count' | 'eur' | 'years' | 'other';

// ---------------------------------------------------------------------------
// Missing / secret markers

/**
 * Markers for missing or secret values: DuckDB import's MISSING_MARKERS plus
 * the typographic variants ("—", "…"), "k. A." with a space and "/" (Destatis:
 * "no information, value not reliable enough").
 *
 * Note: in Destatis tables "–" (and "-") means "nothing there", i.e. an actual
 * zero, whereas "." means "unknown or secret" and "x" "not applicable". The
 * import will offer to read "–" as 0, but by default every marker means
 * missing, as the issue asks.
 */
export const TABLE_MISSING_MARKERS: readonly string[] = [...new Set([...MISSING_MARKERS, '—', 'k. A.', '/', '…'])];

const MARKERS = new Set(TABLE_MISSING_MARKERS);

/** The text of a cell, trimmed (numbers as written by String(), null as ""). */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  return cell.trim();
}

/** The marker a cell holds ("" for an empty cell), or null if it holds something else. */
export function missingMarker(cell: Cell | undefined): string | null {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? null : '';
  const t = cell.trim();
  if (MARKERS.has(t)) return t;
  // "k.A", "k. a.", "K.A." and the like
  if (/^k\.?\s*a\.?$/i.test(t)) return t;
  return null;
}

// ---------------------------------------------------------------------------
// Columns and messages

/** Excel column letter of a 0-based index: 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export type IssueKind = 'field-count' | 'not-a-number' | 'not-a-year' | 'missing-key' | 'duplicate-key';

export interface TableIssue {
  /** Excel row number (1-based): rows[row - 1]. */
  row: number;
  /** 0-based column index (as ColumnSuggestion.index); for field-count issues the first extra or missing field. */
  column: number;
  /** Cell reference such as "C14". */
  cell: string;
  kind: IssueKind;
  /** The offending text, if any. */
  text: string | null;
  /** English message naming row and column, e.g. `Row 14, column C ("Anteil"): not a number: "12,3a"`. */
  message: string;
  /** Values for a translated message: row, column (letter), header, text, expected, found, firstRow. */
  params: Record<string, string | number>;
}

function makeIssue(
  rowIndex: number,
  column: number,
  header: string,
  kind: IssueKind,
  detail: string,
  text: string | null,
  extra: Record<string, string | number> = {},
): TableIssue {
  const row = rowIndex + 1;
  const letter = columnLetter(column);
  const where = header ? `column ${letter} ("${header}")` : `column ${letter}`;
  return {
    row,
    column,
    cell: `${letter}${row}`,
    kind,
    text,
    message: `Row ${row}, ${where}: ${detail}`,
    params: { row, column: letter, header, ...(text === null ? {} : { text }), ...extra },
  };
}

/** A message for the user that names the file, row and column. */
export function formatIssue(fileName: string, issue: TableIssue): string {
  return `${fileName}: ${issue.message}`;
}

// ---------------------------------------------------------------------------
// CSV

/**
 * Splits text into records (RFC 4180). Quoted fields may contain delimiters,
 * doubled quotes and line breaks; text after a closing quote is kept (lenient).
 * Each line break outside quotes ends a record; empty lines stay as [""] so
 * that record i is Excel row i + 1.
 */
function splitRecords(text: string, delimiter: Delimiter, maxRecords = Infinity, onProgress?: (done: number) => void): string[][] {
  const rows: string[][] = [];
  const n = text.length;
  let row: string[] = [];
  let i = 0;
  while (i < n && rows.length < maxRecords) {
    let field = '';
    if (text[i] === '"') {
      // Quoted field
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          field += text.slice(i);
          i = n;
          break;
        }
        field += text.slice(i, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    }
    // Unquoted field (or the rest after a closing quote)
    let j = i;
    while (j < n) {
      const c = text[j];
      if (c === delimiter || c === '\n' || c === '\r') break;
      j++;
    }
    field += text.slice(i, j);
    row.push(field);
    i = j;
    if (i >= n) break;
    const c = text[i];
    if (c === delimiter) {
      i++;
      if (i >= n) row.push(''); // a trailing delimiter ends with an empty field
      continue;
    }
    // Line break
    i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    rows.push(row);
    row = [];
    if (onProgress && rows.length % 65536 === 0) onProgress(i / n);
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

const DELIMITERS: readonly Delimiter[] = ['\t', ';', ','];

/**
 * Picks the delimiter whose field counts are most consistent over the first
 * records: the one for which the most records share the same count (> 1).
 * Ties go to tab, then ";" (German Excel), then ",".
 */
export function detectDelimiter(text: string): Delimiter {
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  let best: Delimiter = ';';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    let records = splitRecords(head, d, 50);
    if (head.length < text.length && records.length > 1) records = records.slice(0, -1); // may be cut off
    const counts = new Map<number, number>();
    for (const r of records) {
      if (r.length === 1 && r[0]!.trim() === '') continue;
      counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    }
    let score = 0;
    for (const [fields, lines] of counts) if (fields > 1 && lines > score) score = lines;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Splits CSV text into rows with RFC 4180 quoting (quotes, doubled quotes,
 * newlines inside quotes, CRLF). Delimiter detected among ';', ',', '\t' by
 * consistency of field counts over the first lines (outside quotes) unless
 * given. A leading BOM is dropped, and so is Excel's "sep=;" first line (which
 * also sets the delimiter; Excel does not show that line either).
 */
export function parseDelimited(
  text: string,
  delimiter?: Delimiter,
  onProgress?: (done: number) => void,
  /** Stops after this many records (the caller refuses larger tables). */
  maxRows = Infinity,
): { rows: string[][]; delimiter: Delimiter } {
  let body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const sep = /^sep=([;,\t])\r?(\n|$)/.exec(body);
  if (sep) {
    delimiter ??= sep[1] as Delimiter;
    body = body.slice(sep[0].length);
  }
  const d = delimiter ?? detectDelimiter(body);
  return { rows: splitRecords(body, d, maxRows, onProgress), delimiter: d };
}

// ---------------------------------------------------------------------------
// Numbers

interface PreparedNumber {
  /** The number text without sign-like dashes normalised, units removed and spaces inside groups kept. */
  clean: string;
  unit: 'percent' | 'eur' | null;
}

/** Strips a unit ("%", "€", "EUR", "Euro") and normalises minus signs. */
function prepareNumberText(text: string): PreparedNumber {
  let t = text.trim();
  let unit: PreparedNumber['unit'] = null;
  // The unit at the end, then the spaces before it: one pattern /^(.*?)\s*(%|€)$/ backtracks
  // quadratically over a long run of spaces ("a", a million spaces, "b" hangs the tab).
  let m = /(%|€|EUR|Euro)$/i.exec(t);
  const before = m ? t.slice(0, m.index).trimEnd() : '';
  if (m && before) {
    t = before;
    unit = m[1] === '%' ? 'percent' : 'eur';
  } else if ((m = /^(€|EUR)\s*(.+)$/i.exec(t))) {
    t = m[2]!;
    unit = 'eur';
  }
  // U+2212 minus, and an en dash directly before a digit (typeset tables)
  t = t.replace(/^[\u2212\u2013](?=[\d.,])/, '-');
  return { clean: t, unit };
}

const GROUP_SPACE = '[ \\u00A0\\u202F]';
const NUMBER_PATTERNS = {
  ',': new RegExp(`^([+-])?(\\d{1,3}(?:\\.\\d{3})+|\\d{1,3}(?:${GROUP_SPACE}\\d{3})+|\\d+)?(?:,(\\d+))?(?:[eE]([+-]?\\d+))?$`),
  '.': new RegExp(`^([+-])?(\\d{1,3}(?:,\\d{3})+|\\d{1,3}(?:${GROUP_SPACE}\\d{3})+|\\d+)?(?:\\.(\\d+))?(?:[eE]([+-]?\\d+))?$`),
} as const;

/** Parses a number written with the given decimal separator (and the other one for thousands); null if it is none. */
function parseCleanNumber(clean: string, decimal: ',' | '.'): number | null {
  const m = NUMBER_PATTERNS[decimal].exec(clean);
  if (!m || (m[2] === undefined && m[3] === undefined)) return null;
  const int = (m[2] ?? '0').replace(/[^\d]/g, '');
  const value = Number(`${m[1] ?? ''}${int}${m[3] !== undefined ? `.${m[3]}` : ''}${m[4] !== undefined ? `e${m[4]}` : ''}`);
  return Number.isFinite(value) ? value : null;
}

/** Parses one number text ("1.234,5", "12,3 %"); null if it is not a number in that convention. */
export function parseNumber(text: string, decimal: ',' | '.' = ','): number | null {
  return parseCleanNumber(prepareNumberText(text).clean, decimal);
}

/**
 * Which decimal separator a number text must use: "12,5" and "1.234,5" can
 * only be German, "12.5" and "1,234.5" only English; "1.234" and "1,234" could
 * be either (null).
 */
function decimalEvidence(clean: string): ',' | '.' | null {
  const body = clean.replace(/^[+-]/, '').replace(/[eE][+-]?\d+$/, '');
  if (!/^[\d.,]+$/.test(body)) return null;
  const lastComma = body.lastIndexOf(',');
  const lastDot = body.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) return lastComma > lastDot ? ',' : '.';
  const sep = lastComma >= 0 ? ',' : lastDot >= 0 ? '.' : null;
  if (sep === null) return null;
  const parts = body.split(sep);
  if (parts.length > 2) return sep === ',' ? '.' : ','; // repeated: thousands groups
  const [intPart = '', frac = ''] = parts;
  if (frac.length !== 3 || intPart === '' || /^0+$/.test(intPart) || intPart.length > 3) return sep;
  return null;
}

/** One parsed cell: a number, a missing/secret marker, or an error message with the text. */
export type ParsedCell = { value: number | null; marker: string | null; error: string | null };

export interface ParsedNumberColumn {
  values: ParsedCell[];
  /** The column's decimal separator: "," unless the column as a whole is written in English. */
  decimal: ',' | '.';
  /** A unit written in the cells ("12,3 %", "1.200 €") by most of the cells that carry one. */
  unit: 'percent' | 'eur' | null;
  /** Cells that can only be read with a decimal comma ("12,5") or a decimal point ("12.5"). */
  votes: { comma: number; point: number };
}

export interface NumberOptions {
  /** Forces the decimal separator (e.g. chosen by the user). */
  decimal?: ',' | '.';
  /** The separator when the column's own cells do not decide it (default ","); suggestMapping passes the table's. */
  fallback?: ',' | '.';
}

/**
 * German number parsing: "1.234,5" → 1234.5, "12,3 %" → 12.3, "-4,2" → -4.2,
 * "1234" → 1234, numbers pass through; English "1,234.5" only when the column
 * as a whole says so: cells that can only be English ("12.5", "1,234.5")
 * outnumber those that can only be German ("12,5", "1.234,5"). Ambiguous
 * cells ("1.234") follow the column. Missing/secret markers → null with the
 * marker kept. Anything else → an error with the text.
 */
export function parseNumberColumn(cells: readonly Cell[], options: NumberOptions = {}): ParsedNumberColumn {
  type Prep = { kind: 'number'; value: number } | { kind: 'marker'; marker: string } | { kind: 'text'; raw: string; p: PreparedNumber };
  let german = 0;
  let english = 0;
  let percent = 0;
  let eur = 0;
  const prepared: Prep[] = cells.map((cell) => {
    if (typeof cell === 'number' && Number.isFinite(cell)) return { kind: 'number', value: cell };
    const marker = missingMarker(cell);
    if (marker !== null) return { kind: 'marker', marker };
    const raw = cellText(cell);
    const p = prepareNumberText(raw);
    const evidence = decimalEvidence(p.clean);
    if (evidence === ',') german++;
    else if (evidence === '.') english++;
    if (p.unit === 'percent') percent++;
    else if (p.unit === 'eur') eur++;
    return { kind: 'text', raw, p };
  });
  const decimal: ',' | '.' = options.decimal ?? (english > german ? '.' : german > english ? ',' : (options.fallback ?? ','));
  const other = decimal === ',' ? '.' : ',';
  const values = prepared.map((p): ParsedCell => {
    if (p.kind === 'number') return { value: p.value, marker: null, error: null };
    if (p.kind === 'marker') return { value: null, marker: p.marker, error: null };
    const value = parseCleanNumber(p.p.clean, decimal);
    if (value !== null) return { value, marker: null, error: null };
    const hint =
      parseCleanNumber(p.p.clean, other) !== null
        ? ` (the column uses decimal ${decimal === ',' ? 'comma' : 'point'})`
        : '';
    return { value: null, marker: null, error: `not a number: "${p.raw}"${hint}` };
  });
  const unit = percent === 0 && eur === 0 ? null : percent >= eur ? 'percent' : 'eur';
  return { values, decimal, unit, votes: { comma: german, point: english } };
}

// ---------------------------------------------------------------------------
// Years

const YEAR_MIN = 1950;
const YEAR_MAX = 2100;
/**
 * A column headed "Jahr" (or chosen as the year column) takes historic years
 * too (long series from 1871, 1939, …); elsewhere a number before 1950 is more
 * likely a count than a year.
 */
export const YEAR_COLUMN_MIN = 1800;
const YEAR_TOKEN = /(?<!\d)(\d{1,2}\.\d{1,2}\.)?(19[5-9]\d|20\d\d|2100)(-\d{1,2}-\d{1,2})?(?!\d)/g;

const isYear = (n: number, min = YEAR_MIN) => Number.isInteger(n) && n >= min && n <= YEAR_MAX;

/**
 * The year a column header names: 2019, "2019", "31.12.2019", "2019-12-31",
 * "Stand 2019", "Einwohner 2019", "Einwohner am 31.12.2019". Null when there
 * is none or two different ones ("Veränderung 2019–2020").
 */
export function headerYear(cell: Cell | undefined): number | null {
  if (typeof cell === 'number') return isYear(cell) ? cell : null;
  const t = cellText(cell);
  const years = new Set<number>();
  for (const m of t.matchAll(YEAR_TOKEN)) years.add(Number(m[2]));
  return years.size === 1 ? [...years][0]! : null;
}

/** Footnote marks at the end of a header: "Einwohner¹", "Einwohner*", "Einwohner 1)". */
const SUPERSCRIPT = /[¹²³⁴⁵⁶⁷⁸⁹⁰]/;

/**
 * The header without its footnote mark and the spaces before it. A loop: the
 * pattern /\s*(?:[¹²³]+|\*+)$/ backtracks quadratically over a long run of
 * spaces or stars (a header of a million of them hangs the tab).
 */
function withoutFootnote(header: string): string {
  let end = header.length;
  if (/\s\d\)$/.test(header)) end -= 3;
  else if (end > 0 && SUPERSCRIPT.test(header[end - 1]!)) while (end > 0 && SUPERSCRIPT.test(header[end - 1]!)) end--;
  else while (end > 0 && header[end - 1] === '*') end--;
  return end === header.length ? header : header.slice(0, end).trimEnd();
}

const SEPARATOR = /[\s_\-–—,:;/]/;

/** Text without separators (spaces, dashes, punctuation) at either end; a loop, since /[…]+$/ backtracks quadratically. */
function trimSeparators(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && SEPARATOR.test(text[start]!)) start++;
  while (end > start && SEPARATOR.test(text[end - 1]!)) end--;
  return text.slice(start, end);
}

const STEM_EDGE_WORDS = /^(?:stand|am|zum|per|bis|ende|jahr|jahresende|stichtag|year|as of|in)$/i;

/**
 * A header without its year: "Einwohner 2019" → "Einwohner", "Einwohner am
 * 31.12.2019" → "Einwohner", "31.12.2019" → "".
 */
export function headerStem(header: string): string {
  let s = header.replace(YEAR_TOKEN, ' ').replace(/\(\s*\)|\[\s*\]/g, ' ');
  s = trimSeparators(s);
  // Drop words like "Stand", "am" left at either end.
  for (;;) {
    const words = s.split(/\s+/).filter((w) => w !== '');
    const before = words.length;
    while (words.length > 0 && STEM_EDGE_WORDS.test(words[words.length - 1]!)) words.pop();
    while (words.length > 0 && STEM_EDGE_WORDS.test(words[0]!)) words.shift();
    s = trimSeparators(words.join(' '));
    if (words.length === before) break;
  }
  return s;
}

/** A year as a value in a year column: 2019, "2019", "31.12.2019", "2019-12-31"; from `min` on. */
export function yearValue(cell: Cell | undefined, min = YEAR_MIN): number | null {
  if (typeof cell === 'number') return isYear(cell, min) ? cell : null;
  const t = cellText(cell);
  const m = /^(?:(\d{4})|\d{1,2}\.\d{1,2}\.(\d{4})|(\d{4})-\d{1,2}-\d{1,2})$/.exec(t);
  if (!m) return null;
  const y = Number(m[1] ?? m[2] ?? m[3]);
  return isYear(y, min) ? y : null;
}

// ---------------------------------------------------------------------------
// Header row

type Kind = 'empty' | 'marker' | 'number' | 'text';

function cellKind(cell: Cell | undefined): Kind {
  if (typeof cell === 'number') return Number.isFinite(cell) ? 'number' : 'empty';
  const t = cellText(cell);
  if (t === '') return 'empty';
  if (missingMarker(t) !== null) return 'marker';
  const p = prepareNumberText(t);
  if (parseCleanNumber(p.clean, ',') !== null || parseCleanNumber(p.clean, '.') !== null) return 'number';
  return 'text';
}

const nonEmptyCount = (row: readonly Cell[] | undefined) => (row ?? []).reduce<number>((n, c) => n + (cellText(c) === '' ? 0 : 1), 0);

/** A header cell: text, or a year label ("2019", "31.12.2019") heading a column of values. */
const isHeaderLike = (cell: Cell | undefined) => cellKind(cell) === 'text' || headerYear(cell) !== null;

/**
 * Index of the header row: skips title rows, notes and empty rows above the
 * table. The header is the first row with at least two non-empty cells (unless
 * the table has only one column), all of them text or year labels, whose next
 * non-empty row has a number in one of the header's columns, and which heads
 * at least one column that holds numbers in most of the following rows.
 * Falls back to the first such all-text row, then the first non-empty row.
 */
export function detectHeaderRow(rows: readonly (readonly Cell[])[]): number {
  const scan = Math.min(rows.length, 60);
  let widest = 0;
  for (let i = 0; i < scan; i++) widest = Math.max(widest, nonEmptyCount(rows[i]));
  const minCells = Math.min(2, widest);
  let fallback = -1;
  let firstNonEmpty = -1;
  for (let i = 0; i < scan; i++) {
    const row = rows[i]!;
    const filled: number[] = [];
    row.forEach((c, j) => {
      if (cellText(c) !== '') filled.push(j);
    });
    if (filled.length === 0) continue;
    if (firstNonEmpty < 0) firstNonEmpty = i;
    if (filled.length < minCells || !filled.every((j) => isHeaderLike(row[j]))) continue;
    if (fallback < 0) fallback = i;
    const following: (readonly Cell[])[] = [];
    for (let k = i + 1; k < rows.length && following.length < 5; k++) {
      if (nonEmptyCount(rows[k]) > 0) following.push(rows[k]!);
    }
    if (following.length === 0) continue;
    // A title or note row above the header is followed by the header (all
    // text); the header by data with numbers in its columns.
    const next = following[0]!;
    if (next.every((c) => cellText(c) === '' || isHeaderLike(c))) continue;
    if (!following.slice(0, 3).some((r) => filled.some((j) => cellKind(r[j]) === 'number'))) continue;
    const headsNumbers = filled.some((j) => {
      let numbers = 0;
      let fitting = 0;
      for (const r of following) {
        const k = cellKind(r[j]);
        if (k === 'number') numbers++;
        if (k === 'number' || k === 'marker') fitting++;
      }
      return numbers > 0 && fitting * 2 >= following.length;
    });
    if (headsNumbers) return i;
  }
  if (fallback >= 0) return fallback;
  return Math.max(0, firstNonEmpty);
}

const NOTE_START = /^(quelle|quellen|anmerkung|anmerkungen|hinweis|hinweise|fußnote|fussnote|erläuterung|stand|source|note|notes|\*|\d{1,2}\)|[¹²³⁴⁵⁶⁷⁸⁹])/i;

/**
 * End (exclusive) of the table's rows: footnotes below the table are dropped,
 * i.e. trailing rows with a single text cell that follow an empty row or start
 * like a note ("Quelle:", "1)", "*", "Anmerkung").
 */
export function detectDataEnd(rows: readonly (readonly Cell[])[], headerRow: number): number {
  let k = rows.length;
  // rows[k..] is the trailing block of empty or single-text-cell rows
  while (k > headerRow + 1) {
    const row = rows[k - 1]!;
    const n = nonEmptyCount(row);
    if (n === 0 || (n === 1 && row.some((c) => cellKind(c) === 'text'))) k--;
    else break;
  }
  for (let i = k; i < rows.length; i++) {
    const row = rows[i]!;
    if (nonEmptyCount(row) === 0) return i;
    const text = row.map(cellText).find((t) => t !== '') ?? '';
    if (NOTE_START.test(text)) return i;
  }
  return rows.length;
}

// ---------------------------------------------------------------------------
// Keys

/** Repairs keys whose leading zeros Excel dropped, given the width the others have (or the width of the target site's ids): "1" → "01". Only digit keys are padded; others come back trimmed. */
export function padKey(key: string | number, width: number): string {
  const k = typeof key === 'number' ? String(key) : key.trim();
  return /^\d+$/.test(k) && k.length < width ? k.padStart(width, '0') : k;
}

/**
 * The width digit keys should have when some lost their leading zeros: the
 * common width of the target site's ids if given (and all keys fit in it),
 * otherwise the longest width if at least half of the keys have it. Null when
 * nothing needs padding or keys are not all digits.
 */
export function inferKeyWidth(keys: readonly string[], targetIds?: readonly string[]): number | null {
  const ks = keys.map((k) => k.trim()).filter((k) => k !== '');
  if (ks.length === 0 || !ks.every((k) => /^\d+$/.test(k))) return null;
  if (targetIds && targetIds.length > 0 && targetIds.every((id) => /^\d+$/.test(id))) {
    const w = targetIds[0]!.length;
    if (targetIds.every((id) => id.length === w) && ks.every((k) => k.length <= w)) {
      return ks.some((k) => k.length < w) ? w : null;
    }
  }
  // A loop, not Math.max(...): a spread of a million keys overflows the stack.
  let max = 0;
  for (const k of ks) if (k.length > max) max = k.length;
  const full = ks.filter((k) => k.length === max).length;
  if (full === ks.length || full * 2 < ks.length) return null;
  return max;
}

// ---------------------------------------------------------------------------
// Mapping

export type ColumnRole = 'key' | 'name' | 'year' | 'indicator' | 'ignore';

export interface ColumnSuggestion {
  index: number;
  /** Column letter as in Excel ("A", …, "AA"). */
  letter: string;
  header: string;
  role: ColumnRole;
  /** For indicators: from the header ("%", "Anteil", "je 1.000", "EUR", …), else from the cells; null for other roles. */
  unit: Unit | null;
  /** For indicators outside long tables: the year in the header ("2019", "31.12.2019", "Stand 2019", "Einwohner 2019"). */
  year: number | null;
  /** For indicators: the indicator name, i.e. the header without its year ("" when the header is only a year). */
  stem: string | null;
  /** Share of numeric cells among the cells that are neither empty nor a missing marker (0 when there are none). */
  numeric: number;
  /** Cells that are empty or a missing marker. */
  missing: number;
  /** The column's decimal separator (see parseNumberColumn). */
  decimal: ',' | '.';
}

/** One indicator: a single column, or in wide tables the columns of one stem with their years. */
export interface IndicatorGroup {
  stem: string;
  unit: Unit;
  columns: number[];
  /** The year of each column (null when the header has none). */
  years: (number | null)[];
}

export interface TableSuggestion {
  headerRow: number;
  /** Indices of the rows holding data (empty rows, section titles, footnotes and broken rows left out). */
  dataRows: number[];
  columns: ColumnSuggestion[];
  shape: 'long' | 'wide' | 'single-year';
  keyColumn: number | null;
  nameColumn: number | null;
  yearColumn: number | null;
  /** e.g. 2 when keys look like "01".."95" but some lost their leading zero (see padKey). */
  keyWidth: number | null;
  /** Years found: the year column's values (long), the header years (wide), the one header year or none (single-year); sorted. */
  years: number[];
  indicators: IndicatorGroup[];
  issues: TableIssue[];
}

/** Lower-case words of a header (letters and digits, umlauts kept). */
const words = (header: string) => header.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');

const YEAR_HEADER = /^(jahr|jahreszahl|berichtsjahr|erhebungsjahr|bezugsjahr|year|stichtag|zeitpunkt|zeit|datum|date|periode|period|time)$/i;
const KEY_WORD_EXACT = new Set(['id', 'nr', 'no', 'ags', 'ars', 'gkz', 'kz', 'key', 'code', 'kennung', 'schlüssel', 'schluessel', 'nummer', 'kennziffer']);
const KEY_WORD_SUFFIX = ['nr', 'nummer', 'schlüssel', 'schluessel', 'kennziffer', 'code', 'id'];
const NAME_WORDS = [
  'name', 'bezeichnung', 'gebiet', 'gebietsname', 'ortsteil', 'stadtteil', 'gemeinde', 'kreis', 'landkreis', 'region', 'bezirk',
  'stadtbezirk', 'quartier', 'viertel', 'raum', 'land', 'bundesland', 'ort', 'area', 'district',
];
const COUNT_WORDS = /anzahl|einwohner|bevölkerung|personen|haushalte|fälle|faelle|beschäftigte|arbeitslose|empfänger|wohnungen|gebäude|geburten|sterbefälle|zuzüge|fortzüge|kinder|schüler|count|number|population/;

const isKeyHeader = (header: string) =>
  words(header).some((w) => KEY_WORD_EXACT.has(w) || KEY_WORD_SUFFIX.some((s) => w.length > s.length && w.endsWith(s)));
const isNameHeader = (header: string) => words(header).some((w) => NAME_WORDS.includes(w) || w.endsWith('name'));

/** The unit a header names, or null. Rates ("je 1.000") come first: "Geburten je 1.000 Einwohner" is no count. */
export function unitFromHeader(header: string): Unit | null {
  const h = header.toLowerCase();
  if (/\b(je|pro|per)\s+(1|10|100|1\.000|1000|10\.000|10000|100\.000|100000)\b/.test(h) || h.includes('‰')) return 'other';
  if (h.includes('%') || /anteil|quote|prozent|percent|share|rate\b/.test(h)) return 'percent';
  if (h.includes('€') || /\beur\b|euro/.test(h)) return 'eur';
  // "Durchschnittsalter" is in years, "Einwohner 65 Jahre und älter" is a count.
  if (/durchschnittsalter|medianalter|lebenserwartung|in jahren|\(jahre\)|mean age|average age/.test(h)) return 'years';
  if (COUNT_WORDS.test(h)) return 'count';
  if (/^alter\b|\bjahre\b|\byears\b|^age\b/.test(h)) return 'years';
  return null;
}

interface ColumnStats {
  header: string;
  parsed: ParsedNumberColumn;
  present: number;
  numbers: number;
  missing: number;
  texts: string[];
  codes: boolean;
  digits: boolean;
  leadingZero: boolean;
}

/** A code: digits, or a short token of letters and digits without spaces or dots ("A01", "14-612"). */
const isCode = (t: string) => /^\d+$/.test(t) || (t.length <= 16 && /\d/.test(t) && /^[\p{L}\d][\p{L}\d_\-/]*$/u.test(t));

function columnStats(header: string, cells: readonly Cell[], options: NumberOptions): ColumnStats {
  const parsed = parseNumberColumn(cells, options);
  let present = 0;
  let numbers = 0;
  let missing = 0;
  let codes = true;
  let digits = true;
  let leadingZero = false;
  const texts: string[] = [];
  cells.forEach((cell, i) => {
    const p = parsed.values[i]!;
    if (p.marker !== null) {
      missing++;
      return;
    }
    present++;
    if (p.value !== null) numbers++;
    const t = typeof cell === 'number' && Number.isInteger(cell) && cell >= 0 ? String(cell) : typeof cell === 'number' ? '' : cellText(cell);
    texts.push(t);
    if (!isCode(t)) codes = false;
    if (!/^\d+$/.test(t)) digits = false;
    else if (t.length > 1 && t.startsWith('0')) leadingZero = true;
  });
  if (present === 0) codes = digits = false;
  return { header, parsed, present, numbers, missing, texts, codes, digits, leadingZero };
}

/** Rows (indices into `ids`) whose id was seen before, with the first row of each. */
function duplicates(ids: readonly string[]): { at: number; first: number }[] {
  const seen = new Map<string, number>();
  const out: { at: number; first: number }[] = [];
  ids.forEach((id, i) => {
    if (id === '') return;
    const first = seen.get(id);
    if (first === undefined) seen.set(id, i);
    else out.push({ at: i, first });
  });
  return out;
}

/**
 * Suggests the mapping: the key column (ids: AGS-like digit strings, short
 * codes, unique per row, per row and year in long tables), the name column
 * (text, mostly unique), a year column ("Jahr", "year", values 1950–2100),
 * indicator columns (numeric) with units from headers ("%", "Anteil", "Quote",
 * "je 1.000", "Anzahl", "EUR", "€"), wide tables (years in headers, grouped by
 * indicator stem: "Einwohner 2019", "Einwohner 2020" → one indicator
 * "Einwohner" with years) vs long tables. Also reports broken rows (wrong
 * number of fields), cells in indicator columns that are no numbers, bad years
 * and missing or duplicate keys.
 */
export function suggestMapping(rows: readonly (readonly Cell[])[], options: { decimal?: ',' | '.' } = {}): TableSuggestion {
  const headerRow = detectHeaderRow(rows);
  const end = detectDataEnd(rows, headerRow);
  const headerCells = rows[headerRow] ?? [];
  const issues: TableIssue[] = [];

  // Candidate data rows: not empty, not a section title ("Stadtbezirk Mitte" alone in column A).
  const candidates: number[] = [];
  for (let r = headerRow + 1; r < end; r++) {
    const row = rows[r]!;
    const n = nonEmptyCount(row);
    if (n === 0) continue;
    if (n === 1 && cellText(row[0]) !== '' && cellKind(row[0]) === 'text' && headerCells.length >= 3) continue;
    candidates.push(r);
  }

  // Broken rows. CSV rows (all cells strings) have the same number of fields;
  // rows from XLSX may be ragged (trailing empty cells left out), so field
  // counts are only checked for text rows and when most rows agree.
  // Any row is broken when it has values right of the table.
  const trimmedLength = (row: readonly Cell[]) => {
    let n = row.length;
    while (n > 0 && cellText(row[n - 1]) === '') n--;
    return n;
  };
  const headerWidth = trimmedLength(headerCells);
  const lengthCounts = new Map<number, number>();
  for (const r of candidates) lengthCounts.set(rows[r]!.length, (lengthCounts.get(rows[r]!.length) ?? 0) + 1);
  const headerLengthCount = lengthCounts.get(headerCells.length) ?? 0;
  let expected = headerCells.length;
  if (headerLengthCount * 2 < candidates.length) {
    let bestCount = -1;
    for (const [len, count] of lengthCounts) if (count > bestCount) [expected, bestCount] = [len, count];
  }
  const fromText = [headerRow, ...candidates].every((r) => (rows[r] ?? []).every((c) => typeof c === 'string'));
  const checkCounts = fromText && (lengthCounts.get(expected) ?? 0) * 2 >= candidates.length;
  let width = headerWidth;
  if (checkCounts) width = Math.max(width, expected);
  else {
    const trimmed = new Map<number, number>();
    for (const r of candidates) trimmed.set(trimmedLength(rows[r]!), (trimmed.get(trimmedLength(rows[r]!)) ?? 0) + 1);
    let modal = 0;
    let modalCount = 0;
    for (const [len, count] of trimmed) if (count > modalCount || (count === modalCount && len > modal)) [modal, modalCount] = [len, count];
    width = Math.max(width, modal);
  }
  const dataRows: number[] = [];
  for (const r of candidates) {
    const row = rows[r]!;
    const len = trimmedLength(row);
    const wrongCount = checkCounts && row.length !== expected;
    if (wrongCount || len > width) {
      const found = wrongCount ? row.length : len;
      const exp = wrongCount ? expected : width;
      const column = Math.min(found, exp);
      issues.push(
        makeIssue(r, column, cellText(headerCells[column]), 'field-count', `expected ${exp} fields, found ${found}`, null, {
          expected: exp,
          found,
        }),
      );
      continue;
    }
    dataRows.push(r);
  }

  const headers = Array.from({ length: width }, (_, c) => cellText(headerCells[c]));
  // Columns whose cells do not decide the decimal separator ("1.234" only)
  // follow the table: "92,550" is 92550 next to a column of "7.4".
  const cellsOf = (c: number) => dataRows.map((r) => rows[r]![c] ?? null);
  let comma = 0;
  let point = 0;
  // The votes only pick the fallback: an even sample of 5,000 rows decides as well as all (and a
  // million-row table is not parsed twice).
  const step = Math.max(1, Math.floor(dataRows.length / 5000));
  const sampleOf = (c: number) => {
    const out: Cell[] = [];
    for (let i = 0; i < dataRows.length; i += step) out.push(rows[dataRows[i]!]![c] ?? null);
    return out;
  };
  if (options.decimal === undefined) {
    for (let c = 0; c < width; c++) {
      const { votes } = parseNumberColumn(sampleOf(c));
      comma += votes.comma;
      point += votes.point;
    }
  }
  const numberOptions: NumberOptions = { decimal: options.decimal, fallback: point > comma ? '.' : ',' };
  const stats = headers.map((h, c) => columnStats(h, cellsOf(c), numberOptions));

  // Year column: a year-ish header and year values, or unnamed years that repeat.
  let yearColumn: number | null = null;
  let yearMin = YEAR_MIN;
  const yearValuesOf = (c: number, min = yearMin) => dataRows.map((r) => yearValue(rows[r]![c], min));
  for (let c = 0; c < width && yearColumn === null; c++) {
    const s = stats[c]!;
    if (s.present === 0 || headerYear(headers[c]!) !== null) continue;
    const named = YEAR_HEADER.test(headers[c]!.replace(/[^\p{L}]/gu, ''));
    const ys = yearValuesOf(c, named ? YEAR_COLUMN_MIN : YEAR_MIN).filter((y) => y !== null);
    if (named && ys.length >= 0.8 * s.present) {
      yearColumn = c;
      yearMin = YEAR_COLUMN_MIN;
    } else if (!named && ys.length === s.present && new Set(ys).size * 2 <= ys.length && s.codes && !isKeyHeader(headers[c]!)) {
      yearColumn = c;
    }
  }
  const yearOfRow = new Map<number, string>();
  if (yearColumn !== null) for (const r of dataRows) yearOfRow.set(r, cellText(rows[r]![yearColumn]));

  // Key column: codes, unique per row (and year); a header like "Nr", "AGS", "Schlüssel" or leading zeros help.
  const keyText = (r: number, c: number) => cellText(rows[r]![c]);
  let keyColumn: number | null = null;
  let bestKeyScore = 2.5;
  for (let c = 0; c < width; c++) {
    const s = stats[c]!;
    if (c === yearColumn || !s.codes) continue;
    const ids = dataRows.map((r) => {
      const k = keyText(r, c);
      return k === '' ? '' : `${k}\u0000${yearOfRow.get(r) ?? ''}`;
    });
    const unique = duplicates(ids).length === 0 && s.missing === 0;
    const hint = isKeyHeader(headers[c]!);
    let score = (unique ? 3 : 0) + (hint ? 4 : 0) + (s.leadingZero ? 2 : 0) - 0.1 * c;
    if (!hint && (unitFromHeader(headers[c]!) !== null || headerYear(headers[c]!) !== null)) score -= 4;
    if (!hint && !s.leadingZero && c > 0) score -= 1; // "Ortsteil;Wert": a unique number right of the names is no key
    if (!hint && c > 1) score -= 2;
    if (!unique && !hint) continue;
    if (score > bestKeyScore) {
      bestKeyScore = score;
      keyColumn = c;
    }
  }

  // Name column: text, mostly unique (per year in long tables).
  let nameColumn: number | null = null;
  let bestNameScore = 0;
  for (let c = 0; c < width; c++) {
    const s = stats[c]!;
    if (c === keyColumn || c === yearColumn || s.present === 0 || s.numbers > 0.5 * s.present) continue;
    const ids = dataRows.map((r) => `${cellText(rows[r]![c])}\u0000${yearOfRow.get(r) ?? ''}`);
    const distinct = new Set(ids).size / dataRows.length;
    if (distinct < 0.8) continue;
    const score = distinct + (isNameHeader(headers[c]!) ? 1 : 0) - 0.01 * c;
    if (score > bestNameScore) {
      bestNameScore = score;
      nameColumn = c;
    }
  }

  // Roles of the other columns.
  const columns: ColumnSuggestion[] = headers.map((header, c) => {
    const s = stats[c]!;
    let role: ColumnRole = 'ignore';
    if (c === keyColumn) role = 'key';
    else if (c === nameColumn) role = 'name';
    else if (c === yearColumn) role = 'year';
    else if (isKeyHeader(header) && s.codes) role = 'ignore'; // other ids (e.g. the district of an Ortsteil) are no indicators
    else if (s.present === 0 ? s.missing > 0 && header !== '' : s.numbers * 2 >= s.present && s.numbers > 0) role = 'indicator';
    return {
      index: c,
      letter: columnLetter(c),
      header,
      role,
      unit: null,
      year: null,
      stem: null,
      numeric: s.present === 0 ? 0 : s.numbers / s.present,
      missing: s.missing,
      decimal: s.parsed.decimal,
    };
  });
  const indicatorColumns = columns.filter((col) => col.role === 'indicator');

  // Shape: a year column makes a long table; years in two or more indicator headers a wide one.
  let shape: TableSuggestion['shape'];
  if (yearColumn !== null) shape = 'long';
  else {
    const headerYears = new Set(indicatorColumns.map((col) => headerYear(col.header)).filter((y) => y !== null));
    shape = headerYears.size >= 2 ? 'wide' : 'single-year';
  }
  for (const col of indicatorColumns) {
    col.year = shape === 'long' ? null : headerYear(col.header);
    col.stem = withoutFootnote(col.year === null ? col.header : headerStem(col.header));
  }

  // Units: the header's, else the cells' ("12,3 %"), else counts for non-negative integers.
  const unitOf = (cs: readonly ColumnSuggestion[]): Unit => {
    for (const col of cs) {
      const u = unitFromHeader(col.header);
      if (u !== null) return u;
    }
    for (const col of cs) {
      const u = stats[col.index]!.parsed.unit;
      if (u !== null) return u;
    }
    const values = cs.flatMap((col) => stats[col.index]!.parsed.values.map((v) => v.value).filter((v) => v !== null));
    return values.length > 0 && values.every((v) => Number.isInteger(v) && v >= 0) ? 'count' : 'other';
  };

  // Indicator groups: by stem in wide tables, one per column otherwise.
  const groups = new Map<string, ColumnSuggestion[]>();
  for (const col of indicatorColumns) {
    const id = shape === 'wide' ? (col.stem ?? '').toLowerCase().replace(/\s+/g, ' ') : `#${col.index}`;
    const list = groups.get(id) ?? [];
    list.push(col);
    groups.set(id, list);
  }
  const indicators: IndicatorGroup[] = [...groups.values()].map((cs) => {
    const unit = unitOf(cs);
    for (const col of cs) col.unit = unit;
    return { stem: cs[0]!.stem ?? '', unit, columns: cs.map((col) => col.index), years: cs.map((col) => col.year) };
  });

  // Years found.
  let years: number[];
  if (yearColumn !== null) years = [...new Set(yearValuesOf(yearColumn).filter((y) => y !== null))];
  else years = [...new Set(indicatorColumns.map((col) => col.year).filter((y) => y !== null))];
  years.sort((a, b) => a - b);

  // Keys: missing, duplicate, and the width lost leading zeros suggest.
  let keyWidth: number | null = null;
  if (keyColumn !== null) {
    const kc = keyColumn;
    const keys = dataRows.map((r) => (missingMarker(rows[r]![kc]) === null ? keyText(r, kc) : '')); // "." or "x" is no key
    keyWidth = inferKeyWidth(keys.filter((k) => k !== ''));
    const padded = keys.map((k) => (k === '' ? '' : keyWidth === null ? k : padKey(k, keyWidth)));
    dataRows.forEach((r, i) => {
      if (padded[i] === '') issues.push(makeIssue(r, kc, headers[kc]!, 'missing-key', 'the key is missing', cellText(rows[r]![kc])));
    });
    const ids = padded.map((k, i) => (k === '' ? '' : `${k}\u0000${yearOfRow.get(dataRows[i]!) ?? ''}`));
    for (const { at, first } of duplicates(ids)) {
      const r = dataRows[at]!;
      const firstRow = dataRows[first]! + 1;
      const what = yearColumn === null ? '' : ` for year ${yearOfRow.get(r)}`;
      issues.push(
        makeIssue(r, kc, headers[kc]!, 'duplicate-key', `the key "${keys[at]}"${what} already appears in row ${firstRow}`, keys[at]!, {
          firstRow,
        }),
      );
    }
  }

  // Years that are none.
  if (yearColumn !== null) {
    const yc = yearColumn;
    for (const r of dataRows) {
      const cell = rows[r]![yc];
      if (missingMarker(cell) === null && yearValue(cell, yearMin) === null) {
        const text = cellText(cell);
        issues.push(makeIssue(r, yc, headers[yc]!, 'not-a-year', `not a year: "${text}"`, text));
      }
    }
  }

  // Cells in indicator columns that are no numbers.
  for (const col of indicatorColumns) {
    stats[col.index]!.parsed.values.forEach((v, i) => {
      if (v.error !== null) issues.push(makeIssue(dataRows[i]!, col.index, col.header, 'not-a-number', v.error, cellText(rows[dataRows[i]!]![col.index])));
    });
  }
  issues.sort((a, b) => a.row - b.row || a.column - b.column);

  return { headerRow, dataRows, columns, shape, keyColumn, nameColumn, yearColumn, keyWidth, years, indicators, issues };
}
