// The areal weights of a drawn programme area (analysis/areal-weights.ts), computed in
// a worker where there is one (the browser) and in this thread otherwise (unit tests
// in Node). The worker keeps each site's prepared base areas, so only the first
// polygon on a site pays for preparing them.
import type { MultiPolygon, Polygon } from 'geojson';
import type { AreaGeometry, ArealWeight } from '../analysis/areal-weights';
import type { Site } from './catalog-types';
import { baseLevel } from './catalog';
import type { AreaCollection } from './geometry';
import { dataUrl } from './urls';
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

/** A drawn polygon that touches no base area of its site (nothing is added). */
export class PolygonOutsideError extends Error {
  constructor(readonly site: string) {
    super(`The polygon touches no area of site "${site}"`);
    this.name = 'PolygonOutsideError';
  }
}

/**
 * A drawn programme area's members against the site's base areas (read with `loadBase` where there is
 * no worker): every base with a weight above 0, the weights below 1, and the area share of each cut
 * base (for "geschätzt: 37 % der Fläche von …"). Throws PolygonOutsideError when it touches none.
 */
export async function polygonMembers(
  site: Site,
  geometry: Polygon | MultiPolygon,
  loadBase: (path: string) => Promise<AreaCollection>,
  surface?: WeightSurface,
): Promise<{ geometry: Polygon | MultiPolygon; members: string[]; weights: Record<string, number>; areaShares: Record<string, number> }> {
  const base = baseLevel(site);
  const bases = { key: `${site.id}|${base.geometry}`, url: () => dataUrl(base.geometry), load: () => loadBase(base.geometry) };
  // (A plain copy: a reactive proxy cannot travel to the worker.)
  const plain = JSON.parse(JSON.stringify(geometry)) as Polygon | MultiPolygon;
  const found = (await weighPolygon(bases, plain, surface)).filter((w) => w.weight > 0);
  if (found.length === 0) throw new PolygonOutsideError(site.id);
  const weights: Record<string, number> = {};
  const areaShares: Record<string, number> = {};
  for (const w of found) {
    if (w.whole) continue;
    if (w.weight < 1) weights[w.id] = w.weight;
    if (w.areaShare > 0 && w.areaShare < 1) areaShares[w.id] = w.areaShare;
  }
  return { geometry: plain, members: found.map((w) => w.id), weights, areaShares };
}
