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

// ---------------------------------------------------------------------------
// Programme areas (issue 17): groups of base cells published next to the
// parents, and differencing between them.

export interface SecrecyGroup {
  id: string;
  /** Cell ids of the group (a programme area's base areas); unknown ids are ignored. */
  members: readonly string[];
  /**
   * Cell id → the share of its count in the group's value (a programme area drawn across base areas:
   * Σ weight · count), 0 < w ≤ 1; absent: 1 for every member.
   */
  weights?: Readonly<Record<string, number>>;
  /** Whether its value is shown; an unpublished group neither needs protection nor reveals anything. */
  published: boolean;
  /**
   * The cells of the area the group is compared with (its city, Kreis): its total is published, and so is the
   * rest, reference − group ("übrige Stadt"). Absent: every cell; null: no reference and no rest.
   */
  reference?: readonly string[] | null;
}

export interface GroupSecrecyOptions {
  /** Whether a parent's total is shown (as in `suppress`); default: every one. */
  totalPublished?: (parent: string) => boolean;
  /** Whether the total of all cells (the city) is shown; default true. */
  total?: boolean;
}

export interface GroupSecrecyResult extends SecrecyResult {
  /** Published groups whose own value rests on 1 … threshold−1 persons. */
  groupPrimary: Set<string>;
  /** Published groups hidden so that no hidden value can be recomputed (also: their rest is a secret). */
  groupSecondary: Set<string>;
  /** Groups whose rest within the reference ("übrige Stadt") is hidden; hidden together with the group. */
  restHidden: Set<string>;
}

type AggKind = 'parent' | 'total' | 'group' | 'rest';
interface Agg {
  kind: AggKind;
  /** The group id for 'group' and 'rest'. */
  group: string | null;
  members: Int32Array;
  /** Each member's coefficient in the aggregate's value (1; a weight; 1 − weight in a rest). */
  coef: Float64Array;
}

/** A weighted set of cells: sorted unique indices and their coefficients. */
interface Weighted {
  members: Int32Array;
  coef: Float64Array;
}

/** Coefficients this close to 0 cancel (a member in both with the same weight). */
const EPS = 1e-9;

/** Sorted unique cell indices. */
const indexSet = (ids: Iterable<number>) => Int32Array.from(new Set(ids)).sort();

/** A weighted set from cell → coefficient (coefficients within EPS of 0 dropped). */
function weighted(entries: Iterable<readonly [number, number]>): Weighted {
  const map = new Map<number, number>();
  for (const [i, c] of entries) map.set(i, (map.get(i) ?? 0) + c);
  const members = Int32Array.from([...map.keys()].filter((i) => Math.abs(map.get(i)!) > EPS)).sort();
  return { members, coef: Float64Array.from(members, (i) => map.get(i)!) };
}

const unit = (members: Int32Array): Weighted => ({ members, coef: new Float64Array(members.length).fill(1) });

/**
 * The combination a − λ·b of two weighted sets: cells whose coefficient stays positive (+) and negative (−).
 * With λ = 1 and every coefficient 1 it is the set difference: members only in a (+) and only in b (−).
 */
function difference(a: Weighted, b: Weighted, lambda = 1): { plus: number[]; minus: number[] } {
  const plus: number[] = [];
  const minus: number[] = [];
  const put = (i: number, c: number) => {
    if (c > EPS) plus.push(i);
    else if (c < -EPS) minus.push(i);
  };
  let i = 0;
  let j = 0;
  while (i < a.members.length || j < b.members.length) {
    if (j >= b.members.length || (i < a.members.length && a.members[i]! < b.members[j]!)) {
      put(a.members[i]!, a.coef[i]!);
      i++;
    } else if (i >= a.members.length || b.members[j]! < a.members[i]!) {
      put(b.members[j]!, -lambda * b.coef[j]!);
      j++;
    } else {
      put(a.members[i]!, a.coef[i]! - lambda * b.coef[j]!);
      i++;
      j++;
    }
  }
  return { plus, minus };
}

/** The ratios λ that cancel a shared cell in a − λ·b (always 1: plain differences of unions). */
function cancelling(a: Weighted, b: Weighted): number[] {
  const out = new Set<number>([1]);
  let i = 0;
  let j = 0;
  while (i < a.members.length && j < b.members.length) {
    if (a.members[i]! < b.members[j]!) i++;
    else if (b.members[j]! < a.members[i]!) j++;
    else {
      const r = a.coef[i]! / b.coef[j]!;
      if (r > 0 && Number.isFinite(r)) out.add(Math.round(r * 1e9) / 1e9);
      i++;
      j++;
    }
  }
  return [...out];
}

