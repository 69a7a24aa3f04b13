// Composite social index in the manner of Berlin's "Monitoring Soziale
// Stadtentwicklung" (MSS, method since 2013): a status index from the levels of
// the chosen indicators in one year and a dynamics index from their change
// between two years, each classified by fixed z-score thresholds and combined
// into 4 × 3 = 12 classes.
import type { Direction } from './format-types';
import { zScores } from './zscore';

export type StatusClass = 1 | 2 | 3 | 4;
export type DynamicsClass = 1 | 2 | 3;
/** Status class followed by dynamics class, e.g. '23' = status mittel, dynamics negativ. */
export type CombinedClass = `${StatusClass}${DynamicsClass}`;

/**
 * Status index thresholds (re-standardised index, positive = disadvantage):
 * s < high → 1 "hoch"; high ≤ s ≤ low → 2 "mittel"; low < s ≤ veryLow → 3 "niedrig"; s > veryLow → 4 "sehr niedrig".
 */
export const STATUS_THRESHOLDS = { high: -1, low: 1, veryLow: 1.5 } as const;
/** Dynamics index thresholds: d < positive → 1 "positiv"; positive ≤ d ≤ negative → 2 "stabil"; d > negative → 3 "negativ". */
export const DYNAMICS_THRESHOLDS = { positive: -1, negative: 1 } as const;

export const STATUS_CLASS_LABELS: Readonly<Record<StatusClass, string>> = {
  1: 'hoch',
  2: 'mittel',
  3: 'niedrig',
  4: 'sehr niedrig',
};
export const DYNAMICS_CLASS_LABELS: Readonly<Record<DynamicsClass, string>> = { 1: 'positiv', 2: 'stabil', 3: 'negativ' };

/** The 12 combined classes, status-major: '11', '12', '13', '21', … '43'. */
export const COMBINED_CLASSES: readonly CombinedClass[] = ([1, 2, 3, 4] as const).flatMap((s) =>
  ([1, 2, 3] as const).map((d) => `${s}${d}` as CombinedClass),
);

export interface IndexIndicator {
  id: string;
  /** Relative weight ≥ 0; 0 leaves the indicator out. */
  weight: number;
  /** 'higher-better' is flipped so that a positive z always means disadvantage; the others keep their sign. */
  direction: Direction;
  /** Values in the status year, aligned with the ids. */
  status: readonly (number | null)[];
  /** Change between the two years (to − from; percentage points for shares), aligned with the ids; null when either year is missing. */
  change: readonly (number | null)[];
}

/** Which areas take part (Berlin's MSS leaves out Planungsräume with fewer than 300 residents). */
export interface IndexOptions {
  /** Residents per area, aligned with the ids (null: unknown). */
  residents?: readonly (number | null)[];
  /**
   * Areas with fewer residents than this are not rated: they get no index and are left out of
   * every standardisation, as if they were not there. An area whose residents are unknown is
   * rated (nothing says it is small). 0 or absent: every area takes part.
   */
  minResidents?: number;
}

/** Berlin's MSS: Planungsräume with fewer than 300 residents are not rated. */
export const MSS_MIN_RESIDENTS = 300;

export interface IndexResult {
  ids: string[];
  /** Left out for having fewer than `minResidents` residents (not rated: no index, no class). */
  notRated: boolean[];
  /** Re-standardised status index (positive = disadvantaged); null for areas missing any chosen indicator. */
  status: (number | null)[];
  statusClass: (StatusClass | null)[];
  /** Re-standardised dynamics index (positive = worsening); null for areas missing any chosen change. */
  dynamics: (number | null)[];
  dynamicsClass: (DynamicsClass | null)[];
  /** Status class × dynamics class; null when either is null. */
  combined: (CombinedClass | null)[];
}

/** Status class of a re-standardised status index value; the class boundaries ±1 belong to "mittel", +1.5 to "niedrig". */
export function statusClass(s: number | null): StatusClass | null {
  if (s === null || !Number.isFinite(s)) return null;
  if (s < STATUS_THRESHOLDS.high) return 1;
  if (s <= STATUS_THRESHOLDS.low) return 2;
  if (s <= STATUS_THRESHOLDS.veryLow) return 3;
  return 4;
}

/** Dynamics class of a re-standardised dynamics index value; the boundaries ±1 belong to "stabil". */
export function dynamicsClass(d: number | null): DynamicsClass | null {
  if (d === null || !Number.isFinite(d)) return null;
  if (d < DYNAMICS_THRESHOLDS.positive) return 1;
  if (d <= DYNAMICS_THRESHOLDS.negative) return 2;
  return 3;
}

