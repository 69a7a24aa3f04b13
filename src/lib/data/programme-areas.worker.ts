// Dissolves programme areas' members into outlines off the main thread (turf union
// of hundreds of polygons takes longer than a frame). Input: the member polygons of
// each area; output: the FeatureCollection of programme-areas-geometry.ts.
import type { AreaCollection } from './geometry';
import type { ProgrammeArea } from './programme-areas';
import { programmeGeometry } from './programme-areas-geometry';

self.onmessage = (e: MessageEvent<{ id: number; base: AreaCollection; areas: ProgrammeArea[] }>) => {
  const { id, base, areas } = e.data;
  try {
    self.postMessage({ id, fc: programmeGeometry(base, areas) });
  } catch (err) {
    self.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
