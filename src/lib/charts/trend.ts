/** One line of the trend chart: an area's values over the years. */
export interface TrendSeries {
  id: string;
  name: string;
  points: { year: number; value: number | null }[];
  /** Reference lines (city, Land, Germany) are drawn dashed. */
  reference: boolean;
  /** The rest of a programme area's reference ("übrige Stadt"): a reference line drawn dotted. */
  rest?: boolean;
  /** For areas of another site (cross-site comparison): that site's id. */
  site?: string;
  /** Its own colour (a programme area's, and its rest's), instead of the chart's palette. */
  color?: string;
}
