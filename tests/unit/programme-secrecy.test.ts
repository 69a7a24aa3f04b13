// Statistical secrecy with programme areas, differencing included (issue 17,
// item 2): weighted programme areas (drawn across base areas) as linear
// constraints, a seeded property test with an independent audit (any one
// published aggregate, or any combination α·a + β·b of two, that leaves exactly
// one hidden cell among the unknowns gives it away), and the real Leipzig counts
// through the value cache as the app asks for them.
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isSecret, suppress, suppressGroups, type SecrecyCell, type SecrecyGroup } from '../../src/lib/analysis/suppression';
import { applyProgrammeSecrecy } from '../../src/lib/analysis/programme-secrecy';
import { findBundledSite, findIndicator } from '../../src/lib/data/catalog';
import { PROGRAMME_LEVEL, type ProgrammeArea } from '../../src/lib/data/programme-areas';
import type { Engine } from '../../src/lib/db/engine';
import { levelAreas, levelSeries } from '../../src/lib/db/queries';
import { programmeMembership, setProgrammeAreas } from '../../src/lib/db/programme-areas';
import { loadSite } from '../../src/lib/db/schema';
import { ValueCache } from '../../src/lib/state/value-cache';
import { createNodeEngine, readDataFile } from './helpers/node-engine';

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261207;
const TOL = 1e-9;

/** A published aggregate: its value is Σ coefficient · cell. `breakable`: a programme area or its rest (could be hidden). */
interface Published {
  label: string;
  vec: ReadonlyMap<string, number>;
  breakable: boolean;
}

/**
 * Independent audit by linear algebra over two aggregates at a time: a hidden cell h is given away
 * when one published aggregate has h as its only unknown, or two have parallel coefficient vectors
 * over the other unknowns (so α·a + β·b cancels them) while h keeps a coefficient. Allowed only where
 * one such combination could not have been broken: no known cell in it besides h, no programme area.
 */
function leaks(cellIds: readonly string[], unknown: ReadonlySet<string>, hidden: ReadonlySet<string>, published: readonly Published[]): string[] {
  const out: string[] = [];
  const coef = (p: Published, id: string) => p.vec.get(id) ?? 0;
  const others = (h: string) => cellIds.filter((id) => unknown.has(id) && id !== h);
  let revealing: { label: string; breakable: boolean }[] = [];
  const check = (h: string, label: string, combo: (id: string) => number, involved: Published[]) => {
    if (Math.abs(combo(h)) <= TOL) return;
    const support = cellIds.filter((id) => id !== h && Math.abs(combo(id)) > TOL);
    revealing.push({ label: `cell ${h} = ${label}`, breakable: involved.some((p) => p.breakable) || support.some((id) => !unknown.has(id)) });
  };
  for (const h of hidden) {
    // A cell that one combination gives away whatever is hidden (a parent with one child) needs no audit.
    if (revealing.length > 0 && revealing.every((r) => r.breakable)) out.push(...revealing.map((r) => r.label));
    revealing = [];
    const rest = others(h);
    for (const a of published) {
      if (rest.every((id) => Math.abs(coef(a, id)) <= TOL)) check(h, a.label, (id) => coef(a, id), [a]);
    }
    for (let x = 0; x < published.length; x++) {
      for (let y = x + 1; y < published.length; y++) {
        const a = published[x]!;
        const b = published[y]!;
        const ua = rest.map((id) => coef(a, id));
        const ub = rest.map((id) => coef(b, id));
        const k = ua.findIndex((v) => Math.abs(v) > TOL);
        if (k < 0 || Math.abs(ub[k]!) <= TOL) continue; // a alone or b alone (audited above), or not parallel
        const lambda = ua[k]! / ub[k]!;
        if (!ua.every((v, i) => Math.abs(v - lambda * ub[i]!) <= TOL * Math.max(1, Math.abs(v)))) continue;
        check(h, `${a.label} − ${lambda} × ${b.label}`, (id) => coef(a, id) - lambda * coef(b, id), [a, b]);
      }
    }
  }
  if (revealing.length > 0 && revealing.every((r) => r.breakable)) out.push(...revealing.map((r) => r.label));
  return out;
}

