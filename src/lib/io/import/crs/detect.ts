// The coordinate system of one file: what it declares (header, metadata, .prj,
// GeoJSON `crs` member), checked against its coordinates, else a guess.
import { crsByAuthority, type Crs } from './definitions';
import { readWkt } from './wkt';
import { crsMemberOf } from './names';
import { crsRef, evenSubset, guessCrs, MAX_GUESS_SAMPLES, pct, PLAUSIBLE_SHARE, trial, type CrsDetection } from './guess';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** "ETRS89 / UTM zone 32N (EPSG:25832)", or a system of the file's own with what sets it apart. */
export function describeCrs(crs: Crs): string {
  const own = crs.key.startsWith('WKT:');
  let text = own ? `its own system "${crs.name}"${crs.code !== null ? ` (EPSG:${crs.code})` : ''}` : `${crs.name} (${crsRef(crs)})`;
  const lead = crs.label.params.lead;
  if (crs.label.key === 'crs.utm7' && typeof lead === 'number') {
    text += ` with 7-digit eastings (false easting ${(lead * 1_000_000 + 500_000).toLocaleString('en')} m)`;
  }
  if (own) text += ` [${crs.proj4}]`;
  return text;
}

/** Checks a declared CRS against the coordinates (and detects swapped axes). */
function checkDeclared(
  crs: Crs,
  source: 'prj' | 'geojson' | 'header' | 'metadata',
  samples: readonly [number, number][],
  declared: string,
): CrsDetection {
  const base = { crs, source };
  const finite = evenSubset(
    samples.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)),
    MAX_GUESS_SAMPLES,
  );
  if (finite.length === 0) {
    return { ...base, confidence: 'certain', candidates: [crs], swappedAxes: false, reason: `${declared}.` };
  }
  const straight = trial(finite, crs, false);
  if (straight.share >= PLAUSIBLE_SHARE) {
    return {
      ...base,
      confidence: 'certain',
      candidates: [crs],
      swappedAxes: false,
      reason: `${declared}; ${pct(straight.share)} of the sample points fall inside Germany's bounding box.`,
    };
  }
  const swapped = trial(finite, crs, true);
  if (swapped.share >= PLAUSIBLE_SHARE) {
    const declaredOrder = crs.axes === 'ne' ? ' (as its definition declares)' : '';
    return {
      ...base,
      confidence: 'likely',
      candidates: [crs],
      swappedAxes: true,
      reason:
        `${declared}, but the file stores the axes swapped (${crs.geographic ? 'latitude before longitude' : 'northing before easting'})${declaredOrder}: ` +
        `with swapped axes ${pct(swapped.share)} of the sample points fall inside Germany's bounding box.`,
    };
  }
  const guess = guessCrs(finite);
  if (guess.crs !== null && guess.crs.key !== crs.key) {
    return {
      ...base,
      confidence: 'ambiguous',
      candidates: [crs, ...guess.candidates.filter((c) => c.key !== crs.key)],
      swappedAxes: false,
      reason: `${declared}, but only ${pct(straight.share)} of the sample points fall inside Germany's bounding box with it. ${guess.reason}`,
    };
  }
  return {
    ...base,
    confidence: 'likely',
    candidates: [crs],
    swappedAxes: false,
    reason: `${declared}, but only ${pct(straight.share)} of the sample points fall inside Germany's bounding box with it.`,
  };
}

/** A CRS declared by a file's header or metadata, for detectCrs. */
export interface EpsgHint {
  /** EPSG code (aliases such as 4258 → 4326 are mapped; a code not in the list falls back to `crs`, the .prj text or the guess, with a note) */
  code?: number | null;
  source: 'header' | 'metadata';
  /** for the reason text, e.g. "FlatGeobuf header" (default "file header" / "file metadata") */
  origin?: string;
  /** the system the header or metadata defines in full (WKT, PROJJSON), already read; used when `code` is not in the list */
  crs?: Crs | null;
  /** remarks from reading that definition */
  notes?: string[];
}

const sentence = (notes: readonly string[]) => (notes.length ? ` ${notes.join(' ')}` : '');

