// Excel workbooks (.xlsx) for download: one sheet per table, e.g. "Daten"
// (area id, name, year, value, …) and "Metadaten" (rows of [field, value]).
// Numbers stay numbers (with an optional Excel number format), missing values
// are empty cells (never 0), and text is always written as a text cell, so a
// name such as "=HYPERLINK(…)" can never become a formula.
//
// write-excel-file is loaded lazily (keeps it out of the initial bundle). Its
// "universal" entry runs in browsers and in Node (tests) and has no Node-only
// imports; it returns a Blob, which is turned into bytes here.

export type ExportCell = string | number | null; // null = missing: an empty cell, never 0

export interface ExportTable {
  /** Sheet name; characters Excel forbids ([]:*?/\) are replaced, cut to 31 characters, made unique. */
  sheet: string;
  columns: string[];
  rows: ExportCell[][];
  /** Excel number format per column for numeric cells, e.g. '#,##0.0'; null/missing = General. */
  numberFormats?: (string | null)[];
}

/** The cell objects write-excel-file takes (only what is used here); null = empty cell. */
export type XlsxCell = {
  value: string | number;
  type: StringConstructor | NumberConstructor;
  format?: string;
  fontWeight?: 'bold';
  wrap?: boolean;
} | null;

const MIN_WIDTH = 6;
const MAX_WIDTH = 60;

/** Excel's rules for sheet names, applied instead of failing: the caller passes display texts. */
export function safeSheetNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((raw, i) => {
    const base = (raw.replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '').trim() || `Sheet${i + 1}`).slice(0, 31);
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) {
      const suffix = ` (${n})`;
      name = base.slice(0, 31 - suffix.length) + suffix;
    }
    used.add(name.toLowerCase());
    return name;
  });
}

/** A value as write-excel-file's cell: text always as String, non-finite numbers as missing. */
export function toXlsxCell(value: ExportCell | undefined, numberFormat?: string | null): XlsxCell {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    return numberFormat ? { value, type: Number, format: numberFormat } : { value, type: Number };
  }
  if (value === null || value === undefined || value === '') return null;
  return { value: String(value), type: String };
}

/** Text length of a value as it will roughly appear in Excel (for column widths). */
function displayLength(value: ExportCell | undefined, numberFormat?: string | null): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 0;
    const decimals = numberFormat?.match(/\.(0+)/)?.[1]?.length ?? 2;
    const digits = Math.abs(value).toFixed(decimals).length;
    // Thousands separators and the sign.
    return digits + Math.floor(Math.max(0, Math.log10(Math.abs(value) || 1)) / 3) + (value < 0 ? 1 : 0);
  }
  // The longest line of a multi-line text.
  return Math.max(...String(value).split(/\r?\n/).map((l) => l.length));
}

/** Column widths in characters: the longest value (header bold, so a little wider), clamped. */
export function columnWidths(table: ExportTable): number[] {
  return table.columns.map((header, c) => {
    let longest = displayLength(header) * 1.1;
    for (const row of table.rows) longest = Math.max(longest, displayLength(row[c], table.numberFormats?.[c]));
    return Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2)));
  });
}

/** The sheet data of one table: bold header row, then the rows (padded or cut to the header's width). */
export function sheetData(table: ExportTable): XlsxCell[][] {
  const header: XlsxCell[] = table.columns.map((c) => (c === '' ? null : { value: c, type: String, fontWeight: 'bold' }));
  const rows = table.rows.map((row) =>
    table.columns.map((_, c) => {
      const cell = toXlsxCell(row[c], table.numberFormats?.[c]);
      // Long texts (definitions, URLs in the metadata sheet) wrap instead of spilling over.
      return cell?.type === String && String(cell.value).length > MAX_WIDTH ? { ...cell, wrap: true } : cell;
    }),
  );
  return [header, ...rows];
}

/** An .xlsx workbook with one sheet per table. */
export async function buildXlsx(tables: ExportTable[]): Promise<Uint8Array> {
  if (tables.length === 0) throw new Error('buildXlsx: at least one table is needed');
  const { default: writeXlsxFile } = await import('write-excel-file/universal');
  const names = safeSheetNames(tables.map((t) => t.sheet));
  const sheets = tables.map((table, i) => ({
    sheet: names[i],
    data: sheetData(table),
    columns: columnWidths(table).map((width) => ({ width })),
    // Header row stays visible while scrolling.
    stickyRowsCount: 1,
  }));
  const blob = await writeXlsxFile(sheets).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}
