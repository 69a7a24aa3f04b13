// The cross-site overview of programme areas (mode=programmes): one row per programme area
// with the indicator now (the latest year with a value), its change since the area's start
// year, its reference area (the smallest administrative area of its site containing every
// member: city, Kreis, Land or Germany) and the difference to it. Pure: the figures come in
// as DuckDB answers (sums of counts, Σ numerator / Σ denominator); nothing is averaged here.
import { change, type ChangeMeasure } from './change';

/** One year of an area's value as the value cache gives it (AreaValue's fields that matter here). */
export interface YearValue {
  year: number;
  value: number | null;
  /** Known only to lie below this bound ("< 1 %"). */
  below?: number | null;
  estimated?: boolean;
  secret?: 'primary' | 'secondary';
}

export interface OverviewArea {
  id: string;
  site: string;
  name: string;
  programme: string;
  startYear: number | null;
  example: boolean;
}

export interface OverviewInput {
  area: OverviewArea;
  /** The area's values, any order. */
  series: readonly YearValue[];
  /** Its reference area and that area's values, or null (no statistical area contains it). */
  reference: { id: string; name: string; level: string; series: readonly YearValue[] } | null;
  /** abs: difference (percentage points for shares); pct: percent change (counts). */
  measure: ChangeMeasure;
  /** The area's rest within its reference ("übrige Stadt", "übriger Landkreis Verden", from counts): its name and values. */
  rest?: { name: string; series: readonly YearValue[] } | null;
}

export interface OverviewRow extends OverviewArea {
  /** The latest year with a value (null: no year has one). */
  year: number | null;
  value: number | null;
  /** The latest year's value is hidden for statistical secrecy (then value, change and diff are null). */
  secret: boolean;
  estimated: boolean;
  /** The year the change is measured from: the start year, or the first year after it with a value. */
  fromYear: number | null;
  fromValue: number | null;
  change: number | null;
  measure: ChangeMeasure;
  refId: string | null;
  refName: string | null;
  refLevel: string | null;
  /** The reference in the same year as the value. */
  refValue: number | null;
  /** value − refValue (percentage points for shares). */
  diff: number | null;
  /** The rest's name ("übriger Landkreis Verden"; null: no rest, as on a grid site). */
  restName: string | null;
  /** The rest in the same year as the value (null: missing or secret). */
  restValue: number | null;
  /** The rest is hidden for statistical secrecy in that year (always when the area's value is). */
  restSecret: boolean;
}

const byYear = (series: readonly YearValue[]) => [...series].sort((a, b) => a.year - b.year);

/** The latest year of a series with a value or a secret one (a hidden value is the latest too: never skipped). */
export function latestYear(series: readonly YearValue[]): YearValue | null {
  const sorted = byYear(series);
  for (let i = sorted.length - 1; i >= 0; i--) {
    const v = sorted[i]!;
    if (v.value !== null || v.secret) return v;
  }
  return null;
}

/** The first year ≥ `start` (and before `until`) with a value. */
export function firstYearFrom(series: readonly YearValue[], start: number, until: number): YearValue | null {
  return byYear(series).find((v) => v.year >= start && v.year < until && v.value !== null) ?? null;
}

/** One overview row. */
export function overviewRow({ area, series, reference, measure, rest = null }: OverviewInput): OverviewRow {
  const now = latestYear(series);
  const secret = Boolean(now?.secret);
  const value = secret ? null : (now?.value ?? null);
  const from = now && area.startYear !== null && value !== null ? firstYearFrom(series, area.startYear, now.year) : null;
  const ref = now && reference ? (reference.series.find((v) => v.year === now.year) ?? null) : null;
  const refValue = ref && !ref.secret ? ref.value : null;
  const restNow = now && rest ? (rest.series.find((v) => v.year === now.year) ?? null) : null;
  const restSecret = Boolean(restNow?.secret) || (secret && rest !== null);
  return {
    ...area,
    year: now?.year ?? null,
    value,
    secret,
    estimated: Boolean(now?.estimated),
    fromYear: from?.year ?? null,
    fromValue: from?.value ?? null,
    change: from ? change(from.value, value, measure) : null,
    measure,
    refId: reference?.id ?? null,
    refName: reference?.name ?? null,
    refLevel: reference?.level ?? null,
    refValue,
    diff: value !== null && refValue !== null ? value - refValue : null,
    restName: rest?.name ?? null,
    restValue: restSecret ? null : (restNow?.value ?? null),
    restSecret,
  };
}

/**
 * The smallest area containing every member: walking up `levels` (base first, each area's
 * parent is at the next level), the first of `allowed` levels where all members have one and the
 * same ancestor. Members unknown at the base level are ignored; null when none is known or no
 * allowed level has a single ancestor.
 */
export function containingArea(
  members: readonly string[],
  levels: readonly string[],
  parentOf: (level: string, id: string) => string | null | undefined,
  allowed: (level: string) => boolean,
): { level: string; id: string } | null {
  const base = levels[0];
  if (base === undefined) return null;
  let ids = new Set(members.filter((m) => parentOf(base, m) !== undefined));
  if (ids.size === 0) return null;
  for (let i = 0; i < levels.length - 1; i++) {
    const next = new Set<string>();
    for (const id of ids) {
      const p = parentOf(levels[i]!, id);
      if (p === null || p === undefined) return null;
      next.add(p);
    }
    ids = next;
    const up = levels[i + 1]!;
    if (ids.size === 1 && allowed(up)) return { level: up, id: [...ids][0]! };
  }
  return null;
}

export type OverviewSortKey = 'name' | 'site' | 'programme' | 'value' | 'change' | 'refValue' | 'diff';

/** Rows sorted by a column; missing values always last, ties by name. */
export function sortOverview(rows: readonly OverviewRow[], key: OverviewSortKey, descending: boolean, siteLabel: (id: string) => string = (s) => s): OverviewRow[] {
  const text = (r: OverviewRow) => (key === 'site' ? siteLabel(r.site) : key === 'programme' ? r.programme : r.name);
  const numeric = key === 'value' || key === 'change' || key === 'refValue' || key === 'diff';
  const sign = descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    if (numeric) {
      const x = a[key] as number | null;
      const y = b[key] as number | null;
      if (x === null || y === null) return x === y ? a.name.localeCompare(b.name, 'de') : x === null ? 1 : -1;
      if (x !== y) return sign * (x - y);
      return a.name.localeCompare(b.name, 'de');
    }
    const c = text(a).localeCompare(text(b), 'de');
    return c !== 0 ? sign * c : a.name.localeCompare(b.name, 'de');
  });
}