/** What a reader sees of a city with weighted programme areas, after suppressGroups. */
function audit(cells: readonly SecrecyCell[], groups: readonly SecrecyGroup[], threshold: number): string[] {
  const r = suppressGroups(cells, groups, threshold);
  const hidden = new Set([...r.primary, ...r.secondary]);
  const unknown = new Set(cells.filter((c) => hidden.has(c.id) || c.basis === null).map((c) => c.id));
  const ids = cells.map((c) => c.id);
  const ones = (members: Iterable<string>) => new Map([...members].map((id) => [id, 1]));
  const published: Published[] = [];
  for (const p of new Set(cells.map((c) => c.parent))) if (p !== null) published.push({ label: `parent ${p}`, vec: ones(cells.filter((c) => c.parent === p).map((c) => c.id)), breakable: false });
  published.push({ label: 'city', vec: ones(ids), breakable: false });
  for (const g of groups) {
    if (!g.published || r.groupPrimary.has(g.id) || r.groupSecondary.has(g.id)) continue;
    const vec = new Map(g.members.map((id) => [id, g.weights?.[id] ?? 1]));
    published.push({ label: `group ${g.id}`, vec, breakable: true });
    // The rest lies in the group's reference (its Kreis: reference − group), or in the whole city.
    if (g.reference === null) continue;
    const refIds = g.reference ?? ids;
    published.push({ label: `reference ${g.id}`, vec: ones(refIds), breakable: false });
    if (!r.restHidden.has(g.id)) published.push({ label: `rest ${g.id}`, vec: new Map(refIds.map((id) => [id, 1 - (vec.get(id) ?? 0)])), breakable: true });
  }
  return leaks(ids, unknown, hidden, published);
}

describe('weighted programme areas (drawn across base areas) by hand', () => {
  it('two areas that cut the same hidden cell with different weights: their scaled difference would show it', () => {
    // g1 = 0.5 a + x and g2 = 0.3 a + x: x cancels in g1 − g2 = 0.2 a, which gives a (2 persons) away.
    const cells: SecrecyCell[] = [
      { id: 'a', parent: 'P', basis: 2 },
      { id: 'b', parent: 'P', basis: 1 },
      { id: 'x', parent: 'Q', basis: 40 },
      { id: 'y', parent: 'Q', basis: 60 },
      { id: 'z', parent: 'Q', basis: 70 },
    ];
    const groups: SecrecyGroup[] = [
      { id: 'g1', members: ['a', 'x'], weights: { a: 0.5 }, published: true },
      { id: 'g2', members: ['a', 'x'], weights: { a: 0.3 }, published: true },
    ];
    // Set-based, the two areas have the same members and their difference looks empty: it is 0.2 a.
    const unweighted = groups.map((g) => ({ ...g, weights: undefined }));
    expect(audit(cells, unweighted, 3)).toEqual([]);
    const naive = suppressGroups(cells, unweighted, 3);
    const hiddenNaive = new Set([...naive.primary, ...naive.secondary]);
    const withWeights: Published[] = [
      { label: 'g1', vec: new Map([['a', 0.5], ['x', 1]]), breakable: true },
      { label: 'g2', vec: new Map([['a', 0.3], ['x', 1]]), breakable: true },
    ].filter((p) => !naive.groupPrimary.has(p.label) && !naive.groupSecondary.has(p.label));
    const unknownNaive = new Set(cells.filter((c) => hiddenNaive.has(c.id)).map((c) => c.id));
    expect(leaks(cells.map((c) => c.id), unknownNaive, hiddenNaive, withWeights)).not.toEqual([]);
    // With the weights, the suppression sees it and hides one of the areas (no cell can break g1 − g2 = 0.2 a).
    const r = suppressGroups(cells, groups, 3);
    expect(r.groupSecondary.size + r.groupPrimary.size).toBeGreaterThan(0);
    expect(audit(cells, groups, 3)).toEqual([]);
  });

  it('a drawn area and its Stadtbezirk: the rest Σ (1 − w) · cell must not show a hidden cell either', () => {
    // g = h + 0.5 x + y cuts x of Stadtbezirk Q = h + k + x; h and k (hidden) protect each other in Q, but
    // g − y (shown) − 0.5 x (shown) would be h: more must be hidden.
    const cells: SecrecyCell[] = [
      { id: 'h', parent: 'Q', basis: 2 },
      { id: 'k', parent: 'Q', basis: 1 },
      { id: 'x', parent: 'Q', basis: 30 },
      { id: 'y', parent: 'P', basis: 50 },
      { id: 'z', parent: 'P', basis: 80 },
    ];
    const groups: SecrecyGroup[] = [{ id: 'g', members: ['h', 'x', 'y'], weights: { x: 0.5 }, published: true }];
    expect(audit(cells, groups, 3)).toEqual([]);
  });
});

