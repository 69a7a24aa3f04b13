// The areal weights of a drawn programme area (analysis/areal-weights.ts), computed in
// a worker where there is one (the browser) and in this thread otherwise (unit tests
// in Node). The worker keeps each site's prepared base areas, so only the first
// polygon on a site pays for preparing them.
import type { AreaGeometry, ArealWeight } from '../analysis/areal-weights';
import type { AreaCollection } from './geometry';
import { WeightsCache, type SurfacePoints } from './programme-weights-core';
import type { WeighMessage } from './programme-weights.worker';

/** A site's base areas: a key (site and geometry path), their URL (for the worker) and a loader (this thread). */
export interface WeightBases {
  key: string;
  url: () => string;
  load: () => Promise<AreaCollection>;
}

/** A population surface under a key, its points read the first time the key is used. */
export interface WeightSurface {
  key: string;
  points: () => Promise<SurfacePoints | null>;
}

let worker: Worker | null = null;
let next = 0;
const waiting = new Map<number, { resolve: (w: ArealWeight[]) => void; reject: (err: Error) => void }>();
/** Surface keys whose points the worker has (or is being sent). */
const sentSurfaces = new Set<string>();
const local = new WeightsCache();

function weigher(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  if (!worker) {
    worker = new Worker(new URL('./programme-weights.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<{ id: number; weights?: ArealWeight[]; error?: string }>) => {
      const job = waiting.get(e.data.id);
      waiting.delete(e.data.id);
      if (e.data.weights) job?.resolve(e.data.weights);
      else job?.reject(new Error(e.data.error ?? 'areal weighting failed'));
    };
    worker.onerror = (e) => {
      for (const job of waiting.values()) job.reject(new Error(e.message || 'the weights worker failed'));
      waiting.clear();
    };
  }
  return worker;
}

/** The base areas `geometry` touches, each with the share of its counts inside (areal weights, refined by the surface when given). */
export async function weighPolygon(bases: WeightBases, geometry: AreaGeometry, surface?: WeightSurface): Promise<ArealWeight[]> {
  const w = weigher();
  if (!w) {
    if (surface && !local.hasSurface(surface.key)) {
      const points = await surface.points();
      if (points) local.setSurface(surface.key, points);
    }
    return local.weigh(bases.key, bases.load, geometry, surface?.key);
  }
  let surfaceMessage: WeighMessage['surface'];
  if (surface) {
    if (sentSurfaces.has(surface.key)) surfaceMessage = { key: surface.key };
    else {
      const points = await surface.points();
      if (points) {
        sentSurfaces.add(surface.key);
        surfaceMessage = { key: surface.key, points };
      }
    }
  }
  const id = ++next;
  const message: WeighMessage = { id, base: { key: bases.key, url: new URL(bases.url(), location.href).href }, geometry, ...(surfaceMessage ? { surface: surfaceMessage } : {}) };
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    w.postMessage(message);
  });
}
