// Cells of tables that come out of (German) Excel, the missing or secret markers
// of official statistics, and the messages that name a cell. Rows are indexed
// from 0 (rows[0] is Excel row 1); every message names the Excel row (1-based)
// and the column by letter and header.
import { MISSING_MARKERS } from '../../../data/missing-markers';

/** A raw cell: XLSX gives numbers, CSV gives strings, empty XLSX cells are null. */
export type Cell = string | number | null;
export type Unit = 'percent' | 'count' | 'eur' | 'years' | 'other';

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

/** An issue at a cell (rowIndex 0-based), its English message and the values for a translated one. */
export function makeIssue(
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
