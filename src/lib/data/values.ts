// Row types of an indicator's values, shared by the layers that produce them
// (lib/db) and those that draw or describe them (lib/map, lib/state): kept here
// so that lib/map needs nothing from lib/db.

/** One area's value for one year; `value` is null when missing or not aggregable. */
export interface AreaValue {
  id: string;
  year: number;
  value: number | null;
  /** Base areas under this area, and how many of them have data. */
  n: number;
  present: number;
  /**
   * For rates aggregated over parts of which some are suppressed: the share of
   * the denominator that the value covers (1 = complete); null otherwise.
   */
  coverage: number | null;
  /** How many persons the value rests on (the count, or the numerator of a rate): for statistical secrecy. */
  basis?: number | null;
  /**
   * The value is known only to lie below this bound (value is null then): Leipzig's SGB-II-Quote,
   * truncated to "0" by the source where it is below 1 % ("< 1 %"). Base areas only.
   */
  below?: number | null;
  /**
   * Estimated by areal weighting: a programme area drawn across base areas, some of which enter
   * with only part of their counts (the UI says so: tooltip, legend, profile, exports).
   */
  estimated?: boolean;
  /** Hidden for statistical secrecy (value is null then): below the threshold, or to protect such a value. */
  secret?: 'primary' | 'secondary';
}

/** A point inside an area (for glyphs drawn on the map). */
export interface AreaPoint {
  id: string;
  lon: number;
  lat: number;
}

/** One indicator at one level: every area's values, by year and by area. */
export interface LevelData {
  byYear: ReadonlyMap<number, AreaValue[]>;
  byArea: ReadonlyMap<string, AreaValue[]>;
}
