import { queryRows, type Engine } from './engine';
import { ident, str } from './sql';

/** How a delimited text file is written (German Excel: ";", decimal comma, thousands dot, Windows-1252). */
export interface DelimitedFormat {
  delimiter: ';' | ',' | '\t';
  decimal: ',' | '.';
  thousands: '.' | ',' | null;
  encoding: 'utf-8' | 'latin-1';
}

export const GERMAN_EXCEL: DelimitedFormat = { delimiter: ';', decimal: ',', thousands: '.', encoding: 'latin-1' };

/** Markers German statistics use for missing or secret values; they become NULL, never 0. */
export const MISSING_MARKERS = ['', '.', '-', '–', 'x', 'X', 'k.A.', '...'];

/**
 * Loads a delimited file into a DuckDB table (replacing it) and returns its
 * row count. DuckDB parses the file itself; the bytes are registered as a
 * virtual file first.
 */
export async function importDelimited(
  engine: Engine,
  fileName: string,
  bytes: Uint8Array,
  table: string,
  format: DelimitedFormat,
): Promise<number> {
  await engine.registerFile(fileName, bytes);
  const options = [
    'header = true',
    `delim = ${str(format.delimiter)}`,
    `decimal_separator = ${str(format.decimal)}`,
    format.thousands ? `thousands = ${str(format.thousands)}` : null,
    `encoding = ${str(format.encoding)}`,
    `nullstr = [${MISSING_MARKERS.map(str).join(', ')}]`,
  ].filter((o) => o !== null);
  await engine.query(`CREATE OR REPLACE TABLE ${ident(table)} AS SELECT * FROM read_csv(${str(fileName)}, ${options.join(', ')})`);
  const [row] = await queryRows<{ n: number }>(engine, `SELECT CAST(count(*) AS DOUBLE) AS n FROM ${ident(table)}`);
  return row?.n ?? 0;
}
