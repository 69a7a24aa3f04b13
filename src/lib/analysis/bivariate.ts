import { quantileSorted } from 'simple-statistics';

/**
 * Joshua Stevens' teal–purple 3 × 3 scheme, indexed xClass + 3·yClass: x grows
 * to the right (light grey → teal), y grows upward (light grey → purple), both
 * high is the dark blue #3b4994. Rows below are y classes 0 (bottom) to 2 (top).
 * The five inner colours are nudged slightly (CIEDE2000 ≤ 1.6 from Stevens' own)
 * so that every two classes stay apart (ΔE00 ≥ 5) also with protanopia,
 * deuteranopia and tritanopia; in the original, #ace4e4 and #e8e8e8 (and
 * #dfb0d6 / #a5add3) fell to 3.5 with protanopia. See tests/unit/palette-cvd.test.ts.
 */
export const BIVARIATE_COLORS: readonly string[] = [
  '#e8e8e8', '#aae4e8', '#5ac8c8', // y low:  x low, mid, high
  '#e1b1d3', '#a3abd2', '#4e99bf', // y mid
  '#be64ac', '#8c60a9', '#3b4994', // y high
];

function finiteSorted(values: readonly (number | null)[]): number[] {
  const out: number[] = [];
  for (const v of values) if (v !== null && Number.isFinite(v)) out.push(v);
  return out.sort((a, b) => a - b);
}

/**
 * Tertile breaks [t1, t2] (type-7 quantiles at 1/3 and 2/3) of the finite
 * values; [NaN, NaN] without values. Class 0 is v < t1, class 1 t1 ≤ v < t2,
 * class 2 v ≥ t2 (a value on a break goes to the upper class, as in classify).
 */
function tertiles(sorted: number[]): [number, number] {
  if (sorted.length === 0) return [NaN, NaN];
  return [quantileSorted(sorted, 1 / 3), quantileSorted(sorted, 2 / 3)];
}

function tertileClass(v: number, [t1, t2]: [number, number]): number {
  return v < t1 ? 0 : v < t2 ? 1 : 2;
}

/**
 * 3 × 3 bivariate classes for a bivariate choropleth: each variable is split
 * at its own tertiles (over its non-missing values), the class index is
 * xClass + 3·yClass (0..8, the index into BIVARIATE_COLORS), null when either
 * value is missing. With heavy ties a tertile class can stay empty.
 */
export function bivariateClasses(
  x: readonly (number | null)[],
  y: readonly (number | null)[],
): { classes: (number | null)[]; xBreaks: [number, number]; yBreaks: [number, number] } {
  if (x.length !== y.length) throw new Error(`bivariateClasses: ${x.length} x values but ${y.length} y values`);
  const xBreaks = tertiles(finiteSorted(x));
  const yBreaks = tertiles(finiteSorted(y));
  const classes = x.map((xv, i) => {
    const yv = y[i];
    if (xv === null || yv === null || !Number.isFinite(xv) || !Number.isFinite(yv)) return null;
    return tertileClass(xv, xBreaks) + 3 * tertileClass(yv, yBreaks);
  });
  return { classes, xBreaks, yBreaks };
}
