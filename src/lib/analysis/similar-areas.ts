// Similar areas (issue 18, item 2): for one area, the areas of the same level that are closest
// by chosen indicators, z-standardised over the level, by Euclidean distance.
//
// Decisions (documented for the panel's method text):
// - Each indicator is z-standardised over every given area that has a finite value for it
//   (mean and population SD, as zscore.ts and the social index): the level is the reference,
//   whichever areas end up compared.
// - An area missing a value for any indicator used is left out of the result (counted in
//   `excluded`), so that every distance is over the same indicators and distances compare.
// - An indicator the selected area has no value for, or whose values are all equal (SD 0, or
//   fewer than two values), cannot separate areas: it is dropped and named in `dropped`.
// - Distance = √Σ (z_other − z_target)²; an indicator's contribution is its share of the squared
//   distance (the shares sum to 1; at distance 0 every share is 0).
// - Top k by distance, ties by id (code-unit order); the selected area itself is never in it.
// - Across sites: give rows of several sites with ids made unique by areaKey(site, id); the
//   standardisation is then over all of them (e.g. every Gemeinde of Germany with Leipzig's
//   Ortsteile is not meaningful — use the same kind of level).

export interface SimilarRow {
  id: string;
  /** One value per indicator, in the order of the `indicators` argument; null when missing. */
  values: readonly (number | null)[];
}

export interface SimilarArea {
  id: string;
  distance: number;
  /** z_other − z_target per used indicator (in SDs of the level; positive: higher than the selected area). */
  diffs: number[];
  /** Share of the squared distance per used indicator (sums to 1; all 0 at distance 0). */
  contributions: number[];
}

export interface SimilarDropped {
  id: string;
  reason: 'target-missing' | 'constant';
}

export type SimilarResult =
  | {
      ok: true;
      target: string;
      /** The indicators the distance is over, in the given order (those not dropped). */
      indicators: string[];
      dropped: SimilarDropped[];
      /** Areas compared (with every used indicator, the selected area not counted). */
      compared: number;
      /** Areas left out for a missing value of a used indicator. */
      excluded: number;
      areas: SimilarArea[];
    }
  | { ok: false; reason: 'unknown-area' | 'no-indicators'; message: string };

export const DEFAULT_SIMILAR_K = 10;

/** The id of an area across sites, as the `cmp` URL parameter writes it: `site:id`. */
export function areaKey(site: string, id: string): string {
  return `${site}:${id}`;
}

const finite = (v: number | null | undefined): v is number => v !== null && v !== undefined && Number.isFinite(v);

/**
 * The k areas most similar to `targetId` by the given indicators (see the decisions above).
 * `rows` are all areas of the level (or of the same kind of level across sites).
 */
export function similarAreas(
  targetId: string,
  indicators: readonly string[],
  rows: readonly SimilarRow[],
  options: { k?: number } = {},
): SimilarResult {
  const k = Math.max(0, Math.floor(options.k ?? DEFAULT_SIMILAR_K));
  const target = rows.find((r) => r.id === targetId);
  if (!target) return { ok: false, reason: 'unknown-area', message: `No area "${targetId}" among the rows.` };

  // Mean and population SD per indicator over the level (one pass for the sums, one for the squares).
  const m = indicators.length;
  const used: number[] = [];
  const means: number[] = [];
  const sds: number[] = [];
  const dropped: SimilarDropped[] = [];
  for (let j = 0; j < m; j++) {
    if (!finite(target.values[j])) {
      dropped.push({ id: indicators[j]!, reason: 'target-missing' });
      continue;
    }
    let n = 0;
    let sum = 0;
    for (const r of rows) {
      const v = r.values[j];
      if (finite(v)) {
        n++;
        sum += v;
      }
    }
    const mean = sum / n;
    let ss = 0;
    let allEqual = true;
    const first = target.values[j]!;
    for (const r of rows) {
      const v = r.values[j];
      if (finite(v)) {
        ss += (v - mean) ** 2;
        if (v !== first) allEqual = false;
      }
    }
    if (n < 2 || allEqual || ss === 0) {
      dropped.push({ id: indicators[j]!, reason: 'constant' });
      continue;
    }
    used.push(j);
    means.push(mean);
    sds.push(Math.sqrt(ss / n));
  }
  if (used.length === 0) {
    return { ok: false, reason: 'no-indicators', message: 'No indicator separates the areas (missing for the selected area, or equal everywhere).' };
  }

  const u = used.length;
  const tz = used.map((j, i) => (target.values[j]! - means[i]!) / sds[i]!);
  // Squared distances of every comparable area, then the top k (ties by id).
  const ids: string[] = [];
  const dist2: number[] = [];
  const rowOf: SimilarRow[] = [];
  let excluded = 0;
  outer: for (const r of rows) {
    if (r.id === targetId) continue;
    let d2 = 0;
    for (let i = 0; i < u; i++) {
      const v = r.values[used[i]!];
      if (!finite(v)) {
        excluded++;
        continue outer;
      }
      const d = (v - means[i]!) / sds[i]! - tz[i]!;
      d2 += d * d;
    }
    ids.push(r.id);
    dist2.push(d2);
    rowOf.push(r);
  }
  const order = Array.from(ids.keys());
  order.sort((a, b) => dist2[a]! - dist2[b]! || (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
  const areas = order.slice(0, k).map((idx) => {
    const r = rowOf[idx]!;
    const d2 = dist2[idx]!;
    const diffs = used.map((j, i) => (r.values[j]! - means[i]!) / sds[i]! - tz[i]!);
    return {
      id: r.id,
      distance: Math.sqrt(d2),
      diffs,
      contributions: diffs.map((d) => (d2 > 0 ? (d * d) / d2 : 0)),
    };
  });
  return {
    ok: true,
    target: targetId,
    indicators: used.map((j) => indicators[j]!),
    dropped,
    compared: ids.length,
    excluded,
    areas,
  };
}
