// A free shape drawn on the map (the lasso of the programme-area form): which label points lie inside.
// Pure: the ring in lon/lat as drawn (closed or not, crossing itself or not: even–odd rule).

export interface LabelPoint {
  id: string;
  lon: number;
  lat: number;
}

/** Whether (x, y) lies inside the ring by the even–odd rule (a ray to the east crosses its edges an odd number of times). */
export function inLasso(x: number, y: number, ring: readonly (readonly [number, number])[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The ids of the points inside the lasso (fewer than three vertices: none), in the points' order. */
export function pointsInLasso(points: readonly LabelPoint[], ring: readonly (readonly [number, number])[]): string[] {
  if (ring.length < 3) return [];
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of ring) {
    w = Math.min(w, x);
    e = Math.max(e, x);
    s = Math.min(s, y);
    n = Math.max(n, y);
  }
  return points.filter((p) => p.lon >= w && p.lon <= e && p.lat >= s && p.lat <= n && inLasso(p.lon, p.lat, ring)).map((p) => p.id);
}
