// Programme areas on a grid site (issue 17: "a drawn ThINKA neighbourhood over
// the Zensus grid"): which share of each 1 km cell lies inside a polygon. The
// polygon is reprojected to ETRS89-LAEA (EPSG:3035, the grid's own equal-area
// CRS) with its edges densified first (≤ DENSIFY degrees per piece, so a long
// edge drawn straight on the map stays within metres of its projected course);
// the cells are the true squares centre ± cellSize / 2 there. A cell wholly
// inside has weight 1, a cell on the polygon's border the exact share of its
// area inside, a cell outside none. Border cells are found by walking each edge
// through the rows it crosses; the cells inside are runs along each row (a scan
// line through the row's centres), so a polygon over all of Germany is a few
// thousand runs and border cells, not half a million cells. A border cell's
// share is the integral over its column strip of the polygon's height inside
// the cell (the edges that cross the strip, each with its direction), exact for
// straight edges. Pure: no DOM, no DuckDB.
import type { MultiPolygon, Polygon, Position } from 'geojson';
import proj4 from 'proj4';
import { polygonsOf, type Rings } from './areal-geometry';

/** ETRS89-LAEA, the CRS of the INSPIRE / Zensus grids. */
export const EPSG_3035 = '+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';

/** Longest piece of an edge before projection, in degrees (about 0.5 km). */
export const DENSIFY = 0.005;

/** One cell inside (or partly inside) the polygon: its centre in EPSG:3035 and the share of its area inside, 0 < w ≤ 1. */
export interface CellWeight {
  x: number;
  y: number;
  w: number;
}

/** Cells wholly inside, one row's run: centres x0 … x1 (step cellSize) at y. */
export interface CellRun {
  y: number;
  x0: number;
  x1: number;
}

/** What a polygon covers of a grid: runs of whole cells and the cells on its border (each with its share, some 1). */
export interface CellCover {
  runs: CellRun[];
  border: CellWeight[];
}

/** Shares below this are slivers of a shared border (dropped); above 1 − this the cell counts as whole. */
const SLIVER = 1e-9;

/** A WGS 84 polygon in EPSG:3035, its edges densified before projection. */
export function toLaea(geometry: Polygon | MultiPolygon): Rings {
  const forward = proj4('EPSG:4326', EPSG_3035).forward;
  return polygonsOf(geometry).map((poly) =>
    poly.map((ring) => {
      const out: Position[] = [];
      for (let i = 0; i < ring.length - 1; i++) {
        const [x0, y0] = ring[i] as [number, number];
        const [x1, y1] = ring[i + 1] as [number, number];
        const steps = Math.max(1, Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0)) / DENSIFY));
        for (let k = 0; k < steps; k++) out.push(forward([x0 + ((x1 - x0) * k) / steps, y0 + ((y1 - y0) * k) / steps]));
      }
      if (out.length > 0) out.push(out[0]!);
      return out;
    }),
  );
}

