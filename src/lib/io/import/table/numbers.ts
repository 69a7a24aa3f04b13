// Number cells of a table: units ("12,3 %", "1.200 €") and markers stripped, and
// the decimal separator decided for a column as a whole. The number itself is read
// by parseGermanNumber (analysis/german-number.ts), the app's one number parser.
import { parseGermanNumber } from '../../../analysis/german-number';
import { cellText, missingMarker, type Cell } from './cells';

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
  // U+2212 minus, and an en dash directly before a digit (typeset tables); parseGermanNumber
  // reads them too, but decimalEvidence needs the plain sign
  t = t.replace(/^[\u2212\u2013](?=[\d.,])/, '-');
  return { clean: t, unit };
}

/** A number written with the given decimal separator (and the other one for thousands); null if it is none. */
const parseCleanNumber = (clean: string, decimal: ',' | '.'): number | null => parseGermanNumber(clean, { decimal });

/** Parses one number text ("1.234,5", "12,3 %"); null if it is not a number in that convention. */
export function parseNumber(text: string, decimal: ',' | '.' = ','): number | null {
  return parseCleanNumber(prepareNumberText(text).clean, decimal);
}

/** Whether a cell's text is a number in either convention (units allowed). */
export function isNumberText(text: string): boolean {
  const { clean } = prepareNumberText(text);
  return parseCleanNumber(clean, ',') !== null || parseCleanNumber(clean, '.') !== null;
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
