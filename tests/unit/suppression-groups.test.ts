// Statistical secrecy with programme areas (issue 17): hand-made cases, the
// real Leipzig counts through DuckDB, and a seeded property test that audits
// every published aggregate and every difference of two by brute force.
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isSecret, suppress, suppressGroups, type GroupSecrecyResult, type SecrecyCell, type SecrecyGroup } from '../../src/lib/analysis/suppression';
import { queryRows } from '../../src/lib/db/engine';
import { createLoadedEngine } from './helpers/node-engine';

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261206;
const cell = (id: string, parent: string | null, basis: number | null): SecrecyCell => ({ id, parent, basis });
const group = (id: string, members: string[], published = true): SecrecyGroup => ({ id, members, published });
const hiddenCells = (r: GroupSecrecyResult) => new Set([...r.primary, ...r.secondary]);

interface Aggregate {
  label: string;
  members: Set<string>;
  /** A programme area or its rest: could have been hidden to break a disclosure. */
  breakable: boolean;
}

/**
 * Brute force, independent of the implementation: the published aggregates
 * (every parent, the city, each shown group and its shown rest), and for each
 * hidden value (cell, group, rest) every aggregate and every difference of two
 * whose unknown members are exactly the hidden value's unknown members. Such a
 * disclosure is only allowed where nothing could have broken it: no shown cell
 * to hide in the combination, no programme area in it (as `suppress` leaves a
 * parent with a single child).
 */
function audit(cells: readonly SecrecyCell[], groups: readonly SecrecyGroup[], r: GroupSecrecyResult, parentShown: (p: string) => boolean = () => true): string[] {
  const hidden = hiddenCells(r);
  const unknown = (id: string) => hidden.has(id) || cells.find((c) => c.id === id)!.basis === null;
  const all = new Set(cells.map((c) => c.id));
  const published: Aggregate[] = [];
  const targets: { label: string; members: Set<string>; breakable?: boolean }[] = [...hidden].map((id) => ({ label: `cell ${id}`, members: new Set([id]) }));
  for (const p of new Set(cells.map((c) => c.parent).filter((p) => p !== null))) {
    if (parentShown(p!)) published.push({ label: `parent ${p}`, members: new Set(cells.filter((c) => c.parent === p).map((c) => c.id)), breakable: false });
  }
  published.push({ label: 'city', members: all, breakable: false });
  for (const g of groups.filter((g) => g.published)) {
    const members = new Set(g.members.filter((id) => all.has(id)));
    const rest = new Set([...all].filter((id) => !members.has(id)));
    const groupHidden = r.groupPrimary.has(g.id) || r.groupSecondary.has(g.id);
    (groupHidden ? targets : published).push({ label: `group ${g.id}`, members, breakable: true });
    (r.restHidden.has(g.id) ? targets : published).push({ label: `rest ${g.id}`, members: rest, breakable: true });
  }
  const keyOf = (ids: Iterable<string>) => [...ids].filter(unknown).sort().join(',');
  // Combinations: each aggregate, and a − b for every ordered pair (only one-signed unknown parts say anything).
  const combos: { label: string; plus: Set<string>; minus: Set<string>; breakable: boolean }[] = [];
  for (const a of published) combos.push({ label: a.label, plus: a.members, minus: new Set(), breakable: a.breakable });
  for (const a of published)
    for (const b of published) {
      if (a === b) continue;
      combos.push({ label: `${a.label} − ${b.label}`, plus: new Set([...a.members].filter((id) => !b.members.has(id))), minus: new Set([...b.members].filter((id) => !a.members.has(id))), breakable: a.breakable || b.breakable });
    }
  const problems: string[] = [];
  for (const t of targets) {
    const key = keyOf(t.members);
    if (key === '') {
      if (t.members.size > 0) problems.push(`${t.label} is the sum of shown cells`);
      continue;
    }
    const revealing = combos.filter((c) => keyOf(c.minus) === '' && keyOf(c.plus) === key);
    const unbreakable = revealing.filter((c) => {
      const support = new Set([...c.plus, ...c.minus]);
      const sym = [...support].filter((id) => !t.members.has(id)).concat([...t.members].filter((id) => !support.has(id)));
      return !c.breakable && sym.every(unknown);
    });
    if (revealing.length > 0 && unbreakable.length === 0) problems.push(`${t.label} = ${revealing[0]!.label}`);
  }
  return problems;
}

