import { ckmeans, equalIntervalBreaks, mean, quantileSorted, standardDeviation } from 'simple-statistics';

export type ClassMethod = 'quantile' | 'equal' | 'jenks' | 'stddev' | 'manual';

export const CLASS_METHODS: readonly ClassMethod[] = ['quantile', 'equal', 'jenks', 'stddev', 'manual'];
export const MIN_K = 3;
export const MAX_K = 9;
export const DEFAULT_K = 5;

export interface Classification {
  method: ClassMethod;
  /** Effective number of classes (may be below MIN_K for degenerate data). */
  k: number;
  /** k-1 inner thresholds, strictly ascending. Class i is [breaks[i-1], breaks[i]), the last class is closed. */
  breaks: number[];
  /** Extent of the valid values; NaN when there are none. */
  min: number;
  max: number;
  /** Number of valid values per class, length k. */
  counts: number[];
  /** Number of null / NaN / ±Infinity inputs. */
  missing: number;
  /** Class index 0..k-1; -1 for null and non-finite values. Values outside [min, max] go to the outer classes. */
  classOf(v: number | null): number;
}

/** Rounds and clamps k to MIN_K..MAX_K; non-finite k becomes DEFAULT_K. */
function clampK(k: number): number {
  if (!Number.isFinite(k)) return DEFAULT_K;
  return Math.min(MAX_K, Math.max(MIN_K, Math.round(k)));
}

/**
 * Validates manual breaks and returns them sorted and deduplicated.
 * Throws when a break is not a finite number or the number of distinct
 * breaks does not give MIN_K..MAX_K classes.
 */
export function normalizeManualBreaks(breaks: readonly unknown[]): number[] {
  const bad = breaks.filter((b) => typeof b !== 'number' || !Number.isFinite(b));
  if (bad.length > 0) {
    throw new Error(`Manual breaks must be finite numbers, got: ${bad.map(String).join(', ')}`);
  }
  const sorted = [...new Set(breaks as number[])].sort((a, b) => a - b);
  if (sorted.length < MIN_K - 1 || sorted.length > MAX_K - 1) {
    throw new Error(
      `Manual classification needs ${MIN_K - 1} to ${MAX_K - 1} distinct breaks ` +
        `(${MIN_K}-${MAX_K} classes), got ${sorted.length}`,
    );
  }
  return sorted;
}

export function classify(
  values: readonly (number | null)[],
  method: ClassMethod,
  k: number,
  manualBreaks?: number[],
): Classification {
  // A typed array sorts natively by number (no comparator calls): ~10× faster at 100,000 values.
  const sorted = validSorted(values);
  const missing = values.length - sorted.length;
  const n = sorted.length;
  const min = n > 0 ? sorted[0]! : NaN;
  const max = n > 0 ? sorted[n - 1]! : NaN;

  let breaks: number[];
  if (method === 'manual') {
    if (!manualBreaks) throw new Error("Classification method 'manual' requires breaks");
    // Manual breaks are kept even outside the data range: the user asked for them.
    breaks = normalizeManualBreaks(manualBreaks);
  } else if (n === 0 || min === max) {
    breaks = []; // no or constant data: a single class
  } else {
    breaks = sanitize(computeBreaks(sorted, method, clampK(k)), min, max);
  }
  return build(method, breaks, min, max, sorted, missing);
}

/** The finite values of `values`, ascending. */
function validSorted(values: readonly (number | null)[]): Float64Array {
  const out = new Float64Array(values.length);
  let n = 0;
  for (const v of values) if (v !== null && Number.isFinite(v)) out[n++] = v;
  return out.subarray(0, n).sort();
}

/** Inner breaks for the computed methods; `sorted` has at least two distinct values. */
function computeBreaks(sorted: Float64Array, method: Exclude<ClassMethod, 'manual'>, k: number): number[] {
  switch (method) {
    case 'quantile': {
      const out: number[] = [];
      for (let i = 1; i < k; i++) out.push(quantileSorted(sorted as unknown as number[], i / k));
      return out;
    }
    case 'equal':
      // equalIntervalBreaks returns [min, ...inner, max]
      return equalIntervalBreaks(sorted as unknown as number[], k).slice(1, -1);
    case 'jenks': {
      // ckmeans cannot make more clusters than there are distinct values.
      const clusters = ckmeans(sorted as unknown as number[], Math.min(k, new Set(sorted).size));
      return clusters.slice(1).map((c) => c[0]);
    }
    case 'stddev': {
      // k classes, each one (population) standard deviation wide, centred on the
      // mean: inner breaks at mean + (i - k/2)·sd for i = 1..k-1. For odd k the
      // middle class is mean ± 0.5 sd, for even k the mean itself is a break.
      // The outer classes are open-ended, i.e. they reach down to min / up to max;
      // breaks outside (min, max] are dropped by sanitize().
      const m = mean(sorted as unknown as number[]);
      const sd = standardDeviation(sorted as unknown as number[]);
      const out: number[] = [];
      for (let i = 1; i < k; i++) out.push(m + (i - k / 2) * sd);
      return out;
    }
  }
}

/**
 * Deduplicates breaks and keeps only those with min < b <= max; any other
 * break would produce a class that cannot contain a value.
 */
function sanitize(breaks: number[], min: number, max: number): number[] {
  return [...new Set(breaks)].filter((b) => b > min && b <= max).sort((a, b) => a - b);
}

function build(
  method: ClassMethod,
  breaks: number[],
  min: number,
  max: number,
  sorted: Float64Array,
  missing: number,
): Classification {
  const classOf = (v: number | null): number => {
    if (v === null || !Number.isFinite(v)) return -1;
    // Number of breaks <= v (a value equal to a break belongs to the upper class).
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (breaks[mid]! <= v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const k = breaks.length + 1;
  // Class i holds the sorted values from the first one >= breaks[i-1] up to the first one >= breaks[i]:
  // k binary searches instead of one classOf per value.
  const counts = new Array<number>(k).fill(0);
  let from = 0;
  for (let i = 0; i < k - 1; i++) {
    const to = firstAtLeast(sorted, breaks[i]!, from);
    counts[i] = to - from;
    from = to;
  }
  counts[k - 1] = sorted.length - from;
  return { method, k, breaks, min, max, counts, missing, classOf };
}

/** The first index >= `from` of an ascending array whose value is >= `x` (its length when there is none). */
function firstAtLeast(sorted: Float64Array, x: number, from: number): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
