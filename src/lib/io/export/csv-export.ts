// CSV for German Excel: UTF-8 with BOM (so umlauts survive), ';' between
// fields, decimal comma, no thousands separator; empty cells for missing values.
// Text that a spreadsheet would read as a formula is defused (see guardFormula).

/**
 * Characters that make Excel, LibreOffice or Google Sheets treat a cell as a
 * formula (CSV/formula injection, OWASP): '=', '+', '-', '@', and tab / CR,
 * which some programs strip before looking at the first character.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Prefixes a text value with "'" when it would start a formula, so
 * "=HYPERLINK(…)" or "+49 341 …" stays literal text. Only for text: real
 * numbers (also negative ones) are written as numbers and never passed here.
 */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v).replace('.', ',') : '';
  if (typeof v === 'bigint') return String(v);
  const s = guardFormula(typeof v === 'string' ? v : JSON.stringify(v));
  return /[";\r\n]/.test(s) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * A CSV download for (German) Excel. Numbers stay numbers (decimal comma),
 * text that looks like a formula gets a leading "'".
 */
export function toExcelCsv(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const lines = [columns.map(cell).join(';'), ...rows.map((r) => r.map(cell).join(';'))];
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