describe('secondary suppression with programme areas (by hand)', () => {
  it('without groups it is `suppress` (the parents) and nothing more', () => {
    const cells = [cell('a', 'P', 2), cell('b', 'P', 40), cell('c', 'P', 12), cell('d', 'Q', 50), cell('e', 'Q', 7)];
    const r = suppressGroups(cells, [], 3);
    expect([...r.primary]).toEqual(['a']);
    expect([...r.secondary]).toEqual(['c']);
    expect(r.groupPrimary.size + r.groupSecondary.size + r.restHidden.size).toBe(0);
  });

  it('a programme area with a single hidden cell gets partners: in the area, against the overlapping parent, in that parent', () => {
    // a and d protect each other in P; the area {a, x, y} would show a as its total minus x and y.
    const cells = [cell('a', 'P', 2), cell('d', 'P', 1), cell('x', 'P', 50), cell('y', 'Q', 30), cell('z', 'Q', 100), cell('w', 'Q', 80)];
    const r = suppressGroups(cells, [group('pa', ['a', 'x', 'y'])], 3);
    expect([...r.primary].sort()).toEqual(['a', 'd']);
    // y (30) is the smallest shown cell of the area. Then the area minus Q (y cancels) would show a from x, z
    // and w: x (50), the smallest of them, goes. Q would show y as its total minus z and w: w (80) goes.
    expect([...r.secondary]).toEqual(['y', 'x', 'w']);
    expect(r.groupPrimary.size + r.groupSecondary.size).toBe(0);
    expect(audit(cells, [group('pa', ['a', 'x', 'y'])], r)).toEqual([]);
  });

  it('two overlapping areas whose difference is one hidden cell: one of them is hidden', () => {
    const cells = [cell('a', 'P', 1), cell('d', 'P', 2), cell('e', 'P', 1), cell('x', 'P', 40), cell('y', 'P', 60)];
    const groups = [group('pa1', ['a', 'd', 'e', 'x']), group('pa2', ['d', 'e', 'x'])];
    const r = suppressGroups(cells, groups, 3);
    // No cell could help (pa1 − pa2 is a alone whatever else is hidden), so pa1 goes with its rest.
    expect([...r.groupSecondary]).toEqual(['pa1']);
    expect([...r.restHidden]).toEqual(['pa1']);
    expect(audit(cells, groups, r)).toEqual([]);
    // Unpublished, pa1 reveals nothing and needs nothing.
    const off = suppressGroups(cells, [group('pa1', ['a', 'd', 'e', 'x'], false), groups[1]!], 3);
    expect(off.groupSecondary.size).toBe(0);
  });

  it('an area and the rest of the city: the rest must not show a hidden cell either', () => {
    // The area is everything but a (hidden, 2 persons) and b: city − area = a + b, b shown → a. b is hidden too.
    const cells = [cell('a', 'P', 2), cell('c', 'P', 1), cell('b', 'Q', 9), cell('x', 'P', 50), cell('y', 'Q', 70), cell('z', 'Q', 90)];
    const groups = [group('pa', ['c', 'x', 'y', 'z'])];
    const r = suppressGroups(cells, groups, 3);
    expect(r.secondary.has('b')).toBe(true);
    expect(audit(cells, groups, r)).toEqual([]);
  });

  it('an area resting on fewer than threshold persons is hidden with its rest, and its sum cannot be recomputed', () => {
    const cells = [cell('a', 'P', 1), cell('b', 'P', 1), cell('z', 'P', 0), cell('x', 'P', 50), cell('y', 'Q', 20)];
    const groups = [group('pa', ['a', 'b', 'z'])];
    const r = suppressGroups(cells, groups, 3);
    expect([...r.groupPrimary]).toEqual(['pa']);
    expect([...r.restHidden]).toEqual(['pa']);
    // P − z − x would be a + b, the area: x, P's only cell outside the area, is hidden (hiding z would not help).
    expect([...r.secondary]).toEqual(['x']);
    expect(audit(cells, groups, r)).toEqual([]);
  });

  it('an area whose rest is a secret is hidden too', () => {
    // The rest of the city is r alone (2 persons): the area would be the city minus r.
    const cells = [cell('a', 'P', 40), cell('b', 'P', 50), cell('q', 'Q', 30), cell('r', 'Q', 2)];
    const groups = [group('pa', ['a', 'b', 'q'])];
    const r = suppressGroups(cells, groups, 3);
    expect([...r.groupPrimary]).toEqual([]);
    expect([...r.groupSecondary]).toEqual(['pa']);
    expect([...r.restHidden]).toEqual(['pa']);
    expect([...r.primary]).toEqual(['r']);
    expect(audit(cells, groups, r)).toEqual([]);
  });

  it('threshold 0 or 1 switches secrecy off', () => {
    const r = suppressGroups([cell('a', 'P', 1), cell('b', 'P', 3)], [group('pa', ['a'])], 1);
    expect(r.primary.size + r.secondary.size + r.groupPrimary.size).toBe(0);
  });
});

