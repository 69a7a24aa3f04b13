// Areal weights of a drawn polygon against a site's base areas, with the prepared
// bases (and the population surface) kept per key, so a second polygon on the
// same site costs only its own cuts. Used inside the weights worker
// (programme-weights.worker.ts) and, where there is no worker (unit tests in
// Node), in this thread (programme-weights.ts).
import type { Polygon } from 'geojson';
import type { AreaCollection } from './geometry';
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
function cellAround(lon: number, lat: number, metres: number): Polygon {
  const dy = metres / 2 / 110_574;
  const dx = metres / 2 / (111_320 * Math.cos((lat * Math.PI) / 180));
  return { type: 'Polygon', coordinates: [[[lon - dx, lat - dy], [lon + dx, lat - dy], [lon + dx, lat + dy], [lon - dx, lat + dy], [lon - dx, lat - dy]]] };
}

export class WeightsCache {
  private readonly bases = new Map<string, Promise<PreparedBases>>();
  private readonly surfaces = new Map<string, PreparedSurface>();

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

  /** Keeps a surface under `key` (cells or points with no residents are dropped). */
  setSurface(key: string, s: SurfacePoints): void {
    const points: [number, number][] = [];
    const population: number[] = [];
    const n = Math.min(s.positions.length / 2, s.population.length);
    for (let i = 0; i < n; i++) {
      const p = s.population[i]!;
      if (!(p > 0)) continue;
      points.push([s.positions[2 * i]!, s.positions[2 * i + 1]!]);
      population.push(p);
    }
    const metres = s.cellMetres;
    this.surfaces.set(
      key,
      prepareSurface(metres ? { cells: points.map(([x, y], i) => ({ geometry: cellAround(x, y, metres), population: population[i]! })) } : { points, population }),
    );
  }

  /** The weights of `geometry` against the bases of `baseKey` (refined by the surface of `surfaceKey` when kept). */
  async weigh(baseKey: string, load: () => Promise<AreaCollection>, geometry: AreaGeometry, surfaceKey?: string): Promise<ArealWeight[]> {
    const bases = await this.prepared(baseKey, load);
    const surface = surfaceKey === undefined ? undefined : this.surfaces.get(surfaceKey);
    return arealWeights(geometry, bases, surface);
  }
}
