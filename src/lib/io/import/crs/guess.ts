// Guessing the coordinate system from the coordinates when a file says nothing:
// every supported system in both axis orders, ranked by how many samples land in
// Germany. Also the trial of one reading, which detect.ts uses to check a declared CRS.
import { GERMANY_BBOX, crsByCode, insideGermanyOutline, type Crs } from './definitions';
import { transformPosition } from './reproject';

export interface CrsDetection {
  /** the CRS to use; null when nothing plausible was found */
  crs: Crs | null;
  /**
   * where the code comes from: the .prj, the GeoJSON `crs` member, a binary format's header (FlatGeobuf) or
   * metadata (GeoParquet), a guess from the coordinates, or the GeoJSON default (RFC 7946: WGS84)
   */
  source: 'prj' | 'geojson' | 'header' | 'metadata' | 'guess' | 'default';
  /** 'certain': declared by the file and consistent with the coordinates; 'likely': one plausible reading (ask the user to confirm); 'ambiguous': several (see candidates); 'unknown': none */
  confidence: 'certain' | 'likely' | 'ambiguous' | 'unknown';
  /** plausible systems, best first (crs is the first when not null) */
  candidates: Crs[];
  /** the file stores (y, x): latitude before longitude, or northing before easting */
  swappedAxes: boolean;
  /** an English explanation for logs and the confirmation dialog */
  reason: string;
}

/** Codes tried by guessCrs. 5677 is left out: it transforms exactly like 31467. */
const GUESS_CODES: readonly number[] = [4326, 25832, 25833, 4647, 5650, 31466, 31467, 31468, 31469, 3035, 3857];
const GUESS_CRS: readonly Crs[] = GUESS_CODES.map((c) => crsByCode(c)!);
/** A reading is plausible when this share of the samples lands inside GERMANY_BBOX. */
export const PLAUSIBLE_SHARE = 0.9;
export const MAX_GUESS_SAMPLES = 1000;

interface Trial {
  crs: Crs;
  swapped: boolean;
  /** share of samples inside GERMANY_BBOX after reprojection */
  share: number;
  /** share of samples inside GERMANY_OUTLINE after reprojection */
  outlineShare: number;
}

export function evenSubset<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const step = items.length / max;
  return Array.from({ length: max }, (_, i) => items[Math.floor(i * step)]);
}

/** One reading of the samples: how many land in Germany with `crs` (and the axes as given or swapped). */
export function trial(samples: readonly [number, number][], crs: Crs, swapped: boolean): Trial {
  let inside = 0;
  let inOutline = 0;
  for (const [x, y] of samples) {
    const [lon, lat] = transformPosition(x, y, crs, { swapAxes: swapped });
    if (lon >= GERMANY_BBOX.west && lon <= GERMANY_BBOX.east && lat >= GERMANY_BBOX.south && lat <= GERMANY_BBOX.north) {
      inside++;
      if (insideGermanyOutline(lon, lat)) inOutline++;
    }
  }
  const n = samples.length || 1;
  return { crs, swapped, share: inside / n, outlineShare: inOutline / n };
}

/** "EPSG:25832", "ESRI:102328", or the system's own name. */
export const crsRef = (crs: Crs): string => (crs.key.startsWith('WKT:') ? `"${crs.name}"` : crs.key);

function describe(crs: Crs, swapped: boolean): string {
  const axes = swapped ? ' with swapped axes' : '';
  const code = crs.code ?? 0;
  switch (code) {
    case 4326:
      return swapped
        ? 'WGS84 latitude/longitude in degrees (EPSG:4326, swapped axes: latitude first)'
        : 'WGS84 longitude/latitude in degrees (EPSG:4326)';
    case 25832:
    case 25833:
      return `6-digit eastings: ETRS89 / UTM zone ${code - 25800}N (EPSG:${code})${axes}`;
    case 4647:
    case 5650:
      return `8-digit eastings with zone prefix ${code === 4647 ? 32 : 33}: ETRS89 / UTM zone ${code === 4647 ? 32 : 33}N (zE-N, EPSG:${code})${axes}`;
    case 31466:
    case 31467:
    case 31468:
    case 31469:
    case 5677: {
      const zone = code === 5677 ? 3 : code - 31464;
      const utm7 =
        zone === 2 || zone === 3
          ? ` (ETRS89 / UTM zone ${zone === 2 ? 32 : 33}N with 7-digit eastings, false easting ${zone},500,000 — ESRI:${zone === 2 ? 102328 : 102359} in the list — gives similar numbers: check the source)`
          : '';
      return `7-digit eastings starting with ${zone}: DHDN / Gauss-Krüger zone ${zone} (EPSG:${code})${axes}${utm7}`;
    }
    case 3035:
      return `ETRS89 / LAEA Europe (EPSG:3035)${axes}`;
    case 3857:
      return `Web Mercator (EPSG:3857)${axes}`;
    default:
      return `${crs.name} (${crsRef(crs)})${axes}`;
  }
}

