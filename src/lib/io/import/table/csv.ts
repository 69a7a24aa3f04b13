// Splitting CSV text as (German) Excel writes it: RFC 4180 quoting, the delimiter
// detected among ";", "," and tab, Excel's "sep=" line.

export type Delimiter = ';' | ',' | '\t';

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