export function combinedClass(s: StatusClass | null, d: DynamicsClass | null): CombinedClass | null {
  return s === null || d === null ? null : `${s}${d}`;
}

function isNumber(v: number | null): v is number {
  return v !== null && Number.isFinite(v);
}

/**
 * One composite index (status or dynamics) over the indicators with a positive
 * weight: z-standardise each indicator, orient it (higher-better × −1), take the
 * weighted mean per area and z-standardise that mean again.
 *
 * Only areas with a value in every indicator take part (listwise deletion):
 * each indicator is standardised over exactly the areas that get an index, so
 * every z column has mean 0 on the same set, and an area with a gap neither
 * gets an index nor shifts the others' (the result equals that of the data with
 * the area removed). An indicator that is constant over those areas has no
 * z-score (see zScores), so the whole index is null then.
 */
function compositeIndex(n: number, indicators: readonly IndexIndicator[], pick: 'status' | 'change', rated: readonly boolean[]): (number | null)[] {
  const complete = Array.from({ length: n }, (_, i) => rated[i] === true && indicators.every((ind) => isNumber(ind[pick][i])));
  const sum: number[] = new Array<number>(n).fill(0);
  let weightSum = 0;
  for (const ind of indicators) {
    const z = zScores(ind[pick].map((v, i) => (complete[i] ? v : null)));
    const sign = ind.direction === 'higher-better' ? -1 : 1;
    for (let i = 0; i < n; i++) {
      if (!complete[i]) continue;
      const zi = z[i];
      if (zi === null) return new Array<null>(n).fill(null); // constant indicator or < 2 areas
      sum[i] += ind.weight * sign * zi;
    }
    weightSum += ind.weight;
  }
  return zScores(sum.map((s, i) => (complete[i] ? s / weightSum : null)));
}

/**
 * MSS-style social index of the areas `ids` from the chosen indicators (see
 * IndexIndicator). Status: weighted mean of the oriented z-scores of the status
 * values, re-standardised over the areas, classed by STATUS_THRESHOLDS.
 * Dynamics: the same with the changes, classed by DYNAMICS_THRESHOLDS. Because
 * of the re-standardisation only the ratios of the weights matter.
 * With `options.minResidents`, areas with fewer residents are not rated and
 * left out before anything is standardised (IndexOptions).
 * Throws when there is no indicator with a positive weight, a weight is
 * negative or not finite, or an indicator's arrays do not match the ids.
 */
export function socialIndex(ids: readonly string[], indicators: readonly IndexIndicator[], options: IndexOptions = {}): IndexResult {
  const min = options.minResidents ?? 0;
  if (!Number.isFinite(min) || min < 0) throw new Error(`Social index: the minimum number of residents must be a number ≥ 0, got ${min}`);
  if (options.residents && options.residents.length !== ids.length) {
    throw new Error(`Social index: ${options.residents.length} resident counts for ${ids.length} areas`);
  }
  const notRated = ids.map((_, i) => {
    const r = options.residents?.[i] ?? null;
    return min > 0 && r !== null && Number.isFinite(r) && r < min;
  });
  for (const ind of indicators) {
    if (!Number.isFinite(ind.weight) || ind.weight < 0) {
      throw new Error(`Social index: weight of indicator '${ind.id}' must be a number ≥ 0, got ${ind.weight}`);
    }
    if (ind.status.length !== ids.length || ind.change.length !== ids.length) {
      throw new Error(
        `Social index: indicator '${ind.id}' has ${ind.status.length} status and ${ind.change.length} change values for ${ids.length} areas`,
      );
    }
  }
  const active = indicators.filter((ind) => ind.weight > 0);
  if (active.length === 0) {
    throw new Error('Social index needs at least one indicator with a weight above 0');
  }
  const rated = notRated.map((x) => !x);
  const status = compositeIndex(ids.length, active, 'status', rated);
  const dynamics = compositeIndex(ids.length, active, 'change', rated);
  const sClass = status.map(statusClass);
  const dClass = dynamics.map(dynamicsClass);
  return {
    ids: [...ids],
    notRated,
    status,
    statusClass: sClass,
    dynamics,
    dynamicsClass: dClass,
    combined: sClass.map((s, i) => combinedClass(s, dClass[i])),
  };
}

/**
 * The two years whose change the dynamics index uses: the view's range from–to (`last` null, the
 * default), or, as the MSS does, the last `last` years up to the status year (MSS: 2 years).
 */
export function dynamicsWindow(statusYear: number, range: { from: number; to: number }, last: number | null): { from: number; to: number } {
  return last === null ? { from: range.from, to: range.to } : { from: statusYear - last, to: statusYear };
}
