// The adapter between the coordinate systems of the import forms and the location check
// (location-check.ts knows nothing of them): a projection function for the current choice and the
// supported systems as candidates to propose.
import { SUPPORTED_CRS, type EpsgCode } from './crs/definitions';
import type { CrsDetection } from './crs/guess';
import { transformPosition } from './crs/reproject';
import type { Project } from './location-check';

export interface CrsCandidate {
  /** `<code>` or `<code>|swap` */
  key: string;
  /** "EPSG:25832 – ETRS89 / UTM zone 32N", as the picker shows it */
  label: string;
  code: EpsgCode;
  swap: boolean;
  project: Project;
}

/** Positions as stored → WGS84 with `code` (and the axes swapped), as toLonLat / toWgs84 reproject them. */
export function projectionFor(detected: CrsDetection, code: EpsgCode, swap: boolean): Project {
  const eastingOffset = detected.code === code ? detected.eastingOffset : 0;
  return (x, y) => transformPosition(x, y, code, { swapAxes: swap, eastingOffset });
}

/**
 * Every supported system as read with the file's axis order and swapped, the file's own candidates
 * first (what the dialog proposes when the current choice places the data outside Germany).
 */
export function crsCandidates(detected: CrsDetection, swap: boolean): CrsCandidate[] {
  const rank = (code: EpsgCode) => {
    const i = detected.candidates.indexOf(code);
    return i < 0 ? detected.candidates.length : i;
  };
  const codes = SUPPORTED_CRS.map((c) => c.code).sort((a, b) => rank(a) - rank(b));
  const out: CrsCandidate[] = [];
  for (const s of [swap, !swap]) {
    for (const code of codes) {
      const name = SUPPORTED_CRS.find((c) => c.code === code)!.name;
      out.push({ key: s ? `${code}|swap` : String(code), label: `EPSG:${code} – ${name}`, code, swap: s, project: projectionFor(detected, code, s) });
    }
  }
  return out;
}
