// Spatial autocorrelation: global Moran's I and local Moran (LISA, Anselin 1995)
// with row-standardised contiguity weights and permutation inference.
import { mean, shuffleInPlace, standardDeviation } from 'simple-statistics';

export const DEFAULT_PERMUTATIONS = 999;
export const DEFAULT_SEED = 20240101;
export const DEFAULT_ALPHA = 0.05;

/**
 * Small seeded PRNG (mulberry32): uniform numbers in [0, 1), the same sequence
 * for the same seed, so permutation p-values are reproducible.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Prepared {
  /** Original index of each usable area. */
  index: number[];
  /** Values standardised with the population SD (mean 0, Σz² = n up to rounding). */
  z: number[];
  /** Σz²/n, 1 up to rounding; divided out explicitly. */
  m2: number;
  /** Neighbours among the usable areas, in compact indices; empty for an island. */
  nbr: number[][];
  /** Number of usable areas with at least one usable neighbour (= S0 for row-standardised weights). */
  s0: number;
}

function permutationCount(p: number | undefined): number {
  const r = p ?? DEFAULT_PERMUTATIONS;
  if (!Number.isInteger(r) || r < 1) throw new Error(`Number of permutations must be a positive integer, got ${r}`);
  return r;
}

/**
 * Drops areas with a missing (null or non-finite) value together with their
 * links, and standardises the rest. Null when fewer than 3 areas remain or all
 * values are equal (no variance, Moran's I undefined).
 */
function prepare(values: readonly (number | null)[], neighbours: readonly (readonly number[])[]): Prepared | null {
  if (neighbours.length !== values.length) {
    throw new Error(`Got ${values.length} values but ${neighbours.length} neighbour lists`);
  }
  const compact = values.map(() => -1);
  const index: number[] = [];
  const valid: number[] = [];
  values.forEach((v, i) => {
    if (v !== null && Number.isFinite(v)) {
      compact[i] = index.length;
      index.push(i);
      valid.push(v);
    }
  });
  if (valid.length < 3 || valid.every((v) => v === valid[0])) return null;
  const m = mean(valid);
  const sd = standardDeviation(valid);
  const z = valid.map((v) => (v - m) / sd);
  const nbr = index.map((i) => {
    const set = new Set<number>();
    for (const j of neighbours[i]) if (j !== i && compact[j] >= 0) set.add(compact[j]);
    return [...set];
  });
  const s0 = nbr.filter((n) => n.length > 0).length;
  let zz = 0;
  for (const zi of z) zz += zi * zi;
  return { index, z, m2: zz / z.length, nbr, s0 };
}

/** Spatial lag: mean of the neighbours' z (row-standardised weights); 0 for an island. */
function lagOf(z: readonly number[], nbr: readonly number[]): number {
  if (nbr.length === 0) return 0;
  let s = 0;
  for (const j of nbr) s += z[j];
  return s / nbr.length;
}

/** Σi zi·lag_i, the numerator of Moran's I. */
function crossSum(z: readonly number[], nbr: readonly (readonly number[])[]): number {
  let s = 0;
  for (let i = 0; i < z.length; i++) if (nbr[i].length > 0) s += z[i] * lagOf(z, nbr[i]);
  return s;
}

/**
 * Pseudo p-value (M + 1) / (R + 1), M = permutations at least as extreme as the
 * observed statistic in its direction from the expectation (≥ when observed ≥
 * expected, else ≤). A tiny tolerance makes a permutation that reproduces the
 * observed value, summed in another order, count as "at least as extreme".
 */
function pseudoP(observed: number, expected: number, simulated: readonly number[]): number {
  const eps = 1e-9 * (1 + Math.abs(observed));
  let m = 0;
  if (observed >= expected) {
    for (const s of simulated) if (s >= observed - eps) m++;
  } else {
    for (const s of simulated) if (s <= observed + eps) m++;
  }
  return (m + 1) / (simulated.length + 1);
}

export interface MoranResult {
  /** Moran's I = (n / S0) · Σi Σj wij zi zj / Σi zi². */
  I: number;
  /** Expectation under spatial randomness, −1 / (n − 1). */
  expected: number;
  /** Number of areas with a value. */
  n: number;
  /** Pseudo p-value from the permutations (one-sided, in the direction of I from its expectation). */
  pValue: number;
  permutations: number;
  /** Areas with a value but no neighbour with a value. */
  islands: number;
}

/**
 * Global Moran's I with row-standardised weights (wij = 1/ki for the ki
 * neighbours of i), so S0 = number of areas with neighbours.
 *
 * Areas with a missing value are dropped together with their links: the
 * result equals that for the data with those areas removed. Areas left
 * without neighbours (islands) keep their value in the mean and in Σzi² (and
 * in n), but contribute no spatial lag and no weight to S0, as in PySAL.
 *
 * Inference by random permutation of the values over the areas (seeded PRNG,
 * default 999 permutations), see pseudoP. Null when fewer than 3 areas have a
 * value, the values do not vary, or no area has a neighbour.
 */