describe('real Leipzig counts: Langzeitarbeitslose 2015 per Ortsteil (4, 8 and 9 in three Ortsteile)', () => {
  let cells: SecrecyCell[];
  beforeAll(async () => {
    const engine = await createLoadedEngine();
    const rows = await queryRows<{ id: string; parent: string; value: number | null }>(
      engine,
      `SELECT a.id, a.parent, o.value FROM areas a LEFT JOIN observations o
         ON o.site = a.site AND o.area_id = a.id AND o.ind = 'langzeitarbeitslose' AND o.year = 2015
       WHERE a.site = 'leipzig' AND a.level = 'ortsteil' ORDER BY a.id`,
    );
    cells = rows.map((r) => cell(r.id, r.parent, r.value));
  }, 120_000);

  it('Fördergebiete over the secret Ortsteile stay safe, at every threshold up to 20', () => {
    expect(cells).toHaveLength(63);
    expect(cells.filter((c) => isSecret(c.basis, 10)).map((c) => c.id).sort()).toEqual(['28', '29', '55']);
    const parentOf = new Map(cells.map((c) => [c.id, c.parent]));
    // One area around 28 and 29 plus a neighbour of another Stadtbezirk, one overlapping it, one with 55.
    const groups = [group('a', ['28', '29', '00']), group('b', ['29', '00', '01']), group('c', ['55', '50', '51', '52'])];
    for (const threshold of [3, 5, 10, 15, 20]) {
      const r = suppressGroups(cells, groups, threshold);
      const legacy = suppress(cells, threshold);
      expect([...r.primary].sort()).toEqual([...legacy.primary].sort());
      for (const id of legacy.secondary) expect(r.secondary.has(id)).toBe(true);
      expect(audit(cells, groups, r), `threshold ${threshold}`).toEqual([]);
      if (threshold === 10) {
        // Each Stadtbezirk with a secret now hides at least two of its Ortsteile.
        for (const id of r.primary) expect([...hiddenCells(r)].filter((h) => parentOf.get(h) === parentOf.get(id)).length).toBeGreaterThanOrEqual(2);
        expect(r.secondary.size).toBeGreaterThan(legacy.secondary.size);
      }
    }
  });
});

