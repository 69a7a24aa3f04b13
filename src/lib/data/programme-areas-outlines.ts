// The dissolved outlines of programme areas, computed in a worker where there is one
// (the browser) and in this thread otherwise (unit tests in Node).
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { AreaCollection } from './geometry';
import type { ProgrammeArea } from './programme-areas';
import { programmeGeometry, type ProgrammeCollection } from './programme-areas-geometry';
import { workerJobs } from './worker-jobs';

const dissolver = workerJobs<ProgrammeCollection>(
  () => new Worker(new URL('./programme-areas.worker.ts', import.meta.url), { type: 'module' }),
  (reply) => reply.fc as ProgrammeCollection | undefined,
  'dissolve failed',
);

/** Outlines of the areas, members dissolved (only the members' polygons travel to the worker). */
export function dissolveProgrammeAreas(base: AreaCollection | null, areas: readonly ProgrammeArea[]): Promise<ProgrammeCollection> {
  if (typeof Worker === 'undefined' || !base) return Promise.resolve(programmeGeometry(base, areas));
  const wanted = new Set(areas.filter((a) => !a.geometry).flatMap((a) => a.members));
  const parts: Feature<Polygon | MultiPolygon, { id: string }>[] = base.features.filter((f) => wanted.has(String(f.properties.id)));
  return dissolver.run({ base: { type: 'FeatureCollection', features: parts }, areas: JSON.parse(JSON.stringify(areas)) as ProgrammeArea[] });
}

/** Dissolved outlines by site and members: an edit dissolves only the areas whose members changed. */
const outlines = new Map<string, Polygon | MultiPolygon>();
const MAX_OUTLINES = 500;
const outlineKey = (a: ProgrammeArea) => `${a.site}|${a.members.join(',')}`;

/**
 * The outlines of a site's programme areas, handed to `show` as they are ready: at once with the
 * members side by side where a union has not been dissolved before (the same fill), then with
 * those dissolved. Stops when `show` says the areas were replaced meanwhile.
 */
export async function programmeOutlines(
  base: Promise<AreaCollection | null>,
  areas: readonly ProgrammeArea[],
  show: (fc: ProgrammeCollection, step: 'a' | 'b') => boolean,
): Promise<void> {
  const fc = await base;
  const known = (): ProgrammeCollection => {
    const quick = programmeGeometry(fc, areas, false);
    for (const f of quick.features) {
      const a = areas.find((x) => x.id === f.properties.id);
      const outline = a && !a.geometry ? outlines.get(outlineKey(a)) : undefined;
      if (outline) f.geometry = outline;
    }
    return quick;
  };
  const fresh = areas.filter((a) => !a.geometry && a.members.length > 1 && !outlines.has(outlineKey(a)));
  if (fresh.length === 0) {
    show(known(), 'b');
    return;
  }
  if (!show(known(), 'a')) return;
  const done = await dissolveProgrammeAreas(fc, fresh);
  for (const f of done.features) {
    const a = fresh.find((x) => x.id === f.properties.id);
    if (a) outlines.set(outlineKey(a), f.geometry);
  }
  for (const key of outlines.keys()) if (outlines.size > MAX_OUTLINES) outlines.delete(key);
  show(known(), 'b');
}
