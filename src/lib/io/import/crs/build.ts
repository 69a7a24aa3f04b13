// From a checked CrsSpec to the Crs the import uses: a known system when the definition transforms
// exactly like one (by its own code, else by its parameters), else a system of its own.
import proj4 from 'proj4';
import { KNOWN_CRS, crsByAuthority, type Crs } from './definitions';
import { buildFromSpec, type CrsSpec } from './spec';
import { sameTransformation } from './reproject';

/** What a definition gives: the system and remarks for the detection's reason (English). */
export interface CrsReading {
  crs: Crs;
  notes: string[];
}

/** A short, stable hash (FNV-1a, 32 bits, hex) of a definition, for Crs.key. */
export function definitionHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * The Crs of a spec; throws an Error whose message completes "The coordinate system …" (e.g. "its
 * scale factor 0 is impossible") when the spec cannot be a coordinate system.
 */
export function crsFromSpec(spec: CrsSpec): CrsReading {
  const built = buildFromSpec(spec);
  try {
    proj4(built.proj4, '+proj=longlat +datum=WGS84 +no_defs');
  } catch (err) {
    throw new Error(`proj4 cannot build it (${err instanceof Error ? err.message.slice(0, 80) : 'error'})`);
  }
  const draft: Crs = {
    key: `WKT:${definitionHash(`${built.proj4}|${built.unitDegrees}`)}`,
    code: null,
    name: spec.name.trim() || '(unnamed)',
    proj4: built.proj4,
    geographic: spec.kind === 'geographic',
    unitDegrees: built.unitDegrees,
    axes: spec.axes,
    label: built.label,
    shift: built.shift,
  };
  const notes = built.notes;
  const auth = spec.authority;
  const own = auth ? crsByAuthority(auth.authority, auth.code) : null;
  if (own && sameTransformation(own, draft)) return { crs: own, notes };
  const match = KNOWN_CRS.find((c) => c !== own && sameTransformation(c, draft));
  if (match) {
    // 5677 is 31467 with easting first: only its name tells them apart
    const en = match.code === 31467 && /(^|[^A-Za-z])E-N([^A-Za-z]|$)/.test(spec.name) ? crsByAuthority('EPSG', 5677) : null;
    return { crs: en ?? match, notes };
  }
  if (own) {
    notes.push(`The definition carries the code ${own.key}, but its parameters differ from that system's; its parameters are used.`);
  }
  const code = auth && !own && auth.authority.toUpperCase() === 'EPSG' && auth.code > 0 ? auth.code : null;
  return { crs: { ...draft, code }, notes };
}