export function moransI(
  values: readonly (number | null)[],
  neighbours: readonly (readonly number[])[],
  options: { permutations?: number; seed?: number } = {},
): MoranResult | null {
  const permutations = permutationCount(options.permutations);
  const p = prepare(values, neighbours);
  if (!p || p.s0 === 0) return null;
  const n = p.z.length;
  // I = (n / S0) · Σ zi·lag_i / Σz², and Σz² = n·m2
  const factor = 1 / (p.s0 * p.m2);
  const I = factor * crossSum(p.z, p.nbr);
  const expected = -1 / (n - 1);

  const rng = mulberry32(options.seed ?? DEFAULT_SEED);
  const perm = [...p.z];
  const simulated: number[] = [];
  for (let r = 0; r < permutations; r++) simulated.push(factor * crossSum(shuffleInPlace(perm, rng), p.nbr));

  return { I, expected, n, pValue: pseudoP(I, expected, simulated), permutations, islands: n - p.s0 };
}

export type LisaCluster = 'HH' | 'LL' | 'HL' | 'LH' | 'ns';
export type LisaQuadrant = Exclude<LisaCluster, 'ns'>;

export interface LisaResult {
  /** Local Moran Ii = zi · lag_i / m2 (m2 = Σz²/n = 1 for z standardised with the population SD); null for missing values and islands. */
  local: (number | null)[];
  /** Conditional-permutation pseudo p-value; null where local is null. */
  pValue: (number | null)[];
  /** Quadrant when p ≤ alpha, else 'ns'; null where local is null. */
  cluster: (LisaCluster | null)[];
  /** Quadrant of the Moran scatter plot regardless of significance; null where local is null or z or lag is 0. */
  quadrant: (LisaQuadrant | null)[];
  /** Standardised value (x of the Moran scatter plot); null for missing values. */
  z: (number | null)[];
  /** Spatial lag of z (y of the Moran scatter plot); null for missing values and islands. */
  lag: (number | null)[];
}

function quadrantOf(z: number, lag: number): LisaQuadrant | null {
  if (z > 0 && lag > 0) return 'HH';
  if (z < 0 && lag < 0) return 'LL';
  if (z > 0 && lag < 0) return 'HL';
  if (z < 0 && lag > 0) return 'LH';
  return null;
}

/**
 * Local Moran (Anselin 1995): Ii = zi · Σj wij zj / m2 with row-standardised
 * weights, z the deviations from the mean and m2 = Σz²/n; z is standardised
 * with the population SD, so m2 = 1 and Ii = zi · lag_i as in GeoDa. Without
 * islands the mean of the Ii is the global I.
 *
 * Inference by conditional permutation: the area's own value stays, its ki
 * neighbour slots are filled with ki values drawn without replacement from the
 * other n − 1 areas (seeded PRNG, default 999 permutations), see pseudoP (the
 * expectation is the conditional one, zi times the mean of the other z).
 * An area is a cluster (HH, LL) or outlier (HL, LH) by the sign of z and its
 * lag when p ≤ alpha (default 0.05), else 'ns'.
 *
 * Missing values are dropped with their links as in moransI; missing values
 * and islands get null everywhere (islands keep z). With fewer than 3 values
 * or no variance everything is null. No correction for multiple testing: with
 * alpha 0.05 about one area in twenty is "significant" by chance alone.
 */
export function lisa(
  values: readonly (number | null)[],
  neighbours: readonly (readonly number[])[],
  options: { permutations?: number; seed?: number; alpha?: number } = {},
): LisaResult {
  const permutations = permutationCount(options.permutations);
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const nulls = () => values.map(() => null);
  const result: LisaResult = {
    local: nulls(),
    pValue: nulls(),
    cluster: nulls(),
    quadrant: nulls(),
    z: nulls(),
    lag: nulls(),
  };
  const p = prepare(values, neighbours);
  if (!p) return result;
  const { z, nbr, index, m2 } = p;
  const n = z.length;
  const rng = mulberry32(options.seed ?? DEFAULT_SEED);
  // Indices 0..n-2 stand for the other areas (k ≥ i means area k + 1). A partial
  // Fisher–Yates shuffle leaves the pool a permutation, so it can be reused.
  const pool = Array.from({ length: n - 1 }, (_, k) => k);
  const simulated = new Array<number>(permutations);

  for (let i = 0; i < n; i++) {
    const orig = index[i];
    result.z[orig] = z[i];
    const k = nbr[i].length;
    if (k === 0) continue; // island: no lag, no local statistic
    const lag = lagOf(z, nbr[i]);
    const local = (z[i] * lag) / m2;
    for (let r = 0; r < permutations; r++) {
      let s = 0;
      for (let t = 0; t < k; t++) {
        const u = t + Math.floor(rng() * (n - 1 - t));
        const pick = pool[u];
        pool[u] = pool[t];
        pool[t] = pick;
        s += z[pick >= i ? pick + 1 : pick];
      }
      simulated[r] = (z[i] * s) / k / m2;
    }
    // The other z sum to −zi, so a random neighbour's z has expectation −zi/(n−1).
    const expected = (-z[i] * z[i]) / (n - 1) / m2;
    const pValue = pseudoP(local, expected, simulated);
    const quadrant = quadrantOf(z[i], lag);
    result.local[orig] = local;
    result.lag[orig] = lag;
    result.pValue[orig] = pValue;
    result.quadrant[orig] = quadrant;
    result.cluster[orig] = pValue <= alpha && quadrant !== null ? quadrant : 'ns';
  }
  return result;
}
