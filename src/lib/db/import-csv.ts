import { queryRows, type Engine } from './engine';
import { ident, str } from './sql';
import { MISSING_MARKERS } from '../data/missing-markers';

/** How a delimited text file is written (German Excel: ";", decimal comma, thousands dot, Windows-1252). */
export interface DelimitedFormat {
  delimiter: ';' | ',' | '\t';
  decimal: ',' | '.';
  thousands: '.' | ',' | null;
  encoding: 'utf-8' | 'latin-1';
}

export const GERMAN_EXCEL: DelimitedFormat = { delimiter: ';', decimal: ',', thousands: '.', encoding: 'latin-1' };

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
  if (format.thousands) await convertGroupedNumbers(engine, table, format);
  const [row] = await queryRows<{ n: number }>(engine, `SELECT CAST(count(*) AS DOUBLE) AS n FROM ${ident(table)}`);
  return row?.n ?? 0;
}

/**
 * DuckDB's sniffer leaves columns like "1.234" / "12.345,6" as text when the
 * thousands separator is the dot. A text column whose every value is such a
 * number (and some have a separator) becomes a DOUBLE column.
 */
async function convertGroupedNumbers(engine: Engine, table: string, format: DelimitedFormat): Promise<void> {
  const columns = await queryRows<{ column_name: string; column_type: string }>(engine, `DESCRIBE ${ident(table)}`);
  const t = format.thousands === '.' ? '\\.' : ',';
  const d = format.decimal === ',' ? ',' : '\\.';
  const pattern = `^-?(\\d{1,3}(${t}\\d{3})+|\\d+)(${d}\\d+)?$`;
  const numeric: string[] = [];
  for (const { column_name: name, column_type: type } of columns) {
    if (type !== 'VARCHAR') continue;
    // Codes such as "01001" are digits only and must stay text: a column is only
    // converted when some of its values carry a separator.
    const [check] = await queryRows<{ bad: number; separated: number }>(
      engine,
      `SELECT CAST(count(*) FILTER (WHERE NOT regexp_full_match(${ident(name)}, ${str(pattern)})) AS DOUBLE) AS bad,
              CAST(count(*) FILTER (WHERE ${ident(name)} LIKE '%.%' OR ${ident(name)} LIKE '%,%') AS DOUBLE) AS separated
       FROM ${ident(table)}`,
    );
    if (check && check.bad === 0 && check.separated > 0) numeric.push(name);
  }
  if (numeric.length === 0) return;
  const select = columns.map(({ column_name: name }) => {
    if (!numeric.includes(name)) return ident(name);
    const plain = `replace(${ident(name)}, ${str(format.thousands ?? '')}, '')`;
    const decimalPoint = format.decimal === ',' ? `replace(${plain}, ',', '.')` : plain;
    return `CAST(${decimalPoint} AS DOUBLE) AS ${ident(name)}`;
  });
  await engine.query(`CREATE OR REPLACE TABLE ${ident(table)} AS SELECT ${select.join(', ')} FROM ${ident(table)}`);
}
