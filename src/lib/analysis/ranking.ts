export interface RankedArea {
  id: string;
  /** The input value; null (also for NaN / ±Infinity inputs) when missing or known only as "below". */
  value: number | null;
  /** Competition rank, 1 = highest value; null for a missing value. */
  rank: number | null;
  /** The value is known only to lie below this bound ("< 1 %"); value null then. */
  below?: number;
}

/** Plain code-unit comparison: stable across locales, unlike localeCompare. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Ranks areas by value, highest first. Ties share the competition rank
 * ("1224": 1, 2, 2, 4), so a rank always tells how many areas are strictly
 * higher. Within a tie, and among the missing values (listed last with rank
 * null, never ranked as 0), areas are ordered by id so the order is stable.
 * A value known only to lie below a bound (`below`, value null: "< 1 %") is
 * ranked after the values at or above its bound and before those below it;
 * such areas with the same bound share a rank.
 */
export function rankAreas(values: readonly { id: string; value: number | null; below?: number | null }[]): RankedArea[] {
  type Entry = { id: string; value: number; below?: number };
  const valid: Entry[] = [];
  const missing: string[] = [];
  for (const { id, value, below } of values) {
    if (value !== null && Number.isFinite(value)) valid.push({ id, value });
    else if ((value === null || value === undefined) && typeof below === 'number' && Number.isFinite(below) && below > 0) valid.push({ id, value: below, below });
    else missing.push(id);
  }
  // A "below b" entry sorts as b, after the known values equal to b.
  valid.sort((a, b) => b.value - a.value || Number(a.below !== undefined) - Number(b.below !== undefined) || compareIds(a.id, b.id));
  const out: RankedArea[] = [];
  valid.forEach((a, i) => {
    const prev = valid[i - 1];
    const tied = prev !== undefined && prev.value === a.value && (prev.below === undefined) === (a.below === undefined);
    const rank = tied ? (out[i - 1].rank as number) : i + 1;
    out.push(a.below !== undefined ? { id: a.id, value: null, rank, below: a.below } : { id: a.id, value: a.value, rank });
  });
  for (const id of missing.sort(compareIds)) out.push({ id, value: null, rank: null });
  return out;
}
