// Areal weighting for programme areas drawn on the map or imported (issue 17):
// which share of each base area's counts lies inside a target polygon. Plain
// area weights, refined by a population surface where the site has one (e.g.
// the Zensus 1 km cells with their residents): then the share of the base
// area's population inside the target. Counts are then Σ weight × count and
// rates Σ weight × numerator / Σ weight × denominator — never averaged shares.
// Bases wholly inside the target get weight 1 exactly, so a target made of
// whole base areas gives the exact figures. A cheap planar classification
// (areal-geometry.ts) decides which bases are cut; only those are intersected
// with turf, after clipping the target to the base's box.
// Pure: no DOM, no DuckDB.
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { area, bboxClip, feature, featureCollection, intersect } from '@turf/turf';
import { BoxIndex, classify, clipByConvex, pointInRings, polygonsOf, prepare, type Prepared } from './areal-geometry';

export type AreaGeometry = Polygon | MultiPolygon;

export interface BaseArea {
  id: string;
  geometry: AreaGeometry;
}

/** A population surface: points (e.g. addresses, cell centres) or cells split by area where they straddle a border. */
export type PopulationSurface = { points: readonly (readonly [number, number])[]; population: readonly number[] } | { cells: readonly { geometry: Polygon; population: number }[] };

export interface ArealWeight {
  id: string;
  /** The estimated share of the base area's counts inside the target, 0–1. */
  weight: number;
  /** area(target ∩ base) / area(base), 0–1. */
  areaShare: number;
  /** How the weight was found: population surface, or area where there is none (or no population in the base). */
  method: 'area' | 'population';
  /** The base lies wholly inside the target: weight and areaShare are exactly 1, nothing is estimated. */
  whole: boolean;
}

/** Shares of a base below this are slivers (shared borders, rounding) and dropped; above 1 − this the base counts as whole. */
export const SLIVER = 1e-6;

/** Bases prepared once for many targets (a site's base areas): boxes in an index, edges in typed arrays. */
export interface PreparedBases {
  readonly kind: 'prepared-bases';
  ids: string[];
  shapes: Prepared[];
  index: BoxIndex;
  /** Square metres per base, measured on first use. */
  areas: Map<number, number>;
  /** Each base's part of each surface, found on first use (it does not depend on the target). */
  populations: WeakMap<PreparedSurface, Map<number, BaseSurface>>;
}

export function prepareBases(bases: readonly BaseArea[]): PreparedBases {
  const shapes = bases.map((b) => prepare(polygonsOf(b.geometry)));
  const boxes = new Float64Array(shapes.length * 4);
  shapes.forEach((s, i) => boxes.set(s.box, 4 * i));
  return { kind: 'prepared-bases', ids: bases.map((b) => b.id), shapes, index: new BoxIndex(boxes), areas: new Map(), populations: new WeakMap() };
}

/** A population surface prepared once: cell shapes or points in a box index. */
export interface PreparedSurface {
  readonly kind: 'prepared-surface';
  cells: Prepared[] | null;
  cellAreas: Float64Array | null;
  points: Float64Array | null;
  population: Float64Array;
  index: BoxIndex;
}

export function prepareSurface(surface: PopulationSurface): PreparedSurface {
  if ('cells' in surface) {
    const cells = surface.cells.map((c) => prepare(polygonsOf(c.geometry)));
    const boxes = new Float64Array(cells.length * 4);
    cells.forEach((c, i) => boxes.set(c.box, 4 * i));
    return {
      kind: 'prepared-surface',
      cells,
      cellAreas: Float64Array.from(surface.cells, (c) => area(c.geometry)),
      points: null,
      population: Float64Array.from(surface.cells, (c) => (Number.isFinite(c.population) && c.population > 0 ? c.population : 0)),
      index: new BoxIndex(boxes),
    };
  }
  const n = Math.min(surface.points.length, surface.population.length);
  const points = new Float64Array(2 * n);
  const boxes = new Float64Array(4 * n);
  for (let i = 0; i < n; i++) {
    const [x, y] = surface.points[i]!;
    points[2 * i] = x;
    points[2 * i + 1] = y;
    boxes.set([x, y, x, y], 4 * i);
  }
  const population = Float64Array.from({ length: n }, (_, i) => {
    const p = surface.population[i]!;
    return Number.isFinite(p) && p > 0 ? p : 0;
  });
  return { kind: 'prepared-surface', cells: null, cellAreas: null, points, population, index: new BoxIndex(boxes) };
}

const asFeature = (polys: Position[][][]): Feature<AreaGeometry> =>
  feature(polys.length === 1 ? { type: 'Polygon', coordinates: polys[0]! } : { type: 'MultiPolygon', coordinates: polys });

/** a ∩ b as rings (empty when they do not overlap), b first clipped to a's box so that a long target costs little. */
function intersection(a: Prepared, b: Prepared): Position[][][] {
  let clipped: Feature<AreaGeometry> = asFeature(b.polys);
  if (b.edges.length > 64) {
    const c = bboxClip(clipped, a.box) as Feature<AreaGeometry>;
    const polys = polygonsOf(c.geometry)
      .map((p) => p.filter((r) => r.length >= 4))
      .filter((p) => p.length > 0);
    if (polys.length === 0) return [];
    clipped = asFeature(polys);
  }
  let r: Feature<AreaGeometry> | null;
  try {
    r = intersect(featureCollection([asFeature(a.polys), clipped]));
  } catch {
    // A degenerate clip (Sutherland–Hodgman leaves zero-width seams along the box) that the clipper refused: unclipped.
    r = intersect(featureCollection([asFeature(a.polys), asFeature(b.polys)]));
  }
  return r ? polygonsOf(r.geometry) : [];
}