/** The cells of a weighted set that are not known, with their coefficients. */
function unknownPart(a: Weighted, known: (i: number) => boolean): Weighted {
  const keep: number[] = [];
  a.members.forEach((m, k) => {
    if (!known(m)) keep.push(k);
  });
  return { members: Int32Array.from(keep, (k) => a.members[k]!), coef: Float64Array.from(keep, (k) => a.coef[k]!) };
}

/**
 * Secondary suppression with programme areas. Every published aggregate — the
 * parents, the city, each published group, its reference and its rest
 * (reference − group) — is a linear constraint. A hidden value (a cell, a
 * group, a rest) counts as recomputable when one published aggregate, or the
 * difference of two that overlap, has exactly its unknown members (hidden or
 * missing) as its own unknown members. Further cells are hidden, the smallest
 * first, until nothing hidden is recomputable; where no cell can help, a group
 * (with its rest) is hidden. A group is hidden together with its rest, and
 * primarily when either rests on 1 … threshold−1 persons. Starts from
 * `suppress` (so it never hides less). Combinations of three or more
 * aggregates are not audited.
 *
 * Weighted groups (a polygon drawn across cells: Σ weight · count) are linear
 * constraints with those coefficients: a shared cell cancels in a − λ·b only
 * for the λ that equals the ratio of its coefficients, so every such λ (and 1)
 * is audited; a hidden group counts as revealed when a combination's unknown
 * cells are its unknown cells, whatever their coefficients (conservative).
 */