describe('property: no hidden value is an aggregate or a difference of two (brute force)', () => {
  const city = fc.integer({ min: 5, max: 30 }).chain((n) =>
    fc.record({
      bases: fc.array(fc.option(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 60 })), { nil: null, freq: 8 }), { minLength: n, maxLength: n }),
      parents: fc.array(fc.constantFrom('P', 'Q', 'R', 'S'), { minLength: n, maxLength: n }),
      groups: fc.array(fc.record({ members: fc.uniqueArray(fc.nat(n - 1), { minLength: 1, maxLength: n }), published: fc.boolean() }), { minLength: 1, maxLength: 4 }),
      shown: fc.constantFrom<'all' | 'some'>('all', 'all', 'some'),
      threshold: fc.integer({ min: 2, max: 6 }),
    }),
  );

  it('random cities with 1–4 overlapping programme areas (500 runs)', () => {
    let hiddenTotal = 0;
    let groupsHidden = 0;
    fc.assert(
      fc.property(city, ({ bases, parents, groups: gs, shown, threshold }) => {
        const cells = bases.map((b, i) => cell(`c${i}`, parents[i]!, b));
        const groups = gs.map((g, k) => group(`g${k}`, g.members.map((i) => `c${i}`), g.published || k === 0));
        const parentShown = shown === 'all' ? () => true : (p: string) => p !== 'S';
        const r = suppressGroups(cells, groups, threshold, { totalPublished: parentShown });
        // Primary: every secret cell; every shown area on a secret basis.
        for (const c of cells) expect(r.primary.has(c.id)).toBe(isSecret(c.basis, threshold));
        for (const g of groups) {
          const sum = g.members.reduce<number | null>((s, id) => (cells.find((c) => c.id === id)!.basis === null ? s : (s ?? 0) + cells.find((c) => c.id === id)!.basis!), null);
          if (g.published && isSecret(sum, threshold)) expect(r.groupPrimary.has(g.id)).toBe(true);
          if (!g.published) expect(r.groupPrimary.has(g.id) || r.groupSecondary.has(g.id) || r.restHidden.has(g.id)).toBe(false);
          // A group and its rest are shown or hidden together.
          expect(r.groupPrimary.has(g.id) || r.groupSecondary.has(g.id)).toBe(r.restHidden.has(g.id));
        }
        // Never less than `suppress`; zeros and missing cells are never primary.
        const legacy = suppress(cells, threshold, parentShown);
        for (const id of legacy.secondary) expect(r.secondary.has(id)).toBe(true);
        for (const id of r.secondary) expect(cells.find((c) => c.id === id)!.basis).not.toBeNull();
        expect(audit(cells, groups, r, parentShown)).toEqual([]);
        hiddenTotal += r.secondary.size;
        groupsHidden += r.groupSecondary.size;
      }),
      { numRuns: 500, seed: SEED },
    );
    // The runs did exercise the secondary suppression of cells and of whole areas.
    expect(hiddenTotal).toBeGreaterThan(100);
    expect(groupsHidden).toBeGreaterThan(0);
  });

  it('the old property still holds: no shown parent has exactly one hidden value among known ones', () => {
    fc.assert(
      fc.property(city, ({ bases, parents, groups: gs, threshold }) => {
        const cells = bases.map((b, i) => cell(`c${i}`, parents[i]!, b));
        const r = suppressGroups(cells, gs.map((g, k) => group(`g${k}`, g.members.map((i) => `c${i}`), g.published)), threshold);
        for (const p of ['P', 'Q', 'R', 'S']) {
          const members = cells.filter((c) => c.parent === p);
          const unknown = members.filter((c) => r.primary.has(c.id) || r.secondary.has(c.id) || c.basis === null);
          if (members.some((c) => r.primary.has(c.id) || r.secondary.has(c.id))) expect(unknown.length >= 2 || unknown.length === members.length).toBe(true);
        }
      }),
      { numRuns: 300, seed: SEED + 1 },
    );
  });
});
