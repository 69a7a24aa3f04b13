// CSV for German Excel: UTF-8 with BOM (so umlauts survive), ';' between
// fields, decimal comma, no thousands separator; empty cells for missing values.

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v).replace('.', ',') : '';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return /[";\r\n]/.test(s) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s;
}

/** A field of the comma-separated files the loader reads (data/*.csv and imports). */
export function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function toExcelCsv(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const lines = [columns.map(cell).join(';'), ...rows.map((r) => r.map(cell).join(';'))];
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