const areaOf = (polys: Position[][][]) => (polys.length === 0 ? 0 : area(asFeature(polys)));

/** area(a ∩ b) in m²: by clipping against a convex one (grid cells, boxes) where there is one, else with turf. */
function intersectionArea(a: Prepared, b: Prepared): number {
  if (a.convex) return areaOf(clipByConvex(a.convex, b.polys));
  if (b.convex) return areaOf(clipByConvex(b.convex, a.polys));
  return areaOf(intersection(a, b));
}

/** A base's share of the surface: the surface items in it, and which share of each item's population (1 for points). */
interface BaseSurface {
  items: Int32Array;
  share: Float64Array;
  total: number;
}

/** The surface inside a base (cells counted by the share of their area inside it). */
function surfaceOf(shape: Prepared, surface: PreparedSurface): BaseSurface {
  const items: number[] = [];
  const share: number[] = [];
  let total = 0;
  for (const i of surface.index.query(shape.box)) {
    const pop = surface.population[i]!;
    if (pop === 0) continue;
    let f = 0;
    if (surface.points) f = pointInRings(surface.points[2 * i]!, surface.points[2 * i + 1]!, shape.polys) ? 1 : 0;
    else {
      const where = classify(surface.cells![i]!, shape);
      f = where === 'inside' ? 1 : where === 'cut' ? Math.min(1, intersectionArea(surface.cells![i]!, shape) / surface.cellAreas![i]!) : 0;
    }
    if (f > 0) {
      items.push(i);
      share.push(f);
      total += pop * f;
    }
  }
  return { items: Int32Array.from(items), share: Float64Array.from(share), total };
}

/**
 * The surface population of a base inside the target: items wholly inside the target count with their share of
 * the base, items cut by the target's border by the area of item ∩ (base ∩ target).
 */
function surfaceInside(inBase: BaseSurface, target: Prepared, cut: Prepared, surface: PreparedSurface): number {
  let sum = 0;
  for (let k = 0; k < inBase.items.length; k++) {
    const i = inBase.items[k]!;
    const pop = surface.population[i]!;
    if (surface.points) {
      if (pointInRings(surface.points[2 * i]!, surface.points[2 * i + 1]!, target.polys)) sum += pop;
      continue;
    }
    const cell = surface.cells![i]!;
    const where = classify(cell, target);
    if (where === 'inside') sum += pop * inBase.share[k]!;
    // A cell wholly in the base meets the target's simple outline only; one on the base's border meets both.
    else if (where === 'cut') sum += (pop * intersectionArea(cell, inBase.share[k] === 1 ? target : cut)) / surface.cellAreas![i]!;
  }
  return sum;
}

/**
 * The bases a target touches, with the share of each base's counts estimated
 * inside it. Bases wholly inside: weight 1, whole; bases not touched, and
 * slivers below SLIVER of a base's area, are not returned; a base inside up
 * to a sliver counts as whole. With a surface, a cut base's weight is the
 * share of its surface population inside the target; without one, or where
 * the surface has nobody in that base, the share of its area.
 */
export function arealWeights(target: AreaGeometry, bases: readonly BaseArea[] | PreparedBases, surface?: PopulationSurface | PreparedSurface): ArealWeight[] {
  const prepared = 'kind' in bases ? bases : prepareBases(bases);
  const surf = surface === undefined ? undefined : 'kind' in surface ? surface : prepareSurface(surface);
  const t = prepare(polygonsOf(target));
  const out: ArealWeight[] = [];
  if (!(t.box[0] <= t.box[2])) return out;
  const hits = prepared.index.query(t.box).sort((a, b) => a - b);
  for (const i of hits) {
    const base = prepared.shapes[i]!;
    const id = prepared.ids[i]!;
    const where = classify(base, t);
    if (where === 'outside') continue;
    if (where === 'inside') {
      out.push({ id, weight: 1, areaShare: 1, method: 'area', whole: true });
      continue;
    }
    let baseArea = prepared.areas.get(i);
    if (baseArea === undefined) prepared.areas.set(i, (baseArea = areaOf(base.polys)));
    if (!(baseArea > 0)) continue;
    // The cut's shape is needed only to spread a surface; its area alone is cheaper against a convex shape.
    const cut = surf || !(base.convex || t.convex) ? intersection(base, t) : null;
    const areaShare = Math.min(1, (cut ? areaOf(cut) : intersectionArea(base, t)) / baseArea);
    if (areaShare < SLIVER) continue;
    if (areaShare > 1 - SLIVER) {
      out.push({ id, weight: 1, areaShare: 1, method: 'area', whole: true });
      continue;
    }
    if (surf) {
      let cache = prepared.populations.get(surf);
      if (!cache) prepared.populations.set(surf, (cache = new Map()));
      let inBase = cache.get(i);
      if (inBase === undefined) cache.set(i, (inBase = surfaceOf(base, surf)));
      if (inBase.total > 0) {
        const inCut = !cut || cut.length === 0 ? 0 : surfaceInside(inBase, t, prepare(cut), surf);
        out.push({ id, weight: Math.min(1, inCut / inBase.total), areaShare, method: 'population', whole: false });
        continue;
      }
    }
    out.push({ id, weight: areaShare, areaShare, method: 'area', whole: false });
  }
  return out;
}

// The UI's wording of the parts (no turf: the initial bundle reads it) lives in estimate-parts.ts.
export { estimateParts, type EstimatePart } from './estimate-parts';