export const pct = (share: number) => `${Math.round(share * 100)} %`;

/**
 * A guess from sample coordinates ([x, y] pairs as stored in the file) when
 * the file says nothing. Every supported CRS (5677 aside, see GUESS_CODES) is
 * tried in both axis orders; a reading is plausible when at least 90 % of the
 * samples land inside Germany's bounding box (GERMANY_BBOX). This covers WGS84
 * longitude/latitude and swapped latitude/longitude, UTM 32/33 (6-digit
 * eastings), zE-N (8-digit eastings, 32… → 4647, 33… → 5650), Gauss-Krüger
 * (7-digit eastings, zone = leading digit), LAEA and Web Mercator, and also
 * projected coordinates stored northing first. Several plausible readings
 * (typically UTM 32 against 33: 6-digit eastings fit both zones) give
 * confidence 'ambiguous', ranked by the share inside the box, then by the
 * share inside a coarse outline of Germany (GERMANY_OUTLINE: a point at 12°E
 * in zone 33 reads as 6°E in zone 32, which is in the Netherlands), then by
 * GUESS_CODES order (zone 32 before 33: 12 of the 16 Länder use zone 32).
 * Eastings west of the central meridian often fit both zones inside Germany
 * (Köln in zone 32 reads as a point near Chemnitz in zone 33), so the user has
 * to confirm a guess in any case.
 */
export function guessCrs(samples: readonly [number, number][]): CrsDetection {
  const finite = evenSubset(
    samples.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)),
    MAX_GUESS_SAMPLES,
  );
  const base = { source: 'guess' as const };
  if (finite.length === 0) {
    return {
      ...base,
      crs: null,
      confidence: 'unknown',
      candidates: [],
      swappedAxes: false,
      reason: 'No coordinates to guess the coordinate system from.',
    };
  }
  const trials = GUESS_CRS.flatMap((crs) => [trial(finite, crs, false), trial(finite, crs, true)]);
  trials.sort(
    (a, b) =>
      b.share - a.share ||
      b.outlineShare - a.outlineShare ||
      Number(a.swapped) - Number(b.swapped) ||
      GUESS_CRS.indexOf(a.crs) - GUESS_CRS.indexOf(b.crs),
  );
  const plausible = trials.filter((t) => t.share >= PLAUSIBLE_SHARE);
  const ranked: Trial[] = [];
  for (const t of plausible) if (!ranked.some((r) => r.crs === t.crs)) ranked.push(t);
  const n = finite.length;
  if (ranked.length === 0) {
    const best = trials[0];
    return {
      ...base,
      crs: null,
      confidence: 'unknown',
      candidates: [],
      swappedAxes: false,
      reason:
        `None of the supported coordinate systems puts the ${n} sample point${n === 1 ? '' : 's'} inside Germany's bounding box` +
        (best.share > 0 ? ` (best: ${crsRef(best.crs)}${best.swapped ? ' with swapped axes' : ''}, ${pct(best.share)})` : '') +
        '.',
    };
  }
  const best = ranked[0];
  const inside = `${pct(best.share)} of ${n} sample point${n === 1 ? '' : 's'} fall inside Germany's bounding box`;
  if (ranked.length === 1) {
    return {
      ...base,
      crs: best.crs,
      confidence: 'likely',
      candidates: [best.crs],
      swappedAxes: best.swapped,
      reason: `Coordinates look like ${describe(best.crs, best.swapped)}; ${inside}.`,
    };
  }
  const others = ranked
    .slice(1)
    .map((t) => `${crsRef(t.crs)}${t.swapped ? ' with swapped axes' : ''}`)
    .join(', ');
  return {
    ...base,
    crs: best.crs,
    confidence: 'ambiguous',
    candidates: ranked.map((t) => t.crs),
    swappedAxes: best.swapped,
    reason:
      `Coordinates fit several coordinate systems; most plausible: ${describe(best.crs, best.swapped)} ` +
      `(${inside}, ${pct(best.outlineShare)} inside the outline of Germany); also possible: ${others}. Please confirm.`,
  };
}
