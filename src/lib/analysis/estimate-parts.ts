// The parts of an estimated programme area as the UI words them (issue 17):
// "geschätzt: 37 % der Fläche von Neustadt-Neuschönefeld". Split from
// areal-weights.ts so that the tooltip, legend and ranking can read it
// without loading turf. Pure: no DOM, no DuckDB.
import { formatNumber, type Lang } from './format';

/** What the wording needs of an areal weight (areal-weights.ts ArealWeight has it). */
export interface WeightedPart {
  id: string;
  /** The share of the base's counts inside, 0–1. */
  weight: number;
  /** area(target ∩ base) / area(base), 0–1. */
  areaShare: number;
  method: 'area' | 'population';
  /** Wholly inside: nothing estimated. */
  whole: boolean;
}

/** One cut base area as the UI words it: "geschätzt: 37 % der Fläche von Neustadt-Neuschönefeld". */
export interface EstimatePart {
  id: string;
  name: string;
  /** areaShare × 100 (unrounded) and as text in the language ("37", "0,4", "< 0,1"). */
  areaPercent: number;
  areaPercentText: string;
  /** weight × 100 (the share of the base's counts) and as text. */
  weightPercent: number;
  weightPercentText: string;
  method: 'area' | 'population';
}

function percentText(p: number, lang: Lang): string {
  if (p > 0 && p < 0.05) return `< ${formatNumber(0.1, 1, lang)}`;
  return formatNumber(p, p < 1 || (p > 99 && p < 100) ? 1 : 0, lang);
}

/** The estimated parts of a programme area (whole bases carry no estimate), the largest share first; numbers formatted for `lang`. */
export function estimateParts(weights: readonly WeightedPart[], nameOf: (id: string) => string, lang: Lang): EstimatePart[] {
  return weights
    .filter((w) => !w.whole)
    .sort((a, b) => b.areaShare - a.areaShare || a.id.localeCompare(b.id))
    .map((w) => ({
      id: w.id,
      name: nameOf(w.id),
      areaPercent: w.areaShare * 100,
      areaPercentText: percentText(w.areaShare * 100, lang),
      weightPercent: w.weight * 100,
      weightPercentText: percentText(w.weight * 100, lang),
      method: w.method,
    }));
}
