// One year of an indicator at a level, kept column by column: what a year switch of a large level
// needs without asking DuckDB again, at a few bytes per area instead of an object per area (100,000
// areas × 20 years as row objects were the 539 MB heap of the first scale bench). The rows given back
// are exactly queryRows' rows of the same query (same keys, same values, nulls as null).
import type { Indicator, Site } from '../data/catalog-types';
import type { AreaValue } from '../data/values';
import type { Engine, ResultColumn, ResultTable } from './engine';
import { valuesSql } from './queries';

/** A column: one value for every row (`same`), the value column's own values (`value`), or one per row. */
type Column = { same: unknown } | { ofValue: true } | { each: Float64Array | Int32Array | readonly unknown[] };

export interface YearColumns {
  /** Area ids in the answer's order (shared between the years of a level where equal). */
  ids: readonly string[];
  /** Every other column of the answer, by name. */
  columns: ReadonlyMap<string, Column>;
  /** Bytes held besides the shared ids (for the store's budget). */
  bytes: number;
}

/**
 * The values of every area of a level in one year (levelValues' query), column-wise. `shareIds`: the ids
 * of an earlier answer of the same level, taken instead of this answer's when they are equal.
 */
export async function levelYearColumns(engine: Engine, site: Site, ind: Indicator, level: string, year: number, shareIds?: readonly string[]): Promise<YearColumns> {
  return yearColumnsOf(await engine.query(valuesSql(site, ind, level, [year])), shareIds);
}

/**
 * Encodes a result column-wise: constant columns as one value, numbers in typed arrays (null as NaN, read
 * from Arrow's buffers; a column holding a real NaN is kept as it is). The ids are decoded only when they
 * are not those of `shareIds` (same count and the same id first, in the middle and last: one level's
 * answers list its areas in one order, ORDER BY area_id; a level whose areas change is forgotten).
 */
export function yearColumnsOf(table: ResultTable, shareIds?: readonly string[]): YearColumns {
  const names = table.schema.fields.map((f) => f.name);
  const n = table.numRows;
  let ids: readonly string[] = [];
  const read = new Map<string, Float64Array | readonly unknown[]>();
  names.forEach((name, j) => {
    const column = table.getChildAt!(j) as ArrowColumn;
    if (name === 'id') ids = shareIds && sameIdOrder(column, n, shareIds) ? shareIds : Array.from(column, String);
    else read.set(name, numbersOf(column, n) ?? Array.from(column));
  });
  const values = read.get('value') ?? null;
  const columns = new Map<string, Column>();
  let bytes = 0;
  for (const [name, list] of read) {
    const column = encode(list, name === 'value' ? null : values);
    if ('each' in column) bytes += ArrayBuffer.isView(column.each) ? column.each.byteLength : list.length * 16;
    columns.set(name, column);
  }
  return { ids, columns, bytes };
}

/** The part of an Arrow vector read here: its chunks' buffers. */
type ArrowColumn = ResultColumn & {
  get(i: number): unknown;
  data?: { values: ArrayLike<number>; nullBitmap?: Uint8Array; offset: number; length: number; nullCount: number }[];
};

// Arrow type ids and float precisions (apache-arrow's Type and Precision enums), as in engine.ts.
const ARROW_INT = 2;
const ARROW_FLOAT = 3;
const ARROW_HALF = 0;

/** A numeric column as doubles, null as NaN; null when it is not numeric or holds a real NaN. */
function numbersOf(column: ArrowColumn, n: number): Float64Array | null {
  const { typeId, bitWidth = 64, precision } = column.type;
  const numeric = (typeId === ARROW_INT && bitWidth <= 32) || (typeId === ARROW_FLOAT && precision !== ARROW_HALF);
  if (!numeric || !column.data) return null;
  const out = new Float64Array(n);
  let k = 0;
  for (const d of column.data) {
    const { values, nullBitmap, offset, length, nullCount } = d;
    for (let i = 0; i < length; i++) {
      const pos = offset + i;
      if (nullCount > 0 && nullBitmap && (nullBitmap[pos >> 3]! & (1 << (pos & 7))) === 0) out[k++] = NaN;
      else if (Number.isNaN((out[k++] = values[i]!))) return null;
    }
  }
  return k === n ? out : null;
}