export function suppressGroups(cells: readonly SecrecyCell[], groups: readonly SecrecyGroup[], threshold: number, options: GroupSecrecyOptions = {}): GroupSecrecyResult {
  const totalPublished = options.totalPublished ?? (() => true);
  const base = suppress(cells, threshold, totalPublished);
  const out: GroupSecrecyResult = { ...base, groupPrimary: new Set(), groupSecondary: new Set(), restHidden: new Set() };
  if (!(threshold > 1)) return out;
  const { primary, secondary } = out;

  const indexOf = new Map(cells.map((c, i) => [c.id, i]));
  const known = (i: number) => cells[i]!.basis !== null && !primary.has(cells[i]!.id) && !secondary.has(cells[i]!.id);
  const basisOf = (a: Weighted) => {
    let sum: number | null = null;
    a.members.forEach((i, k) => {
      if (cells[i]!.basis !== null) sum = (sum ?? 0) + a.coef[k]! * cells[i]!.basis!;
    });
    return sum;
  };

  // The aggregates: parents and totals cannot be hidden here; groups and rests can.
  const aggs: Agg[] = [];
  const seen = new Set<string>();
  const add = (kind: AggKind, group: string | null, set: Weighted) => {
    const key = set.members.join(',');
    if (set.members.length === 0 || (kind !== 'group' && kind !== 'rest' && seen.has(key))) return;
    if (kind !== 'group' && kind !== 'rest') seen.add(key);
    aggs.push({ kind, group, members: set.members, coef: set.coef });
  };
  const byParent = new Map<string, number[]>();
  cells.forEach((c, i) => {
    if (c.parent === null) return;
    const list = byParent.get(c.parent);
    if (list) list.push(i);
    else byParent.set(c.parent, [i]);
  });
  for (const [parent, members] of byParent) if (totalPublished(parent)) add('parent', null, unit(indexSet(members)));
  const all = indexSet(cells.keys());
  if (options.total !== false) add('total', null, unit(all));
  const hiddenGroups = new Set<string>();
  const withRest = new Set<string>();
  for (const g of groups) {
    if (!g.published) continue;
    const weightOf = (id: string) => {
      const w = g.weights?.[id];
      return w !== undefined && Number.isFinite(w) && w > 0 ? Math.min(1, w) : 1;
    };
    const members = weighted(g.members.flatMap((id) => (indexOf.has(id) ? [[indexOf.get(id)!, weightOf(id)] as const] : [])));
    add('group', g.id, members);
    if (isSecret(basisOf(members), threshold)) out.groupPrimary.add(g.id);
    if (g.reference === null) continue;
    withRest.add(g.id);
    const reference = g.reference === undefined ? all : indexSet(g.reference.flatMap((id) => (indexOf.has(id) ? [indexOf.get(id)!] : [])));
    add('total', null, unit(reference));
    // The rest is the reference's total minus the group's value: 1 − weight for a member inside.
    const rest = weighted([...[...reference].map((i) => [i, 1] as const), ...[...members.members].map((i, k) => [i, -members.coef[k]!] as const)]);
    add('rest', g.id, rest);
    if (out.groupPrimary.has(g.id) || isSecret(basisOf(rest), threshold)) {
      if (!out.groupPrimary.has(g.id)) out.groupSecondary.add(g.id);
      out.restHidden.add(g.id);
    }
  }
  for (const id of [...out.groupPrimary, ...out.groupSecondary]) hiddenGroups.add(id);
  const isPublished = (a: Agg) => (a.kind === 'group' ? !hiddenGroups.has(a.group!) : a.kind === 'rest' ? !out.restHidden.has(a.group!) : true);
  const hideGroup = (id: string) => {
    if (!out.groupPrimary.has(id)) out.groupSecondary.add(id);
    hiddenGroups.add(id);
    if (withRest.has(id)) out.restHidden.add(id);
  };

  // Pairs of aggregates that share a cell: only their difference can say more than each alone.
  const containing: number[][] = cells.map(() => []);
  aggs.forEach((a, k) => {
    for (const i of a.members) containing[i]!.push(k);
  });
  const pairKeys = new Set<number>();
  for (const list of containing) for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) pairKeys.add(list[x]! * aggs.length + list[y]!);
  const pairs = [...pairKeys].sort((p, q) => p - q).map((p) => [Math.floor(p / aggs.length), p % aggs.length] as const);

  for (let guard = 0; guard <= cells.length + 2 * groups.length + 1; guard++) {
    const unknown = aggs.map((a) => unknownPart(a, known));
    // Published combinations by their unknown members (one sign only: otherwise they reveal no single sum).
    type Combo = { a: number; b: number | null; lambda: number };
    const combos = new Map<string, Combo[]>();
    const note = (key: string, a: number, b: number | null, lambda = 1) => {
      const list = combos.get(key);
      if (list) list.push({ a, b, lambda });
      else combos.set(key, [{ a, b, lambda }]);
    };
    aggs.forEach((a, k) => {
      if (isPublished(a) && unknown[k]!.members.length > 0) note(unknown[k]!.members.join(','), k, null);
    });
    for (const [x, y] of pairs) {
      if (!isPublished(aggs[x]!) || !isPublished(aggs[y]!)) continue;
      for (const lambda of cancelling(unknown[x]!, unknown[y]!)) {
        const { plus, minus } = difference(unknown[x]!, unknown[y]!, lambda);
        if (plus.length > 0 && minus.length === 0) note(plus.join(','), x, y, lambda);
        else if (minus.length > 0 && plus.length === 0) note(minus.join(','), x, y, lambda);
      }
    }
    // Targets: hidden cells, then hidden groups and rests, each with its cells.
    const targets: Int32Array[] = [];
    cells.forEach((c, i) => {
      if (primary.has(c.id) || secondary.has(c.id)) targets.push(Int32Array.of(i));
    });
    for (const a of aggs) if ((a.kind === 'group' || a.kind === 'rest') && !isPublished(a)) targets.push(a.members);
    let fixed = false;
    for (const t of targets) {
      const u = t.filter((i) => !known(i));
      // A hidden group whose cells are all shown is its cells' sum: hide the smallest of them.
      const revealing: (Combo | null)[] = u.length === 0 ? [null] : (combos.get(u.join(',')) ?? []);
      if (revealing.length === 0) continue;
      const fixes = revealing.map((d) => {
        let support: number[] = [];
        if (d !== null && d.b === null) support = [...aggs[d.a]!.members];
        else if (d !== null && d.b !== null) {
          const { plus, minus } = difference(aggs[d.a]!, aggs[d.b]!, d.lambda);
          support = [...plus, ...minus].sort((p, q) => p - q);
        }
        // Hiding a cell of both the combination and the target changes neither's unknowns: only the others help.
        const { plus, minus } = difference(unit(Int32Array.from(support)), unit(t));
        const candidates = [...plus, ...minus].filter(known).sort((p, q) => cells[p]!.basis! - cells[q]!.basis! || cells[p]!.id.localeCompare(cells[q]!.id));
        const involved = d === null ? [] : d.b === null ? [aggs[d.a]!] : [aggs[d.a]!, aggs[d.b]!];
        const group = involved.find((a) => a.kind === 'group' || a.kind === 'rest')?.group ?? undefined;
        return { cell: candidates[0], group };
      });
      // A combination nothing can break reveals it anyway: leave it (as `suppress` does for a lone child).
      if (fixes.some((f) => f.cell === undefined && f.group === undefined)) continue;
      const f = fixes[0]!;
      if (f.cell !== undefined) secondary.add(cells[f.cell]!.id);
      else hideGroup(f.group!);
      fixed = true;
      break;
    }
    if (!fixed) break;
  }
  return out;
}
