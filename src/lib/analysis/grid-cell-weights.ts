// Programme areas on a grid site (issue 17: "a drawn ThINKA neighbourhood over
// the Zensus grid"): which share of each 1 km cell lies inside a polygon. The
// polygon is reprojected to ETRS89-LAEA (EPSG:3035, the grid's own equal-area
// CRS) with its edges densified first (≤ DENSIFY degrees per piece, so a long
// edge drawn straight on the map stays within metres of its projected course);
// the cells are the true squares centre ± cellSize / 2 there. A cell wholly
// inside has weight 1, a cell on the polygon's border the exact share of its
// area inside (clipped against the square), a cell outside none. Cells inside
// are found by a scan line per row, border cells by walking each edge through
// the rows it crosses, so a polygon over all of Germany costs one pass over
// its bounding box. Pure: no DOM, no DuckDB.
import type { MultiPolygon, Polygon, Position } from 'geojson';
import proj4 from 'proj4';
import { clipByConvex, polygonsOf, type Rings } from './areal-geometry';

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

/** Area of rings in the plane: outer rings minus holes (each polygon's first ring is its outer one). */
function planarArea(polys: Rings): number {
  let sum = 0;
  for (const poly of polys)
    poly.forEach((ring, k) => {
      let a = 0;
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j]![0]! + ring[i]![0]!) * (ring[j]![1]! - ring[i]![1]!);
      sum += (k === 0 ? 1 : -1) * Math.abs(a / 2);
    });
  return sum;
}

/**
 * The cells of a grid (centres at multiples of cellSize plus cellSize / 2, in the polygon's
 * planar CRS) that a polygon covers, with the share of each cell's area inside. `polys` in
 * metres (toLaea). Cells are returned row by row (y, then x).
 */
export function gridCellWeights(polys: Rings, cellSize = 1000): CellWeight[] {
  const cs = cellSize;
  let minY = Infinity;
  let maxY = -Infinity;
  const edges: number[] = [];
  for (const poly of polys)
    for (const ring of poly)
      for (let i = 1; i < ring.length; i++) {
        const [ax, ay] = ring[i - 1] as [number, number];
        const [bx, by] = ring[i] as [number, number];
        if (![ax, ay, bx, by].every(Number.isFinite)) continue;
        edges.push(ax, ay, bx, by);
        minY = Math.min(minY, ay, by);
        maxY = Math.max(maxY, ay, by);
      }
  if (edges.length === 0) return [];
  const iy0 = Math.floor(minY / cs);
  const ny = Math.floor(maxY / cs) - iy0 + 1;

  // Border cells: every cell an edge passes through or touches, row by row along the edge.
  const border = new Map<number, Set<number>>();
  const mark = (iy: number, from: number, to: number) => {
    let row = border.get(iy);
    if (!row) border.set(iy, (row = new Set()));
    for (let ix = from; ix <= to; ix++) row.add(ix);
  };
  for (let e = 0; e < edges.length; e += 4) {
    const ax = edges[e]!;
    const ay = edges[e + 1]!;
    const bx = edges[e + 2]!;
    const by = edges[e + 3]!;
    const rowFrom = Math.floor(Math.min(ay, by) / cs);
    const rowTo = Math.floor(Math.max(ay, by) / cs);
    for (let iy = rowFrom; iy <= rowTo; iy++) {
      let xa = ax;
      let xb = bx;
      if (ay !== by) {
        // The part of the edge within the row's band [iy·cs, (iy + 1)·cs].
        const t0 = Math.max(0, Math.min(1, (iy * cs - ay) / (by - ay)));
        const t1 = Math.max(0, Math.min(1, ((iy + 1) * cs - ay) / (by - ay)));
        xa = ax + (bx - ax) * t0;
        xb = ax + (bx - ax) * t1;
      }
      mark(iy, Math.floor(Math.min(xa, xb) / cs), Math.floor(Math.max(xa, xb) / cs));
    }
  }

  const out: CellWeight[] = [];
  const cellArea = cs * cs;
  for (let r = 0; r < ny; r++) {
    const iy = iy0 + r;
    const yc = (iy + 0.5) * cs;
    // Scan line through the row's centres: even–odd crossings give the runs of cells inside.
    const xs: number[] = [];
    for (let e = 0; e < edges.length; e += 4) {
      const ay = edges[e + 1]!;
      const by = edges[e + 3]!;
      if (ay > yc !== by > yc) xs.push(edges[e]! + ((yc - ay) * (edges[e + 2]! - edges[e]!)) / (by - ay));
    }
    xs.sort((a, b) => a - b);
    const onBorder = border.get(iy);
    const cells = new Map<number, number>();
    for (let k = 0; k + 1 < xs.length; k += 2) {
      // Centres (ix + 0.5)·cs inside (xs[k], xs[k + 1]).
      const from = Math.ceil(xs[k]! / cs - 0.5);
      const to = Math.floor(xs[k + 1]! / cs - 0.5);
      for (let ix = from; ix <= to; ix++) if (!onBorder?.has(ix)) cells.set(ix, 1);
    }
    for (const ix of onBorder ?? []) {
      const x0 = ix * cs;
      const y0 = iy * cs;
      const square: Position[] = [[x0, y0], [x0 + cs, y0], [x0 + cs, y0 + cs], [x0, y0 + cs], [x0, y0]];
      const share = planarArea(clipByConvex(square, polys)) / cellArea;
      if (share > SLIVER) cells.set(ix, share > 1 - SLIVER ? 1 : share);
    }
    for (const ix of [...cells.keys()].sort((a, b) => a - b)) out.push({ x: (ix + 0.5) * cs, y: yc, w: cells.get(ix)! });
  }
  return out;
}
