import {
  schemeBlues,
  schemeBrBG,
  schemeBuGn,
  schemeBuPu,
  schemeGnBu,
  schemeGreens,
  schemeOrRd,
  schemeOranges,
  schemePuBu,
  schemePuBuGn,
  schemePuOr,
  schemePuRd,
  schemePurples,
  schemeRdBu,
  schemeRdPu,
  schemeReds,
  schemeYlGn,
  schemeYlGnBu,
  schemeYlOrBr,
  schemeYlOrRd,
} from 'd3-scale-chromatic';
import type { Direction } from '../analysis/format-types';

// How to read an indicator: which end of the value range is "bad".
export type { Direction };

type Scheme = readonly (readonly string[])[];

// ColorBrewer sequential schemes, each indexed by k (3..9), light → dark.
// Greys is left out on purpose: it would be confused with MISSING_COLOR.
const SEQUENTIAL = {
  YlOrRd: schemeYlOrRd,
  YlOrBr: schemeYlOrBr,
  OrRd: schemeOrRd,
  Reds: schemeReds,
  Oranges: schemeOranges,
  RdPu: schemeRdPu,
  PuRd: schemePuRd,
  Purples: schemePurples,
  BuPu: schemeBuPu,
  Blues: schemeBlues,
  PuBu: schemePuBu,
  GnBu: schemeGnBu,
  YlGnBu: schemeYlGnBu,
  PuBuGn: schemePuBuGn,
  BuGn: schemeBuGn,
  Greens: schemeGreens,
  YlGn: schemeYlGn,
} satisfies Record<string, Scheme>;

export type SequentialScheme = keyof typeof SEQUENTIAL;
export const SCHEMES = Object.keys(SEQUENTIAL) as SequentialScheme[];

const DIVERGING = { RdBu: schemeRdBu, PuOr: schemePuOr, BrBG: schemeBrBG } satisfies Record<string, Scheme>;
export type DivergingScheme = keyof typeof DIVERGING;

/** Fill for areas without a value; a neutral grey that is not part of any scheme in SCHEMES. */
export const MISSING_COLOR = '#d9d9d9';

// Non-finite k falls back to 5, the app's default number of classes.
function clamp(k: number, lo: number, hi: number): number {
  if (!Number.isFinite(k)) return 5;
  return Math.min(hi, Math.max(lo, Math.round(k)));
}

/**
 * k colours (k is rounded and clamped to 3..9) ordered from the lowest to the
 * highest class. The most intense colour always marks the "worst" end:
 * higher-worse keeps the scheme's light → dark order, higher-better reverses it
 * (low values dark), neutral uses the scheme in natural order without a
 * good/bad meaning. Defaults: YlOrRd for worse/better, Blues for neutral.
 */
export function paletteColors(k: number, direction: Direction, scheme?: SequentialScheme): string[] {
  const fallback: SequentialScheme = direction === 'neutral' ? 'Blues' : 'YlOrRd';
  const id = scheme !== undefined && Object.hasOwn(SEQUENTIAL, scheme) ? scheme : fallback;
  const colors = [...SEQUENTIAL[id][clamp(k, 3, 9)]];
  return direction === 'higher-better' ? colors.reverse() : colors;
}

/** k diverging colours (k clamped to 3..11, the range ColorBrewer provides), low → high. */
export function divergingColors(k: number, scheme: DivergingScheme = 'RdBu'): string[] {
  const id = Object.hasOwn(DIVERGING, scheme) ? scheme : 'RdBu';
  return [...DIVERGING[id][clamp(k, 3, 11)]];
}