describe('property: no hidden cell is an aggregate or a combination of two, with weighted areas', () => {
  const weight = fc.oneof(fc.constant(1), fc.constant(1), fc.constantFrom(0.5, 0.25, 0.1, 0.75), fc.double({ min: 0.01, max: 1, noNaN: true }));
  const city = fc.integer({ min: 5, max: 22 }).chain((n) =>
    fc.record({
      bases: fc.array(fc.option(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 60 })), { nil: null, freq: 8 }), { minLength: n, maxLength: n }),
      parents: fc.array(fc.constantFrom('P', 'Q', 'R'), { minLength: n, maxLength: n }),
      groups: fc.array(fc.record({ members: fc.uniqueArray(fc.nat(n - 1), { minLength: 1, maxLength: n }), weights: fc.array(weight, { minLength: n, maxLength: n }) }), { minLength: 1, maxLength: 4 }),
      threshold: fc.integer({ min: 2, max: 6 }),
    }),
  );

  it('random cities with 1–4 overlapping, partly weighted programme areas (400 runs)', () => {
    let hidden = 0;
    let weightedRuns = 0;
    fc.assert(
      fc.property(city, ({ bases, parents, groups: gs, threshold }) => {
        const cells = bases.map((b, i) => ({ id: `c${i}`, parent: parents[i]!, basis: b }));
        const groups: SecrecyGroup[] = gs.map((g, k) => ({
          id: `g${k}`,
          members: g.members.map((i) => `c${i}`),
          weights: Object.fromEntries(g.members.map((i) => [`c${i}`, g.weights[i]!])),
          published: true,
        }));
        if (groups.some((g) => Object.values(g.weights!).some((w) => w < 1))) weightedRuns++;
        const r = suppressGroups(cells, groups, threshold);
        for (const c of cells) expect(r.primary.has(c.id)).toBe(isSecret(c.basis, threshold));
        for (const id of suppress(cells, threshold).secondary) expect(r.secondary.has(id)).toBe(true);
        // A weighted area resting on fewer persons than the threshold (Σ w · persons) is hidden.
        for (const g of groups) {
          const sum = g.members.reduce<number | null>((s, id) => {
            const b = cells.find((c) => c.id === id)!.basis;
            return b === null ? s : (s ?? 0) + g.weights![id]! * b;
          }, null);
          if (isSecret(sum, threshold)) expect(r.groupPrimary.has(g.id)).toBe(true);
        }
        expect(audit(cells, groups, threshold)).toEqual([]);
        hidden += r.secondary.size + r.groupSecondary.size;
      }),
      { numRuns: 400, seed: SEED },
    );
    expect(weightedRuns).toBeGreaterThan(300);
    expect(hidden).toBeGreaterThan(100);
  });
});

