// Where a programme area's rest lies (issue 17, "übrige Stadt" / "übriger Landkreis"): the smallest
// administrative area that contains all its members — the city, the Kreis, the Land, Germany — and the
// rest is that area without the programme area. Stadtbezirke are parts of the city, never a reference.
import type { Level, Site } from './catalog-types';
import { hierarchyLevels, topLevel } from './programme-areas';

/** Levels that may be a programme area's reference: administrative units (not Stadtbezirke, parts of the city). */
export const REFERENCE_LEVELS: ReadonlySet<string> = new Set(['stadt', 'kreis', 'land', 'bund']);

/** The area a programme area's rest lies in: its level, id and name, and how many base areas it has. */
export interface RestReference {
  level: string;
  id: string;
  name: string;
  /** Its base areas (a Kreis of one Gemeinde is a kreisfreie Stadt). */
  bases: number;
}

/** The levels above the base that may hold a rest's reference, smallest first (the top level always). */
export function restReferenceLevels(site: Pick<Site, 'id' | 'levels'>): Level[] {
  const top = topLevel(site).id;
  return hierarchyLevels(site)
    .slice(1)
    .filter((l) => REFERENCE_LEVELS.has(l.id) || l.id === top);
}
