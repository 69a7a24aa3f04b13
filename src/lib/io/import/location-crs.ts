// The adapter between the coordinate systems of the import forms and the location check
// (location-check.ts knows nothing of them): a projection function for the current choice and the
// systems to propose when it places the data outside Germany.
import { KNOWN_CRS, type Crs } from './crs/definitions';
import { describeCrs } from './crs/detect';
import type { CrsDetection } from './crs/guess';
import { transformPosition } from './crs/reproject';
import type { Project } from './location-check';

export interface CrsCandidate {
  /** the system's key (`EPSG:25832`, `WKT:…`), with `|swap` when read with swapped axes */
  key: string;
  /** a technical name ("ETRS89 / UTM zone 32N (EPSG:25832)"); the dialog words it from `crs` */
  label: string;
  crs: Crs;
  swap: boolean;
  project: Project;
}

/** The key of a choice of system and axis order, as the candidates carry it. */
export function choiceKey(crs: Crs, swap: boolean): string {
  return swap ? `${crs.key}|swap` : crs.key;
}

/** Positions as stored → WGS84 with `crs` (and the axes swapped), as toLonLat / toWgs84 reproject them. */
export function projectionFor(crs: Crs, swap: boolean): Project {
  return (x, y) => transformPosition(x, y, crs, { swapAxes: swap });
}

/** The systems to offer for a file: its own (detected) one and the other candidates first, then the known list, each once. */
export function crsChoices(detected: CrsDetection): Crs[] {
  const systems = new Map<string, Crs>();
  for (const c of [...(detected.crs ? [detected.crs] : []), ...detected.candidates, ...KNOWN_CRS]) if (!systems.has(c.key)) systems.set(c.key, c);
  return [...systems.values()];
}

/**
 * crsChoices, each as read with the file's axis order and swapped (what the dialog proposes when the
 * current choice places the data outside Germany).
 */
export function crsCandidates(detected: CrsDetection, swap: boolean): CrsCandidate[] {
  const systems = crsChoices(detected);
  const out: CrsCandidate[] = [];
  for (const s of [swap, !swap]) {
    for (const crs of systems) out.push({ key: choiceKey(crs, s), label: describeCrs(crs), crs, swap: s, project: projectionFor(crs, s) });
  }
  return out;
}
