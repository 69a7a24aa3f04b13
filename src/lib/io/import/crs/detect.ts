// The coordinate system of one file: what it declares (header, metadata, .prj,
// GeoJSON `crs` member), checked against its coordinates, else a guess.
import { crsDefinition, mapAuthorityCode, type EpsgCode } from './definitions';
import { parsePrj } from './wkt';
import { crsFromGeoJson } from './names';
import { evenSubset, guessCrs, MAX_GUESS_SAMPLES, pct, PLAUSIBLE_SHARE, trial, type CrsDetection } from './guess';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks a declared CRS against the coordinates (and detects swapped axes). */
function checkDeclared(
  code: EpsgCode,
  eastingOffset: number,
  source: 'prj' | 'geojson' | 'header' | 'metadata',
  samples: readonly [number, number][],
  declared: string,
): CrsDetection {
  const base = { code, source, eastingOffset };
  const finite = evenSubset(
    samples.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)),
    MAX_GUESS_SAMPLES,
  );
  if (finite.length === 0) {
    return { ...base, confidence: 'certain', candidates: [code], swappedAxes: false, reason: `${declared}.` };
  }
  const straight = trial(finite, code, false, eastingOffset);
  if (straight.share >= PLAUSIBLE_SHARE) {
    return {
      ...base,
      confidence: 'certain',
      candidates: [code],
      swappedAxes: false,
      reason: `${declared}; ${pct(straight.share)} of the sample points fall inside Germany's bounding box.`,
    };
  }
  const swapped = trial(finite, code, true, eastingOffset);
  if (swapped.share >= PLAUSIBLE_SHARE) {
    return {
      ...base,
      confidence: 'likely',
      candidates: [code],
      swappedAxes: true,
      reason:
        `${declared}, but the file stores the axes swapped (${code === 4326 ? 'latitude before longitude' : 'northing before easting'}): ` +
        `with swapped axes ${pct(swapped.share)} of the sample points fall inside Germany's bounding box.`,
    };
  }
  const guess = guessCrs(finite);
  if (guess.code !== null && guess.code !== code) {
    return {
      ...base,
      confidence: 'ambiguous',
      candidates: [code, ...guess.candidates.filter((c) => c !== code)],
      swappedAxes: false,
      reason: `${declared}, but only ${pct(straight.share)} of the sample points fall inside Germany's bounding box with it. ${guess.reason}`,
    };
  }
  return {
    ...base,
    confidence: 'likely',
    candidates: [code],
    swappedAxes: false,
    reason: `${declared}, but only ${pct(straight.share)} of the sample points fall inside Germany's bounding box with it.`,
  };
}

/** An EPSG code declared by a file's header or metadata, for detectCrs. */
export interface EpsgHint {
  /** EPSG code (aliases such as 4258 → 4326 are mapped; unsupported codes fall back to the guess with a note) */
  code: number;
  source: 'header' | 'metadata';
  /** for the reason text, e.g. "FlatGeobuf header" (default "file header" / "file metadata") */
  origin?: string;
  /** see CrsDetection.eastingOffset (for a WKT that parsePrj read as a 7-digit UTM variant) */
  eastingOffset?: number;
}

/**
 * Full detection: an explicit code from the file's header or metadata (FlatGeobuf, GeoParquet), else
 * the .prj text if it is recognised, else the GeoJSON `crs`
 * member, else a guess from the samples (a GeoJSON without `crs` member whose
 * coordinates look like longitude/latitude gets RFC 7946's WGS84 as source
 * 'default'). A declared CRS is checked against the samples: swapped axes are
 * detected, and a CRS that puts the points outside Germany is reported as
 * 'ambiguous' together with the guessed alternatives.
 */
export function detectCrs(input: {
  prj?: string | null;
  geojson?: unknown;
  /** an explicit code from the file's own header or metadata (FlatGeobuf, GeoParquet); checked first */
  epsg?: EpsgHint | null;
  samples: readonly [number, number][];
}): CrsDetection {
  const samples = input.samples ?? [];
  const notes: string[] = [];
  const hint = input.epsg;
  if (hint) {
    const origin = hint.origin ?? (hint.source === 'header' ? 'file header' : 'file metadata');
    const code = Number.isInteger(hint.code) ? mapAuthorityCode('EPSG', hint.code) : null;
    if (code !== null) {
      return checkDeclared(code, hint.eastingOffset ?? 0, hint.source, samples, `The ${origin} names ${crsDefinition(code).name} (EPSG:${code})`);
    }
    notes.push(`The ${origin} names EPSG:${String(hint.code)}, which is not supported.`);
  }
  if (typeof input.prj === 'string' && input.prj.trim() !== '') {
    const match = parsePrj(input.prj);
    if (match) {
      const offset = match.eastingOffset
        ? ` with 7-digit eastings (false easting ${(500_000 - match.eastingOffset).toLocaleString('en')} m)`
        : '';
      return checkDeclared(
        match.code,
        match.eastingOffset,
        'prj',
        samples,
        `The .prj file names ${crsDefinition(match.code).name} (EPSG:${match.code})${offset}`,
      );
    }
    notes.push('The .prj file names a coordinate system that is not supported or not recognised.');
  }
  const hasGeoJson = isObject(input.geojson);
  const hasCrsMember = hasGeoJson && (input.geojson as Record<string, unknown>).crs != null;
  if (hasGeoJson) {
    const code = crsFromGeoJson(input.geojson);
    if (code !== null) {
      return checkDeclared(code, 0, 'geojson', samples, `The GeoJSON crs member names ${crsDefinition(code).name} (EPSG:${code})`);
    }
    if (hasCrsMember) notes.push('The GeoJSON crs member names a coordinate system that is not supported or not recognised.');
  }
  const prefix = notes.length ? `${notes.join(' ')} ` : '';
  const guess = guessCrs(samples);
  if (hasGeoJson && !hasCrsMember) {
    const rfc = 'GeoJSON without a crs member is WGS84 longitude/latitude (RFC 7946)';
    if (samples.length === 0) {
      return {
        code: 4326,
        source: 'default',
        confidence: 'likely',
        candidates: [4326],
        swappedAxes: false,
        eastingOffset: 0,
        reason: `${prefix}${rfc}; there are no coordinates to check it.`,
      };
    }
    if (guess.code === 4326 && !guess.swappedAxes && guess.confidence === 'likely') {
      const agrees = guess.reason.charAt(0).toLowerCase() + guess.reason.slice(1);
      return { ...guess, source: 'default', confidence: 'certain', reason: `${prefix}${rfc}, and the ${agrees.replace(/^coordinates /, 'coordinates agree: they ')}` };
    }
  }
  return { ...guess, reason: prefix + guess.reason };
}
