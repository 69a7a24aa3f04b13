// Areal weights of a drawn polygon against a site's base areas, with the prepared
// bases and the population surface kept per key, so a second polygon on the same
// site costs only its own cuts (and the surface over the bases it cuts). Used inside the weights worker
// (programme-weights.worker.ts) and, where there is no worker (unit tests in
// Node), in this thread (programme-weights.ts).
import type { Polygon } from 'geojson';
import type { AreaCollection } from './geometry';
import { classify, polygonsOf, prepare } from '../analysis/areal-geometry';
import {
  arealWeights, prepareBases, prepareSurface, type AreaGeometry, type ArealWeight, type PreparedBases, type PreparedSurface,
} from '../analysis/areal-weights';

/**
 * A population surface: cell centres (lon, lat interleaved) and their residents; with `cellMetres`, each
 * centre stands for a square cell of that side (the Zensus grid: 1,000 m), split by area where a base's
 * or the polygon's border crosses it; without, the residents sit at the points.
 */
export interface SurfacePoints {
  positions: Float32Array | Float64Array;
  population: Float32Array | Float64Array;
  cellMetres?: number;
}

/** A square of `metres` around lon/lat as a lon/lat box (a Zensus cell is a square in EPSG:3035; at 1 km the difference is a sliver). */
export function cellAround(lon: number, lat: number, metres: number): Polygon {
  const dy = metres / 2 / 110_574;
  const dx = metres / 2 / (111_320 * Math.cos((lat * Math.PI) / 180));
  return { type: 'Polygon', coordinates: [[[lon - dx, lat - dy], [lon + dx, lat - dy], [lon + dx, lat + dy], [lon - dx, lat + dy], [lon - dx, lat - dy]]] };
}

export class WeightsCache {
  private readonly bases = new Map<string, Promise<PreparedBases>>();
  private readonly surfaces = new Map<string, SurfacePoints>();

  /** The prepared bases of `key`, read with `load` the first time (a failure is retried next time). */
  prepared(key: string, load: () => Promise<AreaCollection>): Promise<PreparedBases> {
    let prepared = this.bases.get(key);
    if (!prepared) {
      prepared = load().then((fc) => prepareBases(fc.features.map((f) => ({ id: String(f.properties.id), geometry: f.geometry }))));
      this.bases.set(key, prepared);
      prepared.catch(() => this.bases.delete(key));
    }
    return prepared;
  }

  hasSurface(key: string): boolean {
    return this.surfaces.has(key);
  }

  /** Keeps a surface under `key` (cells or points with no residents are dropped); its parts are prepared per polygon. */
  setSurface(key: string, s: SurfacePoints): void {
    const keep: number[] = [];
    const n = Math.min(s.positions.length / 2, s.population.length);
    for (let i = 0; i < n; i++) if (s.population[i]! > 0) keep.push(i);
    const positions = new Float64Array(2 * keep.length);
    const population = new Float64Array(keep.length);
    keep.forEach((i, k) => {
      positions[2 * k] = s.positions[2 * i]!;
      positions[2 * k + 1] = s.positions[2 * i + 1]!;
      population[k] = s.population[i]!;
    });
    this.surfaces.set(key, { positions, population, ...(s.cellMetres ? { cellMetres: s.cellMetres } : {}) });
  }

  /**
   * The weights of `geometry` against the bases of `baseKey`, refined by the surface of `surfaceKey` when kept.
   * Only the surface over the bases the polygon cuts is prepared (a cut base's whole population is its
   * weight's denominator, so the box covers each of them entirely): a polygon over a few Gemeinden does
   * not pay for all 214,633 cells of Germany.
   */
  async weigh(baseKey: string, load: () => Promise<AreaCollection>, geometry: AreaGeometry, surfaceKey?: string): Promise<ArealWeight[]> {
    const bases = await this.prepared(baseKey, load);
    const surface = surfaceKey === undefined ? undefined : this.surfaces.get(surfaceKey);
    if (!surface) return arealWeights(geometry, bases);
    // The bases the polygon's border crosses (a cheap planar test; arealWeights measures them).
    const t = prepare(polygonsOf(geometry));
    const box = [Infinity, Infinity, -Infinity, -Infinity];
    for (const i of bases.index.query(t.box)) {
      if (classify(bases.shapes[i]!, t) !== 'cut') continue;
      const b = bases.shapes[i]!.box;
      box[0] = Math.min(box[0]!, b[0]);
      box[1] = Math.min(box[1]!, b[1]);
      box[2] = Math.max(box[2]!, b[2]);
      box[3] = Math.max(box[3]!, b[3]);
    }
    if (!(box[0]! <= box[2]!)) return arealWeights(geometry, bases);
    return arealWeights(geometry, bases, this.localSurface(surfaceKey!, surface, box as [number, number, number, number]));
  }

  /** The last few parts of surfaces prepared, by the box they cover: a polygon edited, or drawn again nearby, reuses one. */
  private readonly locals: { key: string; box: [number, number, number, number]; surface: PreparedSurface }[] = [];

  private localSurface(key: string, s: SurfacePoints, box: [number, number, number, number]): PreparedSurface {
    const hit = this.locals.find((l) => l.key === key && l.box[0] <= box[0] && l.box[1] <= box[1] && l.box[2] >= box[2] && l.box[3] >= box[3]);
    if (hit) return hit.surface;
    const surface = localSurface(s, box);
    this.locals.unshift({ key, box, surface });
    this.locals.length = Math.min(this.locals.length, 4);
    return surface;
  }
}

/** Half a cell's diagonal and more (degrees): a cell whose centre lies just outside the box may still reach into it. */
const CELL_MARGIN = 0.02;

/** The surface's cells (or points) whose centre lies in `box` (grown by a margin), prepared. */
function localSurface(s: SurfacePoints, [w, so, e, n]: [number, number, number, number]): PreparedSurface {
  const m = s.cellMetres ? CELL_MARGIN : 0;
  const points: [number, number][] = [];
  const population: number[] = [];
  for (let i = 0; i < s.population.length; i++) {
    const x = s.positions[2 * i]!;
    const y = s.positions[2 * i + 1]!;
    if (x < w - m || x > e + m || y < so - m || y > n + m) continue;
    points.push([x, y]);
    population.push(s.population[i]!);
  }
  const metres = s.cellMetres;
  return prepareSurface(metres ? { cells: points.map(([x, y], i) => ({ geometry: cellAround(x, y, metres), population: population[i]! })) } : { points, population });
}
