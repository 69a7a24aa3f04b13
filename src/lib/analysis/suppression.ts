// Statistical secrecy (Geheimhaltung): values based on fewer than `threshold`
// persons are not shown (primary suppression), and where a hidden value could
// be recomputed from a published total minus its published siblings, more
// values are hidden (secondary suppression), the smallest first — the usual
// practice of the statistical offices for tables with totals.
// Pure: no DOM, no DuckDB.

export interface SecrecyCell {
  id: string;
  /** The area whose total this area is part of (a Stadtbezirk for an Ortsteil); null at the top. */
  parent: string | null;
  /** The number of persons the value rests on: the count itself, or the numerator of a rate; null = not known/missing. */
  basis: number | null;
}

export interface SecrecyResult {
  /** Hidden because fewer than `threshold` persons (but more than none: a true zero is no secret). */
  primary: Set<string>;
  /** Hidden so that a primary one cannot be recomputed from the total. */
  secondary: Set<string>;
}

export const DEFAULT_SECRECY_THRESHOLD = 3;

/** True when a basis is a secret at this threshold: 1 … threshold−1 persons. */
export function isSecret(basis: number | null, threshold: number): boolean {
  return basis !== null && Number.isFinite(basis) && basis > 0 && basis < threshold;
}

/**
 * Primary and secondary suppression for one level. `totalPublished(parent)`
 * says whether the parent's total is shown (true by default: the next level
 * up is an aggregate of this one). Groups are the children of one parent.
 */
export function suppress(cells: readonly SecrecyCell[], threshold: number, totalPublished: (parent: string) => boolean = () => true): SecrecyResult {
  const primary = new Set<string>();
  const secondary = new Set<string>();
  if (!(threshold > 1)) return { primary, secondary };
  for (const c of cells) if (isSecret(c.basis, threshold)) primary.add(c.id);

  const groups = new Map<string, SecrecyCell[]>();
  for (const c of cells) {
    if (c.parent === null) continue;
    const g = groups.get(c.parent) ?? [];
    g.push(c);
    groups.set(c.parent, g);
  }
  const hidden = (id: string) => primary.has(id) || secondary.has(id);
  for (const [parent, group] of groups) {
    if (!totalPublished(parent)) continue;
    // A single hidden value in a group with a published total is the total minus the others.
    // Missing values (basis null) count as unknown to the reader, so they also protect it.
    for (;;) {
      const hiddenCount = group.filter((c) => hidden(c.id) || c.basis === null).length;
      if (!group.some((c) => hidden(c.id)) || hiddenCount >= 2) break;
      const candidates = group.filter((c) => !hidden(c.id) && c.basis !== null).sort((a, b) => a.basis! - b.basis! || a.id.localeCompare(b.id));
      const next = candidates[0];
      if (!next) break;
      secondary.add(next.id);
    }
  }
  return { primary, secondary };
}

/** The rows of a level (all years) as the user may see them: secret values nulled and flagged. */
export function applySecrecy<T extends { id: string; year: number; value: number | null; basis?: number | null; secret?: 'primary' | 'secondary' }>(
  rows: readonly T[],
  parentOf: (id: string) => string | null,
  threshold: number,
): T[] {
  if (!(threshold > 1)) return rows.slice();
  const byYear = new Map<number, T[]>();
  for (const r of rows) {
    const list = byYear.get(r.year) ?? [];
    list.push(r);
    byYear.set(r.year, list);
  }
  const out: T[] = [];
  for (const list of byYear.values()) {
    const cells = list.map((r) => ({ id: r.id, parent: parentOf(r.id), basis: r.value === null ? null : (r.basis ?? null) }));
    const { primary, secondary } = suppress(cells, threshold);
    for (const r of list) {
      const secret = primary.has(r.id) ? 'primary' : secondary.has(r.id) ? 'secondary' : undefined;
      out.push(secret ? { ...r, value: null, secret } : r);
    }
  }
  return out;
}
