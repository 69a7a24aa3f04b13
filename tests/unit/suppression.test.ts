import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isSecret, suppress, type SecrecyCell } from '../../src/lib/analysis/suppression';

const cell = (id: string, parent: string | null, basis: number | null): SecrecyCell => ({ id, parent, basis });

describe('statistical secrecy', () => {
  it('hides 1 and 2 persons at threshold 3, not 0 (a true zero is no secret) and not 3', () => {
    expect([0, 1, 2, 3, null].map((b) => isSecret(b, 3))).toEqual([false, true, true, false, false]);
  });

  it('a single hidden value next to a published total gets a partner: the smallest sibling', () => {
    const r = suppress([cell('a', 'P', 2), cell('b', 'P', 40), cell('c', 'P', 12), cell('d', 'Q', 50)], 3);
    expect([...r.primary]).toEqual(['a']);
    expect([...r.secondary]).toEqual(['c']);
  });

  it('two hidden values protect each other; a missing sibling also does', () => {
    expect(suppress([cell('a', 'P', 1), cell('b', 'P', 2), cell('c', 'P', 30)], 3).secondary.size).toBe(0);
    expect(suppress([cell('a', 'P', 1), cell('b', 'P', null), cell('c', 'P', 30)], 3).secondary.size).toBe(0);
  });

  it('no secondary suppression where the total is not published', () => {
    const r = suppress([cell('a', 'P', 1), cell('b', 'P', 30)], 3, () => false);
    expect(r.secondary.size).toBe(0);
  });

  it('threshold 0 or 1 switches secrecy off', () => {
    expect(suppress([cell('a', 'P', 1)], 1).primary.size).toBe(0);
  });

  it('property: no group with a published total ever has exactly one hidden value among known ones', () => {
    const arb = fc.array(fc.record({ parent: fc.constantFrom('P', 'Q', 'R'), basis: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }) }), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(arb, fc.integer({ min: 2, max: 6 }), (rows, threshold) => {
        const cells = rows.map((r, i) => cell(`x${i}`, r.parent, r.basis));
        const { primary, secondary } = suppress(cells, threshold);
        for (const c of cells) if (isSecret(c.basis, threshold)) expect(primary.has(c.id)).toBe(true);
        for (const p of ['P', 'Q', 'R']) {
          const group = cells.filter((c) => c.parent === p);
          const hidden = group.filter((c) => primary.has(c.id) || secondary.has(c.id));
          const unknown = group.filter((c) => primary.has(c.id) || secondary.has(c.id) || c.basis === null);
          // Either nothing is hidden, or at least two values are unknown to the reader (or the group is exhausted).
          if (hidden.length > 0) expect(unknown.length >= 2 || unknown.length === group.length).toBe(true);
        }
      }),
    );
  });
});
