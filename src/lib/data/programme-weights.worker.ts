// Weighs drawn programme areas off the main thread: the site's base areas are
// fetched here (by URL) and prepared once per site, a population surface once
// per key; each message then costs only the polygon's own cuts.
import type { AreaGeometry } from '../analysis/areal-weights';
import type { AreaCollection } from './geometry';
import { WeightsCache, type SurfacePoints } from './programme-weights-core';

export interface WeighMessage {
  id: number;
  base: { key: string; url: string };
  /** The surface's key; its points only with the first message that names it. */
  surface?: { key: string; points?: SurfacePoints };
  geometry: AreaGeometry;
}

const cache = new WeightsCache();

async function load(url: string): Promise<AreaCollection> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`Could not load ${url}: HTTP ${res.status}`);
  return (await res.json()) as AreaCollection;
}

self.onmessage = async (e: MessageEvent<WeighMessage>) => {
  const { id, base, surface, geometry } = e.data;
  try {
    if (surface?.points && !cache.hasSurface(surface.key)) cache.setSurface(surface.key, surface.points);
    const weights = await cache.weigh(base.key, () => load(base.url), geometry, surface?.key);
    self.postMessage({ id, weights });
  } catch (err) {
    self.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
