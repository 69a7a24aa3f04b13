// Planar helpers for areal weighting (areal-weights.ts): bounding boxes, a
// bucket index over boxes, point in polygon and a cheap classification of one
// polygon against another (inside / outside / cut) that decides where the
// exact but slower polygon intersection of turf is needed at all.
// Coordinates are lon/lat; the tests here are topological (which side of an
// edge), so the plane is good enough — areas are measured by turf on the sphere.
// Pure: no DOM, no DuckDB.
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** The polygons of a Polygon or MultiPolygon: polygon → rings → positions. */
export type Rings = Position[][][];

export function polygonsOf(g: Polygon | MultiPolygon): Rings {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/** [west, south, east, north] of every position; [Infinity, Infinity, -Infinity, -Infinity] when empty. */
export function boxOf(polys: Rings): [number, number, number, number] {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const poly of polys)
    for (const ring of poly)
      for (const p of ring) {
        const x = p[0]!;
        const y = p[1]!;
        if (x < w) w = x;
        if (x > e) e = x;
        if (y < s) s = y;
        if (y > n) n = y;
      }
  return [w, s, e, n];
}

/**
 * A bucket grid over boxes (4 numbers each in one array): `query` returns the
 * indices of the boxes that meet a given box, each once. About one bucket per
 * box, so a query costs what it returns plus a few buckets.
 */
export class BoxIndex {
  readonly size: number;
  private readonly w: number;
  private readonly s: number;
  private readonly cw: number;
  private readonly ch: number;
  private readonly nx: number;
  private readonly ny: number;
  private readonly buckets: Int32Array[];
  private readonly stamp: Uint32Array;
  private round = 0;

  constructor(readonly boxes: Float64Array) {
    const n = (this.size = boxes.length / 4);
    let w = Infinity;
    let s = Infinity;
    let e = -Infinity;
    let no = -Infinity;
    for (let i = 0; i < n; i++) {
      if (!(boxes[4 * i]! <= boxes[4 * i + 2]!)) continue; // empty geometry
      w = Math.min(w, boxes[4 * i]!);
      s = Math.min(s, boxes[4 * i + 1]!);
      e = Math.max(e, boxes[4 * i + 2]!);
      no = Math.max(no, boxes[4 * i + 3]!);
    }
    if (!(w <= e)) [w, s, e, no] = [0, 0, 0, 0];
    const side = Math.max(1, Math.round(Math.sqrt(n)));
    this.nx = side;
    this.ny = side;
    this.w = w;
    this.s = s;
    this.cw = (e - w) / side || 1;
    this.ch = (no - s) / side || 1;
    const lists: number[][] = Array.from({ length: side * side }, () => []);
    for (let i = 0; i < n; i++) {
      if (!(boxes[4 * i]! <= boxes[4 * i + 2]!)) continue;
      const [x0, y0, x1, y1] = this.range(boxes[4 * i]!, boxes[4 * i + 1]!, boxes[4 * i + 2]!, boxes[4 * i + 3]!);
      for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) lists[y * side + x]!.push(i);
    }
    this.buckets = lists.map((l) => Int32Array.from(l));
    this.stamp = new Uint32Array(n);
  }

  private range(w: number, s: number, e: number, n: number): [number, number, number, number] {
    const cx = (v: number) => Math.min(this.nx - 1, Math.max(0, Math.floor((v - this.w) / this.cw)));
    const cy = (v: number) => Math.min(this.ny - 1, Math.max(0, Math.floor((v - this.s) / this.ch)));
    return [cx(w), cy(s), cx(e), cy(n)];
  }

  query(box: readonly number[]): number[] {
    const [w, s, e, n] = box as [number, number, number, number];
    const out: number[] = [];
    if (!(w <= e && s <= n)) return out;
    const b = this.boxes;
    if (++this.round === 0xffffffff) {
      this.stamp.fill(0);
      this.round = 1;
    }
    const [x0, y0, x1, y1] = this.range(w, s, e, n);
    for (let y = y0; y <= y1; y++)
      for (let x = x0; x <= x1; x++)
        for (const i of this.buckets[y * this.nx + x]!) {
          if (this.stamp[i] === this.round) continue;
          this.stamp[i] = this.round;
          if (b[4 * i]! <= e && b[4 * i + 2]! >= w && b[4 * i + 1]! <= n && b[4 * i + 3]! >= s) out.push(i);
        }
    return out;
  }
}

/** Even–odd test against every ring (holes included): true strictly inside, unspecified on an edge. */
export function pointInRings(x: number, y: number, polys: Rings): boolean {
  let inside = false;
  for (const poly of polys)
    for (const ring of poly) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const xi = ring[i]![0]!;
        const yi = ring[i]![1]!;
        const xj = ring[j]![0]!;
        const yj = ring[j]![1]!;
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  return inside;
}

/** A polygon prepared for repeated tests: its rings, box and edges (x1, y1, x2, y2 each) with their boxes. */
export interface Prepared {
  polys: Rings;
  box: [number, number, number, number];
  edges: Float64Array;
  /** The ring, counter-clockwise, when the shape is one convex ring without holes (a grid cell, a drawn box). */
  convex: Position[] | null;
}

export function prepare(polys: Rings): Prepared {
  let count = 0;
  for (const poly of polys) for (const ring of poly) count += Math.max(0, ring.length - 1);
  const edges = new Float64Array(count * 4);
  let k = 0;
  for (const poly of polys)
    for (const ring of poly)
      for (let i = 1; i < ring.length; i++) {
        edges[k++] = ring[i - 1]![0]!;
        edges[k++] = ring[i - 1]![1]!;
        edges[k++] = ring[i]![0]!;
        edges[k++] = ring[i]![1]!;
      }
  return { polys, box: boxOf(polys), edges, convex: convexRing(polys) };
}

