// The rest of each programme area ("übrige Stadt", "übriger Landkreis Verden") for the exports of the
// programme-area level (CSV, XLSX: view-export.ts viewTables): the value cache's rest answer, secrecy
// applied like everywhere, and each rest's name. Loaded by the export dialog only on that level.
import type { Indicator, Site } from '../data/catalog-types';
import type { AreaValue } from '../data/values';
import { isAggregable } from '../data/catalog';
import { PROGRAMME_LEVEL } from '../data/programme-areas';
import { restLabel } from '../render/rest-label';
import type { Lang } from '../i18n';
import type { ValueCache } from './value-cache';

/** What the exports need of the rests: each area's rest name, and its values by year and area id. */
export interface ExportRest {
  names: ReadonlyMap<string, string>;
  value(id: string, year: number): AreaValue | undefined;
}

/** The rests for an export of the programme-area level, or null (another level, a grid site, no counts to aggregate). */
export async function exportRest(cache: ValueCache, site: Site, level: string, ind: Indicator, lang: Lang): Promise<ExportRest | null> {
  if (level !== PROGRAMME_LEVEL || site.kind === 'grid' || !isAggregable(site, ind, PROGRAMME_LEVEL)) return null;
  const [data, refs] = await Promise.all([cache.rest(site, ind), cache.restReferences(site)]);
  const names = new Map([...data.byArea.keys()].map((id) => [id, restLabel(site, lang, undefined, refs.get(id))]));
  return { names, value: (id, year) => data.byArea.get(id)?.find((r) => r.year === year) };
}
