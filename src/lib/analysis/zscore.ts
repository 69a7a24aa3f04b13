import { mean, standardDeviation } from 'simple-statistics';

/**
 * z-scores z = (v − mean) / SD, with the mean and the population SD of the
 * non-missing values (as the Berlin MSS standardises over all areas, not a
 * sample). Null, NaN and ±Infinity stay null and do not enter the mean or SD.
 * With fewer than two values, or when all values are equal, a z-score is
 * undefined (SD 0): every entry is null then, rather than a misleading 0.
 */
export function zScores(values: readonly (number | null)[]): (number | null)[] {
  const valid: number[] = [];
  for (const v of values) if (v !== null && Number.isFinite(v)) valid.push(v);
  // Equality tested exactly: the SD of equal floats can come out as a tiny non-zero.
  if (valid.length < 2 || valid.every((v) => v === valid[0])) return values.map(() => null);
  const m = mean(valid);
  const sd = standardDeviation(valid);
  return values.map((v) => (v !== null && Number.isFinite(v) ? (v - m) / sd : null));
}