/** The ring counter-clockwise if polys is a single convex ring, else null. */
function convexRing(polys: Rings): Position[] | null {
  if (polys.length !== 1 || polys[0]!.length !== 1) return null;
  const ring = polys[0]![0]!;
  const n = ring.length - 1; // closed: the last position repeats the first
  if (n < 3) return null;
  let sign = 0;
  for (let i = 0; i < n; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % n]!;
    const c = ring[(i + 2) % n]!;
    const o = orient(a[0]!, a[1]!, b[0]!, b[1]!, c[0]!, c[1]!);
    if (o === 0) continue;
    if (sign === 0) sign = Math.sign(o);
    else if (Math.sign(o) !== sign) return null;
  }
  if (sign === 0) return null;
  return sign > 0 ? ring : ring.slice().reverse();
}

/**
 * Sutherland–Hodgman: every ring of polys clipped by a convex counter-clockwise ring. The rings keep their
 * role (outer, hole) and orientation; a concave ring may come out with zero-width seams along the clipper's
 * edges, which add no area — so this is for measuring areas, exact in the plane, far cheaper than a general
 * polygon clipper.
 */
export function clipByConvex(convex: Position[], polys: Rings): Rings {
  const out: Rings = [];
  for (const poly of polys) {
    const rings: Position[][] = [];
    for (const ring of poly) {
      let pts = ring.slice(0, -1);
      for (let e = 0; e < convex.length - 1 && pts.length > 0; e++) {
        const ax = convex[e]![0]!;
        const ay = convex[e]![1]!;
        const bx = convex[e + 1]![0]!;
        const by = convex[e + 1]![1]!;
        const side = (p: Position) => orient(ax, ay, bx, by, p[0]!, p[1]!);
        const next: Position[] = [];
        for (let i = 0; i < pts.length; i++) {
          const p = pts[i]!;
          const q = pts[(i + 1) % pts.length]!;
          const sp = side(p);
          const sq = side(q);
          if (sp >= 0) next.push(p);
          if ((sp > 0 && sq < 0) || (sp < 0 && sq > 0)) {
            const t = sp / (sp - sq);
            next.push([p[0]! + t * (q[0]! - p[0]!), p[1]! + t * (q[1]! - p[1]!)]);
          }
        }
        pts = next;
      }
      if (pts.length >= 3) rings.push([...pts, pts[0]!]);
      else if (rings.length === 0) break; // the outer ring is gone: so are its holes
    }
    if (rings.length > 0) out.push(rings);
  }
  return out;
}

const orient = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) => (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);

/** Whether two segments meet, touching and overlapping included (conservative: a touch counts). */
function segmentsMeet(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): boolean {
  if (Math.max(ax, bx) < Math.min(cx, dx) || Math.max(cx, dx) < Math.min(ax, bx)) return false;
  if (Math.max(ay, by) < Math.min(cy, dy) || Math.max(cy, dy) < Math.min(ay, by)) return false;
  const d1 = orient(ax, ay, bx, by, cx, cy);
  const d2 = orient(ax, ay, bx, by, dx, dy);
  const d3 = orient(cx, cy, dx, dy, ax, ay);
  const d4 = orient(cx, cy, dx, dy, bx, by);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  // Collinear or touching at an end: the boxes overlap (checked above), so count any zero orientation.
  return d1 === 0 || d2 === 0 || d3 === 0 || d4 === 0;
}

/** Whether any edge of a meets any edge of b (only edges within the other's box are compared). */
function boundariesMeet(a: Prepared, b: Prepared): boolean {
  const [w, s, e, n] = a.box;
  const be = b.edges;
  const near: number[] = [];
  for (let j = 0; j < be.length; j += 4) {
    if (Math.max(be[j]!, be[j + 2]!) < w || Math.min(be[j]!, be[j + 2]!) > e) continue;
    if (Math.max(be[j + 1]!, be[j + 3]!) < s || Math.min(be[j + 1]!, be[j + 3]!) > n) continue;
    near.push(j);
  }
  if (near.length === 0) return false;
  const ae = a.edges;
  for (let i = 0; i < ae.length; i += 4) {
    const ax = ae[i]!;
    const ay = ae[i + 1]!;
    const bx = ae[i + 2]!;
    const by = ae[i + 3]!;
    for (const j of near) if (segmentsMeet(ax, ay, bx, by, be[j]!, be[j + 1]!, be[j + 2]!, be[j + 3]!)) return true;
  }
  return false;
}

/**
 * Where polygon a lies against polygon b: wholly inside, wholly outside, or
 * cut (their boundaries meet, touches included, or a ring of b lies inside
 * a). Boundaries that do not meet leave every ring wholly on one side, so one
 * vertex per ring decides. "cut" is conservative: the caller intersects.
 */
export function classify(a: Prepared, b: Prepared): 'inside' | 'outside' | 'cut' {
  const [aw, as, ae, an] = a.box;
  const [bw, bs, be, bn] = b.box;
  if (ae < bw || aw > be || an < bs || as > bn) return 'outside';
  if (boundariesMeet(a, b)) return 'cut';
  let inside = 0;
  let rings = 0;
  for (const poly of a.polys)
    for (const ring of poly) {
      if (ring.length === 0) continue;
      rings++;
      if (pointInRings(ring[0]![0]!, ring[0]![1]!, b.polys)) inside++;
    }
  if (inside !== 0 && inside !== rings) return 'cut';
  for (const poly of b.polys)
    for (const ring of poly) if (ring.length > 0 && pointInRings(ring[0]![0]!, ring[0]![1]!, a.polys)) return 'cut';
  return inside === 0 ? 'outside' : 'inside';
}
