// Bounding boxes of a level's areas, computed in a worker from the level's GeoJSON (once per file):
// search zoom on a level drawn from pre-built tiles, whose whole geometry the map never holds.
import { dataUrl } from './urls';

export type Bounds = [number, number, number, number];
export interface AreaBoundsRequest {
  url: string;
}
export type AreaBoundsAnswer = { ids: string[]; boxes: Float64Array } | { error: string };

const cache = new Map<string, Promise<Map<string, Bounds>>>();

/** Every area's box [west, south, east, north] of the level whose GeoJSON is at `path` (relative to data/). */
export function levelAreaBounds(path: string): Promise<Map<string, Bounds>> {
  let boxes = cache.get(path);
  if (!boxes) {
    boxes = new Promise<Map<string, Bounds>>((resolve, reject) => {
      const worker = new Worker(new URL('./area-bounds.worker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (event: MessageEvent<AreaBoundsAnswer>) => {
        worker.terminate();
        const answer = event.data;
        if ('error' in answer) return reject(new Error(`Could not read ${path}: ${answer.error}`));
        const out = new Map<string, Bounds>();
        answer.ids.forEach((id, i) => {
          const [w, s, e, n] = answer.boxes.subarray(i * 4, i * 4 + 4);
          if (w <= e && s <= n) out.set(id, [w, s, e, n]);
        });
        resolve(out);
      };
      worker.onerror = (event) => {
        worker.terminate();
        reject(new Error(`Could not read ${path}: ${event.message}`));
      };
      const request: AreaBoundsRequest = { url: new URL(dataUrl(path), location.href).href };
      worker.postMessage(request);
    });
    cache.set(path, boxes);
    boxes.catch(() => cache.delete(path));
  }
  return boxes;
}
