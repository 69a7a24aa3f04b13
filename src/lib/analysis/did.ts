// Before/after against comparison areas (issue 18, item 4): a difference-in-differences
// estimate for one treated area, with a bootstrap interval over the comparison areas.
//
//   DiD = (treated post − treated pre) − (mean over comparison areas of (post − pre))
//
// where "pre" is the mean of the years before the start year and "post" the mean of the start
// year and after. Decisions on missing values (documented for the panel's method text):
// - Years: only years in the window (from–to) in which the treated area has a value are used,
//   for the treated area and the comparison areas alike, so both sides cover the same calendar
//   years. Without a pre year or a post year there is no estimate.
// - A comparison area's pre (post) value is the mean over those years in which it has a value;
//   an area without any value before or after is left out (named in `excluded`); areas kept with
//   some years missing are counted in `incomplete`.
// - Every comparison area has the same weight (not weighted by residents).
// - The bootstrap resamples the comparison areas with replacement (seeded, default 2,000
//   draws) and takes the 2.5 and 97.5 percentiles of the re-computed estimate. It reflects the
//   spread among the comparison areas only, not the uncertainty of the treated area's own
//   values; with a single comparison area every draw is the same (a degenerate interval, said so
//   by `degenerate`).
// An association, not proof of an effect: the panel says so.
import { mean, quantileSorted } from 'simple-statistics';
import { mulberry32 } from './moran';

export interface DidSeries {
  id: string;
  /** year → value (null or absent: missing). */
  values: ReadonlyMap<number, number | null>;
}

export interface DidOptions {
  /** First and last year considered (default: every year of the treated series). */
  from?: number;
  to?: number;
  /** Bootstrap draws (default 2,000; 0: no interval). */
  draws?: number;
  seed?: number;
}

export interface DidResult {
  ok: true;
  estimate: number;
  start: number;
  years: { pre: number[]; post: number[] };
  treated: { pre: number; post: number; change: number };
  comparison: {
    pre: number;
    post: number;
    change: number;
    /** Comparison areas used. */
    n: number;
    /** Ids left out: no value before or no value after the start among the years used. */
    excluded: string[];
    /** Areas used with some of the years missing. */
    incomplete: number;
  };
  /** 95 % percentile bootstrap interval over the comparison areas; null without draws. */
  interval: { low: number; high: number; level: number; draws: number; seed: number; degenerate: boolean } | null;
}

export type DidOutcome = DidResult | { ok: false; reason: 'no-pre-years' | 'no-post-years' | 'no-comparison'; message: string };

export const DID_DRAWS = 2000;
export const DID_SEED = 20240101;
const LEVEL = 0.95;

const finite = (v: number | null | undefined): v is number => v !== null && v !== undefined && Number.isFinite(v);

/** Mean of the series' finite values in the given years, or null if it has none. */
function meanOver(values: ReadonlyMap<number, number | null>, years: readonly number[]): { mean: number; n: number } | null {
  let sum = 0;
  let n = 0;
  for (const y of years) {
    const v = values.get(y);
    if (finite(v)) {
      sum += v;
      n++;
    }
  }
  return n > 0 ? { mean: sum / n, n } : null;
}

/** Difference-in-differences for `treated` against `comparison` with `start` the first post year. */
export function differenceInDifferences(
  treated: DidSeries,
  comparison: readonly DidSeries[],
  start: number,
  options: DidOptions = {},
): DidOutcome {
  const from = options.from ?? -Infinity;
  const to = options.to ?? Infinity;
  const years = [...treated.values.entries()]
    .filter(([y, v]) => y >= from && y <= to && finite(v))
    .map(([y]) => y)
    .sort((a, b) => a - b);
  const pre = years.filter((y) => y < start);
  const post = years.filter((y) => y >= start);
  if (pre.length === 0) return { ok: false, reason: 'no-pre-years', message: `The treated area has no value before ${start}.` };
  if (post.length === 0) return { ok: false, reason: 'no-post-years', message: `The treated area has no value from ${start} on.` };

  const tPre = mean(pre.map((y) => treated.values.get(y)!));
  const tPost = mean(post.map((y) => treated.values.get(y)!));

  const pres: number[] = [];
  const posts: number[] = [];
  const excluded: string[] = [];
  let incomplete = 0;
  for (const c of comparison) {
    if (c.id === treated.id) continue;
    const a = meanOver(c.values, pre);
    const b = meanOver(c.values, post);
    if (!a || !b) {
      excluded.push(c.id);
      continue;
    }
    if (a.n < pre.length || b.n < post.length) incomplete++;
    pres.push(a.mean);
    posts.push(b.mean);
  }
  const n = pres.length;
  if (n === 0) return { ok: false, reason: 'no-comparison', message: 'No comparison area has values before and after the start year.' };

  const changes = pres.map((p, i) => posts[i]! - p);
  const tChange = tPost - tPre;
  const cChange = mean(changes);
  const estimate = tChange - cChange;

  const draws = Math.max(0, Math.floor(options.draws ?? DID_DRAWS));
  const seed = options.seed ?? DID_SEED;
  let interval: DidResult['interval'] = null;
  if (draws > 0) {
    const rng = mulberry32(seed);
    const estimates = new Float64Array(draws);
    for (let d = 0; d < draws; d++) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += changes[Math.floor(rng() * n)]!;
      estimates[d] = tChange - sum / n;
    }
    estimates.sort();
    const sorted = Array.from(estimates);
    const alpha = (1 - LEVEL) / 2;
    // With one area (or all changes equal) every draw is the estimate: the interval has no width.
    const degenerate = n === 1 || changes.every((c) => c === changes[0]);
    interval = {
      low: degenerate ? estimate : quantileSorted(sorted, alpha),
      high: degenerate ? estimate : quantileSorted(sorted, 1 - alpha),
      level: LEVEL,
      draws,
      seed,
      degenerate,
    };
  }

  return {
    ok: true,
    estimate,
    start,
    years: { pre, post },
    treated: { pre: tPre, post: tPost, change: tChange },
    comparison: { pre: mean(pres), post: mean(posts), change: cChange, n, excluded, incomplete },
    interval,
  };
}
