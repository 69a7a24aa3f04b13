// A polygon drawn vertex by vertex on the map: closing it into a GeoJSON Polygon
// once it has three distinct vertices and its edges do not cross. Vertices are
// lon/lat; the tests are planar (a drawn outline is small against the globe).
// Pure: no DOM, no map.
import type { Polygon, Position } from 'geojson';

export type DraftResult = { ok: true; polygon: Polygon } | { ok: false; reason: 'too-few' | 'self-intersecting' };

const orient = (a: Position, b: Position, c: Position) => (b[0]! - a[0]!) * (c[1]! - a[1]!) - (b[1]! - a[1]!) * (c[0]! - a[0]!);

/** Whether segments ab and cd cross or touch (collinear overlap included). */
function segmentsMeet(a: Position, b: Position, c: Position, d: Position): boolean {
  const d1 = orient(a, b, c);
  const d2 = orient(a, b, d);
  const d3 = orient(c, d, a);
  const d4 = orient(c, d, b);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  const on = (p: Position, q: Position, r: Position) =>
    Math.min(p[0]!, q[0]!) <= r[0]! && r[0]! <= Math.max(p[0]!, q[0]!) && Math.min(p[1]!, q[1]!) <= r[1]! && r[1]! <= Math.max(p[1]!, q[1]!);
  return (d1 === 0 && on(a, b, c)) || (d2 === 0 && on(a, b, d)) || (d3 === 0 && on(c, d, a)) || (d4 === 0 && on(c, d, b));
}

/** Consecutive repeats (a double click sets the same vertex twice) and a last vertex equal to the first are dropped. */
export function distinctVertices(vertices: readonly Position[]): Position[] {
  const out: Position[] = [];
  for (const v of vertices) {
    const last = out[out.length - 1];
    if (!last || last[0] !== v[0] || last[1] !== v[1]) out.push([v[0]!, v[1]!]);
  }
  while (out.length > 1 && out[0]![0] === out[out.length - 1]![0] && out[0]![1] === out[out.length - 1]![1]) out.pop();
  return out;
}

/** Whether the closed ring through `vertices` crosses itself (two edges that are not neighbours meet). */
export function selfIntersects(vertices: readonly Position[]): boolean {
  const n = vertices.length;
  if (n < 4) return n === 3 && orient(vertices[0]!, vertices[1]!, vertices[2]!) === 0; // three points on a line
  for (let i = 0; i < n; i++) {
    const a = vertices[i]!;
    const b = vertices[(i + 1) % n]!;
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue; // the closing edge neighbours the first
      if (segmentsMeet(a, b, vertices[j]!, vertices[(j + 1) % n]!)) return true;
    }
  }
  return false;
}

/** The drawn vertices as a closed Polygon (counter-clockwise, as GeoJSON wants its outer ring), or why not. */
export function closeDraft(vertices: readonly Position[]): DraftResult {
  const v = distinctVertices(vertices);
  if (v.length < 3) return { ok: false, reason: 'too-few' };
  if (selfIntersects(v)) return { ok: false, reason: 'self-intersecting' };
  let twiceArea = 0;
  for (let i = 0; i < v.length; i++) {
    const a = v[i]!;
    const b = v[(i + 1) % v.length]!;
    twiceArea += a[0]! * b[1]! - b[0]! * a[1]!;
  }
  const ring = twiceArea < 0 ? [...v].reverse() : v;
  return { ok: true, polygon: { type: 'Polygon', coordinates: [[...ring, [ring[0]![0]!, ring[0]![1]!]]] } };
}

/** The vertices of a stored polygon to edit again: the outer ring of a single-ring Polygon, else null (redraw instead). */
export function editableVertices(geometry: { type: string; coordinates: unknown }): Position[] | null {
  if (geometry.type !== 'Polygon') return null;
  const rings = geometry.coordinates as Position[][];
  if (rings.length !== 1 || !rings[0] || rings[0].length < 4) return null;
  return distinctVertices(rings[0]);
}