describe('property: rests within the Kreis (reference − area) give no hidden cell away either', () => {
  // Cells are Gemeinden in Kreise P, Q, R; an area within one Kreis has its rest in that Kreis ("übriger
  // Landkreis"), an area across Kreise in the whole (the Land, Germany).
  const weight = fc.oneof(fc.constant(1), fc.constant(1), fc.constantFrom(0.5, 0.25), fc.double({ min: 0.01, max: 1, noNaN: true }));
  const land = fc.integer({ min: 5, max: 20 }).chain((n) =>
    fc.record({
      bases: fc.array(fc.option(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 60 })), { nil: null, freq: 8 }), { minLength: n, maxLength: n }),
      parents: fc.array(fc.constantFrom('P', 'Q', 'R'), { minLength: n, maxLength: n }),
      groups: fc.array(
        fc.record({ members: fc.uniqueArray(fc.nat(n - 1), { minLength: 1, maxLength: n }), weights: fc.array(weight, { minLength: n, maxLength: n }), inKreis: fc.boolean() }),
        { minLength: 1, maxLength: 4 },
      ),
      threshold: fc.integer({ min: 2, max: 6 }),
    }),
  );

  it('random Länder with 1–4 areas, most within one Kreis, partly weighted (400 runs)', () => {
    let kreisRests = 0;
    let hiddenRests = 0;
    fc.assert(
      fc.property(land, ({ bases, parents, groups: gs, threshold }) => {
        const cells = bases.map((b, i) => ({ id: `c${i}`, parent: parents[i]!, basis: b }));
        const groups: SecrecyGroup[] = gs.map((g, k) => {
          const kreis = parents[g.members[0]!]!;
          const members = g.inKreis ? g.members.filter((i) => parents[i] === kreis) : g.members;
          const within = members.every((i) => parents[i] === kreis);
          if (within) kreisRests++;
          return {
            id: `g${k}`,
            members: members.map((i) => `c${i}`),
            weights: Object.fromEntries(members.map((i) => [`c${i}`, g.weights[i]!])),
            published: true,
            reference: within ? cells.filter((c) => c.parent === kreis).map((c) => c.id) : undefined,
          };
        });
        const r = suppressGroups(cells, groups, threshold);
        // A rest resting on fewer persons than the threshold (Σ over the Kreis of (1 − w) · persons) is hidden with its area.
        for (const g of groups) {
          const refIds = g.reference ?? cells.map((c) => c.id);
          const rest = refIds.reduce<number | null>((s, id) => {
            const b = cells.find((c) => c.id === id)!.basis;
            const w = g.weights![id] ?? 0;
            return b === null || 1 - w <= 1e-9 ? s : (s ?? 0) + (1 - w) * b;
          }, null);
          if (isSecret(rest, threshold)) {
            expect(r.restHidden.has(g.id), `rest of ${g.id}`).toBe(true);
            expect(r.groupPrimary.has(g.id) || r.groupSecondary.has(g.id)).toBe(true);
          }
        }
        for (const id of r.restHidden) expect(r.groupPrimary.has(id) || r.groupSecondary.has(id)).toBe(true);
        expect(audit(cells, groups, threshold)).toEqual([]);
        hiddenRests += r.restHidden.size;
      }),
      { numRuns: 400, seed: SEED },
    );
    expect(kreisRests).toBeGreaterThan(500);
    expect(hiddenRests).toBeGreaterThan(50);
  });

  it('by hand: an area of all but one small Gemeinde of its Kreis — its Kreis rest is that Gemeinde and must be hidden with the area', () => {
    const cells = [
      { id: 'v1', parent: 'V', basis: 40 },
      { id: 'v2', parent: 'V', basis: 30 },
      { id: 'v3', parent: 'V', basis: 2 },
      { id: 'o1', parent: 'O', basis: 50 },
      { id: 'o2', parent: 'O', basis: 60 },
    ];
    const area = { id: 'pa', members: ['v1', 'v2'], published: true };
    const kreis = suppressGroups(cells, [{ ...area, reference: ['v1', 'v2', 'v3'] }], 3);
    expect(kreis.restHidden.has('pa')).toBe(true);
    expect(kreis.groupSecondary.has('pa')).toBe(true);
    expect(audit(cells, [{ ...area, reference: ['v1', 'v2', 'v3'] }], 3)).toEqual([]);
  });
});

