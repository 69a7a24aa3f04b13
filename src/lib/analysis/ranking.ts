export interface RankedArea {
  id: string;
  /** The input value; null (also for NaN / ±Infinity inputs) when missing. */
  value: number | null;
  /** Competition rank, 1 = highest value; null for a missing value. */
  rank: number | null;
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
 */
export function rankAreas(values: readonly { id: string; value: number | null }[]): RankedArea[] {
  const valid: { id: string; value: number }[] = [];
  const missing: string[] = [];
  for (const { id, value } of values) {
    if (value !== null && Number.isFinite(value)) valid.push({ id, value });
    else missing.push(id);
  }
  valid.sort((a, b) => b.value - a.value || compareIds(a.id, b.id));
  const out: RankedArea[] = [];
  valid.forEach((a, i) => {
    const tied = i > 0 && valid[i - 1].value === a.value;
    out.push({ id: a.id, value: a.value, rank: tied ? (out[i - 1].rank as number) : i + 1 });
  });
  for (const id of missing.sort(compareIds)) out.push({ id, value: null, rank: null });
  return out;
}
