// Where a table sits in a sheet: the header row below title rows and notes, and
// the end of the data above footnotes.
import { cellText, missingMarker, type Cell } from './cells';
import { isNumberText } from './numbers';
import { headerYear } from './years';

type Kind = 'empty' | 'marker' | 'number' | 'text';

/** What a cell holds, for telling header rows from data rows. */
export function cellKind(cell: Cell | undefined): Kind {
  if (typeof cell === 'number') return Number.isFinite(cell) ? 'number' : 'empty';
  const t = cellText(cell);
  if (t === '') return 'empty';
  if (missingMarker(t) !== null) return 'marker';
  if (isNumberText(t)) return 'number';
  return 'text';
}

export const nonEmptyCount = (row: readonly Cell[] | undefined) => (row ?? []).reduce<number>((n, c) => n + (cellText(c) === '' ? 0 : 1), 0);

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