describe('real Leipzig counts through the value cache: Langzeitarbeitslose, secrecy 10', () => {
  const leipzig = findBundledSite('leipzig');
  const ind = findIndicator(leipzig, 'langzeitarbeitslose');
  const pa = (id: string, members: string[], weights?: Record<string, number>): ProgrammeArea => ({
    id, site: 'leipzig', name: id, programme: 'esf-plus', startYear: 2021, color: '#e69f00', members, ...(weights ? { weights } : {}),
  });
  let engine: Engine;
  let ortsteile: string[];
  beforeAll(async () => {
    engine = await createNodeEngine();
    await loadSite(engine, leipzig, readDataFile);
    ortsteile = (await levelAreas(engine, leipzig, 'ortsteil')).map((a) => a.id);
    // Around the secret Ortsteile 28, 29 (2015: 4 and 8) and 55 (9): a union, an overlapping drawn
    // area that cuts 29 and 01, and one that is the whole city but 55 and 54 (its rest is two Ortsteile).
    await setProgrammeAreas(engine, leipzig, [
      pa('pa-union', ['28', '00']),
      pa('pa-drawn', ['28', '29', '00', '01'], { '29': 0.5, '01': 0.3 }),
      pa('pa-most', ortsteile.filter((id) => id !== '55' && id !== '54')),
    ]);
  }, 120_000);

  /** What the user sees for `year`: every level through the cache. */
  async function seen(cache: ValueCache, year: number) {
    const at = (level: string) => cache.get(leipzig, level, ind).then((d) => d.byYear.get(year) ?? []);
    const [base, districts, city, programme] = await Promise.all(['ortsteil', 'stadtbezirk', 'stadt', PROGRAMME_LEVEL].map(at));
    return { base: base!, districts: districts!, city: city!, programme: programme! };
  }

  it('no hidden Ortsteil can be recomputed from shown Stadtbezirke, the city, the programme areas and their rests', async () => {
    const membership = await programmeMembership(engine, leipzig);
    const cache = new ValueCache(engine, async () => undefined);
    cache.setSecrecy(10);
    const raw = new Map((await levelSeries(engine, leipzig, ind, 'ortsteil')).map((r) => [`${r.id}|${r.year}`, r.value]));
    const areas = await levelAreas(engine, leipzig, 'ortsteil');
    let hiddenSeen = 0;
    for (const year of ind.years) {
      const { base, districts, city, programme } = await seen(cache, year);
      const parentOf = new Map(areas.map((a) => [a.id, a.parent!]));
      const hidden = new Set(base.filter((r) => r.secret).map((r) => r.id));
      hiddenSeen += hidden.size;
      const unknown = new Set(base.filter((r) => r.value === null).map((r) => r.id));
      const ones = (ids: Iterable<string>) => new Map([...ids].map((id) => [id, 1]));
      const published: Published[] = [];
      for (const d of districts) if (d.value !== null) published.push({ label: `Stadtbezirk ${d.id}`, vec: ones(ortsteile.filter((o) => parentOf.get(o) === d.id)), breakable: false });
      const cityShown = city[0]?.value !== null && city[0] !== undefined;
      if (cityShown) published.push({ label: 'Leipzig', vec: ones(ortsteile), breakable: false });
      for (const p of programme) {
        if (p.value === null) continue;
        const vec = new Map(membership.get(p.id)!);
        // What is shown is what DuckDB computed: Σ weight · count of the members.
        const expected = [...vec].reduce((s, [id, w]) => s + w * raw.get(`${id}|${year}`)!, 0);
        expect(p.value).toBeCloseTo(expected, 6);
        published.push({ label: p.id, vec, breakable: true });
        if (cityShown) published.push({ label: `Leipzig − ${p.id}`, vec: new Map(ortsteile.map((id) => [id, 1 - (vec.get(id) ?? 0)])), breakable: true });
      }
      expect(leaks(ortsteile, unknown, hidden, published), `year ${year}`).toEqual([]);
    }
    expect(hiddenSeen).toBeGreaterThan(0);
  });

  it('the same view with the old per-level secrecy (programme areas not taken into account) leaks: the audit can fail', async () => {
    const membership = await programmeMembership(engine, leipzig);
    const parentOf = new Map((await levelAreas(engine, leipzig, 'ortsteil')).map((a) => [a.id, a.parent]));
    const rows = (await levelSeries(engine, leipzig, ind, 'ortsteil')).filter((r) => r.year === 2015);
    const cells = rows.map((r) => ({ id: r.id, parent: parentOf.get(r.id) ?? null, basis: r.value }));
    const old = suppress(cells, 10);
    const hidden = new Set([...old.primary, ...old.secondary]);
    const ones = (ids: Iterable<string>) => new Map([...ids].map((id) => [id, 1]));
    const published: Published[] = [...new Set(cells.map((c) => c.parent!))].map((p) => ({ label: p, vec: ones(cells.filter((c) => c.parent === p).map((c) => c.id)), breakable: false }));
    for (const [id, vec] of membership) published.push({ label: id, vec, breakable: true });
    expect(leaks(ortsteile, hidden, hidden, published).length).toBeGreaterThan(0);
    // … and the joint suppression closes it, with the same primary cells.
    const joint = applyProgrammeSecrecy(rows, [], (id) => parentOf.get(id) ?? null, membership, 10);
    expect(joint.base.filter((r) => r.secret === 'primary').map((r) => r.id).sort()).toEqual([...old.primary].sort());
    expect(joint.base.filter((r) => r.secret).length).toBeGreaterThan(hidden.size);
  });

  it('the cache follows an edit: with the programme areas gone, the base level is suppressed as without them', async () => {
    const cache = new ValueCache(engine, async () => undefined);
    cache.setSecrecy(10);
    const hiddenIn = async () => new Set(((await cache.get(leipzig, 'ortsteil', ind)).byYear.get(2015) ?? []).filter((r) => r.secret).map((r) => r.id));
    const joint = await hiddenIn();
    await setProgrammeAreas(engine, leipzig, []);
    cache.forgetLevel('leipzig', PROGRAMME_LEVEL);
    const alone = await hiddenIn();
    const parentOf = new Map((await levelAreas(engine, leipzig, 'ortsteil')).map((a) => [a.id, a.parent]));
    const rows = (await levelSeries(engine, leipzig, ind, 'ortsteil')).filter((r) => r.year === 2015);
    const plain = suppress(rows.map((r) => ({ id: r.id, parent: parentOf.get(r.id) ?? null, basis: r.value })), 10);
    expect([...alone].sort()).toEqual([...plain.primary, ...plain.secondary].sort());
    expect(joint.size).toBeGreaterThan(alone.size);
  });
});
