// Reads a level's GeoJSON off the main thread and answers with every area's bounding box: zooming to
// an area of a tiled level (its map reads only tiles) without parsing megabytes on the main thread.
import type { AreaBoundsAnswer, AreaBoundsRequest } from './area-bounds';

type Coordinates = number[] | Coordinates[];

function extend(box: Float64Array, at: number, c: Coordinates): void {
  if (typeof c[0] === 'number') {
    const [x, y] = c as number[];
    box[at] = Math.min(box[at], x);
    box[at + 1] = Math.min(box[at + 1], y);
    box[at + 2] = Math.max(box[at + 2], x);
    box[at + 3] = Math.max(box[at + 3], y);
  } else for (const inner of c as Coordinates[]) extend(box, at, inner);
}

self.onmessage = async (event: MessageEvent<AreaBoundsRequest>) => {
  try {
    const res = await fetch(event.data.url);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const fc = (await res.json()) as { features: { properties: { id: unknown } | null; geometry: { coordinates: Coordinates } | null }[] };
    const ids = fc.features.map((f) => String(f.properties?.id));
    const boxes = new Float64Array(ids.length * 4);
    fc.features.forEach((f, i) => {
      boxes.set([Infinity, Infinity, -Infinity, -Infinity], i * 4);
      if (f.geometry) extend(boxes, i * 4, f.geometry.coordinates);
    });
    const answer: AreaBoundsAnswer = { ids, boxes };
    (self as unknown as Worker).postMessage(answer, [boxes.buffer]);
  } catch (err) {
    const answer: AreaBoundsAnswer = { error: err instanceof Error ? err.message : String(err) };
    (self as unknown as Worker).postMessage(answer);
  }
};
