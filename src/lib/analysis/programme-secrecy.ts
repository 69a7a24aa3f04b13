// Statistical secrecy for a site with programme areas (issue 17, item 2): the
// base areas and the programme areas are suppressed together, year by year, so
// that no hidden base value can be recomputed from a programme area and its
// parent, the city, another programme area or its rest ("übrige Stadt" = city
// − area; "übriger Landkreis" = Kreis − area: the rest lies in the area's
// reference, the smallest administrative area containing it) by subtraction
// (suppressGroups). The levels
// above the base keep their own suppression (applySecrecy).
// Pure: no DOM, no DuckDB.
import type { AreaValue } from '../data/values';
import { suppressGroups, type SecrecyGroup } from './suppression';

/** Each programme area's members with their weights (1, or the share of a member's counts inside a drawn area). */
export type Membership = ReadonlyMap<string, ReadonlyMap<string, number>>;

/**
 * The base level's and the programme level's rows (all years) as the user may see them: hidden
 * values nulled and flagged. A programme area is hidden when it rests on fewer than `threshold`
 * persons (or its rest in the city does: 'primary'), or when showing it would reveal a hidden value
 * ('secondary'); base areas as `suppress` does, and further ones where a programme area would give
 * them away. `restHidden`: per year, the programme areas whose rest ("übrige Stadt") is hidden.
 * `references`: each programme area's reference as base ids (its Kreis: the rest is the Kreis minus the
 * area); an area not in it has the whole site as its reference.
 */
export function applyProgrammeSecrecy(
  base: readonly AreaValue[],
  programme: readonly AreaValue[],
  parentOf: (id: string) => string | null,
  membership: Membership,
  threshold: number,
  references?: ReadonlyMap<string, readonly string[]>,
): { base: AreaValue[]; programme: AreaValue[]; restHidden: Map<number, Set<string>> } {
  if (!(threshold > 1)) return { base: base.slice(), programme: programme.slice(), restHidden: new Map() };
  const groups: SecrecyGroup[] = [...membership].map(([id, members]) => ({
    id,
    members: [...members.keys()],
    weights: Object.fromEntries(members),
    published: true,
    reference: references?.get(id),
  }));
  const byYear = <T extends AreaValue>(rows: readonly T[]) => {
    const out = new Map<number, T[]>();
    for (const r of rows) {
      const list = out.get(r.year);
      if (list) list.push(r);
      else out.set(r.year, [r]);
    }
    return out;
  };
  const baseYears = byYear(base);
  const programmeYears = byYear(programme);
  const outBase: AreaValue[] = [];
  const outProgramme: AreaValue[] = [];
  // Per year, the programme areas whose rest in the city ("übrige Stadt") must not be shown.
  const restHidden = new Map<number, Set<string>>();
  for (const year of new Set([...baseYears.keys(), ...programmeYears.keys()])) {
    const cells = (baseYears.get(year) ?? []).map((r) => ({ id: r.id, parent: parentOf(r.id), basis: r.value === null ? null : (r.basis ?? null) }));
    const r = suppressGroups(cells, groups, threshold);
    restHidden.set(year, r.restHidden);
    for (const row of baseYears.get(year) ?? []) {
      const secret = r.primary.has(row.id) ? 'primary' : r.secondary.has(row.id) ? 'secondary' : undefined;
      outBase.push(secret ? { ...row, value: null, secret } : row);
    }
    for (const row of programmeYears.get(year) ?? []) {
      const secret = r.groupPrimary.has(row.id) ? 'primary' : r.groupSecondary.has(row.id) ? 'secondary' : undefined;
      // A missing value stays missing ("keine Angabe"): there is nothing to hide.
      outProgramme.push(secret && row.value !== null ? { ...row, value: null, secret } : row);
    }
  }
  return { base: outBase, programme: outProgramme, restHidden };
}
