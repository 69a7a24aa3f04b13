// Many programme areas of one site at once (an imported file's features), for the owner
// ProgrammeAreas.addPolygons (state/programme-areas.svelte.ts), loaded with the first import so that
// the first map does not carry it: each polygon weighed like addPolygon, in order, then all written to
// DuckDB and kept in one go (one write instead of one per area).
import type { MultiPolygon, Polygon } from 'geojson';
import type { Site } from '../data/catalog-types';
import type { SiteRegistry } from '../data/site-registry.svelte';
import { defaultProgrammeColor, type ProgrammeArea } from '../data/programme-areas';
import { PolygonOutsideError } from '../data/programme-weights';
import { dropSlivers, type PolygonMembers } from '../analysis/import-slivers';

/** What addPolygons needs of the owner (its own methods; the owner passes itself). */
export interface BatchOwner {
  readonly registry: SiteRegistry;
  of(siteId: string): ProgrammeArea[];
  weigh(site: Site, geometry: Polygon | MultiPolygon): Promise<PolygonMembers & { geometry: Polygon | MultiPolygon }>;
  checked(x: unknown): Promise<ProgrammeArea>;
  freshId(): string;
  apply(siteId: string, areas: readonly ProgrammeArea[]): Promise<void>;
  keep(areas: readonly ProgrammeArea[]): Promise<void>;
}

/** A polygon to add (as ProgrammePolygonInput of the owner): members, weights and area shares come from it. */
export type BatchInput = Omit<ProgrammeArea, 'id' | 'color' | 'members' | 'weights' | 'areaShares' | 'geometry'> & {
  id?: string;
  color?: string;
  geometry: Polygon | MultiPolygon;
};

/**
 * `progress` hears after each weighing; `sliver` (imported boundaries): cuts below this share of a
 * base's area are slivers of borders that do not match to the millimetre (analysis/import-slivers.ts);
 * 0 keeps every cut, as addPolygon does.
 */
export type BatchArgs = [inputs: readonly BatchInput[], progress?: (done: number, total: number) => void, sliver?: number];

/** The areas added, and those that could not be (PolygonOutsideError, a failed check) by their index in the inputs. */
export interface BatchResult {
  added: ProgrammeArea[];
  failed: { index: number; error: unknown }[];
}

export async function addPolygons(owner: BatchOwner, ...[inputs, progress = () => {}, sliver = 0]: BatchArgs): Promise<BatchResult> {
  const added: ProgrammeArea[] = [];
  const failed: BatchResult['failed'] = [];
  const siteId = inputs[0]?.site;
  if (siteId === undefined) return { added, failed };
  const site = owner.registry.find(siteId);
  if (!site) throw new Error(`Unknown site "${siteId}"`);
  if (inputs.some((i) => i.site !== siteId)) throw new Error('addPolygons takes the polygons of one site');
  const ids = new Set(owner.of(siteId).map((a) => a.id));
  for (const [index, input] of inputs.entries()) {
    try {
      let found: Partial<PolygonMembers> = { members: [] };
      // (A grid site's polygon is its area as it is: its figures come from the cells.)
      if (site.kind !== 'grid') {
        found = await owner.weigh(site, input.geometry);
        if (sliver > 0) found = dropSlivers(found as PolygonMembers, sliver);
        if (found.members!.length === 0) throw new PolygonOutsideError(site.id);
      }
      let id = input.id ?? owner.freshId();
      while (ids.has(id)) id = owner.freshId();
      const color = input.color ?? defaultProgrammeColor(owner.of(siteId).length + added.length);
      const area = await owner.checked({ ...input, ...found, id, color });
      ids.add(area.id);
      added.push(area);
    } catch (error) {
      failed.push({ index, error });
    }
    progress(index + 1, inputs.length);
  }
  if (added.length === 0) return { added, failed };
  await owner.apply(siteId, [...owner.of(siteId), ...added]);
  await owner.keep(added);
  return { added, failed };
}