/**
 * Full detection: the system a file's header or metadata names or defines (FlatGeobuf, GeoParquet,
 * GeoPackage), else the .prj text (any valid WKT, built from its parameters), else the GeoJSON `crs`
 * member, else a guess from the samples (a GeoJSON without `crs` member whose coordinates look like
 * longitude/latitude gets RFC 7946's WGS84 as source 'default'). A declared CRS is checked against the
 * samples: swapped axes are detected, and a CRS that puts the points outside Germany is reported as
 * 'ambiguous' together with the guessed alternatives.
 */
export function detectCrs(input: {
  prj?: string | null;
  geojson?: unknown;
  /** a system from the file's own header or metadata (FlatGeobuf, GeoParquet, GeoPackage); checked first */
  epsg?: EpsgHint | null;
  samples: readonly [number, number][];
}): CrsDetection {
  const samples = input.samples ?? [];
  const notes: string[] = [];
  const hint = input.epsg;
  const origin = hint ? (hint.origin ?? (hint.source === 'header' ? 'file header' : 'file metadata')) : '';
  if (hint) {
    const code = typeof hint.code === 'number' && Number.isInteger(hint.code) ? hint.code : null;
    const known = code !== null ? crsByAuthority('EPSG', code) : null;
    if (known) return checkDeclared(known, hint.source, samples, `The ${origin} names ${describeCrs(known)}`);
    if (hint.crs) {
      return checkDeclared(hint.crs, hint.source, samples, `The ${origin} defines ${describeCrs(hint.crs)}${sentence(hint.notes ?? [])}`);
    }
    if (code !== null) notes.push(`The ${origin} names EPSG:${String(code)}, which is not in the list of known systems.`);
    notes.push(...(hint.notes ?? []));
  }
  if (typeof input.prj === 'string' && input.prj.trim() !== '') {
    // with a hint (a GeoPackage's gpkg_spatial_ref_sys), the text is that file's own definition
    const what = hint ? `The ${origin}'s definition` : 'The .prj file';
    const read = readWkt(input.prj);
    if (read.ok) {
      const { crs, notes: more } = read.reading;
      return checkDeclared(crs, hint ? hint.source : 'prj', samples, `${what} defines ${describeCrs(crs)}${sentence(more)}`);
    }
    notes.push(`${what}'s coordinate system definition ${read.error}.`.replace("definition's coordinate system definition", 'coordinate system definition'));
  }
  const hasGeoJson = isObject(input.geojson);
  const hasCrsMember = hasGeoJson && (input.geojson as Record<string, unknown>).crs != null;
  if (hasGeoJson) {
    const member = crsMemberOf(input.geojson);
    if (member.crs) return checkDeclared(member.crs, 'geojson', samples, `The GeoJSON crs member names ${describeCrs(member.crs)}`);
    if (hasCrsMember) {
      notes.push(`The GeoJSON crs member names ${member.named ? `"${member.named}", ` : ''}a coordinate system that is not known or not recognised.`);
    }
  }
  const prefix = notes.length ? `${notes.join(' ')} ` : '';
  const guess = guessCrs(samples);
  if (hasGeoJson && !hasCrsMember) {
    const rfc = 'GeoJSON without a crs member is WGS84 longitude/latitude (RFC 7946)';
    const wgs84 = crsByAuthority('EPSG', 4326)!;
    if (samples.length === 0) {
      return {
        crs: wgs84,
        source: 'default',
        confidence: 'likely',
        candidates: [wgs84],
        swappedAxes: false,
        reason: `${prefix}${rfc}; there are no coordinates to check it.`,
      };
    }
    if (guess.crs?.code === 4326 && !guess.swappedAxes && guess.confidence === 'likely') {
      const agrees = guess.reason.charAt(0).toLowerCase() + guess.reason.slice(1);
      return { ...guess, source: 'default', confidence: 'certain', reason: `${prefix}${rfc}, and the ${agrees.replace(/^coordinates /, 'coordinates agree: they ')}` };
    }
  }
  return { ...guess, reason: prefix + guess.reason };
}
