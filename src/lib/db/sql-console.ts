// The SQL console for experienced users: read-only queries over the loaded
// tables. The statement runs as a subquery (`SELECT * FROM (…) LIMIT n`), which
// DuckDB only parses for queries: INSERT, DROP, COPY, ATTACH, SET and several
// statements at once cannot run that way.
import type { Engine } from './engine';
import { int } from './sql';

export const CONSOLE_ROW_LIMIT = 1000;

/** The tables a user can query (shown in the console). */
export const CONSOLE_TABLES = ['areas', 'area_base', 'indicators', 'observations', 'grid_cells'] as const;

export type SqlConsoleErrorKind = 'empty' | 'multiple' | 'not-read-only' | 'engine';

export class SqlConsoleError extends Error {
  constructor(
    readonly kind: SqlConsoleErrorKind,
    readonly detail: string,
  ) {
    super(detail || kind);
  }
}

export interface ConsoleResult {
  columns: string[];
  rows: unknown[][];
  /** More rows than CONSOLE_ROW_LIMIT: only the first ones are returned. */
  truncated: boolean;
  ms: number;
}

const QUERY_START = /^\s*(\(|select\b|with\b|from\b|values\b|table\b|pivot\b|unpivot\b|summarize\b)/i;

/** Removes comments and trailing semicolons; says whether a `;` separates several statements. */
function prepare(sql: string): { body: string; multiple: boolean } {
  let out = '';
  let multiple = false;
  let quote: string | null = null;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (quote) {
      out += c;
      if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      out += c;
    } else if (c === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 1;
      out += ' ';
    } else if (c === ';') {
      if (sql.slice(i + 1).replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, '').trim() !== '') multiple = true;
      break;
    } else out += c;
  }
  return { body: out.trim(), multiple };
}

function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString();
  if (v !== null && typeof v === 'object' && 'toJSON' in v && typeof v.toJSON === 'function') return v.toJSON();
  return v;
}

/** Runs one read-only query and returns at most CONSOLE_ROW_LIMIT rows. */
export async function runReadOnlyQuery(engine: Engine, sql: string, limit = CONSOLE_ROW_LIMIT): Promise<ConsoleResult> {
  const { body, multiple } = prepare(sql);
  if (body === '') throw new SqlConsoleError('empty', '');
  if (multiple) throw new SqlConsoleError('multiple', '');
  if (!QUERY_START.test(body)) throw new SqlConsoleError('not-read-only', body.split(/\s+/)[0] ?? '');
  const started = performance.now();
  let table;
  try {
    table = await engine.query(`SELECT * FROM (\n${body}\n) AS console_query LIMIT ${int(limit + 1)}`);
  } catch (err) {
    throw new SqlConsoleError('engine', err instanceof Error ? err.message : String(err));
  }
  const columns = table.schema.fields.map((f) => f.name);
  const all = table.toArray().map((r) => {
    const o = r.toJSON();
    return columns.map((c) => plain(o[c]));
  });
  return { columns, rows: all.slice(0, limit), truncated: all.length > limit, ms: performance.now() - started };
}