/** Twice the signed area of a ring (positive: counter-clockwise). */
function signedArea2(ring: Position[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  return a;
}

/**
 * ∫ over x ∈ [x0, x1] ∩ edge of (clamp(y(x), y0, y1) − y0) dx for the edge (ax, ay) → (bx, by), taken
 * in the direction of increasing x: the part of the strip [x0, x1] × [y0, y1] below the edge.
 */
function underEdge(ax: number, ay: number, bx: number, by: number, x0: number, x1: number, y0: number, y1: number): number {
  if (ax > bx) [ax, ay, bx, by] = [bx, by, ax, ay];
  const lo = Math.max(x0, ax);
  const hi = Math.min(x1, bx);
  if (!(hi > lo)) return 0;
  const slope = (by - ay) / (bx - ax);
  const yAt = (x: number) => ay + slope * (x - ax);
  // Split where the edge crosses y0 or y1: between the splits the clamped height is linear.
  const xs = [lo, hi];
  if (slope !== 0)
    for (const y of [y0, y1]) {
      const x = ax + (y - ay) / slope;
      if (x > lo && x < hi) xs.push(x);
    }
  xs.sort((a, b) => a - b);
  let sum = 0;
  for (let k = 1; k < xs.length; k++) {
    const h = (x: number) => Math.min(y1, Math.max(y0, yAt(x))) - y0;
    sum += ((h(xs[k - 1]!) + h(xs[k]!)) / 2) * (xs[k]! - xs[k - 1]!);
  }
  return sum;
}

/**
 * What a polygon covers of a grid whose cells are centred at multiples of cellSize plus cellSize / 2
 * (in the polygon's planar CRS, metres: toLaea): runs of whole cells and the border cells with the
 * share of each inside. Rows from south to north, x ascending.
 */
export function gridCellCover(polys: Rings, cellSize = 1000): CellCover {
  const cs = cellSize;
  let minY = Infinity;
  let maxY = -Infinity;
  // Edges as x1, y1, x2, y2 with outer rings counter-clockwise and holes clockwise.
  const edges: number[] = [];
  for (const poly of polys)
    poly.forEach((ring, k) => {
      const pts = ring.filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]));
      if (pts.length < 4) return;
      const flip = (signedArea2(pts) > 0) !== (k === 0);
      for (let i = 1; i < pts.length; i++) {
        const [ax, ay] = (flip ? pts[pts.length - i] : pts[i - 1]) as [number, number];
        const [bx, by] = (flip ? pts[pts.length - i - 1] : pts[i]) as [number, number];
        edges.push(ax, ay, bx, by);
        minY = Math.min(minY, ay, by);
        maxY = Math.max(maxY, ay, by);
      }
    });
  if (edges.length === 0) return { runs: [], border: [] };

  // Border cells: every cell an edge passes through or touches, row by row along the edge; and the
  // edges by the column strips they cross (a border cell's share needs only its strip's edges).
  const border = new Map<number, Set<number>>();
  const columns = new Map<number, number[]>();
  for (let e = 0; e < edges.length; e += 4) {
    const ax = edges[e]!;
    const ay = edges[e + 1]!;
    const bx = edges[e + 2]!;
    const by = edges[e + 3]!;
    for (let iy = Math.floor(Math.min(ay, by) / cs); iy <= Math.floor(Math.max(ay, by) / cs); iy++) {
      let xa = ax;
      let xb = bx;
      if (ay !== by) {
        // The part of the edge within the row's band [iy·cs, (iy + 1)·cs].
        const t0 = Math.max(0, Math.min(1, (iy * cs - ay) / (by - ay)));
        const t1 = Math.max(0, Math.min(1, ((iy + 1) * cs - ay) / (by - ay)));
        xa = ax + (bx - ax) * t0;
        xb = ax + (bx - ax) * t1;
      }
      let row = border.get(iy);
      if (!row) border.set(iy, (row = new Set()));
      for (let ix = Math.floor(Math.min(xa, xb) / cs); ix <= Math.floor(Math.max(xa, xb) / cs); ix++) row.add(ix);
    }
    if (ax === bx) continue; // a vertical edge covers no width of a strip
    for (let ix = Math.floor(Math.min(ax, bx) / cs); ix <= Math.floor(Math.max(ax, bx) / cs); ix++) {
      const list = columns.get(ix);
      if (list) list.push(e);
      else columns.set(ix, [e]);
    }
  }

  const runs: CellRun[] = [];
  const out: CellWeight[] = [];
  const cellArea = cs * cs;
  for (let iy = Math.floor(minY / cs); iy <= Math.floor(maxY / cs); iy++) {
    const yc = (iy + 0.5) * cs;
    const onBorder = border.get(iy) ?? new Set<number>();
    // Scan line through the row's centres: even–odd crossings give the runs of cells inside.
    const xs: number[] = [];
    for (let e = 0; e < edges.length; e += 4) {
      const ay = edges[e + 1]!;
      const by = edges[e + 3]!;
      if (ay > yc !== by > yc) xs.push(edges[e]! + ((yc - ay) * (edges[e + 2]! - edges[e]!)) / (by - ay));
    }
    xs.sort((a, b) => a - b);
    const cuts = [...onBorder].sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      // Centres (ix + 0.5)·cs inside (xs[k], xs[k + 1]), split where a border cell lies.
      const from = Math.ceil(xs[k]! / cs - 0.5);
      const to = Math.floor(xs[k + 1]! / cs - 0.5);
      let start = from;
      for (const b of cuts) {
        if (b < from || b > to) continue;
        if (b > start) runs.push({ y: yc, x0: (start + 0.5) * cs, x1: (b - 0.5) * cs });
        start = b + 1;
      }
      if (to >= start) runs.push({ y: yc, x0: (start + 0.5) * cs, x1: (to + 0.5) * cs });
    }
    const y0 = iy * cs;
    for (const ix of [...onBorder].sort((a, b) => a - b)) {
      const x0 = ix * cs;
      let area = 0;
      for (const e of columns.get(ix) ?? []) {
        const ax = edges[e]!;
        const bx = edges[e + 2]!;
        // Edges running towards −x bound the polygon from above (counter-clockwise outer rings).
        area += (bx < ax ? 1 : -1) * underEdge(ax, edges[e + 1]!, bx, edges[e + 3]!, x0, x0 + cs, y0, y0 + cs);
      }
      const share = area / cellArea;
      if (share > SLIVER) out.push({ x: (ix + 0.5) * cs, y: yc, w: share > 1 - SLIVER ? 1 : Math.min(1, share) });
    }
  }
  return { runs, border: out };
}

/** Every cell a polygon covers with its share, row by row (the cover's runs expanded; tests and small areas). */
export function gridCellWeights(polys: Rings, cellSize = 1000): CellWeight[] {
  const { runs, border } = gridCellCover(polys, cellSize);
  const all: CellWeight[] = [...border];
  for (const r of runs) for (let x = r.x0; x <= r.x1 + cellSize / 2; x += cellSize) all.push({ x, y: r.y, w: 1 });
  return all.sort((a, b) => a.y - b.y || a.x - b.x);
}