function sameIdOrder(column: ArrowColumn, n: number, ids: readonly string[]): boolean {
  if (ids.length !== n) return false;
  return n === 0 || [0, n >> 1, n - 1].every((i) => String(column.get(i)) === ids[i]);
}

/** The rows of an encoded year, as queryRows gives them. */
export function yearRowsOf(year: YearColumns): AreaValue[] {
  const n = year.ids.length;
  const rows = new Array<Record<string, unknown>>(n);
  for (let i = 0; i < n; i++) rows[i] = { id: year.ids[i] };
  // Column by column, every row getting its keys in the same order (one hidden class).
  for (const [name, column] of year.columns) {
    if ('same' in column) for (let i = 0; i < n; i++) rows[i]![name] = column.same;
    else if ('ofValue' in column) for (let i = 0; i < n; i++) rows[i]![name] = rows[i]!.value;
    else if (column.each instanceof Float64Array) for (let i = 0; i < n; i++) rows[i]![name] = Number.isNaN(column.each[i]) ? null : column.each[i];
    else for (let i = 0; i < n; i++) rows[i]![name] = column.each[i];
  }
  return rows as unknown as AreaValue[];
}

const same = (a: unknown, b: unknown) => a === b || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b));

/** A column from its values (doubles with NaN for null, or any values); `values`: the value column, to refer to. */
function encode(list: Float64Array | readonly unknown[], values: Float64Array | readonly unknown[] | null): Column {
  const n = list.length;
  const first = list[0];
  let constant = true;
  for (let i = 1; i < n && constant; i++) constant = same(list[i], first);
  if (constant) return { same: first === undefined || (list instanceof Float64Array && Number.isNaN(first)) ? null : first };
  if (values && list instanceof Float64Array === values instanceof Float64Array) {
    let ofValue = true;
    for (let i = 0; i < n && ofValue; i++) ofValue = same(list[i], values[i]);
    if (ofValue) return { ofValue: true };
  }
  if (!(list instanceof Float64Array)) return { each: list };
  let integers = true;
  for (let i = 0; i < n && integers; i++) integers = Number.isInteger(list[i]) && list[i]! >= -2147483648 && list[i]! <= 2147483647;
  return { each: integers ? Int32Array.from(list) : list };
}

/**
 * Encoded years by key (site|level|indicator|year), the least recently used dropped beyond `budget`
 * bytes; the latest ids of each level are kept for sharing.
 */
export class YearColumnStore {
  private readonly years = new Map<string, YearColumns>();
  private readonly levelIds = new Map<string, readonly string[]>();
  private held = 0;

  constructor(private readonly budget: number) {}

  get(key: string): YearColumns | undefined {
    const year = this.years.get(key);
    if (year) {
      this.years.delete(key);
      this.years.set(key, year);
    }
    return year;
  }

  has(key: string): boolean {
    return this.years.has(key);
  }

  /** The ids an answer of this site|level may share. */
  idsOf(levelKey: string): readonly string[] | undefined {
    return this.levelIds.get(levelKey);
  }

  set(key: string, levelKey: string, year: YearColumns): void {
    this.delete(key);
    this.years.set(key, year);
    this.levelIds.set(levelKey, year.ids);
    this.held += year.bytes;
    for (const [oldest, y] of this.years) {
      if (this.held <= this.budget || this.years.size <= 1) break;
      this.years.delete(oldest);
      this.held -= y.bytes;
    }
  }

  delete(key: string): void {
    const year = this.years.get(key);
    if (!year) return;
    this.years.delete(key);
    this.held -= year.bytes;
  }

  /** Drops every key for which `drop` is true (and the shared ids of levels then unused). */
  forget(drop: (key: string) => boolean): void {
    for (const key of [...this.years.keys()]) if (drop(key)) this.delete(key);
    for (const levelKey of [...this.levelIds.keys()]) if (drop(`${levelKey}|`)) this.levelIds.delete(levelKey);
  }
}
