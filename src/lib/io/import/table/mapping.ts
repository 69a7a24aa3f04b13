// The suggested mapping of a table: which column is the area key, the name, the
// year, which are indicators (grouped by stem in wide tables) with their units,
// and the issues found (broken rows, cells that are no numbers, bad years, missing
// or duplicate keys). Pure: rows in, suggestion out.
import { cellText, columnLetter, makeIssue, missingMarker, type Cell, type TableIssue, type Unit } from './cells';
import { parseNumberColumn, type NumberOptions, type ParsedNumberColumn } from './numbers';
import { headerStem, headerYear, withoutFootnote, yearValue, YEAR_COLUMN_MIN, YEAR_MIN } from './years';
import { cellKind, detectDataEnd, detectHeaderRow, nonEmptyCount } from './header';
import { inferKeyWidth, padKey } from './keys';
import { isKeyHeader, isNameHeader, unitFromHeader, YEAR_HEADER } from './header-words';

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
