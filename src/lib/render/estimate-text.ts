// What an estimated programme area says about itself (issue 17, item 2): the
// base areas it cuts, each with the share of its area inside ("geschätzt: 37 %
// der Fläche von Neustadt-Neuschönefeld"), or, on a grid site, that its figures
// come from the cells inside. Tooltip, legend, ranking, profile and exports read
// these texts. Pure: from the model and the base areas' names.
import { estimateParts, type EstimatePart } from '../analysis/estimate-parts';
import { memberWeight, type ProgrammeArea } from '../data/programme-areas';
import { translate, type Lang } from '../i18n';
import '../i18n/panels-messages'; // its texts arrive with it (loaded with the programme level)

/** How a programme area's figures are estimated (null: exact, a union of whole base areas). */
export type Estimate = { kind: 'parts'; parts: EstimatePart[] } | { kind: 'grid' };

/** The cut parts of an area drawn across base areas (members with a weight below 1), largest area share first. */
export function programmeEstimate(
  area: Pick<ProgrammeArea, 'members' | 'weights' | 'areaShares' | 'geometry'>,
  nameOf: (id: string) => string,
  lang: Lang,
): Estimate | null {
  if (area.members.length === 0) return area.geometry ? { kind: 'grid' } : null;
  const weighted = area.members
    .map((id) => ({ id, weight: memberWeight(area, id) }))
    .filter((m) => m.weight < 1)
    .map(({ id, weight }) => {
      const share = area.areaShares?.[id];
      // Without its area share the UI can only name the weight (the share of the counts inside).
      const areaShare = share !== undefined && Number.isFinite(share) ? share : weight;
      return { id, weight, areaShare, method: share !== undefined && Math.abs(share - weight) > 1e-9 ? ('population' as const) : ('area' as const), whole: false };
    });
  if (weighted.length === 0) return null;
  return { kind: 'parts', parts: estimateParts(weighted, nameOf, lang) };
}

/** The most parts a note names; the rest is counted ("und 4 weitere"). */
export const NOTE_PARTS = 3;

/** The note for an estimate: "geschätzt: 37 % der Fläche von Neustadt-Neuschönefeld, 12 % der Fläche von Zentrum und 2 weitere". */
export function estimateNote(estimate: Estimate, lang: Lang, max = NOTE_PARTS): string {
  if (estimate.kind === 'grid') return translate(lang, 'estimate.grid');
  const named = estimate.parts.slice(0, max).map((p) => translate(lang, 'estimate.part', { share: p.areaPercentText, name: p.name }));
  const more = estimate.parts.length - named.length;
  const list = more > 0 ? translate(lang, 'estimate.more', { list: named.join(', '), n: more }) : joinAnd(named, lang);
  return translate(lang, 'estimate.note', { parts: list });
}

function joinAnd(items: string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  return translate(lang, 'estimate.and', { list: items.slice(0, -1).join(', '), last: items[items.length - 1]! });
}

/** Notes of a site's estimated programme areas, by id (exact ones are left out). */
export function estimateNotes(areas: readonly ProgrammeArea[], nameOf: (id: string) => string, lang: Lang): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of areas) {
    const e = programmeEstimate(a, nameOf, lang);
    if (e) out.set(a.id, estimateNote(e, lang));
  }
  return out;
}
